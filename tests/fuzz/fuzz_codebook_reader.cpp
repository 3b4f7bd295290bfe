// Any bytes given to the codebook reader either load or fail with a
// FormatError; what loads writes out and reads back to the same codebook.

#include "gloss/annotations/codebook.hpp"
#include "gloss/annotations/format_error.hpp"

#include <cstdint>
#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    using namespace gloss::annotations;
    Codebook codebook;
    try {
        codebook = parseCodebook(std::string_view(reinterpret_cast<const char*>(data), size));
    } catch (const FormatError&) {
        return 0;
    }
    if (codebookFromJson(codebookToJson(codebook)).tags != codebook.tags) std::abort();
    return 0;
}
