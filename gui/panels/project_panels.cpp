#include "panels/project_panels.hpp"

#include "code_system.hpp"

#include <algorithm>
#include <filesystem>
#include <functional>
#include <imgui.h>

namespace gloss::gui {

bool CodeCombo(const char* label, std::string& tag, const annotations::Codebook& codebook) {
    const annotations::Tag* chosen = codebook.find(tag);
    bool changed = false;
    if (!ImGui::BeginCombo(label, chosen ? chosen->label.c_str() : "(choose a code)")) return false;
    for (const CodeRow& row : codeTree(codebook)) {
        const annotations::Tag& code = codebook.tags[row.index];
        ImGui::PushID(code.id.c_str());
        const float indent = static_cast<float>(row.depth) * ImGui::GetFontSize();
        if (indent > 0) ImGui::Indent(indent);
        if (ImGui::Selectable(code.label.c_str(), code.id == tag)) {
            tag = code.id;
            changed = true;
        }
        if (indent > 0) ImGui::Unindent(indent);
        ImGui::PopID();
    }
    ImGui::EndCombo();
    return changed;
}

bool BeginKwicTable(const char* id, const char* passage, const std::array<float, 4>& weights,
                    const std::vector<std::pair<const char*, float>>& more) {
    const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerV |
                                  ImGuiTableFlags_Resizable | ImGuiTableFlags_ScrollY;
    if (!ImGui::BeginTable(id, 4 + static_cast<int>(more.size()), flags)) return false;
    ImGui::TableSetupScrollFreeze(0, 1);
    const char* names[] = {"Report", "Before", passage, "After"};
    for (size_t i = 0; i < 4; ++i)
        ImGui::TableSetupColumn(names[i], ImGuiTableColumnFlags_WidthStretch, weights[i]);
    for (const auto& [name, weight] : more)
        ImGui::TableSetupColumn(name, ImGuiTableColumnFlags_WidthStretch, weight);
    ImGui::TableHeadersRow();
    return true;
}

void KwicRows(size_t count, const std::function<void(size_t row)>& row) {
    // Only the rows in sight are submitted: a search may have thousands of hits.
    ImGuiListClipper clipper;
    clipper.Begin(static_cast<int>(count));
    while (clipper.Step()) {
        for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
            ImGui::PushID(i);
            row(static_cast<size_t>(i));
            ImGui::PopID();
        }
    }
    ImGui::EndTable();
}

KwicRowResult KwicRow(const std::string& report, const std::string& before, const std::string& passage,
                      const std::string& after) {
    KwicRowResult result;
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    const std::string name = std::filesystem::path(report).filename().string();
    result.clicked = ImGui::Selectable(name.c_str(), false, ImGuiSelectableFlags_SpanAllColumns);
    result.hovered = ImGui::IsItemHovered();
    ImGui::TableNextColumn();
    ImGui::SetCursorPosX(ImGui::GetCursorPosX() + ImGui::GetContentRegionAvail().x -
                         ImGui::CalcTextSize(before.c_str()).x);
    ImGui::TextDisabled("%s", before.c_str());
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(passage.c_str());
    ImGui::TableNextColumn();
    ImGui::TextDisabled("%s", after.c_str());
    return result;
}

void KeepWindowInView() {
    const ImGuiViewport* viewport = ImGui::GetMainViewport();
    const ImVec2 pos = ImGui::GetWindowPos(), size = ImGui::GetWindowSize();
    const ImVec2 fitted(std::min(size.x, viewport->WorkSize.x), std::min(size.y, viewport->WorkSize.y));
    const ImVec2 moved(
        std::clamp(pos.x, viewport->WorkPos.x, viewport->WorkPos.x + viewport->WorkSize.x - fitted.x),
        std::clamp(pos.y, viewport->WorkPos.y, viewport->WorkPos.y + viewport->WorkSize.y - fitted.y));
    if (fitted.x != size.x || fitted.y != size.y) ImGui::SetWindowSize(fitted);
    if (moved.x != pos.x || moved.y != pos.y) ImGui::SetWindowPos(moved);
}

void PlaceProjectWindow() {
    const ImGuiViewport* viewport = ImGui::GetMainViewport();
    const float em = ImGui::GetFontSize();
    const ImVec2 size(std::max(viewport->WorkSize.x * 0.72f, em * 30), viewport->WorkSize.y * 0.45f);
    const ImVec2 at(viewport->WorkPos.x + viewport->WorkSize.x - size.x - em,
                    viewport->WorkPos.y + viewport->WorkSize.y - size.y - em * 2.5f);
    ImGui::SetNextWindowPos(at, ImGuiCond_FirstUseEver);
    ImGui::SetNextWindowSize(size, ImGuiCond_FirstUseEver);
}

} // namespace gloss::gui
