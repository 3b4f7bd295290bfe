// The Documents panel: a project's reports, filtered, one click to open.

#include "panels/project_panels.hpp"
#include "widgets/string_input.hpp"

#include <imgui.h>

namespace gloss::gui {

namespace {

std::string attributesText(const core::ProjectReport& report) {
    std::string text;
    for (const auto& [name, value] : report.attributes)
        text += (text.empty() ? "" : ", ") + name + "=" + value;
    return text;
}

} // namespace

std::optional<size_t> DocumentsPanel(DocumentsPanelState& state, const ProjectWorkspace& workspace,
                                     std::optional<size_t> openReport) {
    const core::Project& project = workspace.project();
    ImGui::SetNextItemWidth(-1);
    InputString("##documents-filter", state.filter, "filter: name or region=North");
    if (state.filter != state.filteredFor) {
        state.shown = workspace.filter(state.filter);
        state.filteredFor = state.filter;
    }
    const std::vector<ReportSummary> summaries = workspace.summaries();
    ImGui::TextDisabled("%zu of %zu reports%s", state.shown.size(), project.reports.size(),
                        workspace.counting() ? ", counting..." : "");
    std::optional<size_t> clicked;
    const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerV |
                                  ImGuiTableFlags_Resizable | ImGuiTableFlags_ScrollY;
    // At most about twelve rows high, so the panels below stay in reach.
    const float rows = static_cast<float>(std::min<size_t>(state.shown.size(), 12) + 1);
    const float height = rows * ImGui::GetTextLineHeightWithSpacing() + ImGui::GetStyle().CellPadding.y * 2;
    if (!ImGui::BeginTable("##documents", 3, flags, ImVec2(0, height))) return clicked;
    ImGui::TableSetupScrollFreeze(0, 1);
    ImGui::TableSetupColumn("Report", ImGuiTableColumnFlags_WidthStretch, 3);
    ImGui::TableSetupColumn("Codes", ImGuiTableColumnFlags_WidthFixed, ImGui::CalcTextSize("missing").x);
    ImGui::TableSetupColumn("Attributes", ImGuiTableColumnFlags_WidthStretch, 2);
    ImGui::TableHeadersRow();
    state.rowPositions.assign(state.shown.size(), ImVec2(-1, -1));
    ImGuiListClipper clipper;
    clipper.Begin(static_cast<int>(state.shown.size()));
    while (clipper.Step()) {
        for (int row = clipper.DisplayStart; row < clipper.DisplayEnd; ++row) {
            const size_t index = state.shown[static_cast<size_t>(row)];
            const core::ProjectReport& report = project.reports[index];
            const ReportSummary& summary = summaries[index];
            const bool missing = summary.state == ReportSummary::State::Missing;
            ImGui::PushID(static_cast<int>(index));
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            state.rowPositions[static_cast<size_t>(row)] = ImGui::GetCursorScreenPos();
            const std::string name = std::filesystem::path(report.path).filename().string();
            ImGuiSelectableFlags selectableFlags = ImGuiSelectableFlags_SpanAllColumns;
            if (missing) selectableFlags |= ImGuiSelectableFlags_Disabled;
            if (ImGui::Selectable(name.c_str(), openReport == index, selectableFlags)) clicked = index;
            if (ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled)) {
                const std::string attributes = attributesText(report);
                ImGui::SetTooltip("%s\nannotations: %s%s%s%s%s", report.path.c_str(),
                                  report.annotations.c_str(), attributes.empty() ? "" : "\n",
                                  attributes.c_str(), summary.problem.empty() ? "" : "\n",
                                  summary.problem.c_str());
            }
            ImGui::TableNextColumn();
            switch (summary.state) {
            case ReportSummary::State::Unknown:
                ImGui::TextDisabled("...");
                break;
            case ReportSummary::State::Missing:
                ImGui::TextColored(ImVec4(0.8f, 0.2f, 0.2f, 1), "missing");
                break;
            case ReportSummary::State::Unreadable:
                ImGui::TextColored(ImVec4(0.8f, 0.2f, 0.2f, 1), "%zu!", summary.annotations);
                break;
            case ReportSummary::State::Present:
                ImGui::Text("%zu", summary.annotations);
                break;
            }
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(attributesText(report).c_str());
            ImGui::PopID();
        }
    }
    ImGui::EndTable();
    return clicked;
}

} // namespace gloss::gui
