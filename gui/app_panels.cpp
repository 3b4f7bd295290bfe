// The sidebar: where each panel goes (the panels themselves are in
// panels/sidebar_panels.hpp) and what is done with what they return; the
// selected annotation's pane; plugins (loading, switching) and the plugins'
// own panels.
//
// [SECTION] Codebook
// [SECTION] Annotations
// [SECTION] Plugins

#include "app.hpp"
#include "widgets/outline.hpp"

#include <algorithm>
#include <imgui_internal.h> // FindWindowByName: where a plugin's panel is

namespace gloss::gui {

namespace {

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
    if (ImGui::CollapsingHeader("Counts per tag")) CountsChart(workspace_.codebook(), tagCounts_);
    if (ImGui::CollapsingHeader("Annotations", ImGuiTreeNodeFlags_DefaultOpen)) drawAnnotationList();
    if (ImGui::CollapsingHeader("Colleague")) drawColleaguePanel();
    if (ImGui::CollapsingHeader("Plugins")) drawPlugins();
}

//-----------------------------------------------------------------------------
// [SECTION] Codebook
//-----------------------------------------------------------------------------

void App::drawCodebook() {
    const CodebookAction action =
        CodebookPanel(codebookPanel_, workspace_.codebook(), tagCounts_, annotationList_.filter.tag);
    if (action.reparent) reparentTag(action.reparent->first, action.reparent->second);
    if (action.merge) mergeTag(action.merge->first, action.merge->second);
    if (!action.deleteTag.empty()) deleteTag(action.deleteTag);
    if (!action.createLabel.empty()) createTag(action.createLabel);
    if (const auto& edit = action.edit) {
        // Each edit is its own undo step, so any one can be taken back.
        renameTag(edit->tag, edit->label);
        recolorTag(edit->tag, edit->color);
        setTagKey(edit->tag, edit->key);
        setTagDescription(edit->tag, edit->description);
    }
}

//-----------------------------------------------------------------------------
// [SECTION] Annotations
//-----------------------------------------------------------------------------

void App::drawAnnotationList() {
    if (const annotations::Annotation* clicked =
            AnnotationsPanel(annotationList_, workspace_, view_.selectedAnnotation))
        selectAnnotation(*clicked);
}

bool App::selectionPaneShown() {
    if (view_.selectedAnnotation.empty()) return false;
    if (view_.selectedInOverlay)
        return colleague() && colleague()->differences.find(view_.selectedAnnotation);
    return selectedOwnAnnotation() != nullptr;
}

// Under the report: the selected annotation, one's own or a colleague's.
void App::drawSelectionPane(float statusHeight) {
    const bool theirs = view_.selectedInOverlay;
    actOn(SelectionPane(selection_, theirs ? nullptr : selectedOwnAnnotation(),
                        theirs && colleague() ? colleague()->differences.find(view_.selectedAnnotation)
                                              : nullptr,
                        workspace_.codebook(), statusHeight));
}

// What the selection pane or a stripe's menu asked for, in the order it was
// shown: a conflict above the note, the note above the codes' removal.
void App::actOn(const AnnotationAction& action) {
    if (action.accept) acceptColleague(action.id);
    if (action.reject) rejectColleague(action.id);
    if (action.takeTheirs) resolveConflict(action.id, *action.takeTheirs);
    if (action.note) setNote(action.id, *action.note);
    if (!action.removeTag.empty()) removeTag(action.id, action.removeTag);
    if (action.remove) deleteAnnotation(action.id);
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
        // The window's frame is the editor's: Dear ImGui draws a window's title
        // bar at its first Begin in a frame, so this one gives the plugin's
        // window (the same title) its close button.
        bool open = true;
        ImGui::Begin(panel.title.c_str(), &open);
        ImGui::End();
        if (!open) {
            closedPanels_.insert(panel.title);
            continue;
        }
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
