#pragma once

#include <cstdint>
#include <span>
#include <vector>

namespace gloss::gui::text {

// A run of code points [first, last) at one embedding level: odd levels are
// right to left.
struct LevelRun {
    size_t first = 0;
    size_t last = 0;
    uint8_t level = 0;
    bool rtl() const { return (level & 1) != 0; }
};

// Whether a paragraph reads right to left: its first strong character is
// (rules P2 and P3 of the Unicode bidi algorithm).
bool paragraphIsRtl(std::span<const uint32_t> paragraph);

// The runs of one visual row of a paragraph, in visual order from the left:
// levels by the Unicode bidi algorithm (FriBidi) with the paragraph's
// direction, then runs reversed by rule L2. Trailing blanks take the
// paragraph's level (rule L1), so they stay at the row's end.
std::vector<LevelRun> visualRuns(std::span<const uint32_t> row, bool rtlParagraph);

} // namespace gloss::gui::text
