// Any bytes given to a source plugin's extraction (GLOSS_FUZZ_FORMAT: pdf,
// docx or html, one executable each) either give text or fail with a
// message; the page starts of what they give are in order and in the text.

#include "extractors.hpp"

#include <cstdint>
#include <cstdlib>
#include <gloss/plugin.hpp>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const std::string_view bytes(reinterpret_cast<const char*>(data), size);
    try {
        const gloss::sources::Extracted extracted = gloss::sources::GLOSS_FUZZ_EXTRACT(bytes);
        uint64_t last = 0;
        for (const uint64_t start : extracted.pageStarts) {
            if (start < last || start > extracted.text.size()) std::abort();
            last = start;
        }
    } catch (const gloss::plugin::Failure&) {
    }
    return 0;
}
