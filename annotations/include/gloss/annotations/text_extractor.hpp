#pragma once

#include <string>

namespace gloss::annotations {

// What turned a report file that is not text (PDF, DOCX, HTML) into the
// report text: a source plugin's extractor, e.g. "poppler" "22.12.0".
struct TextExtractor {
    std::string name;
    std::string version;
    bool operator==(const TextExtractor&) const = default;
};

} // namespace gloss::annotations
