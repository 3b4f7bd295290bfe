#pragma once

#include <imgui.h>
#include <string>
#include <string_view>

namespace gloss::gui {

// A multi-line text field whose lines wrap at its width, which ImGui's own
// multi-line field does not do. The wrap points are soft breaks, "\r\n" pairs
// (ImGui draws '\r' as nothing, and typing or pasting never puts one in),
// reflowed after every edit and left out of the text the field edits.
struct WrappedInputState {
    std::string shown; // the text with its soft breaks, as the field has it
    std::string wrappedFrom;
    float wrappedWidth = 0;
};

// Edits `text` in a field of `size`; returns true when an edit is finished
// (the field lost the keyboard after a change).
bool InputWrapped(const char* id, WrappedInputState& state, std::string& text, ImVec2 size);

// `plain` with soft breaks where `font` at `fontSize` wraps it at `width`
// pixels; and the plain text back from one with soft breaks.
std::string softWrap(std::string_view plain, const ImFont& font, float fontSize, float width);
std::string withoutSoftBreaks(std::string_view shown);

} // namespace gloss::gui
