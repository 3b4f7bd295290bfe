#pragma once

// Seeded generator of annotation files for the tests that hold two pieces of
// code equal (the two readers; the writer and nlohmann's dump): files whose
// records the readers accept, full of awkward text and unknown fields, and
// single random changes to a file's text.

#include "gloss/annotations/annotation_file.hpp"

#include <cstdint>
#include <random>
#include <string>
#include <vector>

namespace gloss::test {

class AnnotationFileGenerator {
  public:
    explicit AnnotationFileGenerator(uint64_t seed) : rng_(seed) {}

    // `records` annotations every check accepts (awkward quotes, notes and
    // ids; unknown fields of every JSON type; conflicts; orphans past the
    // end), sometimes with no codebook, and `rejected` records kept verbatim.
    annotations::AnnotationFile file(size_t records, size_t rejected = 0);

    // `text` with one random change: a string (a key or a value) or a number
    // replaced by one a check looks at, a value replaced by one of another
    // type, or bytes inserted, removed or repeated.
    std::string mutate(const std::string& text);

  private:
    using Json = nlohmann::ordered_json;

    uint64_t below(uint64_t bound) { return rng_() % bound; }
    bool chance(unsigned percent) { return below(100) < percent; }
    std::string awkwardText(size_t maxPieces);
    Json awkwardValue(int depth);
    annotations::Annotation annotation(size_t index, const std::vector<std::string>& tagIds,
                                       uint64_t codepoints);

    std::mt19937_64 rng_;
};

} // namespace gloss::test
