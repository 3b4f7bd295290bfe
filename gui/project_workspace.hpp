#pragma once

#include "gloss/annotations/annotation_set.hpp"
#include "gloss/annotations/codebook.hpp"
#include "gloss/annotations/cooccurrence.hpp"
#include "gloss/core/document.hpp"
#include "gloss/core/plugin_host.hpp"
#include "gloss/core/project.hpp"
#include "gloss/core/segments.hpp"
#include "opening.hpp"

#include <filesystem>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <thread>
#include <vector>

// A project open in the editor (docs/formats.md, "The project file"): its
// reports with what is known of them before they are opened, its shared
// codebook, and the work over all reports (coded segments, co-occurrence,
// search, coding every hit). No ImGui here; the panels that show it are
// documents_panel.cpp, segments_panel.cpp, cooccurrence_panel.cpp and
// project_search.cpp.
namespace gloss::gui {

// What the Documents panel knows of a report without opening it.
struct ReportSummary {
    enum class State { Unknown, Present, Missing, Unreadable };
    State state = State::Unknown; // Unknown until the worker has looked
    size_t annotations = 0;       // in its annotation file (none yet: 0)
    std::string problem;          // Missing or Unreadable: one line saying why
};

// The open report's annotations as the editor holds them, unsaved changes
// included, so the project's views agree with what the user sees.
struct LiveAnnotations {
    size_t report = 0; // index into the project's reports
    const std::vector<annotations::Annotation>* annotations = nullptr;
};

class ProjectWorkspace {
  public:
    // Reads the project file and its codebook (an InputError names the file
    // and field), then counts each report's annotations on a worker thread,
    // so a project of hundreds of reports lists them at once.
    explicit ProjectWorkspace(const std::filesystem::path& folderOrFile);
    ~ProjectWorkspace();
    ProjectWorkspace(const ProjectWorkspace&) = delete;
    ProjectWorkspace& operator=(const ProjectWorkspace&) = delete;

    const core::Project& project() const { return project_; }
    const annotations::Codebook& codebook() const { return codebook_; }
    std::filesystem::path codebookPath() const { return project_.resolve(project_.codebook); }

    // A snapshot: the worker fills the summaries in as it goes.
    std::vector<ReportSummary> summaries() const;
    bool counting() const;
    // Looks at one report again (after its annotations were saved).
    void refresh(size_t index);

    // The report that is the file `path`, if the project lists it.
    std::optional<size_t> indexOf(const std::filesystem::path& path) const;
    // Opening report `index`: its annotations from (and saved to) the file
    // the project names for it, with the project's codebook.
    OpenRequest openRequest(size_t index) const;
    // The reports whose path or an attribute value contains `text` (ASCII
    // letters in either case); all of them for an empty text.
    std::vector<size_t> filter(std::string_view text) const;

    // Writes the tags `editedIds` as `edited` has them into the project's
    // codebook file (atomically), a tag `edited` no longer has (its creation
    // undone) removed. Nothing is written when nothing changes. Throws IoError.
    void saveCodebook(const annotations::Codebook& edited, const std::set<std::string>& editedIds);

  private:
    void count(std::stop_token stop);

    core::Project project_;
    annotations::Codebook codebook_; // as its file has it
    mutable std::mutex mutex_;
    std::vector<ReportSummary> summaries_; // guarded by mutex_
    bool counted_ = false;                 // guarded by mutex_
    std::jthread counter_;                 // last: stopped and joined first
};

// `text` on one line: line breaks and tabs become spaces (a list row).
std::string oneLine(std::string_view text);

// Reads one report's summary: whether the report is there, and how many
// annotations its file holds.
ReportSummary summarize(const core::Project& project, const core::ProjectReport& report);

// Every segment of `tag` and its sub-codes in the project, the open report's
// from `live`.
core::SegmentResults projectSegments(const core::Project& project, const annotations::Codebook& codebook,
                                     const std::string& tag, const LiveAnnotations& live);

// Two codes that meet, summed over the project's reports.
struct CooccurrenceTotal {
    std::string first, second; // first < second
    size_t passages = 0;
    uint64_t codepoints = 0;
    size_t reports = 0; // reports where they meet
};
struct CooccurrenceResults {
    std::vector<CooccurrenceTotal> pairs; // by the pair's ids
    std::vector<std::string> problems;    // annotation files that could not be read
};
CooccurrenceResults projectCooccurrences(const core::Project& project, const LiveAnnotations& live);

// One match of a search across the project: keyword in context.
struct SearchHit {
    size_t report = 0;  // index into the project's reports
    uint64_t start = 0; // code points, half-open
    uint64_t end = 0;
    std::string before, match, after; // on one line, a few words either side
};
struct SearchResults {
    std::vector<SearchHit> hits; // in project order, then by position
    std::vector<std::string> problems;
    bool truncated = false; // stopped at kMaxSearchHits
};
inline constexpr size_t kMaxSearchHits = 10000;

// Reads every report (through a source plugin of `plugins` for PDF, DOCX,
// HTML) and finds `query` as the editor's find does. Touches no editor
// state, so it can run on a worker.
SearchResults searchProject(const core::Project& project, const std::string& query, bool matchCase,
                            core::PluginHost* plugins);
// The same over one open report, without a project: its hits are report 0.
SearchResults searchReport(const core::Document& document, const std::string& query, bool matchCase);
// The hits of one report in `document`.
std::vector<SearchHit> findHits(const core::Document& document, size_t report, const std::string& query,
                                bool matchCase, size_t limit);

// Tags each hit with `tag` through the tagger plugin `taggerId`, as one undo
// step of `set`. Returns how many annotations were added or changed. Throws
// PluginError when the plugin refuses (then `set` is unchanged).
size_t codeHits(core::PluginHost& plugins, const std::string& taggerId, const core::Document& document,
                const annotations::Codebook& codebook, annotations::AnnotationSet& set,
                const std::vector<SearchHit>& hits, const std::string& tag, const std::string& author);

// The same for a report that is not open: read from and saved (atomically)
// to its annotation file, which embeds `tag` from `codebook`. A file with
// unreadable records is left as it is, since saving would drop them.
// Throws an InputError or IoError naming the file.
size_t codeHitsInFile(core::PluginHost& plugins, const std::string& taggerId, const core::Project& project,
                      size_t report, const annotations::Codebook& codebook,
                      const std::vector<SearchHit>& hits, const std::string& tag, const std::string& author);

} // namespace gloss::gui
