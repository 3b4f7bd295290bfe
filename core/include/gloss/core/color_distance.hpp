#pragma once

#include "gloss/annotations/codebook.hpp"

#include <string>
#include <vector>

namespace gloss::core {

// CIELAB under D65, from an sRGB colour.
struct Lab {
    double l = 0, a = 0, b = 0;
};

// "#rrggbb" to CIELAB (D65); black for text that is not such a colour.
Lab labFromHex(const std::string& hex);

// The CIEDE2000 colour difference (kL = kC = kH = 1), as defined by the CIE
// and worked through by Sharma, Wu and Dalal (2005). About 1 is the smallest
// difference people see; codes side by side want 20 or more.
double ciede2000(const Lab& first, const Lab& second);

// The colours a new code may get, "#rrggbb": hues all around the wheel at a
// few saturations and lightnesses a text can be read over.
const std::vector<std::string>& newCodeCandidates();

// The candidate furthest from every colour in `inUse` (the largest smallest
// CIEDE2000 distance); the first such when several tie.
std::string mostDistinctColor(const std::vector<std::string>& inUse);

// A new code's colour: the candidate most unlike the codebook's colours and
// the editor's page background in either style, so it never fades into the page.
std::string colorForNewTag(const annotations::Codebook& codebook);

} // namespace gloss::core
