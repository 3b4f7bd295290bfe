// Fonts from fontconfig with the glyphs the report needs.

#include "platform/fonts.hpp"

#include "gloss/annotations/utf8.hpp"

#include <algorithm>
#include <fontconfig/fontconfig.h>
#include <imgui_internal.h> // ImTextCharFromUtf8

namespace gloss::gui {

std::filesystem::path findFontFile(const std::string& family) {
    std::filesystem::path found;
    if (!FcInit()) return found;
    FcPattern* pattern = FcNameParse(reinterpret_cast<const FcChar8*>(family.c_str()));
    if (!pattern) return found;
    FcConfigSubstitute(nullptr, pattern, FcMatchPattern);
    FcDefaultSubstitute(pattern);
    FcResult result = FcResultNoMatch;
    if (FcPattern* match = FcFontMatch(nullptr, pattern, &result)) {
        FcChar8* file = nullptr;
        FcChar8* matchedFamily = nullptr;
        // fontconfig always answers with something; only take the family asked for.
        if (FcPatternGetString(match, FC_FILE, 0, &file) == FcResultMatch &&
            FcPatternGetString(match, FC_FAMILY, 0, &matchedFamily) == FcResultMatch &&
            family.rfind(reinterpret_cast<const char*>(matchedFamily), 0) == 0) {
            const std::filesystem::path path(reinterpret_cast<const char*>(file));
            const auto extension = path.extension().string();
            if (extension == ".ttf" || extension == ".otf") found = path;
        }
        FcPatternDestroy(match);
    }
    FcPatternDestroy(pattern);
    return found;
}

std::vector<ImWchar> glyphRangesFor(std::string_view text) {
    ImFontGlyphRangesBuilder builder;
    builder.AddRanges(ImGui::GetIO().Fonts->GetGlyphRangesDefault());
    static const ImWchar extra[] = {0x2000, 0x206F, 0x20A0, 0x20CF, 0x2190, 0x21FF,
                                    0x25A0, 0x25FF, 0xFFFD, 0xFFFD, 0};
    builder.AddRanges(extra);
    // One pass over the text: mark each code point. ImGui stores glyphs of the BMP.
    const char* p = text.data();
    const char* end = p + text.size();
    while (p < end) {
        if (end - p >= 8 && annotations::utf8::eightBytesAscii(p)) {
            p += 8;
            continue;
        }
        if (static_cast<unsigned char>(*p) < 0x80) {
            ++p;
            continue;
        }
        unsigned c = 0;
        const int length = ImTextCharFromUtf8(&c, p, end);
        if (c > 0 && c < 0x10000) builder.AddChar(static_cast<ImWchar>(c));
        p += length > 0 ? length : 1;
    }
    ImVector<ImWchar> ranges;
    builder.BuildRanges(&ranges);
    return std::vector<ImWchar>(ranges.begin(), ranges.end());
}

LoadedFonts loadFonts(ImFontAtlas& atlas, float pixels, const std::vector<ImWchar>& ranges) {
    LoadedFonts fonts;
    for (const char* family : {"DejaVu Sans", "Noto Sans"}) {
        const auto file = findFontFile(family);
        if (file.empty()) continue;
        fonts.ui = atlas.AddFontFromFileTTF(file.c_str(), pixels, nullptr, ranges.data());
        if (!fonts.ui) continue;
        fonts.description = file.filename().string();
        break;
    }
    if (!fonts.ui) {
        ImFontConfig config;
        config.SizePixels = pixels;
        fonts.ui = atlas.AddFontDefault(&config);
        fonts.description = "ImGui default font (fontconfig found neither DejaVu Sans nor Noto Sans)";
        return fonts;
    }
    // Glyphs the first font lacks (symbols, other scripts) from the next ones.
    for (const char* family : {"Noto Sans CJK SC", "Noto Sans Symbols"}) {
        const auto file = findFontFile(family);
        if (file.empty()) continue;
        ImFontConfig merge;
        merge.MergeMode = true;
        atlas.AddFontFromFileTTF(file.c_str(), pixels, &merge, ranges.data());
        fonts.description += " + " + file.filename().string();
    }
    return fonts;
}

} // namespace gloss::gui
