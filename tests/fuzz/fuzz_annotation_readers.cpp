// The fast reader and the DOM reader on any bytes: wherever the fast reader
// reads a file, the DOM reader must read the same annotations, rejected
// records and problems (tests/support/reader_agreement.hpp).

#include "reader_agreement.hpp"

#include <cstdint>
#include <cstdio>
#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const auto disagreement =
        gloss::test::readersDisagree(std::string_view(reinterpret_cast<const char*>(data), size));
    if (disagreement) {
        std::fprintf(stderr, "the readers disagree: %s\n", disagreement->c_str());
        std::abort();
    }
    return 0;
}
