// Drawing shaped rows with ImDrawList, from the glyph atlas.

#include "text/row_drawing.hpp"

#include "text/glyph_atlas.hpp"

#include <cmath>

namespace gloss::gui::text {

void drawRow(ImDrawList* draw, const FontStack& fonts, const ShapedRow& row, ImVec2 origin, ImU32 color) {
    GlyphAtlas& atlas = GlyphAtlas::shared();
    const float baseline = origin.y + fonts.ascent();
    draw->PushTextureID(atlas.texture());
    for (const ShapedGlyph& glyph : row.glyphs) {
        if (glyph.blank) continue;
        if (glyph.missing) {
            // A box as wide as the character's room, so that it is seen and
            // can be hovered for its code point.
            const float x = origin.x + glyph.x;
            const float width = std::max(glyph.advance, fonts.pixels() * 0.5f);
            draw->AddRect(ImVec2(x + 1.5f, origin.y + 2.5f),
                          ImVec2(x + width - 1.5f, origin.y + fonts.pixels() - 0.5f), color);
            continue;
        }
        const GlyphAtlas::Entry* entry = atlas.find(fonts, glyph.font, glyph.glyph);
        if (!entry) continue;
        // Whole pixels, so that glyphs are as crisp as the rasteriser made them.
        const float x = std::round(origin.x + glyph.x + entry->left);
        const float y = std::round(baseline + glyph.y + entry->top);
        draw->PrimReserve(6, 4);
        draw->PrimRectUV(ImVec2(x, y), ImVec2(x + entry->width, y + entry->height), entry->uv0, entry->uv1,
                         entry->color ? (color | IM_COL32(255, 255, 255, 0)) : color);
    }
    draw->PopTextureID();
}

} // namespace gloss::gui::text
