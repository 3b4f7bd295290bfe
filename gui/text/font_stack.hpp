#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <span>
#include <string>
#include <unordered_map>
#include <vector>

struct FT_LibraryRec_;
struct FT_FaceRec_;
struct hb_font_t;

namespace gloss::gui::text {

// One font file at the stack's size: FreeType rasterises its glyphs,
// HarfBuzz shapes with it.
struct StackFont {
    std::filesystem::path file;
    int index = 0; // the face within a collection (.ttc)
    FT_FaceRec_* face = nullptr;
    hb_font_t* shaper = nullptr;
    float bitmapScale = 1; // a bitmap-only font (colour emoji): its strike to the stack's size
    bool color = false;
};

// A glyph bitmap from FreeType: coverage (one byte a pixel) or, for colour
// glyphs, straight (not premultiplied) RGBA.
struct GlyphBitmap {
    int width = 0, height = 0;
    int left = 0, top = 0; // from the pen position on the baseline to the bitmap's top-left
    bool color = false;
    std::vector<uint8_t> pixels;
};

// The fonts report text is drawn in at one pixel size: the UI font first,
// then whatever fontconfig finds for the code points it lacks (Noto, DejaVu,
// WenQuanYi, an emoji font...), loaded when first needed. The size is that of
// ImGui's fonts: ascent to descent, so rows line up with the rest of the UI.
class FontStack {
  public:
    explicit FontStack(float pixels);
    ~FontStack();
    FontStack(const FontStack&) = delete;
    FontStack& operator=(const FontStack&) = delete;

    // The stack at `pixels`, shared by every view.
    static FontStack& at(float pixels);

    float pixels() const { return pixels_; }
    float ascent() const { return ascent_; }
    const StackFont& font(int i) const { return *fonts_[static_cast<size_t>(i)]; }
    size_t fontCount() const { return fonts_.size(); }

    // The first font that has every code point of a run (ignorable ones such
    // as ZWJ or variation selectors aside), asking fontconfig for one when no
    // loaded font does; -1 when none is installed.
    int fontForRun(std::span<const uint32_t> codepoints);
    // The font for one code point, -1 when none has it.
    int fontFor(uint32_t codepoint);
    bool has(int font, uint32_t codepoint) const;
    // The characters found to be in no installed font since the last call,
    // for a message: each is reported once.
    std::vector<uint32_t> takeMissing();

    GlyphBitmap rasterise(int font, uint32_t glyph) const;

    // Latin below U+0300 (no combining marks) and the dashes, quotes and
    // other punctuation of U+2010..U+205E (no spaces, no bidi controls) need
    // no shaping: the first font's glyph and advance for each, 0 when it
    // has none.
    static bool isSimple(uint32_t c) {
        return c < 0x300 || (c >= 0x2010 && c <= 0x2027) || (c >= 0x2030 && c <= 0x205E);
    }
    struct SimpleGlyph {
        uint32_t glyph = 0;
        float advance = 0;
    };
    const SimpleGlyph& simple(uint32_t codepoint) const { // isSimple(codepoint)
        return simple_[codepoint < 0x300 ? codepoint : codepoint - 0x2010 + 0x300];
    }

  private:
    int load(const std::filesystem::path& file, int index);
    int askFontconfig(std::span<const uint32_t> codepoints);

    float pixels_;
    float ascent_ = 0;
    float emPixels_ = 0; // the em size that makes ascent to descent `pixels_`
    FT_LibraryRec_* library_ = nullptr;
    std::vector<std::unique_ptr<StackFont>> fonts_;
    std::vector<SimpleGlyph> simple_ = std::vector<SimpleGlyph>(0x300 + 0x205F - 0x2010);
    std::vector<uint32_t> missing_;
    std::unordered_map<uint32_t, int> byCodepoint_; // fontFor's answers, -1 included
};

// Code points no font needs to have: they shape to nothing (ZWJ, variation
// selectors, bidi controls, soft hyphens, tags).
bool isIgnorable(uint32_t codepoint);

} // namespace gloss::gui::text
