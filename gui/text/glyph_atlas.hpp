#pragma once

#include "text/font_stack.hpp"

#include <cstdint>
#include <imgui.h>
#include <unordered_map>
#include <vector>

namespace gloss::gui::text {

// The report's glyphs, rasterised by FreeType on first use and packed into
// one RGBA image that the window keeps in an OpenGL texture: coverage as
// white with alpha (tinted by the vertex colour when drawn), colour glyphs as
// they are. The image is kSize square, but only the rows in use are kept in
// memory. When it is full it starts over; the glyphs in view come back in the
// next frame.
class GlyphAtlas {
  public:
    static constexpr int kSize = 1024;

    struct Entry {
        ImVec2 uv0, uv1;
        float left = 0, top = 0; // from the pen on the baseline to the bitmap's top-left, down positive
        float width = 0, height = 0;
        bool color = false;
    };

    // Shared by every view; the window uploads it.
    static GlyphAtlas& shared();

    // The glyph's place in the atlas, packed on first use; null for a glyph
    // without pixels (a space).
    const Entry* find(const FontStack& fonts, int font, uint32_t glyph);

    ImTextureID texture() const { return texture_; }
    void setTexture(ImTextureID texture) { texture_ = texture; }
    // Rows [0, rows()) of the image; those below are blank.
    const uint8_t* pixels() const { return pixels_.data(); }
    int rows() const { return static_cast<int>(pixels_.size() / (kSize * 4)); }
    // Rows [top, bottom) changed since the last call; false when none did.
    bool takeChanged(int& top, int& bottom);
    size_t glyphCount() const { return entries_.size(); }

  private:
    struct Key {
        const FontStack* fonts;
        int font;
        uint32_t glyph;
        bool operator==(const Key&) const = default;
    };
    struct KeyHash {
        size_t operator()(const Key& k) const {
            return std::hash<const void*>()(k.fonts) ^ (static_cast<size_t>(k.font) << 40) ^ k.glyph;
        }
    };
    void clear();

    std::vector<uint8_t> pixels_;
    std::unordered_map<Key, Entry, KeyHash> entries_;
    std::unordered_map<Key, bool, KeyHash> blank_; // glyphs known to have no pixels
    int shelfX_ = 0, shelfY_ = 0, shelfHeight_ = 0;
    int changedTop_ = kSize, changedBottom_ = 0;
    ImTextureID texture_ = nullptr;
};

} // namespace gloss::gui::text
