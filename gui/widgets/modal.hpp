#pragma once

#include <imgui.h>

namespace gloss::gui {

// Places the next modal window at the centre of the main window every frame,
// so one that is open while the window shrinks stays whole on screen (a
// modal cannot be dragged back once it is cut off).
inline void centreNextModal() {
    ImGui::SetNextWindowPos(ImGui::GetMainViewport()->GetCenter(), ImGuiCond_Always, ImVec2(0.5f, 0.5f));
}

// A question that stays on screen while it is asked: opens the modal popup
// `title` when it is not open, centred, sized to its contents. True while it
// is shown; then call ImGui::EndPopup().
inline bool BeginQuestion(const char* title) {
    if (!ImGui::IsPopupOpen(title)) ImGui::OpenPopup(title);
    centreNextModal();
    return ImGui::BeginPopupModal(title, nullptr, ImGuiWindowFlags_AlwaysAutoResize);
}

} // namespace gloss::gui
