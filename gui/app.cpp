// The editor's frame: loading, the actions every change goes through (one
// undo history for annotations and codebook), the main window and its menu,
// the report with its find bar, overview and tag popup, and the status bar.
// The sidebar is in app_panels.cpp, its panels in panels/.
//
// [SECTION] Loading
// [SECTION] Actions
// [SECTION] Undo history
// [SECTION] Frame

#include "app.hpp"

#include "code_system.hpp"
#include "gloss/annotations/anchoring.hpp"
#include "gloss/annotations/ids.hpp"
#include "gloss/core/color_distance.hpp"
#include "gloss/core/files.hpp"
#include "gloss/core/tag_selection.hpp"
#include "platform/crash_marker.hpp"
#include "platform/xdg.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <malloc.h>
#include <pwd.h>
#include <unistd.h>

namespace gloss::gui {

namespace {

// Who new annotations are by: $GLOSS_AUTHOR, else the settings, else the login name.
std::string authorName(const std::string& configured) {
    if (const char* name = std::getenv("GLOSS_AUTHOR"); name && *name) return name;
    if (!configured.empty()) return configured;
    if (const passwd* user = ::getpwuid(::getuid()); user && user->pw_name) return user->pw_name;
    return "anonymous";
}

// Where the sample's annotations are saved: never into the bundled examples.
std::filesystem::path sampleAnnotationsPath() {
    return xdgFolder(XdgFolder::Data) / "gloss" / "sample-report.gloss.json";
}

// Reading a long report and matching its themes run on workers, whose malloc
// arenas keep the pages their buffers grew through (a million theme spans are
// 24 MB, the annotation file's text 60): give them back to the system.
void releaseFreedMemory() {
    ::malloc_trim(0);
}

bool hasCapability(const core::PluginSummary& plugin, const std::string& capability) {
    return std::find(plugin.capabilities.begin(), plugin.capabilities.end(), capability) !=
           plugin.capabilities.end();
}

// GLFW's key codes for keys that are neither ASCII nor an ImGuiKey_.
constexpr int kKeyF3 = 292;
constexpr int kKeyKeypadSubtract = 333;
constexpr int kKeyKeypadAdd = 334;

constexpr float kFontSizeStep = 2;

} // namespace

App::App(Options options) : options_(std::move(options)) {
    LoadedSettings loaded = loadSettings();
    settings_ = std::move(loaded.settings);
    if (!loaded.error.empty()) report(loaded.error);
    author_ = authorName(settings_.author);
    workspace_.setCoder(author_);
    sidebarWidth_ = settings_.sidebarWidth;
    // The first start asks who is coding; a screenshot is no one's session.
    const char* fromEnvironment = std::getenv("GLOSS_AUTHOR");
    askCoderName_ =
        settings_.author.empty() && !(fromEnvironment && *fromEnvironment) && options_.screenshot.empty();
}

//-----------------------------------------------------------------------------
// [SECTION] Loading
//-----------------------------------------------------------------------------

void App::load() {
    loadPlugins();

    if (!options_.report.empty() && core::isProjectPath(options_.report)) {
        openProject(options_.report);
        return;
    }
    OpenRequest request;
    const bool sample = options_.report.empty();
    const auto examples = core::examplesDirectory();
    request.report = sample ? examples / "sample-report.txt" : options_.report;
    request.codebook = options_.codebook.empty() ? examples / "codebook.json" : options_.codebook;
    request.encoding = options_.encoding;
    if (!options_.annotations.empty())
        request.annotations = options_.annotations;
    else if (sample)
        request.annotations = sampleAnnotationsPath();
    std::error_code error;
    // The sample starts from its bundled annotations until the user saves.
    if (sample && !std::filesystem::exists(request.annotations, error))
        request.readFrom = examples / "sample-annotations.json";
    open(request);
}

bool App::open(const OpenRequest& request) {
    return adopt(readWork(request, host_.get()));
}

void App::openInBackground(const OpenRequest& request) {
    if (opening_.valid()) return; // one at a time
    openingName_ = request.report.filename().string();
    openingSince_ = ImGui::GetTime();
    core::PluginHost* plugins = host_.get();
    opening_ = std::async(std::launch::async, [request, plugins] { return readWork(request, plugins); });
}

bool App::adopt(OpenedWork work) {
    std::optional<Message> reopen;
    if (work.mayBeWindows1252) {
        // The advice as a button: the same request, read as Windows-1252.
        OpenRequest again = work.request;
        again.encoding = core::Encoding::Windows1252;
        reopen = Message{
            std::move(work.messages.back()), Severity::Action, {}, "Reopen as Windows-1252", [this, again] {
                guardUnsaved([this, again] { openInBackground(again); });
            }};
        work.messages.pop_back();
    }
    for (auto& message : work.messages) report(std::move(message));
    if (reopen) messages_.post(std::move(*reopen));
    if (!work.madeForOther.empty()) {
        otherReport_ = std::move(work); // drawOtherReportPrompt asks
        return false;
    }
    if (!work.document) return false;
    if (themesWork_.valid()) themesWork_.wait(); // it reads the document about to be replaced
    const bool remember = work.request.readFrom.empty();
    workspace_.adopt(std::move(work));
    codebookPanel_.hidden.clear();
    colleague_ = {};
    annotationList_.filter = {};
    view_ = {};
    view_.scrollTo = 0; // the view's scroll is the last report's until it is told otherwise
    find_.countedQuery.clear();
    if (!project_) ForgetSearch(projectPanels_.search); // its hits were in the report before
    journaledRevision_ = workspace_.revision();
    fontsChanged_ = true;
    releaseFreedMemory();
    computeThemes();
    if (remember) rememberRecent();
    offerRecovery();
    return true;
}

void App::loadPlugins() {
    core::PluginHost::Options options;
    options.imguiVersion = IMGUI_VERSION_NUM;
    // Plugins may log from a worker (a source extracting a report): the
    // lines wait for the UI thread, which shows them.
    options.log = [this](int level, const std::string& pluginId, const std::string& message) {
        if (level < GLOSS_LOG_WARNING) return;
        const std::lock_guard lock(pluginLogMutex_);
        pluginLog_.push_back({"plugin " + pluginId + ": " + message,
                              level >= GLOSS_LOG_ERROR ? Severity::Error : Severity::Action,
                              pluginAbout(pluginId)});
    };
    // A plugin that crashed the editor while loading would crash it again
    // before it could be turned off: it is left out this once.
    const auto crash = takePluginCrash();
    const bool crashedLoading = crash && (crash->what == "loading" ||
                                          crash->what == GLOSS_PLUGIN_ENTRY_SYMBOL || crash->what == "init");
    if (crashedLoading) options.skip.insert(crash->plugin);
    host_ = std::make_unique<core::PluginHost>(options);
    host_->loadFolders(core::PluginHost::searchPath(options_.pluginDirs));
    for (const auto& file : settings_.addedPlugins) host_->loadFile(file);
    for (const auto& refusal : host_->refusals()) report(refusal.path.string() + ": " + refusal.reason);
    // Turned off in the Plugins panel on an earlier start.
    for (const auto& plugin : host_->plugins())
        if (std::count(settings_.disabledPlugins.begin(), settings_.disabledPlugins.end(), plugin.id))
            host_->setEnabled(plugin.id, false);
    // The recovery journal of the work it interrupted is offered when the report opens.
    if (crash) {
        std::string line = "the plugin " + crash->plugin + " crashed Gloss last time (" + crash->signal +
                           " in " + crash->what + ")";
        if (crashedLoading) return; // its refusal above says so
        try {
            host_->setEnabled(crash->plugin, false);
            line += "; it is disabled for this session (the sidebar's Plugins section turns it back on)";
        } catch (const core::PluginError&) {
            line += "; remove or update it if it crashes again";
        }
        report(line);
    }
}

// The first enabled plugin with `capability` ("highlighter", "tagger"), in the
// host's order (docs/plugin-guide.md); empty when none is.
std::string App::pluginWith(const std::string& capability) const {
    if (host_)
        for (const core::PluginSummary& plugin : host_->plugins())
            if (plugin.enabled && hasCapability(plugin, capability)) return plugin.id;
    return {};
}

bool App::setPluginEnabled(const std::string& pluginId, bool enabled) {
    const auto plugins = host_ ? host_->plugins() : std::vector<core::PluginSummary>();
    const auto plugin =
        std::find_if(plugins.begin(), plugins.end(), [&](const auto& p) { return p.id == pluginId; });
    if (plugin == plugins.end()) return false;
    host_->setEnabled(pluginId, enabled);
    changeSettings([&](Settings& settings) {
        std::erase(settings.disabledPlugins, pluginId);
        if (!enabled) settings.disabledPlugins.push_back(pluginId);
    });
    failedPanels_.erase(pluginId);
    messages_.withdraw(pluginAbout(pluginId)); // its failure is off the table either way
    if (workspace_.document() && hasCapability(*plugin, "highlighter")) {
        if (enabled)
            computeThemes();
        else
            clearThemes();
    }
    return true;
}

void App::clearThemes() {
    themes_ = {};
    themeCounts_.clear();
    longestThemeSpan_ = 0;
    overview_.themeDensity.clear();
    countThemeMatches();
}

// Theme matching runs on a worker, so a long report shows its text at once
// and the highlights a moment later.
void App::computeThemes() {
    if (themesWork_.valid()) themesWork_.wait(); // the newer codebook wins
    clearThemes();
    const std::string highlighter = pluginWith("highlighter");
    if (highlighter.empty()) {
        // One turned off in the Plugins panel is the user's choice: nothing to say.
        if (host_->highlighters().empty())
            inform("no highlighter plugin is loaded: theme matches are not highlighted");
        return;
    }
    core::PluginHost* host = host_.get();
    const core::Document* document =
        &*workspace_.document(); // adopt() waits for this work before replacing it
    std::string codebook = annotations::codebookToJson(workspace_.codebook()).dump();
    themesWork_ =
        std::async(std::launch::async, [host, highlighter, document, codebook = std::move(codebook)] {
            ThemeWork work;
            work.highlighter = highlighter;
            try {
                work.result = host->highlight(highlighter, *document, codebook);
            } catch (const std::exception& e) {
                work.error = e.what();
                return work;
            }
            std::sort(work.result.spans.begin(), work.result.spans.end(),
                      [](const core::Span& a, const core::Span& b) { return a.start < b.start; });
            work.counts.assign(work.result.tags.size(), 0);
            for (const auto& span : work.result.spans) {
                ++work.counts[span.tag];
                work.longest = std::max<size_t>(work.longest, span.end - span.start);
            }
            work.density = themeDensity(document->utf8().size(), work.result.spans);
            releaseFreedMemory(); // here, not in the frame that takes the result: it takes a while
            return work;
        });
}

void App::collectThemes() {
    if (!themesWork_.valid() || themesWork_.wait_for(std::chrono::seconds(0)) != std::future_status::ready)
        return;
    ThemeWork work = themesWork_.get();
    // Turned off (or another took over) while it worked: its result, or its
    // "disabled" refusal, is no longer wanted.
    if (work.highlighter != pluginWith("highlighter")) return;
    if (!work.error.empty()) {
        messages_.post({work.error, Severity::Error, pluginAbout(work.highlighter)});
        return;
    }
    themes_ = std::move(work.result);
    themeCounts_ = std::move(work.counts);
    longestThemeSpan_ = work.longest;
    overview_.themeDensity = std::move(work.density);
    countThemeMatches(); // the annotations' counts stand: a recount of 100,000 takes a frame
}

void App::countThemeMatches() {
    for (auto& [id, counts] : tagCounts_) counts.matches = 0;
    for (size_t i = 0; i < themes_.tags.size(); ++i) tagCounts_[themes_.tags[i]].matches = themeCounts_[i];
}

void App::recount() {
    if (countedRevision_ == workspace_.revision()) return;
    tagCounts_.clear();
    annotationList_.authors.clear();
    annotationList_.origins.clear();
    // Runs after every edit, over every annotation: the colours are looked up once.
    std::map<std::string_view, ImU32> colors;
    for (const annotations::Tag& tag : workspace_.codebook().tags) colors.emplace(tag.id, tagColor(tag.id));
    const auto colorOf = [&](const annotations::Annotation& a) {
        const auto found = a.tags.empty() ? colors.end() : colors.find(a.tags.front());
        return found == colors.end() ? kUntaggedColor : found->second;
    };
    std::vector<std::pair<size_t, ImU32>> starts;
    starts.reserve(workspace_.annotations().size());
    for (const auto& a : workspace_.annotations().all()) {
        for (const auto& tag : a.tags) ++tagCounts_[tag].annotated;
        annotationList_.authors.insert(a.author);
        annotationList_.origins.insert(a.origin);
        if (workspace_.document() && a.status != annotations::AnchorStatus::Orphaned)
            starts.emplace_back(workspace_.document()->byteOffset(a.start), colorOf(a));
    }
    countThemeMatches();
    overview_.reportBytes = workspace_.document() ? workspace_.document()->utf8().size() : 0;
    overview_.annotation = annotationMarks(overview_.reportBytes, starts);
    countedRevision_ = workspace_.revision();
}

ImU32 App::tagColor(const std::string& tagId) const {
    return codeColor(workspace_.codebook(), tagId);
}

std::string App::title() const {
    std::string name = workspace_.document() ? workspace_.reportPath().filename().string() : "no report";
    return (dirty() ? "* " : "") + name + " - Gloss";
}

std::vector<size_t> App::filteredAnnotations(const AnnotationFilter& filter) const {
    return filterAnnotations(workspace_.annotations(), workspace_.codebook(), filter);
}

//-----------------------------------------------------------------------------
// [SECTION] Actions
//-----------------------------------------------------------------------------
// The changes themselves are the workspace's; here the view follows them and
// failures become messages.

bool App::tagSelectionWithKey(int key) {
    const std::string wanted = std::to_string(key);
    const annotations::Codebook& codebook = workspace_.codebook();
    const auto tag = std::find_if(codebook.tags.begin(), codebook.tags.end(),
                                  [&](const annotations::Tag& t) { return t.key == wanted; });
    if (tag == codebook.tags.end()) {
        report("no tag has the quick key " + wanted);
        return false;
    }
    if (!view_.hasSelection() && !codingTarget()) {
        messages_.post({"select some text first, then press " + wanted + " to tag it \"" + tag->label + "\"",
                        Severity::Action, kAboutSelection});
        return false;
    }
    return toggleTag(tag->id);
}

const annotations::Annotation* App::codingTarget() {
    const core::Document* document = workspace_.document();
    if (!document) return nullptr;
    if (!view_.selectedAnnotation.empty() && !view_.selectedInOverlay) {
        const annotations::Annotation* selected = selectedOwnAnnotation();
        if (selected &&
            (!view_.hasSelection() || (selected->status != annotations::AnchorStatus::Orphaned &&
                                       document->byteOffset(selected->start) == view_.selectionStart() &&
                                       document->byteOffset(selected->end) == view_.selectionEnd())))
            return selected;
    }
    if (!view_.hasSelection()) return nullptr;
    const uint64_t start = document->codepointOffset(view_.selectionStart());
    const uint64_t end = document->codepointOffset(view_.selectionEnd());
    for (const annotations::Annotation* a : workspace_.annotations().overlapping(start, end))
        if (a->start == start && a->end == end && a->status != annotations::AnchorStatus::Orphaned) return a;
    return nullptr;
}

bool App::toggleTag(const std::string& tagId) {
    const annotations::Annotation* target = codingTarget();
    if (!target) return tagSelection(tagId);
    const std::string id = target->id;
    view_.selectedAnnotation = id;
    view_.selectedInOverlay = false;
    if (std::find(target->tags.begin(), target->tags.end(), tagId) != target->tags.end())
        return removeTag(id, tagId);
    return addTag(id, tagId);
}

bool App::addTag(const std::string& annotationId, const std::string& tagId) {
    return workspace_.addTag(annotationId, tagId);
}

bool App::removeTag(const std::string& annotationId, const std::string& tagId) {
    if (!workspace_.removeTag(annotationId, tagId)) return false;
    forgetSelectionIfGone();
    return true;
}

void App::forgetSelectionIfGone() {
    if (!view_.selectedAnnotation.empty() && !workspace_.annotations().find(view_.selectedAnnotation))
        view_.selectedAnnotation.clear();
}

void App::setCoderName(const std::string& name) {
    askCoderName_ = false;
    if (name.empty()) return;
    changeSettings([&](Settings& settings) { settings.author = name; });
    author_ = authorName(name);
    workspace_.setCoder(author_);
}

bool App::tagSelection(const std::string& tagId) {
    const core::Document* document = workspace_.document();
    if (!document || !host_ || !view_.hasSelection()) return false;
    if (pluginWith("tagger").empty()) {
        report("no tagger plugin is enabled: enable one in the Plugins panel to code");
        return false;
    }
    core::TagOutcome outcome;
    try {
        outcome = workspace_.tagRange(*host_, pluginWith("tagger"),
                                      document->codepointOffset(view_.selectionStart()),
                                      document->codepointOffset(view_.selectionEnd()), tagId);
    } catch (const std::exception& e) {
        report(std::string("tagging failed: ") + e.what());
        return false;
    }
    if (!outcome.added.empty())
        view_.selectedAnnotation = outcome.added.front();
    else if (!outcome.updated.empty())
        view_.selectedAnnotation = outcome.updated.front();
    forgetSelectionIfGone();
    return !outcome.added.empty() || !outcome.updated.empty() || !outcome.removed.empty();
}

std::string App::createTag(const std::string& label) {
    return workspace_.createTag(label);
}

bool App::renameTag(const std::string& tagId, const std::string& label) {
    return workspace_.renameTag(tagId, label);
}

bool App::recolorTag(const std::string& tagId, const std::string& color) {
    return workspace_.recolorTag(tagId, color);
}

bool App::setTagDescription(const std::string& tagId, const std::string& description) {
    return workspace_.setTagDescription(tagId, description);
}

bool App::setTagKey(const std::string& tagId, const std::string& key) {
    return workspace_.setTagKey(tagId, key);
}

bool App::reparentTag(const std::string& tagId, const std::string& parent) {
    return workspace_.reparentTag(tagId, parent);
}

bool App::mergeTag(const std::string& fromId, const std::string& intoId) {
    if (!workspace_.mergeTag(fromId, intoId)) return false;
    forgetSelectionIfGone();
    return true;
}

bool App::deleteTag(const std::string& tagId) {
    if (!workspace_.deleteTag(tagId)) return false;
    forgetSelectionIfGone();
    return true;
}

size_t App::codingCount(const std::string& tagId) {
    recount();
    const auto found = tagCounts_.find(tagId);
    return found == tagCounts_.end() ? 0 : found->second.annotated;
}

bool App::deleteAnnotation(const std::string& id) {
    const bool removed = workspace_.deleteAnnotation(id);
    forgetSelectionIfGone();
    return removed;
}

bool App::setNote(const std::string& id, const std::string& note) {
    if (!workspace_.setNote(id, note)) return false;
    forgetSelectionIfGone();
    return true;
}

bool App::save() {
    if (!workspace_.document()) return false;
    // The project's codebook first: the annotation file marks the work saved.
    if (!saveToProject()) return false;
    try {
        workspace_.save();
    } catch (const ChangedOnDisk& e) {
        report(e.what());
        diskChanged_ = true; // drawDiskChangePrompt asks what to do
        return false;
    } catch (const std::exception& e) {
        report(std::string("saving failed: ") + e.what());
        return false;
    }
    if (const auto index = openProjectIndex()) project_->refresh(*index);
    journaledRevision_ = workspace_.revision();
    forgetJournal();
    rememberRecent();
    notice("Saved " + std::to_string(workspace_.annotations().size()) + " annotations to " +
           workspace_.annotationsPath().string());
    return true;
}

void App::selectAnnotation(const annotations::Annotation& a) {
    view_.selectedAnnotation = a.id;
    view_.selectedInOverlay = false;
    if (a.status == annotations::AnchorStatus::Orphaned || !workspace_.document()) return;
    view_.select(workspace_.document()->byteOffset(a.start), workspace_.document()->byteOffset(a.end));
    view_.scrollTo = view_.selectionStart();
    view_.focusNextFrame = true;
}

//-----------------------------------------------------------------------------
// [SECTION] Frame
//-----------------------------------------------------------------------------

void App::handleShortcuts(bool viewFocused) {
    const ImGuiIO& io = ImGui::GetIO();
    // GLFW key codes: digits and letters are their ASCII values.
    // Ctrl+F: the find bar; Ctrl+Shift+F: the search with a hit list. Each
    // starts from a short selection.
    if (io.KeyCtrl && ImGui::IsKeyPressed('F', false) &&
        (workspace_.document() || (project_ && io.KeyShift))) {
        if (io.KeyShift) {
            openSearch();
        } else {
            find_.open = true;
            find_.focusInput = true;
        }
        if (workspace_.document() && view_.hasSelection() &&
            view_.selectionEnd() - view_.selectionStart() < 200)
            (io.KeyShift ? projectPanels_.search.query : find_.query) =
                std::string(workspace_.document()->utf8().substr(
                    view_.selectionStart(), view_.selectionEnd() - view_.selectionStart()));
    }
    if (ImGui::IsKeyPressed(kKeyF3) && workspace_.document() && !find_.query.empty())
        findNext(find_, *workspace_.document(), view_, !io.KeyShift);
    // Ctrl+S while typing the memo keeps what is typed so far.
    if (memo_.active && io.KeyCtrl && !io.KeyShift && ImGui::IsKeyPressed('S', false)) {
        setMemo(memo_.draft);
        save();
    }
    if (io.WantTextInput) return; // typing into a text field
    if (io.KeyCtrl && ImGui::IsKeyPressed('S', false)) {
        if (io.KeyShift)
            askForFile(DialogPurpose::SaveAs);
        else
            save();
    }
    if (io.KeyCtrl && ImGui::IsKeyPressed('O', false)) askForFile(DialogPurpose::OpenReport);
    if (io.KeyCtrl && ImGui::IsKeyPressed('Q', false)) requestClose();
    if (io.KeyCtrl && ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Z), false))
        io.KeyShift ? redo() : undo();
    if (io.KeyCtrl && ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Y), false)) redo();
    // Ctrl+= is Ctrl+Plus on most layouts; the keypad's keys too.
    if (io.KeyCtrl && (ImGui::IsKeyPressed('=') || ImGui::IsKeyPressed(kKeyKeypadAdd)))
        setFontSize(settings_.fontSize + kFontSizeStep);
    if (io.KeyCtrl && (ImGui::IsKeyPressed('-') || ImGui::IsKeyPressed(kKeyKeypadSubtract)))
        setFontSize(settings_.fontSize - kFontSizeStep);
    if (io.KeyCtrl && ImGui::IsKeyPressed('0', false)) setFontSize(Settings{}.fontSize);
    if (!viewFocused || io.KeyCtrl || io.KeyAlt) return;
    for (int key = 1; key <= 9; ++key)
        if (ImGui::IsKeyPressed('0' + key, false)) tagSelectionWithKey(key);
    if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Delete), false) &&
        !view_.selectedAnnotation.empty() && !view_.selectedInOverlay)
        deleteAnnotation(view_.selectedAnnotation);
    const bool tagKey =
        ImGui::IsKeyPressed('T', false) || ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Enter), false);
    if (tagKey && (view_.hasSelection() || codingTarget())) openTagPopup(tagPopup_, caretScreenPosition());
}

