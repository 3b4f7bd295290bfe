// The sidebar's panels: codebook (tree, toggles, counts, chart, editing),
// annotations (filters, list, the selected one's note), plugins, and the
// plugins' own panels.
//
// [SECTION] Codebook
// [SECTION] Annotations
// [SECTION] Plugins

#include "app.hpp"
#include "code_system.hpp"
#include "widgets/outline.hpp"
#include "widgets/string_input.hpp"

#include <algorithm>
#include <cinttypes>
#include <cmath>
#include <cstdio>
#include <imgui_internal.h> // FindWindowByName: where a plugin's panel is

namespace gloss::gui {

namespace {

// "annotations/theme matches", as the codebook panel shows them.
std::string countsText(size_t annotated, size_t matches) {
    return std::to_string(annotated) + "/" + std::to_string(matches);
}

std::string hexColor(const ImVec4& color) {
    char text[8];
    std::snprintf(text, sizeof text, "#%02x%02x%02x", static_cast<int>(color.x * 255 + 0.5f),
                  static_cast<int>(color.y * 255 + 0.5f), static_cast<int>(color.z * 255 + 0.5f));
    return text;
}

// A plugin's panel is its own window: when the main window shrank under it,
// it is moved (and shrunk) back inside before the plugin draws it.
void keepInsideWindow(const char* title) {
    const ImGuiWindow* window = ImGui::FindWindowByName(title);
    if (!window) return;
    const ImGuiViewport* viewport = ImGui::GetMainViewport();
    const ImVec2 size(std::min(window->Size.x, viewport->WorkSize.x),
                      std::min(window->Size.y, viewport->WorkSize.y));
    const ImVec2 pos(
        std::clamp(window->Pos.x, viewport->WorkPos.x, viewport->WorkPos.x + viewport->WorkSize.x - size.x),
        std::clamp(window->Pos.y, viewport->WorkPos.y, viewport->WorkPos.y + viewport->WorkSize.y - size.y));
    if (size.x != window->Size.x || size.y != window->Size.y) ImGui::SetNextWindowSize(size);
    if (pos.x != window->Pos.x || pos.y != window->Pos.y) ImGui::SetNextWindowPos(pos);
}

// The drag-and-drop payload of a code row: its id.
constexpr const char* kCodePayload = "gloss-code";

} // namespace

void App::drawSidebar() {
    drawDocuments();
    if (ImGui::CollapsingHeader("Codebook", ImGuiTreeNodeFlags_DefaultOpen)) drawCodebook();
    if (memo_.focus) ImGui::SetNextItemOpen(true);
    // Open at first when the report has a memo, so it is read.
    if (ImGui::CollapsingHeader(memo().empty() ? "Report memo###memo" : "Report memo (written)###memo",
                                memo().empty() ? 0 : ImGuiTreeNodeFlags_DefaultOpen)) {
        if (const auto typed = MemoPanel(memo_, workspace_)) setMemo(*typed);
    } else {
        memo_.active = false;
    }
    if (ImGui::CollapsingHeader("Counts per tag")) drawCountsChart();
    if (ImGui::CollapsingHeader("Annotations", ImGuiTreeNodeFlags_DefaultOpen)) drawAnnotationList();
    if (ImGui::CollapsingHeader("Colleague")) drawColleaguePanel();
    if (ImGui::CollapsingHeader("Plugins")) drawPlugins();
}

//-----------------------------------------------------------------------------
// [SECTION] Codebook
//-----------------------------------------------------------------------------

void App::drawCodebook() {
    ImGui::Checkbox("Annotations", &showAnnotations_);
    ImGui::SameLine();
    ImGui::Checkbox("Theme matches", &showThemes_);
    // Counts first, in a column as wide as the widest, so labels never cover them.
    float countsWidth = ImGui::CalcTextSize("00/000").x;
    for (const auto& [id, counts] : tagCounts_)
        countsWidth = std::max(countsWidth,
                               ImGui::CalcTextSize(countsText(counts.annotated, counts.matches).c_str()).x);
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
    for (const CodeRow& row : codeTree(workspace_.codebook())) {
        const float indent = static_cast<float>(row.depth) * ImGui::GetStyle().IndentSpacing;
        if (indent > 0) ImGui::Indent(indent);
        drawTagRow(workspace_.codebook().tags[row.index], countsWidth);
        if (indent > 0) ImGui::Unindent(indent);
    }
    if (const ImGuiPayload* payload = ImGui::GetDragDropPayload();
        payload && payload->IsDataType(kCodePayload)) {
        ImGui::Button("drop here for the top level", ImVec2(-1, 0));
        if (ImGui::BeginDragDropTarget()) {
            if (const ImGuiPayload* dropped = ImGui::AcceptDragDropPayload(kCodePayload))
                reparentTag(std::string(static_cast<const char*>(dropped->Data), size_t(dropped->DataSize)),
                            "");
            ImGui::EndDragDropTarget();
        }
    }
    drawTagEditor();
    drawDeleteTagPrompt();

    ImGui::SetNextItemWidth(ImGui::GetContentRegionAvail().x - ImGui::GetFontSize() * 4);
    const bool entered =
        InputString("##new-tag", newTagLabel_, "new tag", ImGuiInputTextFlags_EnterReturnsTrue);
    ImGui::SameLine();
    if ((ImGui::Button("Add") || entered) && !newTagLabel_.empty()) {
        createTag(newTagLabel_);
        newTagLabel_.clear();
    }
}

void App::drawTagRow(const annotations::Tag& tag, float countsWidth) {
    ImGui::PushID(tag.id.c_str());
    bool shown = !hidden_[tag.id];
    if (ImGui::Checkbox("##shown", &shown)) hidden_[tag.id] = !shown;
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Show or hide \"%s\" in the report", tag.label.c_str());
    ImGui::SameLine();
    const float swatch = ImGui::GetFontSize();
    if (ImGui::ColorButton("##color", ImGui::ColorConvertU32ToFloat4(tagColor(tag.id)),
                           ImGuiColorEditFlags_NoTooltip, ImVec2(swatch, swatch)))
        editingTag_ = tag.id;
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Rename or recolour");
    ImGui::SameLine();
    const auto found = tagCounts_.find(tag.id);
    const TagCounts counts = found == tagCounts_.end() ? TagCounts{} : found->second;
    const float column = ImGui::GetCursorPosX();
    ImGui::TextDisabled("%s", countsText(counts.annotated, counts.matches).c_str());
    if (ImGui::IsItemHovered())
        ImGui::SetTooltip("%zu annotations / %zu theme matches", counts.annotated, counts.matches);
    ImGui::SameLine(column + countsWidth);
    const std::string label = (tag.key.empty() ? "  " : tag.key + " ") + tag.label;
    if (ImGui::Selectable(label.c_str(), annotationList_.filter.tag == tag.id,
                          ImGuiSelectableFlags_AllowDoubleClick)) {
        // A click filters the annotation list by this tag (and its sub-codes); a second clears it.
        annotationList_.filter.tag = annotationList_.filter.tag == tag.id ? "" : tag.id;
        if (ImGui::IsMouseDoubleClicked(ImGuiMouseButton_Left)) editingTag_ = tag.id;
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
            reparentTag(std::string(static_cast<const char*>(dropped->Data), size_t(dropped->DataSize)),
                        tag.id);
        ImGui::EndDragDropTarget();
    }
    if (ImGui::BeginPopupContextItem("##menu")) {
        drawTagMenu(tag);
        ImGui::EndPopup();
    }
    ImGui::PopID();
}

