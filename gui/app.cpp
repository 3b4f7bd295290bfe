// The editor's frame: menu, sidebar (codebook, annotations, plugins), the
// ReportView, status bar, and the tagging flow.
//
// [SECTION] Loading
// [SECTION] Actions
// [SECTION] Frame
// [SECTION] Panels

#include "app.hpp"

#include "gloss/annotations/anchoring.hpp"
#include "gloss/core/files.hpp"
#include "gloss/core/tag_selection.hpp"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <pwd.h>
#include <unistd.h>

namespace gloss::gui {

namespace {

std::string defaultAuthor() {
    if (const char* name = std::getenv("GLOSS_AUTHOR"); name && *name) return name;
    if (const passwd* user = ::getpwuid(::getuid()); user && user->pw_name) return user->pw_name;
    return "anonymous";
}

ImU32 parseColor(const std::string& hex) {
    if (hex.size() != 7 || hex[0] != '#') return IM_COL32(255, 200, 0, 255);
    const unsigned long value = std::strtoul(hex.c_str() + 1, nullptr, 16);
    return IM_COL32((value >> 16) & 0xFF, (value >> 8) & 0xFF, value & 0xFF, 255);
}

// Where the sample's annotations are saved: never into the bundled examples.
std::filesystem::path sampleAnnotationsPath() {
    std::filesystem::path data;
    if (const char* xdg = std::getenv("XDG_DATA_HOME"); xdg && *xdg)
        data = xdg;
    else if (const char* home = std::getenv("HOME"); home && *home)
        data = std::filesystem::path(home) / ".local/share";
    else
        data = std::filesystem::temp_directory_path();
    return data / "gloss" / "sample-report.gloss.json";
}

std::string shortened(std::string_view text, size_t bytes) {
    if (text.size() <= bytes) return std::string(text);
    size_t cut = bytes;
    while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
    return std::string(text.substr(0, cut)) + "...";
}

} // namespace

App::App(Options options) : options_(std::move(options)), author_(defaultAuthor()) {}

//-----------------------------------------------------------------------------
// [SECTION] Loading
//-----------------------------------------------------------------------------

void App::load() {
    const bool sample = options_.report.empty();
    const auto examples = core::examplesDirectory();
    reportPath_ = sample ? examples / "sample-report.txt" : options_.report;
    const auto codebookPath = options_.codebook.empty() ? examples / "codebook.json" : options_.codebook;
    if (!options_.annotations.empty())
        annotationsPath_ = options_.annotations;
    else if (sample)
        annotationsPath_ = sampleAnnotationsPath();
    else
        annotationsPath_ = reportPath_.string() + ".gloss.json";

    try {
        codebook_ = core::loadCodebook(codebookPath);
    } catch (const std::exception& e) {
        report(e.what());
    }

    // The annotation file first: it records how the report was decoded.
    std::error_code error;
    std::filesystem::path initial = annotationsPath_;
    if (sample && !std::filesystem::exists(initial, error)) initial = examples / "sample-annotations.json";
    if (std::filesystem::exists(initial, error)) {
        try {
            file_ = core::loadAnnotationFile(initial);
            for (size_t i = 0; i < file_.problems.size() && i < 5; ++i)
                report(initial.string() + ": " + file_.problems[i].text());
            if (file_.problems.size() > 5)
                report(initial.string() + ": and " + std::to_string(file_.problems.size() - 5) +
                       " more problems");
            if (!file_.codebook.is_null()) {
                const core::Codebook own = core::codebookFromJson(file_.codebook, "codebook");
                std::vector<std::string> ids;
                for (const auto& tag : own.tags) ids.push_back(tag.id);
                codebook_.addMissingTags(own, ids);
            }
        } catch (const std::exception& e) {
            report(e.what());
            // Saving over a file we could not read would lose it.
            annotationsPath_ = annotationsPath_.string() + ".recovered.json";
            report("Annotations will be saved to " + annotationsPath_.string());
        }
    }
    const auto encoding = core::encodingFromName(file_.report.encoding).value_or(core::Encoding::Utf8);
    try {
        document_.emplace(core::loadReport(reportPath_, encoding));
    } catch (const std::exception& e) {
        report(e.what());
        return;
    }
    const auto counts = annotations::anchorAll(file_.annotations, *document_);
    if (counts.moved || counts.orphaned)
        report(std::to_string(counts.moved) + " annotations moved and " + std::to_string(counts.orphaned) +
               " orphaned: the report changed since they were made");
    set_ = annotations::AnnotationSet(file_.annotations);
    loadPlugins();
    computeThemes();
}

void App::loadPlugins() {
    core::PluginHost::Options options;
    options.imguiVersion = IMGUI_VERSION_NUM;
    options.log = [this](int level, const std::string& pluginId, const std::string& message) {
        if (level >= GLOSS_LOG_WARNING) report("plugin " + pluginId + ": " + message);
    };
    host_ = std::make_unique<core::PluginHost>(options);
    host_->loadFolders(core::PluginHost::searchPath(options_.pluginDirs));
    for (const auto& refusal : host_->refusals()) report(refusal.path.string() + ": " + refusal.reason);
}

void App::computeThemes() {
    const auto highlighters = host_->highlighters();
    if (std::find(highlighters.begin(), highlighters.end(), "themes") == highlighters.end()) {
        report("no \"themes\" plugin found: theme matches are not highlighted");
        return;
    }
    try {
        themes_ = host_->highlight("themes", *document_, core::codebookToJson(codebook_).dump());
    } catch (const std::exception& e) {
        report(e.what());
        return;
    }
    std::sort(themes_.spans.begin(), themes_.spans.end(),
              [](const core::Span& a, const core::Span& b) { return a.start < b.start; });
    themeCounts_.assign(themes_.tags.size(), 0);
    for (const auto& span : themes_.spans) ++themeCounts_[span.tag];
}

void App::recount() {
    if (countedRevision_ == revision_) return;
    annotationCounts_.clear();
    for (const auto& a : set_.all())
        for (const auto& tag : a.tags) ++annotationCounts_[tag];
    countedRevision_ = revision_;
}

ImU32 App::tagColor(const std::string& tagId) const {
    const core::Tag* tag = codebook_.find(tagId);
    return tag ? parseColor(tag->color) : IM_COL32(160, 160, 160, 255);
}

std::string App::title() const {
    std::string name = document_ ? reportPath_.filename().string() : "no report";
    return (dirty() ? "* " : "") + name + " - Gloss";
}

//-----------------------------------------------------------------------------
// [SECTION] Actions
//-----------------------------------------------------------------------------

bool App::tagSelectionWithKey(int key) {
    if (!document_ || !host_) return false;
    const std::string wanted = std::to_string(key);
    const auto tag = std::find_if(codebook_.tags.begin(), codebook_.tags.end(),
                                  [&](const core::Tag& t) { return t.key == wanted; });
    if (tag == codebook_.tags.end()) {
        report("no tag has the quick key " + wanted);
        return false;
    }
    if (!view_.hasSelection()) {
        report("select some text first, then press " + wanted + " to tag it \"" + tag->label + "\"");
        return false;
    }
    core::TagCommand command;
    command.start = document_->codepointOffset(view_.selectionStart());
    command.end = document_->codepointOffset(view_.selectionEnd());
    command.tag = tag->id;
    command.author = author_;
    try {
        const auto outcome = core::tagSelection(*host_, "tagging", *document_, codebook_, set_, command);
        if (!outcome.added.empty())
            view_.selectedAnnotation = outcome.added.front();
        else if (!outcome.updated.empty())
            view_.selectedAnnotation = outcome.updated.front();
    } catch (const std::exception& e) {
        report(std::string("tagging failed: ") + e.what());
        return false;
    }
    ++revision_;
    return true;
}

bool App::save() {
    if (!document_) return false;
    try {
        file_.annotations = set_.all();
        file_.report = core::describeReport(*document_);
        std::vector<std::string> used;
        for (const auto& a : file_.annotations)
            for (const auto& tag : a.tags)
                if (std::find(used.begin(), used.end(), tag) == used.end()) used.push_back(tag);
        core::Codebook embedded =
            file_.codebook.is_null() ? core::Codebook{} : core::codebookFromJson(file_.codebook, "codebook");
        embedded.addMissingTags(codebook_, used);
        file_.codebook = core::codebookToJson(embedded);
        std::error_code error;
        if (annotationsPath_.has_parent_path())
            std::filesystem::create_directories(annotationsPath_.parent_path(), error);
        core::saveAnnotationFile(annotationsPath_, file_);
    } catch (const std::exception& e) {
        report(std::string("saving failed: ") + e.what());
        return false;
    }
    savedRevision_ = revision_;
    return true;
}

void App::undo() {
    if (set_.undo()) ++revision_;
}

void App::redo() {
    if (set_.redo()) ++revision_;
}

void App::handleShortcuts(bool viewFocused) {
    const ImGuiIO& io = ImGui::GetIO();
    if (io.WantTextInput) return; // typing into a text field
    // GLFW key codes: digits and letters are their ASCII values.
    if (io.KeyCtrl && ImGui::IsKeyPressed('S', false)) save();
    if (io.KeyCtrl && ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Z), false))
        io.KeyShift ? redo() : undo();
    if (io.KeyCtrl && ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Y), false)) redo();
    if (!viewFocused || io.KeyCtrl || io.KeyAlt) return;
    for (int key = 1; key <= 9; ++key)
        if (ImGui::IsKeyPressed('0' + key, false)) tagSelectionWithKey(key);
    if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Delete), false) &&
        !view_.selectedAnnotation.empty()) {
        set_.beginStep();
        const bool removed = set_.remove(view_.selectedAnnotation);
        set_.endStep();
        if (removed) ++revision_;
        view_.selectedAnnotation.clear();
    }
}

