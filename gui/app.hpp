#pragma once

#include "gloss/annotations/annotation_file.hpp"
#include "gloss/annotations/annotation_set.hpp"
#include "gloss/core/codebook.hpp"
#include "gloss/core/document.hpp"
#include "gloss/core/plugin_host.hpp"
#include "options.hpp"
#include "report_view.hpp"

#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace gloss::gui {

// The editor's state and its one frame of UI: the open report, its codebook
// and annotations, theme spans from the themes plugin, and the panels around
// the ReportView. No GLFW or GL here (window.cpp), so it can run headless.
class App {
  public:
    explicit App(Options options);

    // Loads the report, codebook, annotations and plugins. Problems become
    // messages in the window; nothing here throws.
    void load();
    // Draws the UI for one frame, between ImGui::NewFrame and ImGui::Render.
    void frame();

    const core::Document* document() const { return document_ ? &*document_ : nullptr; }
    const std::vector<std::string>& messages() const { return messages_; }
    bool dirty() const { return revision_ != savedRevision_; }
    bool busy() const { return view_.dragging; } // wants frames without input
    const std::filesystem::path& annotationsPath() const { return annotationsPath_; }
    std::string title() const;

    // Actions, also for tests.
    bool tagSelectionWithKey(int key); // quick key 1-9
    bool save();
    void undo();
    void redo();
    ReportViewState& view() { return view_; }
    const annotations::AnnotationSet& annotationSet() const { return set_; }

  private:
    void loadPlugins();
    void computeThemes();
    void recount();
    void report(std::string message) { messages_.push_back(std::move(message)); }
    ImU32 tagColor(const std::string& tagId) const;
    void drawMenu();
    void drawSidebar(float width);
    void drawCodebook();
    void drawAnnotationList();
    void drawPlugins();
    void drawStatusBar();
    void drawMessages();
    void drawPluginPanels();
    void handleShortcuts(bool viewFocused);

    Options options_;
    std::optional<core::Document> document_;
    core::Codebook codebook_;
    annotations::AnnotationFile file_;
    annotations::AnnotationSet set_;
    std::filesystem::path reportPath_;
    std::filesystem::path annotationsPath_;
    std::unique_ptr<core::PluginHost> host_;
    std::vector<std::string> messages_;
    std::set<std::string> failedPanels_; // plugin ids whose panel failure was reported
    std::string author_;

    core::HighlightResult themes_;
    std::vector<size_t> themeCounts_;    // by themes_.tags index
    std::map<std::string, bool> hidden_; // tag id -> hidden
    std::map<std::string, size_t> annotationCounts_;
    bool showAnnotations_ = true;
    bool showThemes_ = true;

    uint64_t revision_ = 0, savedRevision_ = 0, countedRevision_ = UINT64_MAX;
    ReportViewState view_;
    bool geometryPrinted_ = false;
};

} // namespace gloss::gui
