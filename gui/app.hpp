#pragma once

#include "colleague_layer.hpp"
#include "gloss/annotations/agreement.hpp"
#include "gloss/annotations/annotation_file.hpp"
#include "gloss/annotations/annotation_set.hpp"
#include "gloss/annotations/codebook.hpp"
#include "gloss/core/document.hpp"
#include "gloss/core/plugin_host.hpp"
#include "opening.hpp"
#include "panels/project_panels.hpp"
#include "panels/sidebar_panels.hpp"
#include "platform/options.hpp"
#include "platform/recovery.hpp"
#include "platform/settings.hpp"
#include "widgets/file_dialog.hpp"
#include "widgets/find.hpp"
#include "widgets/messages.hpp"
#include "widgets/overview.hpp"
#include "widgets/report_view.hpp"
#include "widgets/tag_popup.hpp"
#include "workspace.hpp"

#include <functional>
#include <future>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

namespace gloss::gui {

// The editor's one frame of UI around its Workspace (the open report, its
// codebook, annotations and undo history): theme spans from the highlighter
// plugins, the ReportView and the panels around it, messages and dialogs.
// No GLFW or GL here (platform/window.cpp), so it can run headless.
class App {
  public:
    // Reads the settings (the window's size and the text size come from them).
    explicit App(Options options);

    // Loads the plugins, and the report, codebook and annotations of the
    // command line. Problems become messages in the window; nothing here
    // throws. No ImGui either: it may run on a worker while the window and
    // its OpenGL context are made.
    void load();
    // Opens another report with its annotations and codebook. On failure the
    // open work stays as it was and a message says why.
    bool open(const OpenRequest& request);
    // The same on a worker thread, with a progress bar while it takes long
    // (a PDF being extracted); the UI stays live.
    void openInBackground(const OpenRequest& request);
    bool opening() const { return opening_.valid(); }
    // Draws the UI for one frame, between ImGui::NewFrame and ImGui::Render.
    void frame();

    const core::Document* document() const { return workspace_.document(); }
    // The messages' texts, oldest first; messageList() has their severities.
    std::vector<std::string> messages() const { return messages_.texts(); }
    const MessageList& messageList() const { return messages_; }
    bool dirty() const { return workspace_.dirty(); }
    // How long the window may sleep without input before the editor has
    // something to do (write the recovery journal, clear a notice); negative:
    // until input arrives.
    double idleWait() const;
    bool busy() const { return view_.dragging || working(); } // wants frames without input
    // Work on a worker thread is still to come in: a report opening, theme
    // matches, the project's counts, segments, co-occurrence or search.
    bool working() const { return opening_.valid() || themesWork_.valid() || projectWorking(); }
    // The highlighter's matches shown in the report, sorted by start.
    const core::HighlightResult& themeMatches() const { return themes_; }
    // The window's close button: asks first when there are unsaved changes.
    void requestClose();
    bool quitRequested() const { return quit_; }
    // Files dropped onto the window: a .json opens as annotations of the
    // open report, anything else as a report.
    void openDropped(const std::vector<std::filesystem::path>& paths);
    // True once after the fonts must be built again: a report with other
    // scripts was opened, or the text size changed.
    bool takeFontsChanged() { return std::exchange(fontsChanged_, false); }
    const Settings& settings() const { return settings_; }
    // The coder: $GLOSS_AUTHOR, else the name in the settings, else the
    // login name. Asked for on the first start (app_coder.cpp).
    const std::string& coder() const { return author_; }
    bool coderNameAsked() const { return askCoderName_; }
    // Keeps `name` in the settings; it codes from now on unless $GLOSS_AUTHOR says otherwise.
    void setCoderName(const std::string& name);
    // The text size in pixels at scale 1, kept in the settings; clamped to
    // the settings' range.
    void setFontSize(float pixels);
    // The report's longest line in text heights (0: the window's width), kept in the settings.
    void setReadingWidth(float textHeights);
    // The window's size at scale 1, kept for the next start.
    void rememberWindowSize(int width, int height);
    // The answers to the editor's two questions, also for tests.
    enum class UnsavedAnswer { Save, DontSave, Cancel };
    void answerUnsaved(UnsavedAnswer answer);
    bool unsavedQuestionPending() const { return static_cast<bool>(afterUnsaved_); }
    bool recoveryOffered() const { return recovery_.has_value(); }
    // An annotation file made for another report waits for the user's choice.
    enum class OtherReportAnswer { OpenItsReport, AnchorHere, Cancel };
    bool otherReportQuestionPending() const { return otherReport_.has_value(); }
    void answerOtherReport(OtherReportAnswer answer);
    void restoreJournal();
    void discardRecovery();
    // The annotation file changed on disk (app_files.cpp): read again at once
    // when there is nothing unsaved, else the user chooses.
    void checkAnnotationsOnDisk();
    enum class DiskChangeAnswer { Reload, Merge, KeepMine };
    bool diskChangeQuestionPending() const { return diskChanged_; }
    void answerDiskChange(DiskChangeAnswer answer);

