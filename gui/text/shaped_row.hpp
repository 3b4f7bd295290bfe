#pragma once

#include "text/font_stack.hpp"

#include <cstdint>
#include <optional>
#include <string_view>
#include <utility>
#include <vector>

namespace gloss::gui::text {

// A glyph of a shaped row at its place: `x` from the row's left edge to the
// pen, `y` down from the baseline.
struct ShapedGlyph {
    float x = 0;
    float y = 0;
    float advance = 0;
    uint32_t glyph = 0;
    uint32_t codepoint = 0; // the character of a box
    int16_t font = 0;       // in the FontStack
    bool blank = false;     // a tab: room, nothing drawn
    bool missing = false;   // no installed font has the character: drawn as a box
};

// A caret position of a piece: the caret before `byte` is at `x`.
struct CaretStop {
    size_t byte = 0;
    float x = 0;
};

// A stretch of a row in one direction, script and font, as drawn: bytes
// [start, end) of the document between `left` and `right`.
struct ShapedPiece {
    size_t start = 0;
    size_t end = 0;
    bool rtl = false;
    float left = 0;
    float right = 0;
    // At each code point in logical order, then {end, the piece's trailing
    // edge}: the left one for right-to-left text.
    std::vector<CaretStop> stops;
};

// One visual row shaped and in visual order. Carets and selections work in
// logical order (document bytes) through the pieces.
struct ShapedRow {
    size_t start = 0;
    size_t end = 0;
    float width = 0;
    bool rtl = false;                // the paragraph's direction
    std::vector<ShapedGlyph> glyphs; // from the left
    std::vector<ShapedPiece> pieces; // from the left

    // Pixels from the row's left edge to the caret before `byte`.
    float xOf(size_t byte) const;
    // The caret position nearest to `x`.
    size_t hitTest(float x) const;
    // [from, to) as drawn: one horizontal extent per piece it touches, from
    // the left, touching ones joined.
    std::vector<std::pair<float, float>> extents(size_t from, size_t to) const;
    // The caret position next to the one before `byte` in `direction` (-1
    // left, 1 right) on this row, skipping those at the same place (a base
    // and its marks); none at the row's edge.
    std::optional<size_t> visualStep(size_t byte, int direction) const;
    // The box under `x`, if a missing character is drawn there.
    const ShapedGlyph* boxAt(float x) const;
    // Moves everything right (a right-to-left paragraph aligned right).
    void shift(float dx);
};

// Whether `text` is simple enough to draw glyph by glyph in the stack's
// first font: Latin and punctuation that font has (FontStack::isSimple).
bool isSimpleText(FontStack& fonts, std::string_view text);

// Shapes bytes [start, end) of `text` as a row of a paragraph in the given
// direction. `simple` (from isSimpleText over the whole paragraph) skips
// HarfBuzz and FriBidi; a tab is `tabWidth` wide.
ShapedRow shapeRow(FontStack& fonts, std::string_view text, size_t start, size_t end, bool rtlParagraph,
                   bool simple, float tabWidth);

// For wrapping: the advance of each cluster of bytes [start, end) at its
// first byte (advances[i] for byte start + i), -1 at every other byte. Shaped
// as shapeRow shapes, so that what is measured is what is drawn.
void measureClusters(FontStack& fonts, std::string_view text, size_t start, size_t end, bool simple,
                     float tabWidth, std::vector<float>& advances);

// The code points of bytes [start, end) and where each starts; `bytes` has
// one more entry, `end`.
void decodeRange(std::string_view text, size_t start, size_t end, std::vector<uint32_t>& codepoints,
                 std::vector<size_t>& bytes);

} // namespace gloss::gui::text
