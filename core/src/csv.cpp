#include "gloss/core/csv.hpp"

namespace gloss::core {

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

} // namespace

void appendCsvRow(std::string& out, const std::vector<std::string>& cells) {
    for (size_t i = 0; i < cells.size(); ++i) {
        if (i) out += ',';
        appendCell(out, cells[i]);
    }
    out += "\r\n";
}

} // namespace gloss::core