// A code's right-click menu: edit, move to the top level, merge into another, delete.
void App::drawTagMenu(const annotations::Tag& tag) {
    if (ImGui::MenuItem("Edit...")) editingTag_ = tag.id;
    if (ImGui::MenuItem("Move to the top level", nullptr, false, !tag.parent.empty()))
        reparentTag(tag.id, "");
    if (ImGui::BeginMenu("Merge into")) {
        // Its codings move to the chosen code, then it leaves the codebook.
        for (const CodeRow& row : codeTree(workspace_.codebook())) {
            const annotations::Tag& into = workspace_.codebook().tags[row.index];
            if (into.id == tag.id) continue;
            const std::string label = std::string(static_cast<size_t>(row.depth) * 2, ' ') + into.label;
            if (ImGui::MenuItem(label.c_str())) mergeTag(tag.id, into.id);
        }
        ImGui::EndMenu();
    }
    if (ImGui::MenuItem("Delete...")) deletingTag_ = tag.id;
}

// Asks before a code is deleted, saying how many codings lose it.
void App::drawDeleteTagPrompt() {
    constexpr const char* kTitle = "Delete code?";
    if (!deletingTag_.empty() && !ImGui::IsPopupOpen(kTitle)) ImGui::OpenPopup(kTitle);
    if (!ImGui::BeginPopupModal(kTitle, nullptr, ImGuiWindowFlags_AlwaysAutoResize)) return;
    const annotations::Tag* tag = workspace_.codebook().find(deletingTag_);
    if (!tag) {
        deletingTag_.clear();
        ImGui::CloseCurrentPopup();
        ImGui::EndPopup();
        return;
    }
    const size_t codings = codingCount(tag->id);
    ImGui::Text("Delete the code \"%s\"?", tag->label.c_str());
    ImGui::Text("%zu coding%s will lose it; a passage left with no code and no note is removed.", codings,
                codings == 1 ? "" : "s");
    ImGui::TextDisabled("Its sub-codes move up a level. Ctrl+Z undoes all of it.");
    if (ImGui::Button("Delete")) {
        deleteTag(tag->id);
        deletingTag_.clear();
        ImGui::CloseCurrentPopup();
    }
    ImGui::SameLine();
    if (ImGui::Button("Cancel") || ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape))) {
        deletingTag_.clear();
        ImGui::CloseCurrentPopup();
    }
    ImGui::EndPopup();
}

