// csv: one row per annotation, RFC 4180 (comma-separated, CRLF line ends,
// every field quoted with '"' doubled), UTF-8, with a header. Offsets are code
// points; tags are joined with ';'. Option "excel": a UTF-8 BOM first, by
// which Excel and LibreOffice know the file is UTF-8.
//
// Formula injection (OWASP, "CSV Injection"): see appendCell. gloss-cli
// segments --csv writes by the same rules (core/src/csv.cpp); plugins link
// only the SDK, so this is a copy.

#include "annotation_file.hpp"
#include "host.hpp"

namespace gloss_export {

namespace {

// The formula guard (docs/formats.md §11.4). A spreadsheet runs a cell that
// starts with =, +, -, @ (or, at the start, tab or CR) as a formula, so such
// a start gets a single quote before it, which shows it as text. A reader
// told another separator than the comma (the semicolon, in many locales) or
// reading a cell's lines as rows starts cells after any ',', ';', tab, CR
// or LF inside a cell, so those starts are guarded too. Every cell is
// quoted, so such a reader keeps a one-line row in one cell.
bool startsFormula(char c) {
    return c == '=' || c == '+' || c == '-' || c == '@';
}

void appendCell(std::string& out, std::string_view value) {
    out += '"';
    if (!value.empty() && (startsFormula(value.front()) || value.front() == '\t' || value.front() == '\r'))
        out += '\'';
    for (size_t i = 0; i < value.size(); ++i) {
        const char c = value[i];
        out += c == '"' ? std::string_view("\"\"") : std::string_view(&c, 1);
        if (i + 1 < value.size() && std::string_view(",;\t\r\n").find(c) != std::string_view::npos &&
            startsFormula(value[i + 1]))
            out += '\'';
    }
    out += '"';
}

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
        appendCell(row, name);
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
            appendCell(row, field);
        }
        out.write(row + "\r\n");
        if (out.stopped()) return;
    }
}

} // namespace gloss_export
