#pragma once

#include <cstddef>
#include <string_view>
#include <vector>

namespace gloss::annotations {

struct ApproximateMatch {
    size_t start = 0; // byte offsets into the searched text, half-open
    size_t end = 0;
    size_t errors = 0; // edit distance (insertions, deletions, substitutions of bytes)
};

// Occurrences of `pattern` in `text` with at most `maxErrors` byte edits,
// found with Myers' bit-parallel algorithm in blocks of 64 pattern bytes:
// O(text * pattern / 64). Each run of neighbouring ends within the bound
// counts once, by its best end. At most `limit` of them, the fewest errors
// first, then the nearest to `preferredEnd`; empty when nothing is close enough.
std::vector<ApproximateMatch> findApproximate(std::string_view text, std::string_view pattern,
                                              size_t maxErrors, size_t preferredEnd, size_t limit);

// Edit distance between `pattern` and the prefix of `text` closest to it
// (the whole pattern against text[0, k) for the best k).
size_t distanceToBestPrefix(std::string_view text, std::string_view pattern);

} // namespace gloss::annotations