// The editor of one tag's label and colour, opened from its swatch.
void App::drawTagEditor() {
    if (!editingTag_.empty() && tagEditorFor_ != editingTag_) {
        const annotations::Tag* tag = workspace_.codebook().find(editingTag_);
        if (!tag) {
            editingTag_.clear();
            return;
        }
        tagEditorLabel_ = tag->label;
        tagEditorDescription_ = tag->description;
        tagEditorKey_ = tag->key;
        tagEditorColor_ = ImGui::ColorConvertU32ToFloat4(tagColor(tag->id));
        tagEditorFor_ = editingTag_;
        ImGui::OpenPopup("Edit tag");
    }
    if (!ImGui::BeginPopup("Edit tag")) {
        editingTag_.clear();
        tagEditorFor_.clear();
        return;
    }
    ImGui::Text("Tag %s", tagEditorFor_.c_str());
    InputString("Label", tagEditorLabel_);
    ImGui::ColorEdit3("Colour", &tagEditorColor_.x, ImGuiColorEditFlags_DisplayHex);
    if (ImGui::BeginCombo("Quick key", tagEditorKey_.empty() ? "none" : tagEditorKey_.c_str())) {
        if (ImGui::Selectable("none", tagEditorKey_.empty())) tagEditorKey_.clear();
        for (char key = '1'; key <= '9'; ++key) {
            // A key another code has moves to this one.
            const auto holder =
                std::find_if(workspace_.codebook().tags.begin(), workspace_.codebook().tags.end(),
                             [&](const annotations::Tag& t) {
                                 return t.key == std::string(1, key) && t.id != tagEditorFor_;
                             });
            // Appended, not concatenated: GCC 12 at -O3 warns falsely on the latter (bug 105329).
            std::string label(1, key);
            if (holder != workspace_.codebook().tags.end())
                label.append("  (now ").append(holder->label).append(")");
            if (ImGui::Selectable(label.c_str(), tagEditorKey_ == std::string(1, key)))
                tagEditorKey_ = std::string(1, key);
        }
        ImGui::EndCombo();
    }
    // The code's memo: what it means and when to use it.
    ImGui::TextUnformatted("Description (memo)");
    InputString("##description", tagEditorDescription_, nullptr, 0,
                ImVec2(ImGui::GetFontSize() * 22, ImGui::GetFontSize() * 5));
    const bool typing = ImGui::IsItemActive(); // Enter there is a new line
    if (ImGui::Button("Apply") || (!typing && ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Enter)))) {
        // Each edit is its own undo step, so any one can be taken back.
        renameTag(tagEditorFor_, tagEditorLabel_);
        recolorTag(tagEditorFor_, hexColor(tagEditorColor_));
        setTagKey(tagEditorFor_, tagEditorKey_);
        setTagDescription(tagEditorFor_, tagEditorDescription_);
        ImGui::CloseCurrentPopup();
    }
    ImGui::SameLine();
    if (ImGui::Button("Cancel") || ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape)))
        ImGui::CloseCurrentPopup();
    ImGui::EndPopup();
}

