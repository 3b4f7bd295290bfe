#pragma once

#include <imgui.h>

namespace gloss::gui {

// Places the next modal window at the centre of the main window every frame,
// so one that is open while the window shrinks stays whole on screen (a
// modal cannot be dragged back once it is cut off).
inline void centreNextModal() {
    ImGui::SetNextWindowPos(ImGui::GetMainViewport()->GetCenter(), ImGuiCond_Always, ImVec2(0.5f, 0.5f));
}

} // namespace gloss::gui
