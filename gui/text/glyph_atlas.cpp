// Packing rasterised glyphs into the report's glyph image, shelf by shelf.

#include "text/glyph_atlas.hpp"

#include <algorithm>

namespace gloss::gui::text {

GlyphAtlas& GlyphAtlas::shared() {
    static GlyphAtlas atlas;
    return atlas;
}

void GlyphAtlas::clear() {
    // Blank rows where there were glyphs, for the texture to be cleared too.
    changedBottom_ = rows();
    std::vector<uint8_t>().swap(pixels_);
    entries_.clear();
    shelfX_ = shelfY_ = shelfHeight_ = 0;
    changedTop_ = 0;
}

bool GlyphAtlas::takeChanged(int& top, int& bottom) {
    if (changedTop_ >= changedBottom_) return false;
    top = changedTop_;
    bottom = changedBottom_;
    changedTop_ = kSize;
    changedBottom_ = 0;
    return true;
}

const GlyphAtlas::Entry* GlyphAtlas::find(const FontStack& fonts, int font, uint32_t glyph) {
    const Key key{&fonts, font, glyph};
    if (auto found = entries_.find(key); found != entries_.end()) return &found->second;
    if (blank_.contains(key)) return nullptr;
    const GlyphBitmap bitmap = fonts.rasterise(font, glyph);
    if (bitmap.width <= 0 || bitmap.height <= 0 || bitmap.width >= kSize || bitmap.height >= kSize) {
        blank_.emplace(key, true);
        return nullptr;
    }
    // A pixel of space around each glyph, so that filtering never reaches a neighbour.
    if (shelfX_ + bitmap.width + 1 > kSize) {
        shelfX_ = 0;
        shelfY_ += shelfHeight_ + 1;
        shelfHeight_ = 0;
    }
    if (shelfY_ + bitmap.height + 1 > kSize) clear();
    const int x = shelfX_, y = shelfY_;
    if (rows() < y + bitmap.height) pixels_.resize(static_cast<size_t>(y + bitmap.height) * kSize * 4, 0);
    for (int row = 0; row < bitmap.height; ++row)
        for (int col = 0; col < bitmap.width; ++col) {
            uint8_t* out =
                &pixels_[(static_cast<size_t>(y + row) * kSize + static_cast<size_t>(x + col)) * 4];
            const size_t in = static_cast<size_t>(row * bitmap.width + col);
            if (bitmap.color) {
                std::copy_n(&bitmap.pixels[in * 4], 4, out);
            } else {
                out[0] = out[1] = out[2] = 255;
                out[3] = bitmap.pixels[in];
            }
        }
    shelfX_ += bitmap.width + 1;
    shelfHeight_ = std::max(shelfHeight_, bitmap.height);
    changedTop_ = std::min(changedTop_, y);
    changedBottom_ = std::max(changedBottom_, y + bitmap.height);
    constexpr float unit = 1.0f / kSize;
    Entry entry;
    entry.uv0 = ImVec2(static_cast<float>(x) * unit, static_cast<float>(y) * unit);
    entry.uv1 =
        ImVec2(static_cast<float>(x + bitmap.width) * unit, static_cast<float>(y + bitmap.height) * unit);
    entry.left = static_cast<float>(bitmap.left);
    entry.top = static_cast<float>(-bitmap.top);
    entry.width = static_cast<float>(bitmap.width);
    entry.height = static_cast<float>(bitmap.height);
    entry.color = bitmap.color;
    return &entries_.emplace(key, entry).first->second;
}

} // namespace gloss::gui::text