// Horizontal bars: annotations per tag (solid) and theme matches (light).
void App::drawCountsChart() {
    struct Row {
        const annotations::Tag* tag;
        size_t annotated, matches;
    };
    std::vector<Row> rows;
    size_t largest = 1;
    for (const annotations::Tag& tag : workspace_.codebook().tags) {
        Row row{&tag, 0, 0};
        if (const auto it = tagCounts_.find(tag.id); it != tagCounts_.end())
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
        const ImU32 color = tagColor(row.tag->id);
        const auto length = [&](size_t count) {
            return width * static_cast<float>(count) / static_cast<float>(largest);
        };
        draw->AddRectFilled(at, ImVec2(at.x + length(row.annotated), at.y + barHeight), color);
        draw->AddRectFilled(ImVec2(at.x, at.y + barHeight + 1),
                            ImVec2(at.x + length(row.matches), at.y + 2 * barHeight + 1),
                            (color & ~IM_COL32_A_MASK) | IM_COL32(0, 0, 0, 90));
        ImGui::Dummy(ImVec2(width, 2 * barHeight + 2));
        if (ImGui::IsItemHovered())
            ImGui::SetTooltip("%s: %zu annotations, %zu theme matches", row.tag->label.c_str(), row.annotated,
                              row.matches);
    }
}

//-----------------------------------------------------------------------------
// [SECTION] Annotations
//-----------------------------------------------------------------------------

void App::drawAnnotationList() {
    if (const annotations::Annotation* clicked =
            AnnotationsPanel(annotationList_, workspace_, authors_, origins_, view_.selectedAnnotation))
        selectAnnotation(*clicked);
}

bool App::selectionPaneShown() {
    if (view_.selectedAnnotation.empty()) return false;
    if (view_.selectedInOverlay) return colleague_ && colleague_->differences.find(view_.selectedAnnotation);
    return selectedOwnAnnotation() != nullptr;
}

// Under the report: a border to drag (the pane's height), then the selected
// annotation.
void App::drawSelectionPane(float statusHeight) {
    const float em = ImGui::GetFontSize();
    ImGui::InvisibleButton("##pane-splitter", ImVec2(-1, ImGui::GetStyle().ItemSpacing.y));
    if (ImGui::IsItemHovered() || ImGui::IsItemActive()) ImGui::SetMouseCursor(ImGuiMouseCursor_ResizeNS);
    if (ImGui::IsItemActive())
        notePaneHeight_ = std::clamp(notePaneHeight_ - ImGui::GetIO().MouseDelta.y / em, 4.0f, 30.0f);
    ImGui::BeginChild("##selected", ImVec2(0, -statusHeight), true);
    drawSelectedAnnotation();
    ImGui::EndChild();
}