//-----------------------------------------------------------------------------
// [SECTION] Frame
//-----------------------------------------------------------------------------

void App::frame() {
    const ImGuiViewport* viewport = ImGui::GetMainViewport();
    ImGui::SetNextWindowPos(viewport->WorkPos);
    ImGui::SetNextWindowSize(viewport->WorkSize);
    ImGui::PushStyleVar(ImGuiStyleVar_WindowRounding, 0);
    ImGui::Begin("##gloss", nullptr,
                 ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings |
                     ImGuiWindowFlags_MenuBar | ImGuiWindowFlags_NoBringToFrontOnFocus);
    ImGui::PopStyleVar();
    drawMenu();
    recount();

    const float statusHeight = ImGui::GetFrameHeightWithSpacing();
    const float sidebarWidth = std::floor(ImGui::GetFontSize() * 20);
    ImGui::BeginChild("##sidebar", ImVec2(sidebarWidth, -statusHeight), true);
    drawSidebar(sidebarWidth);
    ImGui::EndChild();
    ImGui::SameLine();
    ImGui::BeginGroup();
    drawMessages();
    bool viewFocused = false;
    if (document_) {
        AnnotationLayer annotations;
        if (showAnnotations_) {
            annotations.set = &set_;
            annotations.color = [this](const annotations::Annotation& a) -> ImU32 {
                for (const auto& tag : a.tags)
                    if (!hidden_[tag]) return tagColor(tag);
                return a.tags.empty() ? IM_COL32(160, 160, 160, 255) : 0;
            };
        }
        ThemeLayer themes;
        if (showThemes_) {
            themes.spans = &themes_.spans;
            for (const auto& tag : themes_.tags) themes.colors.push_back(hidden_[tag] ? 0 : tagColor(tag));
            for (const auto& span : themes_.spans)
                themes.longestSpan = std::max<size_t>(themes.longestSpan, span.end - span.start);
        }
        const auto result =
            ReportView("##report", view_, *document_, annotations, themes, {}, ImVec2(0, -statusHeight));
        viewFocused = result.focused;
    } else {
        ImGui::BeginChild("##empty", ImVec2(0, -statusHeight), true);
        ImGui::TextWrapped("No report is open.");
        ImGui::EndChild();
    }
    ImGui::EndGroup();
    drawStatusBar();
    ImGui::End();
    drawPluginPanels();
    handleShortcuts(viewFocused);
    // For the end-to-end test: where the report's first row is on screen.
    if (!geometryPrinted_ && document_ && std::getenv("GLOSS_PRINT_GEOMETRY")) {
        std::printf("report-origin %.0f %.0f row-height %.0f\n", view_.contentOrigin.x, view_.contentOrigin.y,
                    view_.rowHeight);
        std::fflush(stdout);
        geometryPrinted_ = true;
    }
}

