#pragma once

#include "project_workspace.hpp"
#include "widgets/file_dialog.hpp"

#include <array>
#include <chrono>
#include <functional>
#include <future>
#include <optional>
#include <string>
#include <utility>
#include <vector>

// The panels of an open project, Dear ImGui style: free functions over an
// explicit state that return what the user asked for, for the App to do.
// Documents goes in the sidebar; the others are tabs of one window, drawn
// into the current tab.
// Documents (documents_panel.cpp), Coded segments (segments_panel.cpp),
// Code co-occurrence (cooccurrence_panel.cpp) and Search project
// (project_search.cpp).
namespace gloss::gui {

// A place in a report to go to: a segment or a search hit.
struct ProjectJump {
    size_t report = 0;      // index into the project's reports
    std::string annotation; // a segment's annotation id; empty for a hit
    uint64_t start = 0;     // code points
    uint64_t end = 0;
};

// The project's views are worked out again (on a worker) when the open
// report's annotations change (`revision`) or it is another report.
struct LiveView {
    LiveAnnotations annotations;
    uint64_t revision = 0;
};

struct DocumentsPanelState {
    std::string filter;
    std::string filteredFor = "\x01"; // what `shown` was filtered by
    std::vector<size_t> shown;
    // Filled each frame, for tests: the screen position of each shown row,
    // (-1, -1) for rows scrolled out of view.
    std::vector<ImVec2> rowPositions;
};

// The report list, with each report's annotation count and attributes, and a
// filter; a missing report is shown as such and cannot be opened. Returns the
// report clicked.
std::optional<size_t> DocumentsPanel(DocumentsPanelState& state, const ProjectWorkspace& workspace,
                                     std::optional<size_t> openReport);

struct SegmentsPanelState {
    bool open = false;
    std::string tag; // the chosen code
    core::SegmentResults results;
    std::string resultsFor = "\x01";
    uint64_t resultsRevision = UINT64_MAX;
    size_t resultsReport = SIZE_MAX;
    bool refresh = false;
    // Reading every report's annotations runs on a worker, so an edit in a
    // large project does not hold up the frame.
    std::future<core::SegmentResults> work;
    uint64_t computed = 0; // how many times results came in
    FileDialogState dialog;
    bool exportHtml = false; // what the dialog saves
    std::string message;     // the last export's outcome
};

// Every segment of the chosen code and its sub-codes across the reports.
// Clicking one returns where it is.
std::optional<ProjectJump> SegmentsPanel(SegmentsPanelState& state, const ProjectWorkspace& workspace,
                                         const annotations::Codebook& codebook, const LiveView& live);

struct CooccurrencePanelState {
    bool open = false;
    CooccurrenceResults results;
    uint64_t resultsRevision = UINT64_MAX;
    size_t resultsReport = SIZE_MAX;
    bool refresh = true;
    std::future<CooccurrenceResults> work;
};

void CooccurrencePanel(CooccurrencePanelState& state, const ProjectWorkspace& workspace,
                       const annotations::Codebook& codebook, const LiveView& live);

struct ProjectSearchState {
    bool open = false;
    bool focusQuery = false;
    std::string query;
    bool matchCase = false;
    std::future<SearchResults> work;
    SearchResults results;
    std::string searchedFor; // the query `results` are for
    std::string tag;         // the code "Code all hits" applies
    std::string message;     // the last coding's outcome
};

struct ProjectSearchAction {
    bool search = false;             // run state.query: over the project, or the open report without one
    std::optional<ProjectJump> jump; // a hit clicked
    bool codeAll = false;            // apply state.tag to every hit in state.results
};

// A query, its hits (from state.work) in keyword-in-context rows, and "Code
// all hits" with a chosen code; `reportPath` names a hit's report.
ProjectSearchAction ProjectSearchPanel(ProjectSearchState& state,
                                       const std::function<std::string(size_t report)>& reportPath,
                                       const annotations::Codebook& codebook);
// Drops the hits (waiting for a search under way): they were in another report.
void ForgetSearch(ProjectSearchState& state);

// Every project panel's state, as the App keeps it.
struct ProjectPanels {
    DocumentsPanelState documents;
    SegmentsPanelState segments;
    CooccurrencePanelState cooccurrence;
    ProjectSearchState search;
    enum class Tab { None, Segments, Cooccurrence, Search };
    Tab select = Tab::None; // brought to the front on the next frame
    // For the end-to-end test (GLOSS_PRINT_GEOMETRY): what was printed.
    bool documentsPrinted = false;
    uint64_t segmentsPrinted = 0;
};

// Shared by the panels (project_panels.cpp).
// True once `work` has finished: its result can be taken without waiting.
template <typename T>
bool ready(const std::future<T>& work) {
    return work.valid() && work.wait_for(std::chrono::seconds(0)) == std::future_status::ready;
}
// A copy of `live` for a worker: the open report's annotations may change
// while it reads.
struct LiveCopy {
    size_t report = SIZE_MAX;
    std::optional<std::vector<annotations::Annotation>> annotations;
    explicit LiveCopy(const LiveAnnotations& live) : report(live.report) {
        if (live.annotations) annotations = *live.annotations;
    }
    LiveAnnotations view() const { return {report, annotations ? &*annotations : nullptr}; }
};
// A combo of the codebook's codes, each under its parent; true when changed.
bool CodeCombo(const char* label, std::string& tag, const annotations::Codebook& codebook);
// Places the project window the first time it opens: over the lower half of
// the report, so a passage gone to (scrolled to the top) stays in sight.
void PlaceProjectWindow();
// Between Begin and End: moves and shrinks the current window back inside
// the editor's window when that got smaller.
void KeepWindowInView();
// A table of keyword-in-context rows (KwicRow): the report, the words before,
// the passage (headed `passage`) and the words after, stretched by `weights`,
// then the caller's `more` columns (name, stretch weight); the header row
// stays in view. False when the table is not shown: then no KwicRows.
bool BeginKwicTable(const char* id, const char* passage, const std::array<float, 4>& weights,
                    const std::vector<std::pair<const char*, float>>& more = {});
// The table's rows [0, count) that are in sight, each drawn by `row` under its
// index as ID; then ends the table.
void KwicRows(size_t count, const std::function<void(size_t row)>& row);
// One keyword-in-context row of a table whose first columns are the report,
// the words before, the passage and the words after: the report's file name
// as a Selectable across the row, then the words before (dimmed, ending at
// the cell's right edge next to the passage: a narrow cell cuts off their
// start), the passage, and the words after, dimmed. Further columns are the
// caller's. Whether the row was clicked, and whether the name is hovered.
struct KwicRowResult {
    bool clicked = false;
    bool hovered = false;
};
KwicRowResult KwicRow(const std::string& report, const std::string& before, const std::string& passage,
                      const std::string& after);

} // namespace gloss::gui
