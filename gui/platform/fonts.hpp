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

// The glyph ranges to bake for `text`: Latin, general punctuation, every code
// point the text uses (within the Basic Multilingual Plane, which is what
// ImGui 1.86 draws) and U+FFFD, drawn for anything no font has.
std::vector<ImWchar> glyphRangesFor(std::string_view text);

struct LoadedFonts {
    ImFont* ui = nullptr;
    std::string description; // which files, for the status bar and logs
};

// Adds DejaVu Sans (or Noto Sans) at `pixels` with `ranges` to the atlas,
// merging DejaVu Sans Mono / Noto fallbacks where found; ImGui's built-in font
// when fontconfig finds nothing. `ranges` must outlive the atlas build.
LoadedFonts loadFonts(ImFontAtlas& atlas, float pixels, const std::vector<ImWchar>& ranges);

} // namespace gloss::gui