// The border between the sidebar and the report: dragged, it resizes the
// sidebar; the width is kept when the drag ends.
void App::drawSplitter(float statusHeight, float shownWidth, float widest) {
    ImGui::InvisibleButton("##splitter", ImVec2(ImGui::GetStyle().ItemSpacing.x, -statusHeight));
    if (ImGui::IsItemHovered() || ImGui::IsItemActive()) ImGui::SetMouseCursor(ImGuiMouseCursor_ResizeEW);
    const float em = ImGui::GetFontSize();
    if (ImGui::IsItemActive())
        sidebarWidth_ = std::clamp((shownWidth + ImGui::GetIO().MouseDelta.x) / em, kMinSidebarWidth,
                                   std::min(kMaxSidebarWidth, widest / em));
    if (ImGui::IsItemDeactivated())
        changeSettings([this](Settings& settings) { settings.sidebarWidth = sidebarWidth_; });
}

// Measures the caret's line if the layout has not yet (hence not const).
ImVec2 App::caretScreenPosition() {
    ReportLayout& layout = view_.layout;
    const VisualRow row = layout.rowOfByte(view_.cursor);
    return ImVec2(view_.viewOrigin.x + layout.xOf(row, view_.cursor), view_.rowY(layout.rowIndex(row) + 1));
}

