// Any bytes given to the annotation reader either load or fail with a
// FormatError; what loads writes out and reads back to the same records.

#include "gloss/annotations/annotation_file.hpp"

#include <cstdint>
#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    using namespace gloss::annotations;
    AnnotationFile file;
    try {
        file = parseAnnotationFile(std::string_view(reinterpret_cast<const char*>(data), size));
    } catch (const FormatError&) {
        return 0;
    }
    const std::string written = serializeAnnotationFile(file);
    const AnnotationFile again = parseAnnotationFile(written);
    if (again.annotations.size() != file.annotations.size() || again.rejected != file.rejected) std::abort();
    if (serializeAnnotationFile(again) != written) std::abort();
    return 0;
}
