#pragma once

#include <cstddef>
#include <optional>
#include <string_view>

namespace gloss::annotations {

struct ApproximateMatch {
    size_t start = 0; // byte offsets into the searched text, half-open
    size_t end = 0;
    size_t errors = 0; // edit distance (insertions, deletions, substitutions of bytes)
};

// The best occurrence of `pattern` in `text` with at most `maxErrors` byte
// edits, found with Myers' bit-parallel algorithm in blocks of 64 pattern
// bytes: O(text * pattern / 64). Among equally good matches the one ending
// nearest `preferredEnd` wins. Returns nullopt when nothing is close enough.
std::optional<ApproximateMatch> findApproximate(std::string_view text, std::string_view pattern,
                                                size_t maxErrors, size_t preferredEnd);

} // namespace gloss::annotations