void App::frame() {
    if (!styleApplied_) {
        // Colours only: sizes were scaled for the monitor by the window.
        settings_.style == Style::Dark ? ImGui::StyleColorsDark() : ImGui::StyleColorsLight();
        // Windows over the report (the project window, plugin panels, popups)
        // are opaque: the dark style's 94 % lets the report's lines show through.
        ImVec4* colors = ImGui::GetStyle().Colors;
        colors[ImGuiCol_WindowBg].w = colors[ImGuiCol_PopupBg].w = 1.0f;
        styleApplied_ = true;
    }
    const ImGuiViewport* viewport = ImGui::GetMainViewport();
    ImGui::SetNextWindowPos(viewport->WorkPos);
    ImGui::SetNextWindowSize(viewport->WorkSize);
    ImGui::PushStyleVar(ImGuiStyleVar_WindowRounding, 0);
    ImGui::Begin("##gloss", nullptr,
                 ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings |
                     ImGuiWindowFlags_MenuBar | ImGuiWindowFlags_NoBringToFrontOnFocus);
    ImGui::PopStyleVar();
    drawMenu();
    collectThemes();
    recount();
    if (colleague_.layer && colleague_.comparedRevision != workspace_.revision()) {
        compareWithOwn(*colleague_.layer, workspace_.annotations());
        colleague_.comparedRevision = workspace_.revision();
    }

    const float statusHeight = ImGui::GetFrameHeightWithSpacing();
    const float em = ImGui::GetFontSize();
    // The report keeps room for a line of text whatever the sidebar asks for.
    const float widest = std::max(kMinSidebarWidth * em, ImGui::GetContentRegionAvail().x - 24 * em);
    const float sidebarWidth = std::floor(std::clamp(sidebarWidth_ * em, kMinSidebarWidth * em, widest));
    ImGui::BeginChild("##sidebar", ImVec2(sidebarWidth, -statusHeight), true);
    drawSidebar();
    ImGui::EndChild();
    ImGui::SameLine(0, 0);
    drawSplitter(statusHeight, sidebarWidth, widest);
    ImGui::SameLine(0, 0);
    drawReport(statusHeight);
    drawStatusBar();
    ImGui::End();
    drawPluginPanels();
    drawOutline();
    drawProjectWindows();
    drawFileDialog();
    drawUnsavedPrompt();
    drawRecoveryPrompt();
    drawOtherReportPrompt();
    drawDiskChangePrompt();
    drawCoderPrompt();
    drawSettingsWindow();
    drawOpeningProgress();
    journalWhenIdle();
    watchAnnotationsFile();
    {
        const std::lock_guard lock(pluginLogMutex_);
        for (auto& line : pluginLog_) messages_.post(std::move(line));
        pluginLog_.clear();
    }
    // For the end-to-end test: where the report's first row is on screen.
    if (!geometryPrinted_ && workspace_.document() && view_.rowHeight > 0 &&
        std::getenv("GLOSS_PRINT_GEOMETRY")) {
        std::printf("report-origin %.0f %.0f row-height %.0f\n", view_.viewOrigin.x, view_.viewOrigin.y,
                    view_.rowHeight);
        std::fflush(stdout);
        geometryPrinted_ = true;
    }
}