    // Sharing (app_sharing.cpp): a colleague's file as a layer, accepting
    // their annotations, resolving merge conflicts.
    bool openColleague(const std::filesystem::path& path);
    const ColleagueLayer* colleague() const { return colleague_.layer ? &*colleague_.layer : nullptr; }
    bool acceptColleague(const std::string& id);
    void rejectColleague(const std::string& id);
    // Keeps one side of an annotation's merge conflict: ours or theirs.
    bool resolveConflict(const std::string& id, bool takeTheirs);
    const annotations::AgreementSummary* agreement();
    const std::filesystem::path& annotationsPath() const { return workspace_.annotationsPath(); }
    std::string title() const;

    // Projects (app_project.cpp): a corpus of reports with one codebook.
    // Opens FOLDER or FOLDER/gloss-project.json; its reports open from the
    // Documents panel. No ImGui: it may run before the first frame.
    bool openProject(const std::filesystem::path& folderOrFile);
    const ProjectWorkspace* project() const { return project_.get(); }
    // Opens the project's report `index` (after the unsaved-changes question).
    void openProjectReport(size_t index);
    // Goes to a place in a project report, opening it first when needed.
    void jumpTo(const ProjectJump& jump);
    ProjectPanels& projectPanels() { return projectPanels_; }
    // Applies `tag` to every hit of the last search: the open report's as
    // one undo step, every other project report's saved to its file.
    void codeAllHits(const std::string& tag);
    // The search with a hit list: over the project, else over the open report.
    void openSearch();
    // Stops or resumes a plugin, as its checkbox in the Plugins panel does;
    // false for an unknown id.
    bool setPluginEnabled(const std::string& pluginId, bool enabled);
    // Loads again the plugins whose files changed; returns how many.
    size_t reloadPlugins();
    // Loads a plugin file on request (an example plugin), and again on every
    // start; false when it is refused (a message says why).
    bool addPlugin(const std::filesystem::path& file);
    // A plugin panel by its title: shown (the default) or closed, from the View menu.
    void showPluginPanel(const std::string& title, bool shown);
    const core::PluginHost* plugins() const { return host_.get(); }

