// csv: one row per annotation, RFC 4180 (comma-separated, CRLF line ends,
// every field quoted with '"' doubled), UTF-8, with a header. Offsets are code
// points; tags are joined with ';'. Option "excel": a UTF-8 BOM first, by
// which Excel and LibreOffice know the file is UTF-8.
//
// Formula injection (OWASP, "CSV Injection"): cells are written by
// gloss/csv.hpp, as gloss-cli segments --csv writes them.

#include "annotation_file.hpp"
#include "host.hpp"

#include <gloss/csv.hpp>

namespace gloss_export {

namespace {

std::string joined(const std::vector<std::string>& values, std::string_view separator) {
    std::string text;
    for (size_t i = 0; i < values.size(); ++i) text += (i ? std::string(separator) : "") + values[i];
    return text;
}

} // namespace

void exportCsv(const Host& host, std::string_view annotationsJson, gloss::plugin::ByteWriter& out) {
    const AnnotationFile file = readAnnotationFile(annotationsJson);
    if (host.flag("excel")) out.write("\xEF\xBB\xBF");
    std::string row;
    for (const char* name :
         {"id", "start", "end", "quote", "tags", "note", "author", "created", "origin", "status"}) {
        if (!row.empty()) row += ',';
        gloss::csv::appendCell(row, name);
    }
    out.write(row + "\r\n");
    for (const Record& record : file.annotations) {
        row.clear();
        const std::string fields[] = {record.id,
                                      std::to_string(record.start),
                                      std::to_string(record.end),
                                      record.quote,
                                      joined(record.tags, ";"),
                                      record.note,
                                      record.author,
                                      record.created,
                                      record.origin,
                                      record.status};
        for (const std::string& field : fields) {
            if (&field != fields) row += ',';
            gloss::csv::appendCell(row, field);
        }
        out.write(row + "\r\n");
        if (out.stopped()) return;
    }
}

} // namespace gloss_export
