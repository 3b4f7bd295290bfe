// Search: a query over every report of a project (or over the one report
// open without a project), its hits as keyword in context, and "Code all hits".

#include "panels/project_panels.hpp"
#include "widgets/string_input.hpp"

#include <imgui.h>

namespace gloss::gui {

void ForgetSearch(ProjectSearchState& state) {
    if (state.work.valid()) state.work.wait();
    state.work = {};
    state.results = {};
    state.searchedFor.clear();
    state.message.clear();
}

ProjectSearchAction ProjectSearchPanel(ProjectSearchState& state,
                                       const std::function<std::string(size_t report)>& reportPath,
                                       const annotations::Codebook& codebook) {
    ProjectSearchAction action;
    if (ready(state.work)) {
        state.results = state.work.get();
        state.searchedFor = state.query;
    }
    const float em = ImGui::GetFontSize();
    if (state.focusQuery) {
        ImGui::SetKeyboardFocusHere();
        state.focusQuery = false;
    }
    ImGui::SetNextItemWidth(em * 16);
    const bool entered =
        InputString("##project-query", state.query, "words to find", ImGuiInputTextFlags_EnterReturnsTrue);
    ImGui::SameLine();
    if ((ImGui::Button("Search") || entered) && !state.work.valid() && !state.query.empty())
        action.search = true;
    ImGui::SameLine();
    ImGui::Checkbox("Match case", &state.matchCase);
    if (state.work.valid()) {
        ImGui::SameLine();
        ImGui::TextDisabled("searching...");
    }

    const auto& hits = state.results.hits;
    ImGui::SetNextItemWidth(em * 16);
    CodeCombo("##code-all", state.tag, codebook);
    ImGui::SameLine();
    const bool canCode = !hits.empty() && codebook.find(state.tag) && !state.work.valid();
    if (!canCode) ImGui::BeginDisabled();
    if (ImGui::Button("Code all hits")) action.codeAll = true;
    if (!canCode) ImGui::EndDisabled();
    ImGui::SameLine();
    if (!state.message.empty())
        ImGui::TextDisabled("%s", state.message.c_str());
    else if (!state.searchedFor.empty())
        ImGui::TextDisabled("%zu hits of \"%s\"%s", hits.size(), state.searchedFor.c_str(),
                            state.results.truncated ? " (stopped there)" : "");
    for (const std::string& problem : state.results.problems)
        ImGui::TextColored(ImVec4(0.8f, 0.2f, 0.2f, 1), "%s", problem.c_str());

    if (!hits.empty() && BeginKwicTable("##hits", "Hit", {1, 2.5f, 1, 2.5f}))
        KwicRows(hits.size(), [&](size_t row) {
            const SearchHit& hit = hits[row];
            const std::string report = reportPath(hit.report);
            const KwicRowResult kwic = KwicRow(report, hit.before, hit.match, hit.after);
            if (kwic.clicked) action.jump = ProjectJump{hit.report, {}, hit.start, hit.end};
            if (kwic.hovered)
                ImGui::SetTooltip("%s, %llu-%llu", report.c_str(), static_cast<unsigned long long>(hit.start),
                                  static_cast<unsigned long long>(hit.end));
        });
    return action;
}

} // namespace gloss::gui
