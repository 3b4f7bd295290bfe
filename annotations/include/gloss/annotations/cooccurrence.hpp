#pragma once

#include "gloss/annotations/annotation.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace gloss::annotations {

// Two codes that meet in one report: the stretches of text coded with both
// (one passage with both codes, or overlapping passages with one each).
struct Cooccurrence {
    std::string first; // first < second
    std::string second;
    size_t passages = 0;     // separate stretches of text coded with both
    uint64_t codepoints = 0; // their length
};

// Every pair of exact codes (not their parents) that meet in `annotations`,
// ordered by the pair's names. A stretch is where the text coded with one
// code (the union of its passages) and the text coded with the other
// overlap, so three overlapping passages with both codes are one passage,
// not three pairs.
std::vector<Cooccurrence> cooccurrences(const std::vector<Annotation>& annotations);

} // namespace gloss::annotations
