// The tag popup: pick or create a tag for the selected text by typing.

#include "widgets/tag_popup.hpp"

#include "code_system.hpp"
#include "widgets/string_input.hpp"

#include <algorithm>

namespace gloss::gui {

namespace {

std::string folded(std::string_view text) {
    std::string out(text);
    for (char& c : out)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return out;
}

bool isExactLabel(const annotations::Codebook& codebook, std::string_view label) {
    const std::string wanted = folded(label);
    return std::any_of(codebook.tags.begin(), codebook.tags.end(),
                       [&](const annotations::Tag& tag) { return folded(tag.label) == wanted; });
}

} // namespace

std::vector<size_t> filterTags(const annotations::Codebook& codebook, std::string_view filter) {
    if (filter.empty()) {
        std::vector<size_t> tree;
        for (const CodeRow& row : codeTree(codebook)) tree.push_back(row.index);
        return tree;
    }
    const std::string wanted = folded(filter);
    std::vector<size_t> prefix, inside;
    for (size_t i = 0; i < codebook.tags.size(); ++i) {
        const std::string label = folded(codebook.tags[i].label);
        if (label.starts_with(wanted))
            prefix.push_back(i);
        else if (label.find(wanted) != std::string::npos ||
                 folded(codebook.tags[i].id).find(wanted) != std::string::npos)
            inside.push_back(i);
    }
    prefix.insert(prefix.end(), inside.begin(), inside.end());
    return prefix;
}

void openTagPopup(TagPopupState& state, ImVec2 position) {
    state.openRequested = true;
    state.position = position;
}

TagPopupResult TagPopup(TagPopupState& state, const annotations::Codebook& codebook,
                        const std::function<ImU32(const std::string&)>& tagColor,
                        const std::vector<std::string>& applied) {
    TagPopupResult result;
    if (state.openRequested) {
        state.openRequested = false;
        state.filter.clear();
        state.highlighted = 0;
        state.justOpened = true;
        ImGui::SetNextWindowPos(state.position);
        ImGui::OpenPopup(kTagPopupId);
    }
    if (!ImGui::BeginPopup(kTagPopupId)) return result;
    if (state.justOpened) {
        ImGui::SetKeyboardFocusHere();
        state.justOpened = false;
    }
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 16);
    const std::string before = state.filter;
    const bool entered =
        InputString("##filter", state.filter, "tag name", ImGuiInputTextFlags_EnterReturnsTrue);
    if (state.filter != before) state.highlighted = 0;

    const std::vector<size_t> matches = filterTags(codebook, state.filter);
    const bool offerNew = !state.filter.empty() && !isExactLabel(codebook, state.filter);
    const int choices = static_cast<int>(matches.size()) + (offerNew ? 1 : 0);
    if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_DownArrow))) ++state.highlighted;
    if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_UpArrow))) --state.highlighted;
    state.highlighted = choices == 0 ? 0 : std::clamp(state.highlighted, 0, choices - 1);

    int chosen = entered && choices > 0 ? state.highlighted : -1;
    const float em = ImGui::GetFontSize();
    const float swatch = em * 0.8f;
    std::vector<int> depth(codebook.tags.size(), 0);
    for (const CodeRow& row : codeTree(codebook)) depth[row.index] = row.depth;
    ImGui::BeginChild("##choices", ImVec2(em * 18, em * 14));
    for (int i = 0; i < static_cast<int>(matches.size()); ++i) {
        const size_t index = matches[static_cast<size_t>(i)];
        const annotations::Tag& tag = codebook.tags[index];
        ImGui::PushID(i);
        // Sub-codes indented under their parent; the codes the passage has are checked.
        ImGui::SetCursorPosX(ImGui::GetCursorPosX() + static_cast<float>(depth[index]) * em);
        bool on = std::find(applied.begin(), applied.end(), tag.id) != applied.end();
        if (ImGui::Checkbox("##on", &on)) chosen = i;
        ImGui::SameLine();
        ImGui::ColorButton("##c", ImGui::ColorConvertU32ToFloat4(tagColor(tag.id)),
                           ImGuiColorEditFlags_NoTooltip, ImVec2(swatch, swatch));
        ImGui::SameLine();
        const std::string label = (tag.key.empty() ? "   " : tag.key + "  ") + tag.label;
        if (ImGui::Selectable(label.c_str(), i == state.highlighted)) chosen = i;
        if (i == state.highlighted) ImGui::SetScrollHereY();
        ImGui::PopID();
    }
    if (offerNew) {
        const std::string label = "New tag \"" + state.filter + "\"";
        if (ImGui::Selectable(label.c_str(), state.highlighted == static_cast<int>(matches.size())))
            chosen = static_cast<int>(matches.size());
    }
    if (choices == 0) ImGui::TextDisabled("type a name to create a tag");
    ImGui::EndChild();

    if (chosen >= 0) {
        if (chosen < static_cast<int>(matches.size()))
            result.toggleTag = codebook.tags[matches[static_cast<size_t>(chosen)]].id;
        else
            result.createLabel = state.filter;
        ImGui::CloseCurrentPopup();
    }
    if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape))) ImGui::CloseCurrentPopup();
    ImGui::EndPopup();
    return result;
}

} // namespace gloss::gui
