// Report memo: what the coder thinks of the whole report, kept in the
// annotation file (docs/formats.md §3.1).

#include "panels/sidebar_panels.hpp"

#include <utility>

namespace gloss::gui {

std::optional<std::string> MemoPanel(MemoPanelState& state, const Workspace& workspace) {
    if (!workspace.document()) {
        ImGui::TextDisabled("Open a report to write its memo.");
        return std::nullopt;
    }
    if (!workspace.memoEditable()) {
        ImGui::TextWrapped("The file's memo is not text: it is kept as it is, and cannot be edited here.");
        return std::nullopt;
    }
    ImGui::TextDisabled("About the whole report");
    if (!state.active) state.draft = workspace.memo();
    if (std::exchange(state.focus, false)) {
        ImGui::SetScrollHereY();
        ImGui::SetKeyboardFocusHere();
    }
    const bool finished =
        InputWrapped("##memo", state.field, state.draft, ImVec2(-1, ImGui::GetFontSize() * 10));
    state.active = ImGui::IsItemActive();
    if (finished) return state.draft;
    return std::nullopt;
}

} // namespace gloss::gui