void App::drawMenu() {
    if (!ImGui::BeginMenuBar()) return;
    if (ImGui::BeginMenu("File")) {
        if (ImGui::MenuItem("Save annotations", "Ctrl+S", false, document_.has_value())) save();
        ImGui::EndMenu();
    }
    if (ImGui::BeginMenu("Edit")) {
        if (ImGui::MenuItem("Undo", "Ctrl+Z", false, set_.canUndo())) undo();
        if (ImGui::MenuItem("Redo", "Ctrl+Shift+Z", false, set_.canRedo())) redo();
        if (ImGui::MenuItem("Select all", "Ctrl+A", false, document_.has_value()))
            view_.select(0, document_->utf8().size());
        ImGui::EndMenu();
    }
    if (ImGui::BeginMenu("View")) {
        ImGui::MenuItem("Annotations", nullptr, &showAnnotations_);
        ImGui::MenuItem("Theme matches", nullptr, &showThemes_);
        ImGui::EndMenu();
    }
    ImGui::EndMenuBar();
}

void App::drawMessages() {
    for (size_t i = 0; i < messages_.size();) {
        ImGui::PushID(static_cast<int>(i));
        const bool close = ImGui::SmallButton("x");
        ImGui::SameLine();
        ImGui::PushStyleColor(ImGuiCol_Text, IM_COL32(180, 30, 30, 255));
        ImGui::TextWrapped("%s", messages_[i].c_str());
        ImGui::PopStyleColor();
        ImGui::PopID();
        if (close)
            messages_.erase(messages_.begin() + static_cast<std::ptrdiff_t>(i));
        else
            ++i;
    }
}

