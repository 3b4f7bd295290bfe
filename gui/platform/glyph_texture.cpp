// The glyph atlas in an OpenGL texture.

#include "platform/glyph_texture.hpp"

#include "text/glyph_atlas.hpp"

#include <cstdint>
#include <glad/gl.h>

namespace gloss::gui {

namespace {
GLuint gTexture = 0;
}

void createGlyphTexture() {
    using text::GlyphAtlas;
    GlyphAtlas& atlas = GlyphAtlas::shared();
    glGenTextures(1, &gTexture);
    glBindTexture(GL_TEXTURE_2D, gTexture);
    // Linear: colour emoji are scaled; other glyphs are drawn at whole pixels, 1:1.
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_LINEAR);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_LINEAR);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);
    glPixelStorei(GL_UNPACK_ROW_LENGTH, 0);
    glTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA, GlyphAtlas::kSize, GlyphAtlas::kSize, 0, GL_RGBA,
                 GL_UNSIGNED_BYTE, atlas.pixels());
    int top = 0, bottom = 0;
    atlas.takeChanged(top, bottom);
    atlas.setTexture(reinterpret_cast<ImTextureID>(static_cast<intptr_t>(gTexture)));
}

void updateGlyphTexture() {
    using text::GlyphAtlas;
    GlyphAtlas& atlas = GlyphAtlas::shared();
    int top = 0, bottom = 0;
    if (!gTexture || !atlas.takeChanged(top, bottom)) return;
    glBindTexture(GL_TEXTURE_2D, gTexture);
    glPixelStorei(GL_UNPACK_ROW_LENGTH, 0);
    glTexSubImage2D(GL_TEXTURE_2D, 0, 0, top, GlyphAtlas::kSize, bottom - top, GL_RGBA, GL_UNSIGNED_BYTE,
                    atlas.pixels() + static_cast<size_t>(top) * GlyphAtlas::kSize * 4);
}

void destroyGlyphTexture() {
    if (gTexture) glDeleteTextures(1, &gTexture);
    gTexture = 0;
    text::GlyphAtlas::shared().setTexture(nullptr);
}

} // namespace gloss::gui
