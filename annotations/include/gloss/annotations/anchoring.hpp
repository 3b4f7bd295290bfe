#pragma once

#include "gloss/annotations/annotation.hpp"
#include "gloss/annotations/report_text.hpp"

#include <vector>

namespace gloss::annotations {

// Characters of context kept on each side of a quote (the W3C prefix/suffix).
inline constexpr uint64_t kContextCodepoints = 32;

// Quotes longer than this are re-anchored only by exact search: the fuzzy
// step's cost grows with quote length times the searched window.
inline constexpr size_t kMaxFuzzyQuoteBytes = 16 * 1024;

// A fuzzy match may differ from the quote in at most this fraction of its bytes.
inline constexpr double kMaxFuzzyErrorRate = 0.2;

// How much fuzzy searching one anchorAll does at most, in quote bytes times
// bytes searched (about 3 s): a file of many long quotes that are nowhere in
// the report would otherwise take minutes. The setting
// GLOSS_MAX_FUZZY_ANCHOR_WORK changes it (plugins/sdk/include/gloss/limits.hpp).
inline constexpr uint64_t kDefaultFuzzyAnchorWork = uint64_t{1} << 34;

struct AnchorOptions {
    uint64_t fuzzyWork = kDefaultFuzzyAnchorWork;
    // The annotations were last anchored on this very text (their file
    // records its sha256): an orphan stays orphaned without a search, which
    // would find nothing again.
    bool sameReport = false;
};

struct AnchorCounts {
    size_t anchored = 0;
    size_t moved = 0;
    size_t orphaned = 0;
    size_t unsearched = 0; // of the orphaned: not searched for fuzzily, the work limit being reached
};

// The quote, prefix and suffix of [start, end) of `text` (code points), as
// views of the text.
struct Selectors {
    std::string_view quote;
    std::string_view prefix;
    std::string_view suffix;
};
Selectors selectorsOf(const ReportText& text, uint64_t start, uint64_t end);

// Fills start, end, quote, prefix and suffix for [start, end) of `text` (code points).
void setSelectors(Annotation& annotation, const ReportText& text, uint64_t start, uint64_t end);

// Checks an annotation against the report and updates its range and status
// (docs/formats.md, "Anchoring"): the stored position still holds the quote -> anchored; else the
// exact quote found elsewhere, the occurrence with the best context nearest
// the old position -> moved; else a fuzzy match within kMaxFuzzyErrorRate in
// a bounded window around the old position -> moved (quote updated to the new
// text); else orphaned, with range and quote kept as they were.
AnchorStatus anchor(Annotation& annotation, const ReportText& text);

AnchorCounts anchorAll(std::vector<Annotation>& annotations, const ReportText& text,
                       const AnchorOptions& options = {});

} // namespace gloss::annotations