void App::drawStatusBar() {
    ImGui::Separator();
    if (!document_) {
        ImGui::TextUnformatted("No report");
        return;
    }
    const auto line = document_->lineOfByte(view_.cursor) + 1;
    const auto selected =
        document_->codepointOffset(view_.selectionEnd()) - document_->codepointOffset(view_.selectionStart());
    ImGui::Text("%s%s  |  %s  |  line %zu, char %llu  |  %llu selected  |  %zu annotations  |  %s",
                dirty() ? "* " : "", reportPath_.filename().c_str(),
                core::encodingName(document_->encoding()).data(), line,
                static_cast<unsigned long long>(document_->codepointOffset(view_.cursor)),
                static_cast<unsigned long long>(selected), set_.size(), annotationsPath_.filename().c_str());
}

//-----------------------------------------------------------------------------
// [SECTION] Panels
//-----------------------------------------------------------------------------

void App::drawSidebar(float) {
    if (ImGui::CollapsingHeader("Codebook", ImGuiTreeNodeFlags_DefaultOpen)) drawCodebook();
    if (ImGui::CollapsingHeader("Annotations", ImGuiTreeNodeFlags_DefaultOpen)) drawAnnotationList();
    if (ImGui::CollapsingHeader("Plugins")) drawPlugins();
}

