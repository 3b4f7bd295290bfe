// Projects in the editor: opening one, its reports opened with the files the
// project names, its codebook saved with a report's annotations, and the
// project panels' requests (go to a segment or hit, code every hit).

#include "app.hpp"

#include <cstdio>
#include <cstdlib>
#include <map>

namespace gloss::gui {

namespace {

// For the end-to-end test: the segments the Coded segments panel lists.
void printSegments(const SegmentsPanelState& segments) {
    std::printf("segments %s %zu\n", segments.tag.c_str(), segments.results.segments.size());
    for (const core::Segment& segment : segments.results.segments)
        std::printf("segment %s %llu %llu %s\n", segment.report.c_str(),
                    static_cast<unsigned long long>(segment.annotation.start),
                    static_cast<unsigned long long>(segment.annotation.end),
                    oneLine(segment.annotation.quote).c_str());
    std::fflush(stdout);
}

} // namespace

bool App::openProject(const std::filesystem::path& folderOrFile) {
    std::unique_ptr<ProjectWorkspace> workspace;
    try {
        workspace = std::make_unique<ProjectWorkspace>(folderOrFile);
    } catch (const std::exception& e) {
        report(e.what());
        return false;
    }
    project_ = std::move(workspace);
    projectPanels_ = {};
    jump_.reset();
    projectIndexFor_.clear();
    if (!workspace_.document()) { // the project's codebook until a report opens
        workspace_.useCodebook(project_->codebook(), project_->codebookPath());
        journaledRevision_ = workspace_.revision();
    }
    rememberRecentProject();
    notice("Opened the project " + project_->project().name + ": " +
           std::to_string(project_->project().reports.size()) + " reports");
    return true;
}

bool App::projectWorking() const {
    const ProjectPanels& panels = projectPanels_;
    return (project_ &&
            (project_->counting() || panels.segments.work.valid() || panels.cooccurrence.work.valid())) ||
           panels.search.work.valid(); // a search runs without a project too
}

void App::rememberRecentProject() {
    changeSettings([this](Settings& settings) { addRecentProject(settings, project_->project().file); });
}

std::optional<size_t> App::openProjectIndex() {
    if (!project_ || !workspace_.document()) return std::nullopt;
    // Looking a path up compares files on disk: once per report opened.
    if (projectIndexFor_ != workspace_.reportPath()) {
        projectIndexFor_ = workspace_.reportPath();
        projectIndex_ = project_->indexOf(workspace_.reportPath());
    }
    return projectIndex_;
}

OpenRequest App::requestFor(const std::filesystem::path& report) const {
    if (project_)
        if (const auto index = project_->indexOf(report)) return project_->openRequest(*index);
    OpenRequest request;
    request.report = report;
    request.codebook = workspace_.codebookPath();
    return request;
}

void App::openProjectReport(size_t index) {
    if (!project_ || index >= project_->project().reports.size() || openProjectIndex() == index) return;
    const OpenRequest request = project_->openRequest(index);
    guardUnsaved([this, request] { openInBackground(request); });
}

bool App::saveToProject() {
    if (!openProjectIndex() ||
        workspace_.codebookPath() != std::filesystem::absolute(project_->codebookPath()))
        return true;
    try {
        project_->saveCodebook(workspace_.codebook(), workspace_.editedTags());
    } catch (const std::exception& e) {
        report(std::string("the project's codebook was not saved: ") + e.what());
        return false;
    }
    return true;
}

void App::jumpTo(const ProjectJump& jump) {
    jump_ = jump;
    openProjectReport(jump.report);
    followJump();
}

// Once the report of a jump is open, selects the segment (or the hit) and
// scrolls to it; a report that did not open drops the jump.
void App::followJump() {
    if (!jump_ || opening() || unsavedQuestionPending()) return;
    const ProjectJump jump = *std::exchange(jump_, std::nullopt);
    // Without a project, a hit is in the open report.
    const std::optional<size_t> open = project_ ? openProjectIndex() : std::optional<size_t>(0);
    if (!workspace_.document() || open != jump.report) return;
    if (const annotations::Annotation* a =
            jump.annotation.empty() ? nullptr : workspace_.annotations().find(jump.annotation)) {
        selectAnnotation(*a);
        return;
    }
    const uint64_t count = workspace_.document()->codepointCount();
    view_.select(workspace_.document()->byteOffset(std::min(jump.start, count)),
                 workspace_.document()->byteOffset(std::min(jump.end, count)));
    view_.scrollTo = view_.selectionStart();
    view_.focusNextFrame = true;
}

void App::codeAllHits(const std::string& tag) {
    if ((!project_ && !workspace_.document()) || !host_ || !workspace_.codebook().find(tag)) return;
    ProjectSearchState& search = projectPanels_.search;
    std::map<size_t, std::vector<SearchHit>> byReport;
    for (const SearchHit& hit : search.results.hits) byReport[hit.report].push_back(hit);
    const std::optional<size_t> open = project_ ? openProjectIndex() : std::optional<size_t>(0);
    size_t changed = 0, reports = 0, failed = 0;
    bool openChanged = false;
    const std::string tagger = pluginWith("tagger");
    for (const auto& entry : byReport) {
        const size_t index = entry.first;
        const std::vector<SearchHit>& hits = entry.second; // a lambda below takes it: no structured binding
        try {
            size_t coded = 0;
            if (open == index) {
                workspace_.changeAnnotations([&](annotations::AnnotationSet& set) { // one undo step
                    coded = codeHits(*host_, tagger, *workspace_.document(), workspace_.codebook(), set, hits,
                                     tag, author_);
                    return coded > 0;
                });
                openChanged = coded > 0;
            } else if (project_) {
                coded = codeHitsInFile(*host_, tagger, project_->project(), index, workspace_.codebook(),
                                       hits, tag, author_);
                project_->refresh(index);
            }
            changed += coded;
            reports += coded ? 1 : 0;
        } catch (const std::exception& e) { // this report only; the others are coded
            report(e.what());
            ++failed;
        }
    }
    const annotations::Tag* code = workspace_.codebook().find(tag);
    search.message = "Coded " + std::to_string(changed) + " passages with " + code->label;
    if (project_) search.message += " in " + std::to_string(reports) + " reports";
    if (failed) search.message += "; " + std::to_string(failed) + " reports could not be coded";
    if (openChanged) search.message += project_ ? "; save to keep the open report's" : "; save to keep them";
    projectPanels_.segments.refresh = projectPanels_.cooccurrence.refresh = true;
}

//-----------------------------------------------------------------------------
// Panels and menu
//-----------------------------------------------------------------------------

void App::drawProjectMenu() {
    if (!ImGui::BeginMenu("Project", project_ != nullptr)) return;
    if (ImGui::MenuItem("Coded segments", "Ctrl+Shift+R")) openSegments();
    if (ImGui::MenuItem("Code co-occurrence")) {
        projectPanels_.cooccurrence.open = projectPanels_.cooccurrence.refresh = true;
        projectPanels_.select = ProjectPanels::Tab::Cooccurrence;
    }
    if (ImGui::MenuItem("Search project", "Ctrl+Shift+F")) openSearch();
    ImGui::EndMenu();
}

void App::openSearch() {
    if (!project_ && !workspace_.document()) return;
    projectPanels_.search.open = projectPanels_.search.focusQuery = true;
    projectPanels_.select = ProjectPanels::Tab::Search;
}

// The search on a worker, which holds what it reads: a copy of the project,
// or the open report (so a report opened meanwhile does not free it).
void App::startSearch() {
    ProjectSearchState& search = projectPanels_.search;
    search.message.clear();
    if (project_)
        search.work = std::async(std::launch::async, [project = project_->project(), query = search.query,
                                                      matchCase = search.matchCase, plugins = host_.get()] {
            return searchProject(project, query, matchCase, plugins);
        });
    else if (workspace_.document())
        search.work = std::async(std::launch::async, [document = workspace_.document(), query = search.query,
                                                      matchCase = search.matchCase] {
            return searchReport(*document, query, matchCase);
        });
}

// Opens Coded segments on the code of the selected annotation (the code just
// applied is the one to retrieve), else the first, when none is chosen yet.
void App::openSegments() {
    SegmentsPanelState& segments = projectPanels_.segments;
    segments.open = segments.refresh = true;
    projectPanels_.select = ProjectPanels::Tab::Segments;
    if (!segments.tag.empty()) return;
    if (const annotations::Annotation* a = workspace_.annotations().find(view_.selectedAnnotation);
        a && !a->tags.empty())
        segments.tag = a->tags.front();
    else if (!workspace_.codebook().tags.empty())
        segments.tag = workspace_.codebook().tags.front().id;
}

void App::drawDocuments() {
    if (!project_) return;
    const std::string header = "Documents: " + project_->project().name + "###documents";
    if (!ImGui::CollapsingHeader(header.c_str(), ImGuiTreeNodeFlags_DefaultOpen)) return;
    if (const auto clicked = DocumentsPanel(projectPanels_.documents, *project_, openProjectIndex()))
        openProjectReport(*clicked);
    // For the end-to-end test: where each report's row is on screen.
    DocumentsPanelState& documents = projectPanels_.documents;
    if (!projectPanels_.documentsPrinted && std::getenv("GLOSS_PRINT_GEOMETRY")) {
        for (size_t row = 0; row < documents.shown.size(); ++row)
            std::printf("document-row %zu %.0f %.0f\n", documents.shown[row], documents.rowPositions[row].x,
                        documents.rowPositions[row].y + ImGui::GetTextLineHeight() / 2);
        std::fflush(stdout);
        projectPanels_.documentsPrinted = true;
    }
}

// Coded segments, co-occurrence and search: tabs of one window, so they
// never cover each other; closing the window closes them all. Without a
// project, the search over the open report is its only tab.
void App::drawProjectWindows() {
    if (!project_ && !workspace_.document()) return;
    ProjectPanels& panels = projectPanels_;
    const ImGuiIO& io = ImGui::GetIO();
    if (project_ && io.KeyCtrl && io.KeyShift && !io.WantTextInput && ImGui::IsKeyPressed('R', false))
        openSegments();
    if (panels.segments.open || panels.cooccurrence.open || panels.search.open) {
        LiveView live;
        live.revision = workspace_.revision();
        live.annotations.report = SIZE_MAX;
        if (const auto index = openProjectIndex())
            live.annotations = {*index, &workspace_.annotations().all()};
        const auto flags = [&](ProjectPanels::Tab tab) {
            return panels.select == tab ? ImGuiTabItemFlags_SetSelected : ImGuiTabItemFlags_None;
        };
        PlaceProjectWindow();
        bool windowOpen = true;
        const bool shown =
            ImGui::Begin(project_ ? "Project###project-panels" : "Search###project-panels", &windowOpen);
        KeepWindowInView();
        if (shown && ImGui::BeginTabBar("##project-tabs")) {
            if (project_ && panels.segments.open &&
                ImGui::BeginTabItem("Coded segments", &panels.segments.open,
                                    flags(ProjectPanels::Tab::Segments))) {
                if (const auto jump = SegmentsPanel(panels.segments, *project_, workspace_.codebook(), live))
                    jumpTo(*jump);
                ImGui::EndTabItem();
            }
            if (project_ && panels.cooccurrence.open &&
                ImGui::BeginTabItem("Code co-occurrence", &panels.cooccurrence.open,
                                    flags(ProjectPanels::Tab::Cooccurrence))) {
                CooccurrencePanel(panels.cooccurrence, *project_, workspace_.codebook(), live);
                ImGui::EndTabItem();
            }
            if (panels.search.open &&
                ImGui::BeginTabItem(project_ ? "Search project###search" : "Search report###search",
                                    &panels.search.open, flags(ProjectPanels::Tab::Search))) {
                const auto reportPath = [this](size_t report) {
                    return project_ ? project_->project().reports.at(report).path
                                    : workspace_.reportPath().filename().string();
                };
                const ProjectSearchAction action =
                    ProjectSearchPanel(panels.search, reportPath, workspace_.codebook());
                if (action.search) startSearch();
                if (action.jump) jumpTo(*action.jump);
                if (action.codeAll) codeAllHits(panels.search.tag);
                ImGui::EndTabItem();
            }
            ImGui::EndTabBar();
        }
        ImGui::End();
        panels.select = ProjectPanels::Tab::None;
        if (!windowOpen) panels.segments.open = panels.cooccurrence.open = panels.search.open = false;
    }
    if (panels.segments.computed != panels.segmentsPrinted && std::getenv("GLOSS_PRINT_GEOMETRY")) {
        printSegments(panels.segments);
        panels.segmentsPrinted = panels.segments.computed;
    }
    followJump();
}

} // namespace gloss::gui