void App::drawReport(float statusHeight) {
    ImGui::BeginGroup();
    drawMessages();
    bool viewFocused = false;
    if (workspace_.document()) {
        FindBar(find_, *workspace_.document(), view_);
        AnnotationLayer annotations;
        if (codebookPanel_.showAnnotations) {
            annotations.set = &workspace_.annotations();
            annotations.color = [this](const annotations::Annotation& a) -> ImU32 {
                for (const auto& tag : a.tags)
                    if (!codebookPanel_.hidden[tag]) return tagColor(tag);
                return a.tags.empty() ? kUntaggedColor : 0;
            };
            annotations.codeColor = [this](const std::string& tag) -> ImU32 {
                return codebookPanel_.hidden[tag] ? 0 : tagColor(tag);
            };
        }
        if (colleague_.layer && colleague_.layer->visible) {
            annotations.overlay = &colleague_.layer->differences;
            annotations.overlayColor = [this](const annotations::Annotation& a) -> ImU32 {
                const ColleagueLayer& layer = *colleague_.layer;
                return layer.hiddenAuthors.count(a.author) ? 0 : authorColor(layer, a.author);
            };
        }
        ThemeLayer themes;
        if (codebookPanel_.showThemes) {
            themes.spans = &themes_.spans;
            for (const auto& tag : themes_.tags)
                themes.colors.push_back(codebookPanel_.hidden[tag] ? 0 : tagColor(tag));
            themes.longestSpan = longestThemeSpan_;
        }
        const float overviewWidth = std::floor(ImGui::GetFontSize() * 0.9f);
        // The selected passage's pane, under the report, keeps its note in view.
        const bool pane = selectionPaneShown();
        const float paneHeight =
            pane ? std::floor(selection_.height * ImGui::GetFontSize()) + ImGui::GetStyle().ItemSpacing.y * 2
                 : 0;
        ImVec2 size(ImGui::GetContentRegionAvail().x - overviewWidth - ImGui::GetStyle().ItemSpacing.x,
                    -(statusHeight + paneHeight));
        // A maximum reading width (View menu): the view is narrower, centred,
        // its lines wrapped at that width; the overview stays at the edge.
        if (settings_.readingWidth > 0) {
            const float margins = 4.5f * ImGui::GetFontSize(); // the stripes' margin and the scroll bar
            const float widest = std::floor(settings_.readingWidth * ImGui::GetFontSize() + margins);
            if (widest < size.x) {
                ImGui::SetCursorPosX(ImGui::GetCursorPosX() + std::floor((size.x - widest) / 2));
                size.x = widest;
            }
        }
        const auto result =
            ReportView("##report", view_, *workspace_.document(), annotations, themes, {}, size);
        viewFocused = result.focused;
        if (!result.missingFonts.empty()) notice(result.missingFonts);
        if (result.hovered && !ImGui::IsPopupOpen(nullptr, ImGuiPopupFlags_AnyPopupId))
            drawAnnotationTooltip(*result.hovered, result.hoveredTag, result.hoveredOverlay);
        // A right-click on a stripe, or on a highlight with nothing selected,
        // offers to take codes off; on a selection, the tag popup.
        const bool rightClick = ImGui::IsMouseClicked(ImGuiMouseButton_Right) && ImGui::IsItemHovered();
        if (result.stripeMenu) {
            selection_.stripeMenuAnnotation = result.stripeMenu->id;
            selection_.stripeMenuTag = result.stripeMenuTag;
            ImGui::OpenPopup("##stripe-menu");
        } else if (rightClick && !view_.hasSelection() && result.hovered && !result.hoveredOverlay) {
            selection_.stripeMenuAnnotation = result.hovered->id;
            selection_.stripeMenuTag.clear();
            ImGui::OpenPopup("##stripe-menu");
        } else if (rightClick && result.focused && view_.hasSelection()) {
            openTagPopup(tagPopup_, ImGui::GetIO().MousePos);
        }
        actOn(StripeMenu(selection_, workspace_.annotations(), workspace_.codebook()));
        ImGui::SameLine();
        const float height = ImGui::GetItemRectSize().y;
        ImGui::SetCursorPosX(ImGui::GetWindowContentRegionMax().x - overviewWidth); // at the edge
        if (const auto jump = Overview("##overview", overview_, ImVec2(overviewWidth, height),
                                       view_.firstVisibleByte, view_.lastVisibleByte))
            view_.scrollTo = workspace_.document()->lineStart(workspace_.document()->lineOfByte(*jump));
        const annotations::Annotation* target =
            tagPopup_.openRequested || ImGui::IsPopupOpen(kTagPopupId) ? codingTarget() : nullptr;
        const TagPopupResult picked = TagPopup(
            tagPopup_, workspace_.codebook(), [this](const std::string& id) { return tagColor(id); },
            target ? target->tags : std::vector<std::string>());
        if (!picked.toggleTag.empty()) toggleTag(picked.toggleTag);
        if (!picked.createLabel.empty()) toggleTag(createTag(picked.createLabel));
        if (pane) drawSelectionPane(statusHeight);
    } else {
        ImGui::BeginChild("##empty", ImVec2(0, -statusHeight), true);
        ImGui::TextWrapped(project_ ? "Open a report from the Documents list." : "No report is open.");
        ImGui::EndChild();
    }
    ImGui::EndGroup();
    handleShortcuts(viewFocused);
}

