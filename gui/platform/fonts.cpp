// Fonts from fontconfig with the glyphs the report needs.

#include "platform/fonts.hpp"

#include "gloss/annotations/utf8.hpp"
#include "text/font_stack.hpp"

#include <algorithm>
#include <fontconfig/fontconfig.h>
#include <imgui_internal.h> // ImTextCharFromUtf8
#include <map>

namespace gloss::gui {

namespace {
// Code points below are Latin, Greek and Cyrillic, which the UI font has.
constexpr unsigned kOtherScripts = 0x0590;
} // namespace

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

std::vector<ImWchar> glyphRangesFor(std::string_view text, std::string_view more) {
    ImFontGlyphRangesBuilder builder;
    builder.AddRanges(ImGui::GetIO().Fonts->GetGlyphRangesDefault());
    static const ImWchar extra[] = {0x2000, 0x206F, 0x20A0, 0x20CF, 0x2190, 0x21FF,
                                    0x25A0, 0x25FF, 0xFFFD, 0xFFFD, 0};
    builder.AddRanges(extra);
    // One pass over each text: mark each code point. ImGui stores glyphs of the BMP.
    for (const std::string_view part : {text, more}) {
        const char* p = part.data();
        const char* end = p + part.size();
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
    // Letters of other scripts from the fonts the report's text is drawn in
    // (text/font_stack.hpp), each merged with only the code points it gives,
    // so that a few Chinese characters do not bake a whole CJK font.
    text::FontStack& stack = text::FontStack::at(pixels);
    std::map<int, std::vector<ImWchar>> byFont;
    for (size_t i = 0; i + 1 < ranges.size() && ranges[i] != 0; i += 2)
        for (unsigned c = std::max<unsigned>(ranges[i], kOtherScripts); c <= ranges[i + 1]; ++c) {
            if (c >= 0x2000 && c < 0x3000) continue; // punctuation and symbols: Noto Sans Symbols, below
            if (stack.fontCount() > 0 && stack.has(0, c)) continue;
            const int font = stack.fontFor(c);
            // stb_truetype draws outlines only: no colour emoji.
            if (font <= 0 || stack.font(font).color) continue;
            auto& codepoints = byFont[font];
            if (!codepoints.empty() && static_cast<unsigned>(codepoints.back()) + 1 == c)
                codepoints.back() = static_cast<ImWchar>(c);
            else
                codepoints.insert(codepoints.end(), {static_cast<ImWchar>(c), static_cast<ImWchar>(c)});
        }
    for (auto& [font, codepoints] : byFont) {
        codepoints.push_back(0);
        fonts.fallbackRanges.push_back(std::move(codepoints));
        ImFontConfig merge;
        merge.MergeMode = true;
        merge.FontNo = stack.font(font).index;
        const std::string file = stack.font(font).file.string();
        atlas.AddFontFromFileTTF(file.c_str(), pixels, &merge, fonts.fallbackRanges.back().data());
        fonts.description += " + " + stack.font(font).file.filename().string();
    }
    for (const char* family : {"Noto Sans Symbols"}) {
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
