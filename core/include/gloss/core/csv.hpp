#pragma once

#include <string>
#include <string_view>
#include <vector>

// RFC 4180 rows (comma-separated, CRLF line ends, every field quoted with
// '"' doubled), UTF-8, safe to open in a spreadsheet with any separator.
namespace gloss::core {

// Appends one row. A cell that starts with =, +, -, @, tab or CR gets a
// single quote first, since a spreadsheet would run it as a formula (OWASP,
// "CSV Injection"); so does each =, +, -, @ after a ',', ';', tab, CR or LF
// inside a cell, where a reader with another separator starts a cell
// (docs/formats.md §11.4). Cells are written by the SDK's gloss/csv.hpp, as
// the export plugin's CSV writes them.
void appendCsvRow(std::string& out, const std::vector<std::string>& cells);

} // namespace gloss::core
