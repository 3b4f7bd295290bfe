#pragma once

#include <filesystem>
#include <imgui.h>
#include <string>
#include <string_view>
#include <vector>

namespace gloss::gui {

// A font file found through fontconfig for `family` ("DejaVu Sans"); empty
// when fontconfig has nothing that is a real file.
std::filesystem::path findFontFile(const std::string& family);

// The glyph ranges to bake for `text` and `more` (the codebook's labels,
// notes): Latin, general punctuation, every code point they use (within the
// Basic Multilingual Plane, which is what ImGui 1.86 draws) and U+FFFD, drawn
// for anything no font has.
std::vector<ImWchar> glyphRangesFor(std::string_view text, std::string_view more = {});

struct LoadedFonts {
    ImFont* ui = nullptr;
    std::string description; // which files, for the status bar and logs
    // The code points each merged font gives; the atlas reads them when it
    // is built, so they must live until then.
    std::vector<std::vector<ImWchar>> fallbackRanges;
};

// Adds DejaVu Sans (or Noto Sans) at `pixels` with `ranges` to the atlas,
// merging, for the code points of `ranges` it lacks, the fonts fontconfig
// finds for them (Noto Arabic, Devanagari, WenQuanYi...), each with only
// those code points; ImGui's built-in font when fontconfig finds nothing.
// `ranges` and the result must outlive the atlas build. ImGui draws no
// shaping and no bidi: Arabic letters come unjoined and left to right.
[[nodiscard]] LoadedFonts loadFonts(ImFontAtlas& atlas, float pixels, const std::vector<ImWchar>& ranges);

} // namespace gloss::gui
