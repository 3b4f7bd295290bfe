// The Unicode bidi algorithm for one row, through FriBidi.

#include "text/bidi.hpp"

#include <algorithm>
#include <fribidi.h>

namespace gloss::gui::text {

bool paragraphIsRtl(std::span<const uint32_t> paragraph) {
    std::vector<FriBidiCharType> types(paragraph.size());
    fribidi_get_bidi_types(paragraph.data(), static_cast<FriBidiStrIndex>(paragraph.size()), types.data());
    return fribidi_get_par_direction(types.data(), static_cast<FriBidiStrIndex>(types.size())) ==
           FRIBIDI_PAR_RTL;
}

std::vector<LevelRun> visualRuns(std::span<const uint32_t> row, bool rtlParagraph) {
    std::vector<LevelRun> runs;
    if (row.empty()) return runs;
    const auto length = static_cast<FriBidiStrIndex>(row.size());
    std::vector<FriBidiCharType> types(row.size());
    std::vector<FriBidiBracketType> brackets(row.size());
    std::vector<FriBidiLevel> levels(row.size());
    fribidi_get_bidi_types(row.data(), length, types.data());
    fribidi_get_bracket_types(row.data(), length, types.data(), brackets.data());
    FriBidiParType direction = rtlParagraph ? FRIBIDI_PAR_RTL : FRIBIDI_PAR_LTR;
    if (fribidi_get_par_embedding_levels_ex(types.data(), brackets.data(), length, &direction,
                                            levels.data()) == 0)
        std::fill(levels.begin(), levels.end(), static_cast<FriBidiLevel>(rtlParagraph ? 1 : 0));
    // L1: blanks at the end of the row go back to the paragraph's level.
    for (size_t i = row.size(); i > 0 && (row[i - 1] == ' ' || row[i - 1] == '\t'); --i)
        levels[i - 1] = rtlParagraph ? 1 : 0;
    for (size_t i = 0; i < row.size();) {
        size_t j = i + 1;
        while (j < row.size() && levels[j] == levels[i]) ++j;
        runs.push_back({i, j, static_cast<uint8_t>(levels[i])});
        i = j;
    }
    // L2: from the highest level down to the lowest odd one, reverse every
    // sequence of runs at that level or above.
    uint8_t highest = 0, lowestOdd = 255;
    for (const LevelRun& run : runs) {
        highest = std::max(highest, run.level);
        if (run.rtl()) lowestOdd = std::min(lowestOdd, run.level);
    }
    for (int level = highest; level >= lowestOdd && level > 0; --level)
        for (size_t i = 0; i < runs.size();) {
            if (runs[i].level < level) {
                ++i;
                continue;
            }
            size_t j = i;
            while (j < runs.size() && runs[j].level >= level) ++j;
            std::reverse(runs.begin() + static_cast<long>(i), runs.begin() + static_cast<long>(j));
            i = j;
        }
    return runs;
}

} // namespace gloss::gui::text