// What a highlight or stripe stands for: its codes (the hovered stripe's
// first), who coded it and its note.
void App::drawAnnotationTooltip(const annotations::Annotation& a, const std::string* code, bool theirs) {
    ImGui::BeginTooltip();
    ImGui::PushTextWrapPos(ImGui::GetFontSize() * 24);
    const float swatch = ImGui::GetFontSize() * 0.8f;
    const auto codeLine = [&](const std::string& id) {
        ImGui::ColorButton("##code", ImGui::ColorConvertU32ToFloat4(tagColor(id)),
                           ImGuiColorEditFlags_NoTooltip, ImVec2(swatch, swatch));
        ImGui::SameLine();
        const annotations::Tag* tag = workspace_.codebook().find(id);
        ImGui::TextUnformatted(tag ? tag->label.c_str() : id.c_str());
    };
    if (code && !code->empty()) {
        codeLine(*code);
        ImGui::Separator();
    }
    for (const auto& tag : a.tags)
        if (!code || tag != *code) codeLine(tag);
    if (a.tags.empty()) ImGui::TextDisabled("no codes: a note");
    const auto by = a.extra.find("modified_by");
    const std::string changedBy =
        by != a.extra.end() && by->is_string() ? ", changed by " + by->get<std::string>() : std::string();
    ImGui::TextDisabled("%s%s%s",
                        theirs ? "colleague: " : "coder: ", a.author.empty() ? "(none)" : a.author.c_str(),
                        changedBy.c_str());
    if (!a.note.empty()) ImGui::TextWrapped("%s", a.note.c_str());
    ImGui::PopTextWrapPos();
    ImGui::EndTooltip();
}