    // Actions, also for tests. Every change to annotations or the codebook is
    // one undo step.
    // A code's quick key 1-9: toggles that code on the coding target (below),
    // else applies it to the selection.
    bool tagSelectionWithKey(int key);
    bool tagSelection(const std::string& tagId);
    // The annotation a code key or the tag popup acts on: the selected one of
    // one's own when nothing else is selected or the selection is its passage,
    // else one whose passage is exactly the selection. Null when none.
    const annotations::Annotation* codingTarget();
    // Removes the code from the coding target when it has it, else applies it
    // (to the target, or to the selection). One undo step.
    bool toggleTag(const std::string& tagId);
    bool addTag(const std::string& annotationId, const std::string& tagId);
    // Takes one code off an annotation, keeping its other codes and its note;
    // without codes, a passage with a note stays as a note, else it goes.
    bool removeTag(const std::string& annotationId, const std::string& tagId);
    // A new tag with a free colour; returns its id.
    std::string createTag(const std::string& label);
    bool renameTag(const std::string& tagId, const std::string& label);
    bool recolorTag(const std::string& tagId, const std::string& color);
    // The code system: each one undo step, codings and codebook together.
    bool reparentTag(const std::string& tagId, const std::string& parent); // "" for the top level
    bool mergeTag(const std::string& fromId, const std::string& intoId);   // codings move, then it goes
    bool deleteTag(const std::string& tagId); // its codings lose it; sub-codes move up
    bool setTagDescription(const std::string& tagId, const std::string& description);
    bool setTagKey(const std::string& tagId, const std::string& key); // "1".."9" or ""
    size_t codingCount(const std::string& tagId);                     // annotations with the code
    bool deleteAnnotation(const std::string& id);
    bool setNote(const std::string& id, const std::string& note);
    // The memo about the whole report, kept in the annotation file's top-level
    // "memo" (docs/formats.md §3.1). A memo that is not text cannot be edited
    // here and is saved as it was read.
    std::string memo() const { return workspace_.memo(); }
    bool memoEditable() const { return workspace_.memoEditable(); }
    // One undo step; an empty memo drops the field.
    bool setMemo(const std::string& memo) { return workspace_.setMemo(memo); }
    // Opens the sidebar's memo field and puts the keyboard in it.
    void openMemo() { memo_.focus = true; }
    bool save();
    bool saveAs(const std::filesystem::path& path);
    bool exportAs(const std::string& format, const std::filesystem::path& path);
    // Opens the save dialog for an export in `format` (File > Export); false
    // when no exporter has it.
    bool askToExport(const std::string& format);
    const FileDialogState& fileDialog() const { return dialog_; }
    void undo() { workspace_.undo(); }
    void redo() { workspace_.redo(); }
    ReportViewState& view() { return view_; }
    FindState& find() { return find_; }
    const annotations::AnnotationSet& annotationSet() const { return workspace_.annotations(); }
    const annotations::Codebook& codebook() const { return workspace_.codebook(); }
    const Workspace& workspace() const { return workspace_; }
    // The annotations the panel lists under `filter`, as indexes into annotationSet().all().
    std::vector<size_t> filteredAnnotations(const AnnotationFilter& filter) const;

  private:
    void loadPlugins();
    std::string pluginWith(const std::string& capability) const;
    bool adopt(OpenedWork work);
    void drawOpeningProgress();
    void computeThemes();
    void collectThemes();
    void clearThemes();
    const annotations::Annotation* selectedOwnAnnotation();
    void recount();
    void countThemeMatches();                                                  // into tagCounts_
    void report(std::string message) { messages_.post({std::move(message)}); } // an error
    void inform(std::string message) { messages_.post({std::move(message), Severity::Info}); }
    // What messages are about, so they go once no longer true (Message::about).
    static std::string pluginAbout(const std::string& pluginId) { return "plugin:" + pluginId; }
    static constexpr const char* kAboutSelection = "selection";
    void notice(std::string message); // a passing line in the status bar
    static constexpr double kNoticeSeconds = 6;
    ImU32 tagColor(const std::string& tagId) const;
    void selectAnnotation(const annotations::Annotation& annotation);
    void forgetSelectionIfGone(); // the selected annotation was removed
    ImVec2 caretScreenPosition();

    // Files (app_files.cpp).
    enum class DialogPurpose { OpenReport, OpenAnnotations, OpenColleague, SaveAs, Export, OpenProject };
    void askForFile(DialogPurpose purpose, const core::FormatInfo* exportFormat = nullptr);
    void guardUnsaved(std::function<void()> action);
    void openAnnotations(const std::filesystem::path& path);
    void rememberRecent();
    void changeSettings(const std::function<void(Settings&)>& change);
    void offerRecovery();
    void journalWhenIdle();
    void forgetJournal();
    void drawFileMenu();
    void drawFileDialog();
    void drawUnsavedPrompt();
    void drawRecoveryPrompt();
    void drawOtherReportPrompt();
    void watchAnnotationsFile(); // checkAnnotationsOnDisk every few seconds
    void drawDiskChangePrompt();

    // Projects (app_project.cpp).
    bool projectWorking() const;
    OpenRequest requestFor(const std::filesystem::path& report) const; // the project's files for it
    std::optional<size_t> openProjectIndex();                          // the open report in the project
    bool saveToProject();                                              // its codebook, before the annotations
    void rememberRecentProject();
    void drawProjectMenu();
    void drawDocuments();
    void drawProjectWindows();
    void followJump();
    void startSearch();
    void openSegments();

