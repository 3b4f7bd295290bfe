// The fonts report text is shaped and drawn in, found through fontconfig.

#include "text/font_stack.hpp"

#include "platform/fonts.hpp"

#include <algorithm>
#include <cmath>
#include <fontconfig/fontconfig.h>
#include <ft2build.h>
#include FT_FREETYPE_H
#include <harfbuzz/hb.h>
#include <map>
#include <utility>

namespace gloss::gui::text {

bool isIgnorable(uint32_t c) {
    return c == 0x00AD || c == 0x034F || c == 0x061C || (c >= 0x180B && c <= 0x180F) ||
           (c >= 0x200B && c <= 0x200F) || (c >= 0x202A && c <= 0x202E) || (c >= 0x2060 && c <= 0x206F) ||
           (c >= 0xFE00 && c <= 0xFE0F) || c == 0xFEFF || (c >= 0xE0000 && c <= 0xE0FFF) ||
           (c >= 0x1F3FB && c <= 0x1F3FF); // skin tones: part of the emoji before them
}

FontStack::FontStack(float pixels) : pixels_(pixels), emPixels_(pixels) {
    FT_Library library = nullptr;
    if (FT_Init_FreeType(&library) != 0) return;
    library_ = library;
    // The UI font first (platform/fonts.cpp loads the same file into ImGui).
    for (const char* family : {"DejaVu Sans", "Noto Sans"})
        if (const auto file = findFontFile(family); !file.empty() && load(file, 0) >= 0) break;
    if (fonts_.empty()) return;
    const FT_Face primary = fonts_[0]->face;
    const float height = static_cast<float>(primary->ascender - primary->descender);
    emPixels_ = height > 0 ? pixels * static_cast<float>(primary->units_per_EM) / height : pixels;
    ascent_ = std::round(static_cast<float>(primary->ascender) * emPixels_ /
                         static_cast<float>(primary->units_per_EM));
    // The size was not known when the first font was loaded.
    FT_Set_Char_Size(primary, 0, static_cast<FT_F26Dot6>(std::lround(emPixels_ * 64)), 72, 72);
    const int scale = static_cast<int>(std::lround(emPixels_ * 64));
    hb_font_set_scale(fonts_[0]->shaper, scale, scale);
    for (uint32_t c = 0; c < 0x205F; ++c) {
        if (!isSimple(c)) continue;
        hb_codepoint_t glyph = 0;
        hb_font_get_nominal_glyph(fonts_[0]->shaper, c, &glyph);
        const float advance =
            static_cast<float>(hb_font_get_glyph_h_advance(fonts_[0]->shaper, glyph)) / 64.0f;
        simple_[c < 0x300 ? c : c - 0x2010 + 0x300] = {glyph, advance};
    }
}

FontStack::~FontStack() {
    for (auto& font : fonts_) {
        hb_font_destroy(font->shaper);
        FT_Done_Face(font->face);
    }
    if (library_) FT_Done_FreeType(library_);
}

FontStack& FontStack::at(float pixels) {
    // Never dropped: the glyph atlas knows glyphs by their stack, and a
    // run of the editor sees a handful of text sizes.
    static std::map<float, std::unique_ptr<FontStack>> stacks;
    auto& stack = stacks[pixels];
    if (!stack) stack = std::make_unique<FontStack>(pixels);
    return *stack;
}

int FontStack::load(const std::filesystem::path& file, int index) {
    for (size_t i = 0; i < fonts_.size(); ++i)
        if (fonts_[i]->file == file && fonts_[i]->index == index) return static_cast<int>(i);
    FT_Face face = nullptr;
    if (!library_ || FT_New_Face(library_, file.c_str(), index, &face) != 0) return -1;
    auto font = std::make_unique<StackFont>();
    font->file = file;
    font->index = index;
    font->face = face;
    int scale = static_cast<int>(std::lround(emPixels_ * 64));
    if (!FT_IS_SCALABLE(face) && face->num_fixed_sizes > 0) {
        // A bitmap font (Noto Color Emoji): the largest strike, scaled down when drawn.
        int best = 0;
        for (int i = 1; i < face->num_fixed_sizes; ++i)
            if (face->available_sizes[i].y_ppem > face->available_sizes[best].y_ppem) best = i;
        FT_Select_Size(face, best);
        font->bitmapScale = emPixels_ / (static_cast<float>(face->available_sizes[best].y_ppem) / 64.0f);
    } else {
        FT_Set_Char_Size(face, 0, scale, 72, 72);
    }
    font->color = FT_HAS_COLOR(face);
    hb_blob_t* blob = hb_blob_create_from_file(file.c_str());
    hb_face_t* hbFace = hb_face_create(blob, static_cast<unsigned>(index));
    font->shaper = hb_font_create(hbFace);
    hb_face_destroy(hbFace);
    hb_blob_destroy(blob);
    // HarfBuzz's own OpenType functions, unhinted: the advances do not
    // depend on the rasteriser, so what is measured is what is drawn.
    hb_font_set_scale(font->shaper, scale, scale);
    fonts_.push_back(std::move(font));
    return static_cast<int>(fonts_.size() - 1);
}

bool FontStack::has(int font, uint32_t codepoint) const {
    return FT_Get_Char_Index(fonts_[static_cast<size_t>(font)]->face, codepoint) != 0;
}

int FontStack::askFontconfig(std::span<const uint32_t> codepoints) {
    if (!FcInit()) return -1;
    // Pictographs from the emoji family (colour where installed), not from
    // a symbol font that happens to have some of them.
    const bool emoji = std::any_of(codepoints.begin(), codepoints.end(),
                                   [](uint32_t c) { return c >= 0x1F000 && c <= 0x1FAFF; });
    FcPattern* pattern = FcNameParse(reinterpret_cast<const FcChar8*>(emoji ? "emoji" : "sans-serif"));
    if (!pattern) return -1;
    FcCharSet* wanted = FcCharSetCreate();
    for (uint32_t c : codepoints)
        if (!isIgnorable(c)) FcCharSetAddChar(wanted, c);
    FcPatternAddCharSet(pattern, FC_CHARSET, wanted);
    FcPatternAddBool(pattern, FC_SCALABLE, FcTrue);
    FcConfigSubstitute(nullptr, pattern, FcMatchPattern);
    FcDefaultSubstitute(pattern);
    int found = -1;
    FcResult result = FcResultNoMatch;
    if (FcPattern* match = FcFontMatch(nullptr, pattern, &result)) {
        FcChar8* file = nullptr;
        FcCharSet* has = nullptr;
        int index = 0;
        FcPatternGetInteger(match, FC_INDEX, 0, &index);
        // fontconfig always answers; only a font with some of the characters is of use.
        if (FcPatternGetString(match, FC_FILE, 0, &file) == FcResultMatch &&
            FcPatternGetCharSet(match, FC_CHARSET, 0, &has) == FcResultMatch &&
            FcCharSetIntersectCount(has, wanted) > 0)
            found = load(reinterpret_cast<const char*>(file), index);
        FcPatternDestroy(match);
    }
    FcCharSetDestroy(wanted);
    FcPatternDestroy(pattern);
    return found;
}

int FontStack::fontFor(uint32_t codepoint) {
    if (auto known = byCodepoint_.find(codepoint); known != byCodepoint_.end()) return known->second;
    int found = -1;
    for (size_t i = 0; i < fonts_.size() && found < 0; ++i)
        if (has(static_cast<int>(i), codepoint)) found = static_cast<int>(i);
    if (found < 0) {
        const uint32_t one[] = {codepoint};
        if (const int asked = askFontconfig(one); asked >= 0 && has(asked, codepoint)) found = asked;
    }
    // Controls (a NUL, a form feed) are in no font and need none.
    if (found < 0 && codepoint >= 0x20 && !(codepoint >= 0x7F && codepoint < 0xA0) && !isIgnorable(codepoint))
        missing_.push_back(codepoint);
    byCodepoint_.emplace(codepoint, found);
    return found;
}

std::vector<uint32_t> FontStack::takeMissing() {
    return std::exchange(missing_, {});
}

int FontStack::fontForRun(std::span<const uint32_t> codepoints) {
    const auto covers = [&](int font) {
        return std::all_of(codepoints.begin(), codepoints.end(),
                           [&](uint32_t c) { return isIgnorable(c) || has(font, c); });
    };
    for (size_t i = 0; i < fonts_.size(); ++i)
        if (covers(static_cast<int>(i))) return static_cast<int>(i);
    // Asked before, code point by code point: no font has them all.
    if (std::all_of(codepoints.begin(), codepoints.end(),
                    [&](uint32_t c) { return byCodepoint_.contains(c); }))
        return -1;
    const int asked = askFontconfig(codepoints);
    if (asked >= 0 && covers(asked)) return asked;
    for (uint32_t c : codepoints) fontFor(c);
    return -1;
}

GlyphBitmap FontStack::rasterise(int index, uint32_t glyph) const {
    GlyphBitmap bitmap;
    const StackFont& font = *fonts_[static_cast<size_t>(index)];
    FT_Face face = font.face;
    // Light hinting: vertical only, so the unhinted advances HarfBuzz gives still hold.
    const FT_Int32 flags = font.color ? FT_LOAD_COLOR : FT_LOAD_TARGET_LIGHT;
    if (FT_Load_Glyph(face, glyph, flags) != 0) return bitmap;
    if (face->glyph->format != FT_GLYPH_FORMAT_BITMAP &&
        FT_Render_Glyph(face->glyph, FT_RENDER_MODE_LIGHT) != 0)
        return bitmap;
    const FT_Bitmap& source = face->glyph->bitmap;
    const int width = static_cast<int>(source.width), height = static_cast<int>(source.rows);
    if (source.pixel_mode == FT_PIXEL_MODE_BGRA) {
        // Down to the stack's size by averaging, un-premultiplied for ImGui's blending.
        const float scale = std::min(1.0f, font.bitmapScale);
        bitmap.color = true;
        bitmap.width = std::max(1, static_cast<int>(std::ceil(static_cast<float>(width) * scale)));
        bitmap.height = std::max(1, static_cast<int>(std::ceil(static_cast<float>(height) * scale)));
        bitmap.left = static_cast<int>(std::lround(static_cast<float>(face->glyph->bitmap_left) * scale));
        bitmap.top = static_cast<int>(std::lround(static_cast<float>(face->glyph->bitmap_top) * scale));
        bitmap.pixels.assign(static_cast<size_t>(bitmap.width * bitmap.height) * 4, 0);
        for (int y = 0; y < bitmap.height; ++y)
            for (int x = 0; x < bitmap.width; ++x) {
                const int x0 = static_cast<int>(static_cast<float>(x) / scale);
                const int y0 = static_cast<int>(static_cast<float>(y) / scale);
                const int x1 =
                    std::min(width, std::max(x0 + 1, static_cast<int>(static_cast<float>(x + 1) / scale)));
                const int y1 =
                    std::min(height, std::max(y0 + 1, static_cast<int>(static_cast<float>(y + 1) / scale)));
                unsigned sum[4] = {0, 0, 0, 0};
                unsigned count = 0;
                for (int sy = y0; sy < y1; ++sy)
                    for (int sx = x0; sx < x1; ++sx, ++count) {
                        const uint8_t* p = source.buffer + sy * source.pitch + sx * 4;
                        for (int k = 0; k < 4; ++k) sum[k] += p[k];
                    }
                if (count == 0) continue;
                uint8_t* out = &bitmap.pixels[static_cast<size_t>(y * bitmap.width + x) * 4];
                const unsigned alpha = sum[3];
                out[3] = static_cast<uint8_t>(alpha / count);
                if (alpha == 0) continue;
                // BGRA premultiplied in, RGBA straight out.
                out[0] = static_cast<uint8_t>(std::min(255u, sum[2] * 255 / alpha));
                out[1] = static_cast<uint8_t>(std::min(255u, sum[1] * 255 / alpha));
                out[2] = static_cast<uint8_t>(std::min(255u, sum[0] * 255 / alpha));
            }
        return bitmap;
    }
    bitmap.width = width;
    bitmap.height = height;
    bitmap.left = face->glyph->bitmap_left;
    bitmap.top = face->glyph->bitmap_top;
    bitmap.pixels.resize(static_cast<size_t>(width * height));
    for (int y = 0; y < height; ++y)
        for (int x = 0; x < width; ++x) {
            const uint8_t* row = source.buffer + y * source.pitch;
            const bool monoOn = source.pixel_mode == FT_PIXEL_MODE_MONO && ((row[x / 8] >> (7 - x % 8)) & 1);
            bitmap.pixels[static_cast<size_t>(y * width + x)] =
                source.pixel_mode == FT_PIXEL_MODE_MONO ? (monoOn ? uint8_t{255} : uint8_t{0}) : row[x];
        }
    return bitmap;
}

} // namespace gloss::gui::text
