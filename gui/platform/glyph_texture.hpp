#pragma once

namespace gloss::gui {

// The report's glyph atlas (text/glyph_atlas.hpp) as an OpenGL texture:
// created once the context is current, then brought up to date before each
// frame is rendered with whatever glyphs the frame added.
void createGlyphTexture();
void updateGlyphTexture();
void destroyGlyphTexture();

} // namespace gloss::gui
