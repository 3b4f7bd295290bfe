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

struct AnchorCounts {
    size_t anchored = 0;
    size_t moved = 0;
    size_t orphaned = 0;
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

AnchorCounts anchorAll(std::vector<Annotation>& annotations, const ReportText& text);

} // namespace gloss::annotations
