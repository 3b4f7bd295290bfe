// Annotations: the open report's annotations under a filter (code, status,
// author, origin, merge conflicts), a swatch per code on each row.

#include "panels/sidebar_panels.hpp"
#include "segments_export.hpp"

#include <algorithm>
#include <cmath>

namespace gloss::gui {

namespace {

std::string shortened(std::string_view text, size_t bytes) {
    if (text.size() <= bytes) return std::string(text);
    size_t cut = bytes;
    while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
    return std::string(text.substr(0, cut)) + "...";
}

// A combo over `values` where "" means any; returns true when changed.
bool FilterCombo(const char* label, const char* any, std::string& value,
                 const std::set<std::string>& values) {
    bool changed = false;
    if (ImGui::BeginCombo(label, value.empty() ? any : value.c_str())) {
        if (ImGui::Selectable(any, value.empty())) {
            value.clear();
            changed = true;
        }
        for (const auto& option : values)
            if (ImGui::Selectable(option.empty() ? "(none)" : option.c_str(), option == value)) {
                value = option;
                changed = true;
            }
        ImGui::EndCombo();
    }
    return changed;
}

void Filters(AnnotationFilter& filter, const annotations::Codebook& codebook,
             const std::set<std::string>& authors, const std::set<std::string>& origins) {
    const float width = ImGui::GetContentRegionAvail().x * 0.5f - ImGui::GetStyle().ItemSpacing.x;
    ImGui::SetNextItemWidth(width);
    const annotations::Tag* tag = codebook.find(filter.tag);
    if (ImGui::BeginCombo("##tag",
                          filter.tag.empty() ? "any tag" : (tag ? tag->label.c_str() : filter.tag.c_str()))) {
        if (ImGui::Selectable("any tag", filter.tag.empty())) filter.tag.clear();
        for (const annotations::Tag& t : codebook.tags)
            if (ImGui::Selectable(t.label.c_str(), t.id == filter.tag)) filter.tag = t.id;
        ImGui::EndCombo();
    }
    ImGui::SameLine();
    ImGui::SetNextItemWidth(width);
    const char* status = filter.status < 0 ? "any status" : kStatusNames[filter.status];
    if (ImGui::BeginCombo("##status", status)) {
        if (ImGui::Selectable("any status", filter.status < 0)) filter.status = -1;
        for (int i = 0; i < 3; ++i)
            if (ImGui::Selectable(kStatusNames[i], filter.status == i)) filter.status = i;
        ImGui::EndCombo();
    }
    ImGui::SetNextItemWidth(width);
    FilterCombo("##author", "any author", filter.author, authors);
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Author");
    ImGui::SameLine();
    ImGui::SetNextItemWidth(width);
    FilterCombo("##origin", "any origin", filter.origin, origins);
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Origin: manual or a plugin");
    ImGui::Checkbox("Merge conflicts only", &filter.conflictsOnly);
}

} // namespace

std::vector<size_t> filterAnnotations(const annotations::AnnotationSet& set,
                                      const annotations::Codebook& codebook, const AnnotationFilter& filter) {
    std::vector<size_t> shown;
    const auto& all = set.all();
    // A parent code finds the passages of its sub-codes too.
    const std::vector<std::string> codes =
        filter.tag.empty() ? std::vector<std::string>() : codebook.withDescendants(filter.tag);
    for (size_t i = 0; i < all.size(); ++i) {
        const annotations::Annotation& a = all[i];
        if (!codes.empty() &&
            std::find_first_of(a.tags.begin(), a.tags.end(), codes.begin(), codes.end()) == a.tags.end())
            continue;
        if (!filter.author.empty() && a.author != filter.author) continue;
        if (!filter.origin.empty() && a.origin != filter.origin) continue;
        if (filter.status >= 0 && static_cast<int>(a.status) != filter.status) continue;
        if (filter.conflictsOnly && a.conflict.is_null()) continue;
        shown.push_back(i);
    }
    return shown;
}

const annotations::Annotation* AnnotationsPanel(AnnotationsPanelState& state, const Workspace& workspace,
                                                const std::string& selected) {
    if (!workspace.document()) return nullptr;
    const annotations::Codebook& codebook = workspace.codebook();
    Filters(state.filter, codebook, state.authors, state.origins);
    // Filtering 100,000 annotations is redone only when they or the filter change.
    if (state.listedRevision != workspace.revision() || !(state.listedFilter == state.filter)) {
        state.listed = filterAnnotations(workspace.annotations(), codebook, state.filter);
        state.listedRevision = workspace.revision();
        state.listedFilter = state.filter;
    }
    const std::vector<size_t>& shown = state.listed;
    ImGui::TextDisabled("%zu of %zu shown", shown.size(), workspace.annotations().size());
    const auto& all = workspace.annotations().all();
    const annotations::Annotation* clicked = nullptr;
    ImGui::BeginChild("##annotations", ImVec2(0, ImGui::GetFontSize() * 14), true);
    // Only the rows in sight are submitted: 100,000 annotations stay cheap.
    ImGuiListClipper clipper;
    clipper.Begin(static_cast<int>(shown.size()));
    while (clipper.Step()) {
        for (int row = clipper.DisplayStart; row < clipper.DisplayEnd; ++row) {
            const annotations::Annotation& a = all[shown[static_cast<size_t>(row)]];
            ImGui::PushID(a.id.c_str());
            // A swatch per code (the first four), as the stripes show them.
            const float em = ImGui::GetFontSize();
            const ImVec2 at = ImGui::GetCursorScreenPos();
            const size_t shownCodes = std::clamp<size_t>(a.tags.size(), 1, 4);
            const float width = std::floor(em * 0.6f / static_cast<float>(shownCodes));
            for (size_t i = 0; i < shownCodes; ++i) {
                const float x = at.x + static_cast<float>(i) * width;
                ImGui::GetWindowDrawList()->AddRectFilled(
                    ImVec2(x, at.y + 2), ImVec2(x + std::max(1.0f, width - 1), at.y + em),
                    a.tags.empty() ? kUntaggedColor : codeColor(codebook, a.tags[i]));
            }
            ImGui::Dummy(ImVec2(em * 0.6f, em));
            ImGui::SameLine();
            std::string label = shortened(a.quote, 60);
            if (a.status == annotations::AnchorStatus::Orphaned) label = "[orphaned] " + label;
            if (!a.conflict.is_null()) label = "[conflict] " + label;
            if (ImGui::Selectable(label.c_str(), a.id == selected)) clicked = &a;
            if (ImGui::IsItemHovered())
                ImGui::SetTooltip("%s\n%s, %s, %s", codeLabels(codebook, a.tags, ", ").c_str(),
                                  a.author.c_str(), a.origin.c_str(),
                                  kStatusNames[static_cast<int>(a.status)]);
            ImGui::PopID();
        }
    }
    ImGui::EndChild();
    return clicked;
}

} // namespace gloss::gui
