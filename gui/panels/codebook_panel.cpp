// Codebook: the code system as a tree (each code's switch, colour, counts,
// quick key and label; dragged onto another to become its sub-code), the
// tag editor, the delete prompt and new tags; and Counts per tag, a chart.

#include "code_system.hpp"
#include "panels/sidebar_panels.hpp"
#include "widgets/string_input.hpp"

#include <algorithm>
#include <cstdio>

namespace gloss::gui {

namespace {

// "annotations/theme matches", as the codebook panel shows them.
std::string countsText(size_t annotated, size_t matches) {
    return std::to_string(annotated) + "/" + std::to_string(matches);
}

// The same in words, for the tooltip: "1 annotation, 13 theme matches".
std::string countsInWords(size_t annotated, size_t matches) {
    return std::to_string(annotated) + (annotated == 1 ? " annotation, " : " annotations, ") +
           std::to_string(matches) + (matches == 1 ? " theme match" : " theme matches");
}

std::string hexColor(const ImVec4& color) {
    char text[8];
    std::snprintf(text, sizeof text, "#%02x%02x%02x", static_cast<int>(color.x * 255 + 0.5f),
                  static_cast<int>(color.y * 255 + 0.5f), static_cast<int>(color.z * 255 + 0.5f));
    return text;
}

// The drag-and-drop payload of a code row: its id.
constexpr const char* kCodePayload = "gloss-code";

// A code's right-click menu: edit, move to the top level, merge into another, delete.
void TagMenu(CodebookPanelState& state, CodebookAction& action, const annotations::Tag& tag,
             const annotations::Codebook& codebook) {
    if (ImGui::MenuItem("Edit...")) state.editingTag = tag.id;
    if (ImGui::MenuItem("Move to the top level", nullptr, false, !tag.parent.empty()))
        action.reparent = {tag.id, ""};
    if (ImGui::BeginMenu("Merge into")) {
        // Its codings move to the chosen code, then it leaves the codebook.
        for (const CodeRow& row : codeTree(codebook)) {
            const annotations::Tag& into = codebook.tags[row.index];
            if (into.id == tag.id) continue;
            const std::string label = std::string(static_cast<size_t>(row.depth) * 2, ' ') + into.label;
            if (ImGui::MenuItem(label.c_str())) action.merge = {tag.id, into.id};
        }
        ImGui::EndMenu();
    }
    if (ImGui::MenuItem("Delete...")) state.deletingTag = tag.id;
}

// Asks before a code is deleted, saying how many codings lose it.
void DeleteTagPrompt(CodebookPanelState& state, CodebookAction& action, const annotations::Codebook& codebook,
                     const std::map<std::string, TagCounts>& counts) {
    constexpr const char* kTitle = "Delete code?";
    if (!state.deletingTag.empty() && !ImGui::IsPopupOpen(kTitle)) ImGui::OpenPopup(kTitle);
    if (!ImGui::BeginPopupModal(kTitle, nullptr, ImGuiWindowFlags_AlwaysAutoResize)) return;
    const annotations::Tag* tag = codebook.find(state.deletingTag);
    if (!tag) {
        state.deletingTag.clear();
        ImGui::CloseCurrentPopup();
        ImGui::EndPopup();
        return;
    }
    const auto found = counts.find(tag->id);
    const size_t codings = found == counts.end() ? 0 : found->second.annotated;
    ImGui::Text("Delete the code \"%s\"?", tag->label.c_str());
    ImGui::Text("%zu coding%s will lose it; a passage left with no code and no note is removed.", codings,
                codings == 1 ? "" : "s");
    ImGui::TextDisabled("Its sub-codes move up a level. Ctrl+Z undoes all of it.");
    if (ImGui::Button("Delete")) {
        action.deleteTag = tag->id;
        state.deletingTag.clear();
        ImGui::CloseCurrentPopup();
    }
    ImGui::SameLine();
    if (ImGui::Button("Cancel") || ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape))) {
        state.deletingTag.clear();
        ImGui::CloseCurrentPopup();
    }
    ImGui::EndPopup();
}

