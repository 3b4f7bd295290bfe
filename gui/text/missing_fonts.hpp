#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace gloss::gui::text {

// What to tell someone whose report has characters no installed font has:
// the scripts, a code point of each, and the Debian package with a font for
// them ("No installed font has Thai (U+0E01): install fonts-noto-core").
std::string missingFontsMessage(const std::vector<uint32_t>& codepoints);

// "Thai", "Chinese", "emoji": the script of a code point, as people name it.
std::string scriptName(uint32_t codepoint);

} // namespace gloss::gui::text
