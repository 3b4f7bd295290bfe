#include "gloss/core/csv.hpp"

#include <gloss/csv.hpp>

namespace gloss::core {

void appendCsvRow(std::string& out, const std::vector<std::string>& cells) {
    for (size_t i = 0; i < cells.size(); ++i) {
        if (i) out += ',';
        csv::appendCell(out, cells[i]);
    }
    out += "\r\n";
}

} // namespace gloss::core
