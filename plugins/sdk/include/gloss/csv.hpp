// gloss/csv.hpp: header-only CSV cells safe to open in a spreadsheet, for
// exporters that write CSV (Gloss's own csv export and `gloss-cli segments
// --csv` use it).
#pragma once

#include <string>
#include <string_view>

namespace gloss::csv {

// Whether a spreadsheet runs a cell starting with `c` as a formula.
inline bool startsFormula(char c) {
    return c == '=' || c == '+' || c == '-' || c == '@';
}

// Appends `value` as one RFC 4180 field: quoted, '"' doubled. The formula
// guard (OWASP, "CSV Injection"): a cell starting with =, +, -, @, tab or CR
// gets a single quote first, which a spreadsheet shows as text. A reader told
// another separator than the comma (the semicolon, in many locales), or one
// reading a cell's lines as rows, starts cells after any ',', ';', tab, CR or
// LF inside a cell, so each =, +, -, @ there gets one too. Quoting every
// cell keeps a one-line row in one cell for such a reader.
inline void appendCell(std::string& out, std::string_view value) {
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

} // namespace gloss::csv
