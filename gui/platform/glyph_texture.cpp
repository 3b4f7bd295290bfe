// The glyph atlas in an OpenGL texture.

#include "platform/glyph_texture.hpp"

#include "text/glyph_atlas.hpp"

#include <algorithm>
#include <cstdint>
#include <glad/gl.h>
#include <vector>

namespace gloss::gui {

namespace {

GLuint gTexture = 0;

// Rows [top, bottom) of the texture; `pixels` null for blank ones.
void uploadRows(int top, int bottom, const uint8_t* pixels) {
    using text::GlyphAtlas;
    if (bottom <= top) return;
    const std::vector<uint8_t> blank(pixels ? 0 : static_cast<size_t>(bottom - top) * GlyphAtlas::kSize * 4,
                                     0);
    glTexSubImage2D(GL_TEXTURE_2D, 0, 0, top, GlyphAtlas::kSize, bottom - top, GL_RGBA, GL_UNSIGNED_BYTE,
                    pixels ? pixels : blank.data());
}

} // namespace

void createGlyphTexture() {
    using text::GlyphAtlas;
    glGenTextures(1, &gTexture);
    glBindTexture(GL_TEXTURE_2D, gTexture);
    // Linear: colour emoji are scaled; other glyphs are drawn at whole pixels, 1:1.
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_LINEAR);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_LINEAR);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);
    glPixelStorei(GL_UNPACK_ROW_LENGTH, 0);
    glTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA, GlyphAtlas::kSize, GlyphAtlas::kSize, 0, GL_RGBA,
                 GL_UNSIGNED_BYTE, nullptr);
    uploadRows(0, GlyphAtlas::kSize, nullptr); // the atlas's rows come as glyphs do
    GlyphAtlas::shared().setTexture(reinterpret_cast<ImTextureID>(static_cast<intptr_t>(gTexture)));
}

void updateGlyphTexture() {
    using text::GlyphAtlas;
    GlyphAtlas& atlas = GlyphAtlas::shared();
    int top = 0, bottom = 0;
    if (!gTexture || !atlas.takeChanged(top, bottom)) return;
    glBindTexture(GL_TEXTURE_2D, gTexture);
    glPixelStorei(GL_UNPACK_ROW_LENGTH, 0);
    // Rows the atlas no longer keeps (it started over) go blank.
    const int kept = std::clamp(atlas.rows(), top, bottom);
    uploadRows(top, kept, atlas.pixels() + static_cast<size_t>(top) * GlyphAtlas::kSize * 4);
    uploadRows(kept, bottom, nullptr);
}

void destroyGlyphTexture() {
    if (gTexture) glDeleteTextures(1, &gTexture);
    gTexture = 0;
    text::GlyphAtlas::shared().setTexture(nullptr);
}

} // namespace gloss::gui
