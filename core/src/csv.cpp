#include "gloss/core/csv.hpp"

namespace gloss::core {

namespace {

void appendCell(std::string& out, std::string_view value) {
    const bool formula =
        !value.empty() && std::string_view("=+-@\t\r").find(value.front()) != std::string_view::npos;
    const bool quoted = formula || value.find_first_of("\",\r\n") != std::string_view::npos;
    if (!quoted) {
        out += value;
        return;
    }
    out += formula ? "\"'" : "\"";
    for (const char c : value) out += c == '"' ? std::string_view("\"\"") : std::string_view(&c, 1);
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