void App::drawCodebook() {
    ImGui::Checkbox("Annotations", &showAnnotations_);
    ImGui::SameLine();
    ImGui::Checkbox("Theme matches", &showThemes_);
    for (const core::Tag& tag : codebook_.tags) {
        ImGui::PushID(tag.id.c_str());
        bool shown = !hidden_[tag.id];
        if (ImGui::Checkbox("##shown", &shown)) hidden_[tag.id] = !shown;
        ImGui::SameLine();
        ImGui::ColorButton("##color", ImGui::ColorConvertU32ToFloat4(tagColor(tag.id)),
                           ImGuiColorEditFlags_NoTooltip, ImVec2(ImGui::GetFontSize(), ImGui::GetFontSize()));
        ImGui::SameLine();
        size_t matches = 0;
        for (size_t i = 0; i < themes_.tags.size(); ++i)
            if (themes_.tags[i] == tag.id) matches = themeCounts_[i];
        const auto counted = annotationCounts_.find(tag.id);
        const size_t annotated = counted == annotationCounts_.end() ? 0 : counted->second;
        // Counts first, in a fixed column, so long labels never cover them.
        const float column = ImGui::GetCursorPosX();
        ImGui::TextDisabled("%zu/%zu", annotated, matches);
        if (ImGui::IsItemHovered())
            ImGui::SetTooltip("%zu annotations / %zu theme matches", annotated, matches);
        ImGui::SameLine(column + ImGui::CalcTextSize("00/000 ").x);
        ImGui::Text("%s%s%s", tag.parent.empty() ? "" : "  ",
                    tag.key.empty() ? "  " : (tag.key + " ").c_str(), tag.label.c_str());
        ImGui::PopID();
    }
}

void App::drawAnnotationList() {
    if (!document_) return;
    ImGui::BeginChild("##annotations", ImVec2(0, ImGui::GetFontSize() * 16), false);
    for (const auto& a : set_.all()) {
        ImGui::PushID(a.id.c_str());
        const ImU32 color = a.tags.empty() ? IM_COL32(160, 160, 160, 255) : tagColor(a.tags.front());
        ImGui::ColorButton("##c", ImGui::ColorConvertU32ToFloat4(color), ImGuiColorEditFlags_NoTooltip,
                           ImVec2(ImGui::GetFontSize() * 0.6f, ImGui::GetFontSize()));
        ImGui::SameLine();
        const std::string label =
            (a.status == annotations::AnchorStatus::Orphaned ? "[orphaned] " : "") + shortened(a.quote, 60);
        if (ImGui::Selectable(label.c_str(), a.id == view_.selectedAnnotation)) {
            view_.selectedAnnotation = a.id;
            if (a.status != annotations::AnchorStatus::Orphaned) {
                view_.select(document_->byteOffset(a.start), document_->byteOffset(a.end));
                view_.scrollTo = view_.selectionStart();
                view_.focusNextFrame = true;
            }
        }
        if (ImGui::IsItemHovered()) {
            std::string tags;
            for (const auto& t : a.tags) tags += (tags.empty() ? "" : ", ") + t;
            ImGui::SetTooltip("%s\n%s, %s", tags.c_str(), a.author.c_str(), a.origin.c_str());
        }
        ImGui::PopID();
    }
    ImGui::EndChild();
}

void App::drawPlugins() {
    if (!host_) return;
    for (const auto& plugin : host_->plugins()) {
        ImGui::BulletText("%s %s: %s", plugin.id.c_str(), plugin.version.c_str(),
                          plugin.enabled ? "loaded" : ("disabled: " + plugin.disabledReason).c_str());
    }
    for (const auto& refusal : host_->refusals())
        ImGui::BulletText("refused %s: %s", refusal.path.filename().c_str(), refusal.reason.c_str());
}

void App::drawPluginPanels() {
    if (!host_) return;
    // A panel opens its own window (docs/plugin-guide.md); the editor only
    // chooses where it first appears: stacked along the right edge.
    const ImGuiViewport* viewport = ImGui::GetMainViewport();
    const ImVec2 size(280, 140);
    size_t index = 0;
    size_t shown = 0;
    std::string previous;
    for (const auto& panel : host_->panels()) {
        index = panel.pluginId == previous ? index + 1 : 0;
        previous = panel.pluginId;
        const float y = viewport->WorkPos.y + viewport->WorkSize.y - (size.y + 40) * float(++shown);
        ImGui::SetNextWindowPos(ImVec2(viewport->WorkPos.x + viewport->WorkSize.x - size.x - 24, y),
                                ImGuiCond_FirstUseEver);
        ImGui::SetNextWindowSize(size, ImGuiCond_FirstUseEver);
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
            if (failedPanels_.insert(panel.pluginId).second) report(e.what());
        }
    }
}

} // namespace gloss::gui