// The selected annotation: its codes (each can be taken off), who made and
// changed it, Delete, and its note, edited in place in a field that wraps (the
// change is one undo step when the field loses the keyboard).
void App::drawSelectedAnnotation() {
    if (view_.selectedInOverlay) {
        // A colleague's: read-only, to accept into one's own work or reject.
        const annotations::Annotation* theirs =
            colleague_ ? colleague_->differences.find(view_.selectedAnnotation) : nullptr;
        if (!theirs) return;
        ImGui::TextWrapped("%s's annotation: %s", theirs->author.c_str(), tagLabels(theirs->tags).c_str());
        const std::string id = theirs->id;
        if (ImGui::Button("Accept into mine")) acceptColleague(id);
        ImGui::SameLine();
        if (ImGui::Button("Reject")) rejectColleague(id);
        if (!theirs->note.empty()) ImGui::TextWrapped("Note: %s", theirs->note.c_str());
        return;
    }
    const annotations::Annotation* a = selectedOwnAnnotation();
    if (!a) return;
    if (noteDraftFor_ != a->id) {
        noteDraft_ = a->note;
        noteDraftFor_ = a->id;
    }
    const std::string id = a->id;
    std::string removed;
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted(a->tags.empty() ? "No codes" : "Codes:");
    const float swatch = ImGui::GetFontSize() * 0.8f;
    for (const auto& tag : a->tags) {
        ImGui::PushID(tag.c_str());
        ImGui::SameLine();
        ImGui::ColorButton("##c", ImGui::ColorConvertU32ToFloat4(tagColor(tag)),
                           ImGuiColorEditFlags_NoTooltip, ImVec2(swatch, swatch));
        ImGui::SameLine(0, ImGui::GetStyle().ItemInnerSpacing.x);
        const annotations::Tag* known = workspace_.codebook().find(tag);
        ImGui::TextUnformatted(known ? known->label.c_str() : tag.c_str());
        ImGui::SameLine(0, ImGui::GetStyle().ItemInnerSpacing.x);
        if (ImGui::SmallButton("x")) removed = tag;
        if (ImGui::IsItemHovered()) ImGui::SetTooltip("Take this code off the passage");
        ImGui::PopID();
    }
    const auto by = a->extra.find("modified_by");
    const std::string changedBy =
        by != a->extra.end() && by->is_string() ? ", changed by " + by->get<std::string>() : std::string();
    ImGui::TextDisabled("by %s%s, %s, %s, chars %" PRIu64 "-%" PRIu64, a->author.c_str(), changedBy.c_str(),
                        a->origin.c_str(), kStatusNames[static_cast<int>(a->status)], a->start, a->end);
    ImGui::SameLine();
    const bool remove = ImGui::SmallButton("Delete annotation");
    if (!a->conflict.is_null()) drawConflict(*a);
    ImGui::TextUnformatted("Note");
    if (InputWrapped("##note", noteField_, noteDraft_, ImVec2(-1, -1))) setNote(id, noteDraft_);
    if (!removed.empty()) removeTag(id, removed);
    if (remove) deleteAnnotation(id);
}

// The selected annotation of one's own; the lookup is a scan, so its result
// is kept until the annotations or the selection change.
const annotations::Annotation* App::selectedOwnAnnotation() {
    if (selectedRevision_ != workspace_.revision() || selectedId_ != view_.selectedAnnotation) {
        selected_ = workspace_.annotations().find(view_.selectedAnnotation);
        selectedRevision_ = workspace_.revision();
        selectedId_ = view_.selectedAnnotation;
    }
    return selected_;
}

std::string App::tagLabels(const std::vector<std::string>& tags) const {
    std::string labels;
    for (const auto& t : tags) {
        const annotations::Tag* tag = workspace_.codebook().find(t);
        labels += (labels.empty() ? "" : ", ") + (tag ? tag->label : t);
    }
    return labels;
}

//-----------------------------------------------------------------------------
// [SECTION] Plugins
//-----------------------------------------------------------------------------

// The Plugins panel's requests.
void App::drawPlugins() {
    if (!host_) return;
    const PluginsAction action = PluginsPanel(*host_);
    if (action.reload) reloadPlugins();
    if (action.enable) setPluginEnabled(action.enable->first, action.enable->second);
    if (!action.load.empty()) addPlugin(action.load);
}

// View > Outline: the report's headings; a click shows that section.
void App::drawOutline() {
    if (!outlineOpen_ || !workspace_.document()) return;
    const ImVec2 display = ImGui::GetIO().DisplaySize;
    ImGui::SetNextWindowPos(ImVec2(display.x * 0.6f, display.y * 0.1f), ImGuiCond_FirstUseEver);
    ImGui::SetNextWindowSize(ImVec2(ImGui::GetFontSize() * 20, display.y * 0.6f), ImGuiCond_FirstUseEver);
    if (ImGui::Begin("Outline", &outlineOpen_)) {
        // Kept inside the editor's window when that shrinks.
        const ImVec2 at = ImGui::GetWindowPos(), size = ImGui::GetWindowSize();
        const ImVec2 inside(std::clamp(at.x, 0.0f, std::max(0.0f, display.x - size.x)),
                            std::clamp(at.y, 0.0f, std::max(0.0f, display.y - size.y)));
        if (inside.x != at.x || inside.y != at.y) ImGui::SetWindowPos(inside);
        if (const auto jump = Outline(*workspace_.document(), view_.firstVisibleByte)) {
            // The section's heading at the top of the view, the caret on it.
            view_.select(*jump, *jump);
            view_.topByte = *jump;
            view_.topOffset = 0;
        }
    }
    ImGui::End();
}

