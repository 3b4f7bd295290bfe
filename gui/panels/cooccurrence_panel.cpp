// The Code co-occurrence view: which codes meet in the same passages, summed
// over a project's reports.

#include "panels/project_panels.hpp"

#include <imgui.h>

namespace gloss::gui {

void CooccurrencePanel(CooccurrencePanelState& state, const ProjectWorkspace& workspace,
                       const annotations::Codebook& codebook, const LiveView& live) {
    if (ImGui::Button("Refresh")) state.refresh = true;
    if (ready(state.work)) state.results = state.work.get();
    const bool stale = state.refresh || state.resultsRevision != live.revision ||
                       state.resultsReport != live.annotations.report;
    if (stale && !state.work.valid()) { // else once the running work is in
        state.resultsRevision = live.revision;
        state.resultsReport = live.annotations.report;
        state.refresh = false;
        state.work = std::async(std::launch::async,
                                [project = workspace.project(), copy = LiveCopy(live.annotations)] {
                                    return projectCooccurrences(project, copy.view());
                                });
    }
    ImGui::SameLine();
    ImGui::TextDisabled("Passages coded with both codes, over %zu reports%s",
                        workspace.project().reports.size(), state.work.valid() ? "; reading..." : "");
    for (const std::string& problem : state.results.problems)
        ImGui::TextColored(ImVec4(0.8f, 0.2f, 0.2f, 1), "%s", problem.c_str());
    if (state.results.pairs.empty()) {
        ImGui::TextDisabled("No two codes meet in any passage yet.");
        return;
    }
    const auto label = [&](const std::string& id) {
        const annotations::Tag* tag = codebook.find(id);
        return tag ? tag->label : id;
    };
    const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerV |
                                  ImGuiTableFlags_Resizable | ImGuiTableFlags_ScrollY;
    if (ImGui::BeginTable("##cooccurrence", 5, flags)) {
        ImGui::TableSetupScrollFreeze(0, 1);
        ImGui::TableSetupColumn("Code", ImGuiTableColumnFlags_WidthStretch);
        ImGui::TableSetupColumn("meets code", ImGuiTableColumnFlags_WidthStretch);
        ImGui::TableSetupColumn("Passages", ImGuiTableColumnFlags_WidthFixed);
        ImGui::TableSetupColumn("Characters", ImGuiTableColumnFlags_WidthFixed);
        ImGui::TableSetupColumn("Reports", ImGuiTableColumnFlags_WidthFixed);
        ImGui::TableHeadersRow();
        for (const CooccurrenceTotal& pair : state.results.pairs) {
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(label(pair.first).c_str());
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(label(pair.second).c_str());
            ImGui::TableNextColumn();
            ImGui::Text("%zu", pair.passages);
            ImGui::TableNextColumn();
            ImGui::Text("%llu", static_cast<unsigned long long>(pair.codepoints));
            ImGui::TableNextColumn();
            ImGui::Text("%zu", pair.reports);
        }
        ImGui::EndTable();
    }
}

} // namespace gloss::gui