    // The coder (app_coder.cpp).
    void drawCoderPrompt();
    void drawSettingsWindow();
    void drawMenu();
    void drawSidebar();
    void drawCodebook();
    void drawAnnotationList();
    bool selectionPaneShown();
    void drawSelectionPane(float statusHeight);
    void drawPlugins();
    void drawColleaguePanel();
    void drawAnnotationTooltip(const annotations::Annotation& a, const std::string* code, bool theirs);
    void actOn(const AnnotationAction& action);
    void drawStatusBar();
    void drawMessages();
    void drawPluginPanels();
    void drawOutline();
    void drawPanelsMenu();
    void drawReport(float statusHeight);
    void drawSplitter(float statusHeight, float shownWidth, float widest); // pixels
    void handleShortcuts(bool viewFocused);

    Options options_;
    Workspace workspace_;
    float sidebarWidth_ = 0; // in text heights; the settings' until dragged
    std::unique_ptr<core::PluginHost> host_;
    MessageList messages_;
    std::set<std::string> failedPanels_; // plugin ids whose panel failure was reported
    std::set<std::string> closedPanels_; // plugin panel titles closed from the View menu
    std::string author_;

    core::HighlightResult themes_;
    std::vector<size_t> themeCounts_; // by themes_.tags index
    bool outlineOpen_ = false;        // View > Outline

    // Derived from the annotations, recomputed when revision_ moves.
    std::map<std::string, TagCounts> tagCounts_; // by tag id; theme matches too, once they are in
    OverviewMarks overview_;
    size_t longestThemeSpan_ = 0;                       // bytes
    const annotations::Annotation* selected_ = nullptr; // selectedOwnAnnotation()'s answer
    uint64_t selectedRevision_ = UINT64_MAX;
    std::string selectedId_;

    uint64_t countedRevision_ = UINT64_MAX;
    ReportViewState view_;
    FindState find_;
    TagPopupState tagPopup_;
    AnnotationsPanelState annotationList_;
    CodebookPanelState codebookPanel_;
    MemoPanelState memo_;
    SelectionPaneState selection_;
    bool askCoderName_ = false;
    bool settingsOpen_ = false;
    std::string coderNameDraft_;
    bool geometryPrinted_ = false;

    Settings settings_;
    FileDialogState dialog_;
    DialogPurpose dialogPurpose_{};
    std::string exportFormat_;
    std::function<void()> afterUnsaved_; // waits for the unsaved-changes answer
    bool askUnsaved_ = false;
    std::optional<JournalInfo> recovery_;   // a journal to offer
    std::optional<OpenedWork> otherReport_; // annotations made for another report, not taken yet
    bool diskChanged_ = false;              // the annotation file changed on disk: waits for the answer
    double nextDiskCheck_ = 0;
    uint64_t journaledRevision_ = 0, seenRevision_ = 0;
    bool seenDirty_ = false; // with seenRevision_: when the crash journal was last prepared
    double lastChangeTime_ = 0;
    std::string notice_;
    double noticeTime_ = 0;
    bool fontsChanged_ = false;
    bool styleApplied_ = false; // settings_.style, set on the next frame
    bool quit_ = false;
    ColleaguePanelState colleague_;
    struct ThemeWork {
        std::string highlighter;      // the plugin asked
        core::HighlightResult result; // spans sorted by start
        std::vector<size_t> counts;   // by result.tags index
        size_t longest = 0;
        std::vector<float> density; // the overview's grey strip
        std::string error;
    };
    std::future<ThemeWork> themesWork_;
    std::future<OpenedWork> opening_;
    std::string openingName_;
    double openingSince_ = 0;
    std::mutex pluginLogMutex_;
    std::vector<Message> pluginLog_; // from plugins, for messages_ on the UI thread
    std::unique_ptr<ProjectWorkspace> project_;
    ProjectPanels projectPanels_;           // after host_: a search on a worker uses it
    std::optional<ProjectJump> jump_;       // waits for its report to open
    std::filesystem::path projectIndexFor_; // the report path projectIndex_ was found for
    std::optional<size_t> projectIndex_;
};

} // namespace gloss::gui
