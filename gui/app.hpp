#pragma once

#include "find.hpp"
#include "gloss/annotations/annotation_file.hpp"
#include "gloss/annotations/annotation_set.hpp"
#include "gloss/core/codebook.hpp"
#include "gloss/core/document.hpp"
#include "gloss/core/plugin_host.hpp"
#include "options.hpp"
#include "overview.hpp"
#include "report_view.hpp"
#include "tag_popup.hpp"

#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace gloss::gui {

// Which annotations the annotations panel lists; empty strings match all.
struct AnnotationFilter {
    std::string tag;
    std::string author;
    std::string origin;
    int status = -1; // an annotations::AnchorStatus, or -1 for any
};

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

    // Actions, also for tests. Every change to annotations or the codebook is
    // one undo step.
    bool tagSelectionWithKey(int key); // quick key 1-9
    bool tagSelection(const std::string& tagId);
    // A new tag with a free colour; returns its id.
    std::string createTag(const std::string& label);
    bool renameTag(const std::string& tagId, const std::string& label);
    bool recolorTag(const std::string& tagId, const std::string& color);
    bool deleteAnnotation(const std::string& id);
    bool setNote(const std::string& id, const std::string& note);
    bool save();
    void undo();
    void redo();
    ReportViewState& view() { return view_; }
    FindState& find() { return find_; }
    const annotations::AnnotationSet& annotationSet() const { return set_; }
    const core::Codebook& codebook() const { return codebook_; }
    // The annotations the panel lists under `filter`, as indexes into annotationSet().all().
    std::vector<size_t> filteredAnnotations(const AnnotationFilter& filter) const;

  private:
    // One step of the editor's undo history: either an AnnotationSet step
    // (undone by the set itself) or a codebook change.
    struct HistoryEntry {
        bool codebook = false;
        core::Codebook before, after;
    };

    void loadPlugins();
    void computeThemes();
    void recount();
    void report(std::string message) { messages_.push_back(std::move(message)); }
    ImU32 tagColor(const std::string& tagId) const;
    void annotationsChanged();
    void changeCodebook(const core::Codebook& after);
    void selectAnnotation(const annotations::Annotation& annotation);
    ImVec2 caretScreenPosition() const;

    void drawMenu();
    void drawSidebar();
    void drawCodebook();
    void drawTagRow(const core::Tag& tag);
    void drawTagEditor();
    void drawCountsChart();
    void drawAnnotationList();
    void drawAnnotationFilters();
    void drawSelectedAnnotation();
    void drawPlugins();
    void drawStatusBar();
    void drawMessages();
    void drawPluginPanels();
    void drawReport(float statusHeight);
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
    bool showAnnotations_ = true;
    bool showThemes_ = true;

    // Derived from the annotations, recomputed when revision_ moves.
    std::map<std::string, size_t> annotationCounts_; // tag id -> annotations
    std::set<std::string> authors_, origins_;
    OverviewMarks overview_;
    std::vector<std::pair<size_t, size_t>> themeRanges_; // bytes, for the overview

    std::vector<HistoryEntry> undo_, redo_;
    std::set<std::string> editedTags_; // created, renamed or recoloured here: saved with the file
    uint64_t revision_ = 0, savedRevision_ = 0, countedRevision_ = UINT64_MAX;
    ReportViewState view_;
    FindState find_;
    TagPopupState tagPopup_;
    AnnotationFilter filter_;
    std::string editingTag_;   // tag id whose label/colour editor should open
    std::string tagEditorFor_; // tag id the open editor shows
    char tagEditorLabel_[128] = "";
    ImVec4 tagEditorColor_;
    char newTagLabel_[128] = "";
    std::string noteDraft_, noteDraftFor_;
    bool geometryPrinted_ = false;
};

} // namespace gloss::gui