size_t App::reloadPlugins() {
    if (!host_) return 0;
    const size_t replaced = host_->reloadChanged();
    inform(std::to_string(replaced) + " plugin" + (replaced == 1 ? "" : "s") + " reloaded");
    // What went wrong with a plugin that now works is no longer true.
    for (const auto& plugin : host_->plugins())
        if (!plugin.failed) {
            messages_.withdraw(pluginAbout(plugin.id));
            failedPanels_.erase(plugin.id);
        }
    if (replaced > 0 && workspace_.document()) computeThemes();
    return replaced;
}

bool App::addPlugin(const std::filesystem::path& file) {
    if (!host_) return false;
    if (!host_->loadFile(file)) {
        const auto refusals = host_->refusals();
        report(file.string() + ": " + refusals.back().reason);
        return false;
    }
    const std::filesystem::path absolute = std::filesystem::absolute(file);
    changeSettings([&](Settings& settings) {
        if (std::find(settings.addedPlugins.begin(), settings.addedPlugins.end(), absolute) ==
            settings.addedPlugins.end())
            settings.addedPlugins.push_back(absolute);
    });
    if (workspace_.document()) computeThemes(); // a new highlighter may colour the report
    return true;
}

void App::showPluginPanel(const std::string& title, bool shown) {
    if (shown)
        closedPanels_.erase(title);
    else
        closedPanels_.insert(title);
}

// View > Plugin panels: each panel of a plugin that is on, to close or reopen.
void App::drawPanelsMenu() {
    const auto panels = host_ ? host_->panels() : std::vector<core::PanelInfo>();
    if (!ImGui::BeginMenu("Plugin panels", !panels.empty())) return;
    for (const auto& panel : panels) {
        bool shown = !closedPanels_.count(panel.title);
        if (ImGui::MenuItem(panel.title.c_str(), nullptr, &shown)) showPluginPanel(panel.title, shown);
    }
    ImGui::EndMenu();
}

void App::drawPluginPanels() {
    if (!host_) return;
    // A panel opens its own window (docs/plugin-guide.md); the editor only
    // chooses where it first appears: stacked along the right edge.
    const ImGuiViewport* viewport = ImGui::GetMainViewport();
    const float em = ImGui::GetFontSize(); // sizes follow the text size and the screen's scale
    const ImVec2 size(em * 17.5f, em * 8.75f);
    size_t index = 0;
    size_t shown = 0;
    std::string previous;
    const auto plugins = host_->plugins();
    for (const auto& panel : host_->panels()) {
        index = panel.pluginId == previous ? index + 1 : 0;
        previous = panel.pluginId;
        // A plugin that is off shows no panel (and drawing it would only fail).
        const auto plugin = std::find_if(plugins.begin(), plugins.end(), [&](const core::PluginSummary& p) {
            return p.id == panel.pluginId;
        });
        if (plugin == plugins.end() || !plugin->enabled || closedPanels_.count(panel.title)) continue;
        const float y = viewport->WorkPos.y + viewport->WorkSize.y - (size.y + em * 2.5f) * float(++shown);
        ImGui::SetNextWindowPos(ImVec2(viewport->WorkPos.x + viewport->WorkSize.x - size.x - em * 1.5f, y),
                                ImGuiCond_FirstUseEver);
        ImGui::SetNextWindowSize(size, ImGuiCond_FirstUseEver);
        keepInsideWindow(panel.title.c_str());
        gloss_panel_frame frame{};
        frame.struct_size = sizeof frame;
        frame.imgui_context = ImGui::GetCurrentContext();
        ImGuiMemAllocFunc alloc = nullptr;
        ImGuiMemFreeFunc free = nullptr;
        void* user = nullptr;
        ImGui::GetAllocatorFunctions(&alloc, &free, &user);
        frame.imgui_alloc = alloc;
        frame.imgui_free = free;
        frame.imgui_alloc_user_data = user;
        try {
            host_->drawPanel(panel.pluginId, index, frame, document());
        } catch (const std::exception& e) {
            // A failing plugin is disabled by the host; say so once, not every frame.
            if (failedPanels_.insert(panel.pluginId).second)
                messages_.post({e.what(), Severity::Error, pluginAbout(panel.pluginId)});
        }
    }
}

} // namespace gloss::gui