// The editor of one tag's label and colour, opened from its swatch.
void TagEditor(CodebookPanelState& state, CodebookAction& action, const annotations::Codebook& codebook) {
    if (!state.editingTag.empty() && state.editorFor != state.editingTag) {
        const annotations::Tag* tag = codebook.find(state.editingTag);
        if (!tag) {
            state.editingTag.clear();
            return;
        }
        state.label = tag->label;
        state.description = tag->description;
        state.key = tag->key;
        state.color = ImGui::ColorConvertU32ToFloat4(codeColor(codebook, tag->id));
        state.editorFor = state.editingTag;
        ImGui::OpenPopup("Edit tag");
    }
    if (!ImGui::BeginPopup("Edit tag")) {
        state.editingTag.clear();
        state.editorFor.clear();
        return;
    }
    ImGui::Text("Tag %s", state.editorFor.c_str());
    InputString("Label", state.label);
    ImGui::ColorEdit3("Colour", &state.color.x, ImGuiColorEditFlags_DisplayHex);
    if (ImGui::BeginCombo("Quick key", state.key.empty() ? "none" : state.key.c_str())) {
        if (ImGui::Selectable("none", state.key.empty())) state.key.clear();
        for (char key = '1'; key <= '9'; ++key) {
            // A key another code has moves to this one.
            const annotations::Tag* holder = quickKeyHolder(codebook, std::string(1, key), state.editorFor);
            // Appended, not concatenated: GCC 12 at -O3 warns falsely on the latter (bug 105329).
            std::string label(1, key);
            if (holder) label.append("  (now ").append(holder->label).append(")");
            if (ImGui::Selectable(label.c_str(), state.key == std::string(1, key)))
                state.key = std::string(1, key);
        }
        ImGui::EndCombo();
    }
    // The code's memo: what it means and when to use it.
    ImGui::TextUnformatted("Description (memo)");
    InputString("##description", state.description, nullptr, 0,
                ImVec2(ImGui::GetFontSize() * 22, ImGui::GetFontSize() * 5));
    const bool typing = ImGui::IsItemActive(); // Enter there is a new line
    if (ImGui::Button("Apply") || (!typing && ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Enter)))) {
        action.edit =
            TagEdit{state.editorFor, state.label, hexColor(state.color), state.key, state.description};
        ImGui::CloseCurrentPopup();
    }
    ImGui::SameLine();
    if (ImGui::Button("Cancel") || ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape)))
        ImGui::CloseCurrentPopup();
    ImGui::EndPopup();
}

void TagRow(CodebookPanelState& state, CodebookAction& action, const annotations::Tag& tag,
            const annotations::Codebook& codebook, const std::map<std::string, TagCounts>& counts,
            float countsWidth, std::string& filterTag) {
    ImGui::PushID(tag.id.c_str());
    bool shown = !state.hidden[tag.id];
    if (ImGui::Checkbox("##shown", &shown)) state.hidden[tag.id] = !shown;
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Show or hide \"%s\" in the report", tag.label.c_str());
    ImGui::SameLine();
    const float swatch = ImGui::GetFontSize();
    if (ImGui::ColorButton("##color", ImGui::ColorConvertU32ToFloat4(codeColor(codebook, tag.id)),
                           ImGuiColorEditFlags_NoTooltip, ImVec2(swatch, swatch)))
        state.editingTag = tag.id;
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Rename or recolour");
    ImGui::SameLine();
    const auto found = counts.find(tag.id);
    const TagCounts tagCounts = found == counts.end() ? TagCounts{} : found->second;
    const float column = ImGui::GetCursorPosX();
    ImGui::TextDisabled("%s", countsText(tagCounts.annotated, tagCounts.matches).c_str());
    if (ImGui::IsItemHovered())
        ImGui::SetTooltip("%s", countsInWords(tagCounts.annotated, tagCounts.matches).c_str());
    ImGui::SameLine(column + countsWidth);
    const std::string label = (tag.key.empty() ? "  " : tag.key + " ") + tag.label;
    if (ImGui::Selectable(label.c_str(), filterTag == tag.id, ImGuiSelectableFlags_AllowDoubleClick)) {
        // A click filters the annotation list by this tag (and its sub-codes); a second clears it.
        filterTag = filterTag == tag.id ? "" : tag.id;
        if (ImGui::IsMouseDoubleClicked(ImGuiMouseButton_Left)) state.editingTag = tag.id;
    }
    // A label cut at the sidebar's edge is read whole in the tooltip.
    const bool cut = ImGui::GetItemRectMin().x + ImGui::CalcTextSize(label.c_str()).x >
                     ImGui::GetWindowPos().x + ImGui::GetWindowContentRegionMax().x;
    if (ImGui::IsItemHovered() && (cut || !tag.description.empty()))
        ImGui::SetTooltip("%s%s%s", cut ? tag.label.c_str() : "", cut && !tag.description.empty() ? "\n" : "",
                          tag.description.c_str());
    if (ImGui::BeginDragDropSource()) {
        ImGui::SetDragDropPayload(kCodePayload, tag.id.data(), tag.id.size());
        ImGui::Text("make \"%s\" a sub-code of...", tag.label.c_str());
        ImGui::EndDragDropSource();
    }
    if (ImGui::BeginDragDropTarget()) {
        if (const ImGuiPayload* dropped = ImGui::AcceptDragDropPayload(kCodePayload))
            action.reparent = {
                std::string(static_cast<const char*>(dropped->Data), size_t(dropped->DataSize)), tag.id};
        ImGui::EndDragDropTarget();
    }
    if (ImGui::BeginPopupContextItem("##menu")) {
        TagMenu(state, action, tag, codebook);
        ImGui::EndPopup();
    }
    ImGui::PopID();
}

} // namespace

const annotations::Tag* quickKeyHolder(const annotations::Codebook& codebook, const std::string& key,
                                       const std::string& exceptTag) {
    const auto holder =
        std::find_if(codebook.tags.begin(), codebook.tags.end(), [&](const annotations::Tag& t) {
            return !key.empty() && t.key == key && t.id != exceptTag;
        });
    return holder == codebook.tags.end() ? nullptr : &*holder;
}

