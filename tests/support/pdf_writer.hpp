#pragma once

#include <filesystem>
#include <string>
#include <vector>

// PDFs for the tests and benchmarks of the pdf source, drawn with cairo's PDF
// surface in DejaVu Sans, so each run makes the same file from the same pages.
namespace gloss::test {

struct PdfPage {
    std::vector<std::string> lines; // UTF-8, drawn top to bottom
    int columns = 1;                // 2: the first half of the lines left, the rest right
    bool picture = false;           // also a grey box, as a scanned page would have
};

// Throws std::runtime_error when cairo cannot write the file.
void writePdf(const std::filesystem::path& path, const std::vector<PdfPage>& pages);

} // namespace gloss::test