void App::drawMenu() {
    if (!ImGui::BeginMenuBar()) return;
    if (ImGui::BeginMenu("File")) {
        drawFileMenu();
        ImGui::EndMenu();
    }
    if (ImGui::BeginMenu("Edit")) {
        if (ImGui::MenuItem("Undo", "Ctrl+Z", false, workspace_.canUndo())) undo();
        if (ImGui::MenuItem("Redo", "Ctrl+Shift+Z", false, workspace_.canRedo())) redo();
        ImGui::Separator();
        if (ImGui::MenuItem("Select all", "Ctrl+A", false, workspace_.document() != nullptr))
            view_.select(0, workspace_.document()->utf8().size());
        if (ImGui::MenuItem("Find", "Ctrl+F", false, workspace_.document() != nullptr)) {
            find_.open = true;
            find_.focusInput = true;
        }
        if (ImGui::MenuItem("Search with hit list...", "Ctrl+Shift+F", false,
                            workspace_.document() || project_))
            openSearch();
        if (ImGui::MenuItem("Tag selection...", "T", false, view_.hasSelection()))
            openTagPopup(tagPopup_, caretScreenPosition());
        if (ImGui::MenuItem("Delete annotation", "Delete", false, !view_.selectedAnnotation.empty()))
            deleteAnnotation(view_.selectedAnnotation);
        ImGui::Separator();
        if (ImGui::MenuItem("Settings...")) {
            settingsOpen_ = true;
            coderNameDraft_ = settings_.author;
        }
        ImGui::EndMenu();
    }
    if (ImGui::BeginMenu("View")) {
        ImGui::MenuItem("Annotations", nullptr, &codebookPanel_.showAnnotations);
        ImGui::MenuItem("Theme matches", nullptr, &codebookPanel_.showThemes);
        ImGui::Separator();
        if (ImGui::MenuItem("Report memo", nullptr, false, workspace_.document() != nullptr)) openMemo();
        drawPanelsMenu();
        ImGui::MenuItem("Outline", nullptr, &outlineOpen_);
        ImGui::Separator();
        if (ImGui::MenuItem("Larger text", "Ctrl+=")) setFontSize(settings_.fontSize + kFontSizeStep);
        if (ImGui::MenuItem("Smaller text", "Ctrl+-")) setFontSize(settings_.fontSize - kFontSizeStep);
        if (ImGui::MenuItem("Default text size", "Ctrl+0")) setFontSize(Settings{}.fontSize);
        if (ImGui::BeginMenu("Reading width")) {
            // In text heights: a text height is about two characters of the report's font.
            for (const auto& [label, width] :
                 {std::pair{"Whole window", 0.0f}, std::pair{"About 70 characters", 36.0f},
                  std::pair{"About 90 characters", 46.0f}, std::pair{"About 120 characters", 62.0f}})
                if (ImGui::MenuItem(label, nullptr, settings_.readingWidth == width)) setReadingWidth(width);
            ImGui::EndMenu();
        }
        ImGui::Separator();
        bool dark = settings_.style == Style::Dark;
        if (ImGui::MenuItem("Dark style", nullptr, &dark)) {
            changeSettings(
                [dark](Settings& settings) { settings.style = dark ? Style::Dark : Style::Light; });
            styleApplied_ = false;
        }
        ImGui::EndMenu();
    }
    drawProjectMenu();
    ImGui::EndMenuBar();
}