CodebookAction CodebookPanel(CodebookPanelState& state, const annotations::Codebook& codebook,
                             const std::map<std::string, TagCounts>& counts, std::string& filterTag) {
    CodebookAction action;
    ImGui::Checkbox("Annotations", &state.showAnnotations);
    ImGui::SameLine();
    ImGui::Checkbox("Theme matches", &state.showThemes);
    // Counts first, in a column as wide as the widest, so labels never cover them.
    float countsWidth = ImGui::CalcTextSize("00/000").x;
    for (const auto& [id, tagCounts] : counts)
        countsWidth = std::max(
            countsWidth, ImGui::CalcTextSize(countsText(tagCounts.annotated, tagCounts.matches).c_str()).x);
    countsWidth += ImGui::CalcTextSize(" ").x;
    // A header over the counts' column: the column starts after the checkbox and the swatch.
    const ImGuiStyle& style = ImGui::GetStyle();
    const float column =
        ImGui::GetCursorPosX() + ImGui::GetFrameHeight() + ImGui::GetFontSize() + 2 * style.ItemSpacing.x;
    // On a line of its own, so it may be wider than the column.
    ImGui::SetCursorPosX(column);
    ImGui::TextDisabled("coded/theme matches");
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("annotations with the code / theme matches in the report");
    // The tree: each tag under its parent, in codebook order. A code dragged
    // onto another becomes its sub-code; onto the strip below, a top-level one.
    for (const CodeRow& row : codeTree(codebook)) {
        const float indent = static_cast<float>(row.depth) * ImGui::GetStyle().IndentSpacing;
        if (indent > 0) ImGui::Indent(indent);
        TagRow(state, action, codebook.tags[row.index], codebook, counts, countsWidth, filterTag);
        if (indent > 0) ImGui::Unindent(indent);
    }
    if (const ImGuiPayload* payload = ImGui::GetDragDropPayload();
        payload && payload->IsDataType(kCodePayload)) {
        ImGui::Button("drop here for the top level", ImVec2(-1, 0));
        if (ImGui::BeginDragDropTarget()) {
            if (const ImGuiPayload* dropped = ImGui::AcceptDragDropPayload(kCodePayload))
                action.reparent = {
                    std::string(static_cast<const char*>(dropped->Data), size_t(dropped->DataSize)), ""};
            ImGui::EndDragDropTarget();
        }
    }
    TagEditor(state, action, codebook);
    DeleteTagPrompt(state, action, codebook, counts);

    ImGui::SetNextItemWidth(ImGui::GetContentRegionAvail().x - ImGui::GetFontSize() * 4);
    const bool entered =
        InputString("##new-tag", state.newTagLabel, "new tag", ImGuiInputTextFlags_EnterReturnsTrue);
    ImGui::SameLine();
    if ((ImGui::Button("Add") || entered) && !state.newTagLabel.empty()) {
        action.createLabel = state.newTagLabel;
        state.newTagLabel.clear();
    }
    return action;
}

// Horizontal bars: annotations per tag (solid) and theme matches (light).
void CountsChart(const annotations::Codebook& codebook, const std::map<std::string, TagCounts>& counts) {
    struct Row {
        const annotations::Tag* tag;
        size_t annotated, matches;
    };
    std::vector<Row> rows;
    size_t largest = 1;
    for (const annotations::Tag& tag : codebook.tags) {
        Row row{&tag, 0, 0};
        if (const auto it = counts.find(tag.id); it != counts.end())
            row = {&tag, it->second.annotated, it->second.matches};
        if (row.annotated == 0 && row.matches == 0) continue;
        largest = std::max({largest, row.annotated, row.matches});
        rows.push_back(row);
    }
    if (rows.empty()) {
        ImGui::TextDisabled("nothing counted yet");
        return;
    }
    ImDrawList* draw = ImGui::GetWindowDrawList();
    const float width = ImGui::GetContentRegionAvail().x;
    const float barHeight = ImGui::GetFontSize() * 0.45f;
    for (const Row& row : rows) {
        // The numbers first, so a long label is what gets cut.
        ImGui::TextDisabled("%zu/%zu", row.annotated, row.matches);
        ImGui::SameLine();
        ImGui::TextUnformatted(row.tag->label.c_str());
        const ImVec2 at = ImGui::GetCursorScreenPos();
        const ImU32 color = codeColor(codebook, row.tag->id);
        const auto length = [&](size_t count) {
            return width * static_cast<float>(count) / static_cast<float>(largest);
        };
        draw->AddRectFilled(at, ImVec2(at.x + length(row.annotated), at.y + barHeight), color);
        draw->AddRectFilled(ImVec2(at.x, at.y + barHeight + 1),
                            ImVec2(at.x + length(row.matches), at.y + 2 * barHeight + 1),
                            (color & ~IM_COL32_A_MASK) | IM_COL32(0, 0, 0, 90));
        ImGui::Dummy(ImVec2(width, 2 * barHeight + 2));
        if (ImGui::IsItemHovered())
            ImGui::SetTooltip("%s: %s", row.tag->label.c_str(),
                              countsInWords(row.annotated, row.matches).c_str());
    }
}

} // namespace gloss::gui
