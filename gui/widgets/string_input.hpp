#pragma once

#include <imgui.h>
#include <string>

namespace gloss::gui {

// ImGui's text fields over a std::string that grows as the user types (no
// fixed buffer to truncate a long note). Multiline when `size` is not zero.
bool InputString(const char* label, std::string& text, const char* hint = nullptr,
                 ImGuiInputTextFlags flags = 0, ImVec2 size = ImVec2(0, 0));

} // namespace gloss::gui