void App::drawMessages() {
    if (view_.hasSelection()) messages_.withdraw(kAboutSelection); // done what it asked
    MessagesView(messages_);
}

void App::drawStatusBar() {
    ImGui::Separator();
    if (!workspace_.document()) {
        ImGui::TextUnformatted("No report");
        return;
    }
    if (!notice_.empty() && ImGui::GetTime() - noticeTime_ < kNoticeSeconds) {
        ImGui::TextUnformatted(notice_.c_str());
        return;
    }
    const CaretPlace caret = caretPlace(*workspace_.document(), view_.cursor);
    const auto selected = workspace_.document()->codepointOffset(view_.selectionEnd()) -
                          workspace_.document()->codepointOffset(view_.selectionStart());
    const std::string page = workspace_.document()->pageCount() > 1
                                 ? "page " +
                                       std::to_string(workspace_.document()->pageOfByte(view_.cursor) + 1) +
                                       " of " + std::to_string(workspace_.document()->pageCount()) + ", "
                                 : "";
    ImGui::Text(
        "%s%s  |  %s  |  %sline %zu, column %llu  |  %llu selected  |  %zu annotations  |  %s  |  coder: %s",
        dirty() ? "* " : "", workspace_.reportPath().filename().c_str(),
        core::encodingName(workspace_.document()->encoding()).data(), page.c_str(), caret.line,
        static_cast<unsigned long long>(caret.column), static_cast<unsigned long long>(selected),
        workspace_.annotations().size(), workspace_.annotationsPath().filename().c_str(), author_.c_str());
}

} // namespace gloss::gui
