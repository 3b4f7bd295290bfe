#pragma once

#include "text/font_stack.hpp"
#include "text/shaped_row.hpp"

#include <imgui.h>

namespace gloss::gui::text {

// Draws a shaped row with its top-left at `origin`: each glyph from the
// shared glyph atlas at its shaped place, and a box where no font has the
// character.
void drawRow(ImDrawList* draw, const FontStack& fonts, const ShapedRow& row, ImVec2 origin, ImU32 color);

} // namespace gloss::gui::text
