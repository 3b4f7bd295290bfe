// csv: one row per annotation, RFC 4180 (comma-separated, CRLF line ends,
// fields with '"', ',', CR or LF quoted with '"' doubled), UTF-8, with a
// header. Offsets are code points; tags are joined with ';'.
//
// Formula injection (OWASP, "CSV Injection"): a spreadsheet runs a cell that
// starts with =, +, -, @, tab or CR as a formula, so such a cell gets a
// leading single quote, which makes a spreadsheet show it as text.

#include "annotation_file.hpp"
#include "host.hpp"

namespace gloss_export {

namespace {

void appendCell(std::string& row, std::string_view value) {
    std::string cell;
    if (!value.empty() && std::string_view("=+-@\t\r").find(value.front()) != std::string_view::npos)
        cell = "'";
    cell += value;
    if (cell.find_first_of("\",\r\n") == std::string::npos) {
        row += cell;
        return;
    }
    row += '"';
    for (const char c : cell) row += c == '"' ? std::string_view("\"\"") : std::string_view(&c, 1);
    row += '"';
}

std::string joined(const std::vector<std::string>& values, std::string_view separator) {
    std::string text;
    for (size_t i = 0; i < values.size(); ++i) text += (i ? std::string(separator) : "") + values[i];
    return text;
}

} // namespace

void exportCsv(const Host&, std::string_view annotationsJson, gloss::plugin::ByteWriter& out) {
    const AnnotationFile file = readAnnotationFile(annotationsJson);
    out.write("id,start,end,quote,tags,note,author,created,origin,status\r\n");
    std::string row;
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
            appendCell(row, field);
        }
        out.write(row + "\r\n");
        if (out.stopped()) return;
    }
}

} // namespace gloss_export
