#include "project_workspace.hpp"

#include "gloss/annotations/anchoring.hpp"
#include "gloss/annotations/utf8.hpp"
#include "gloss/core/file_io.hpp"
#include "gloss/core/files.hpp"
#include "gloss/core/tag_selection.hpp"
#include "widgets/find.hpp"

#include <algorithm>
#include <map>
#include <unordered_map>

namespace gloss::gui {

namespace {

// Code points of context either side of a search hit.
constexpr uint64_t kContextCodepoints = 40;

bool fileExists(const std::filesystem::path& path) {
    std::error_code error;
    return std::filesystem::exists(path, error);
}

char asciiLower(char c) {
    return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}

std::string asciiLowered(std::string_view text) {
    std::string lowered(text);
    std::transform(lowered.begin(), lowered.end(), lowered.begin(), asciiLower);
    return lowered;
}

// The report as the project says it is encoded; UTF-8 unless it names another.
core::Encoding encodingOf(const core::ProjectReport& report) {
    return core::encodingFromName(report.encoding).value_or(core::Encoding::Utf8);
}

// The annotation file of report `index`, or the live annotations standing in
// for it; false when the report has no file yet. Throws what loading throws.
bool annotationsOf(const core::Project& project, size_t index, const LiveAnnotations& live,
                   std::vector<annotations::Annotation>& out, std::vector<std::string>& problems) {
    if (live.annotations && live.report == index) {
        out = *live.annotations;
        return true;
    }
    const std::filesystem::path path = project.resolve(project.reports[index].annotations);
    if (!fileExists(path)) return false;
    annotations::AnnotationFile file = core::loadAnnotationFile(path);
    for (const auto& problem : file.problems) problems.push_back(path.string() + ": " + problem.text());
    out = std::move(file.annotations);
    return true;
}

} // namespace

//-----------------------------------------------------------------------------
// The workspace
//-----------------------------------------------------------------------------

ProjectWorkspace::ProjectWorkspace(const std::filesystem::path& folderOrFile)
    : project_(core::loadProject(folderOrFile)), codebook_(core::loadCodebook(codebookPath())),
      summaries_(project_.reports.size()) {
    counter_ = std::jthread([this](std::stop_token stop) { count(std::move(stop)); });
}

ProjectWorkspace::~ProjectWorkspace() = default;

void ProjectWorkspace::count(std::stop_token stop) {
    for (size_t i = 0; i < project_.reports.size() && !stop.stop_requested(); ++i) {
        ReportSummary summary = summarize(project_, project_.reports[i]);
        const std::lock_guard lock(mutex_);
        summaries_[i] = std::move(summary);
    }
    const std::lock_guard lock(mutex_);
    counted_ = true;
}

std::vector<ReportSummary> ProjectWorkspace::summaries() const {
    const std::lock_guard lock(mutex_);
    return summaries_;
}

bool ProjectWorkspace::counting() const {
    const std::lock_guard lock(mutex_);
    return !counted_;
}

void ProjectWorkspace::refresh(size_t index) {
    if (index >= project_.reports.size()) return;
    ReportSummary summary = summarize(project_, project_.reports[index]);
    const std::lock_guard lock(mutex_);
    summaries_[index] = std::move(summary);
}

std::optional<size_t> ProjectWorkspace::indexOf(const std::filesystem::path& path) const {
    const core::ProjectReport* report = project_.findReport(path);
    if (!report) return std::nullopt;
    return static_cast<size_t>(report - project_.reports.data());
}

OpenRequest ProjectWorkspace::openRequest(size_t index) const {
    const core::ProjectReport& report = project_.reports.at(index);
    OpenRequest request;
    request.report = project_.resolve(report.path);
    request.annotations = project_.resolve(report.annotations);
    request.codebook = codebookPath();
    request.encoding = encodingOf(report);
    return request;
}

std::vector<size_t> ProjectWorkspace::filter(std::string_view text) const {
    const std::string wanted = asciiLowered(text);
    std::vector<size_t> shown;
    for (size_t i = 0; i < project_.reports.size(); ++i) {
        const core::ProjectReport& report = project_.reports[i];
        std::string haystack = report.path;
        for (const auto& [name, value] : report.attributes) haystack += " " + name + "=" + value;
        if (asciiLowered(haystack).find(wanted) != std::string::npos) shown.push_back(i);
    }
    return shown;
}

void ProjectWorkspace::saveCodebook(const annotations::Codebook& edited,
                                    const std::set<std::string>& editedIds) {
    annotations::Codebook after = codebook_;
    for (const std::string& id : editedIds) {
        const annotations::Tag* tag = edited.find(id);
        const auto held = std::find_if(after.tags.begin(), after.tags.end(),
                                       [&](const annotations::Tag& t) { return t.id == id; });
        if (tag && held != after.tags.end())
            *held = *tag;
        else if (tag)
            after.addMissingTags(edited, {id});
        else if (held != after.tags.end())
            after.tags.erase(held);
    }
    if (after.tags == codebook_.tags) return;
    core::saveCodebook(codebookPath(), after);
    codebook_ = std::move(after);
}

std::string oneLine(std::string_view text) {
    std::string line(text);
    std::replace_if(
        line.begin(), line.end(), [](char c) { return c == '\n' || c == '\r' || c == '\t'; }, ' ');
    return line;
}

ReportSummary summarize(const core::Project& project, const core::ProjectReport& report) {
    ReportSummary summary;
    const std::filesystem::path reportPath = project.resolve(report.path);
    if (!fileExists(reportPath)) {
        summary.state = ReportSummary::State::Missing;
        summary.problem = reportPath.string() + ": no such file";
        return summary;
    }
    summary.state = ReportSummary::State::Present;
    const std::filesystem::path annotationsPath = project.resolve(report.annotations);
    if (!fileExists(annotationsPath)) return summary; // not coded yet
    try {
        const annotations::AnnotationFile file = core::loadAnnotationFile(annotationsPath);
        summary.annotations = file.annotations.size();
        if (!file.problems.empty()) {
            summary.state = ReportSummary::State::Unreadable;
            summary.problem = annotationsPath.string() + ": " + file.problems.front().text();
        }
    } catch (const std::exception& e) {
        summary.state = ReportSummary::State::Unreadable;
        summary.problem = e.what();
    }
    return summary;
}

//-----------------------------------------------------------------------------
// Coded segments and co-occurrence
//-----------------------------------------------------------------------------

core::SegmentResults projectSegments(const core::Project& project, const annotations::Codebook& codebook,
                                     const std::string& tag, const LiveAnnotations& live) {
    const core::SegmentQuery query = core::segmentQueryFor(codebook, tag, false);
    core::SegmentResults results;
    for (size_t i = 0; i < project.reports.size(); ++i) {
        std::vector<annotations::Annotation> annotations;
        try {
            if (!annotationsOf(project, i, live, annotations, results.problems)) continue;
        } catch (const std::exception& e) { // this report's file only
            results.problems.emplace_back(e.what());
            continue;
        }
        for (annotations::Annotation& annotation : annotations)
            if (core::annotationMatches(annotation, query))
                results.segments.push_back({project.reports[i].path, std::move(annotation)});
    }
    return results;
}

CooccurrenceResults projectCooccurrences(const core::Project& project, const LiveAnnotations& live) {
    CooccurrenceResults results;
    std::map<std::pair<std::string, std::string>, CooccurrenceTotal> pairs;
    for (size_t i = 0; i < project.reports.size(); ++i) {
        std::vector<annotations::Annotation> annotations;
        try {
            if (!annotationsOf(project, i, live, annotations, results.problems)) continue;
        } catch (const std::exception& e) {
            results.problems.emplace_back(e.what());
            continue;
        }
        for (const annotations::Cooccurrence& met : annotations::cooccurrences(annotations)) {
            CooccurrenceTotal& total = pairs[{met.first, met.second}];
            total.first = met.first;
            total.second = met.second;
            total.passages += met.passages;
            total.codepoints += met.codepoints;
            ++total.reports;
        }
    }
    for (auto& [pair, total] : pairs) results.pairs.push_back(std::move(total));
    return results;
}

//-----------------------------------------------------------------------------
// Search and coding every hit
//-----------------------------------------------------------------------------

std::vector<SearchHit> findHits(const core::Document& document, size_t report, const std::string& query,
                                bool matchCase, size_t limit) {
    std::vector<SearchHit> hits;
    const std::string_view text = document.utf8();
    if (query.empty()) return hits;
    // Without "match case", every script's case folds, as Find's does.
    const std::optional<FoldedText> folded =
        matchCase ? std::nullopt : std::optional<FoldedText>(std::in_place, text, false);
    const auto next = [&](size_t from) -> std::optional<std::pair<size_t, size_t>> {
        if (folded) return folded->find(query, from, true);
        const auto at = findText(text, query, from, true);
        if (!at) return std::nullopt;
        return std::pair(*at, *at + query.size());
    };
    size_t from = 0;
    while (hits.size() < limit) {
        const auto match = next(from);
        if (!match || match->first < from) break; // the search wraps around to the start
        const auto [start, end] = *match;
        const size_t before = annotations::utf8::retreatCodepoints(text, start, kContextCodepoints);
        const size_t after = annotations::utf8::advanceCodepoints(text, end, kContextCodepoints);
        hits.push_back({report, document.codepointOffset(start), document.codepointOffset(end),
                        oneLine(text.substr(before, start - before)),
                        oneLine(text.substr(start, end - start)), oneLine(text.substr(end, after - end))});
        from = end;
    }
    return hits;
}

SearchResults searchProject(const core::Project& project, const std::string& query, bool matchCase,
                            core::PluginHost* plugins) {
    SearchResults results;
    for (size_t i = 0; i < project.reports.size() && !results.truncated; ++i) {
        const core::ProjectReport& report = project.reports[i];
        const std::filesystem::path path = project.resolve(report.path);
        if (!fileExists(path)) {
            results.problems.push_back(path.string() + ": no such file");
            continue;
        }
        try {
            const core::Document document = core::loadReport(path, encodingOf(report), plugins);
            auto hits = findHits(document, i, query, matchCase, kMaxSearchHits - results.hits.size());
            results.hits.insert(results.hits.end(), std::make_move_iterator(hits.begin()),
                                std::make_move_iterator(hits.end()));
            results.truncated = results.hits.size() >= kMaxSearchHits;
        } catch (const std::exception& e) { // this report only; the others are searched
            results.problems.emplace_back(e.what());
        }
    }
    return results;
}

SearchResults searchReport(const core::Document& document, const std::string& query, bool matchCase) {
    SearchResults results;
    results.hits = findHits(document, 0, query, matchCase, kMaxSearchHits);
    results.truncated = results.hits.size() >= kMaxSearchHits;
    return results;
}

size_t codeHits(core::PluginHost& plugins, const std::string& taggerId, const core::Document& document,
                const annotations::Codebook& codebook, annotations::AnnotationSet& set,
                const std::vector<SearchHit>& hits, const std::string& tag, const std::string& author) {
    // The plugin decides each hit on a scratch copy (each call is its own
    // step there); the difference then goes into `set` as one step.
    annotations::AnnotationSet scratch(set.all());
    size_t changed = 0;
    for (const SearchHit& hit : hits) {
        core::TagCommand command;
        command.start = hit.start;
        command.end = hit.end;
        command.tag = tag;
        command.author = author;
        const core::TagOutcome outcome =
            core::tagSelection(plugins, taggerId, document, codebook, scratch, command);
        changed += outcome.added.size() + outcome.updated.size();
    }
    std::unordered_map<std::string_view, const annotations::Annotation*> after;
    for (const auto& annotation : scratch.all()) after.emplace(annotation.id, &annotation);
    std::vector<std::string> removed;
    std::unordered_map<std::string_view, const annotations::Annotation*> before;
    for (const auto& annotation : set.all()) {
        before.emplace(annotation.id, &annotation);
        if (!after.count(annotation.id)) removed.push_back(annotation.id);
    }
    std::vector<annotations::Annotation> added, replaced;
    for (const auto& [id, annotation] : after) {
        const auto held = before.find(id);
        if (held == before.end())
            added.push_back(*annotation);
        else if (!(*held->second == *annotation))
            replaced.push_back(*annotation);
    }
    set.beginStep();
    for (const std::string& id : removed) set.remove(id);
    for (annotations::Annotation& annotation : replaced) set.replace(std::move(annotation));
    for (annotations::Annotation& annotation : added) set.add(std::move(annotation));
    set.endStep();
    return changed;
}

size_t codeHitsInFile(core::PluginHost& plugins, const std::string& taggerId, const core::Project& project,
                      size_t report, const annotations::Codebook& codebook,
                      const std::vector<SearchHit>& hits, const std::string& tag, const std::string& author) {
    const core::ProjectReport& entry = project.reports.at(report);
    const std::filesystem::path path = project.resolve(entry.annotations);
    annotations::AnnotationFile file;
    if (fileExists(path)) {
        file = core::loadAnnotationFile(path);
        if (!file.problems.empty())
            throw core::InputError(path.string() + ": " + file.problems.front().text() +
                                   "; left unchanged, since saving it would drop the records it cannot read");
    }
    const core::Document document =
        core::loadReport(project.resolve(entry.path), encodingOf(entry), &plugins);
    annotations::anchorAll(file.annotations, document, core::anchorOptions(file, document));
    annotations::AnnotationSet set(std::move(file.annotations));
    const size_t changed = codeHits(plugins, taggerId, document, codebook, set, hits, tag, author);
    if (changed == 0) return 0;
    file.annotations = set.all();
    file.report = core::describeReport(document);
    annotations::Codebook embedded = file.codebook.value_or(annotations::Codebook{});
    embedded.addMissingTags(codebook, {tag});
    file.codebook = std::move(embedded);
    std::error_code error; // a failure shows as the save's own error
    std::filesystem::create_directories(path.parent_path(), error);
    core::saveAnnotationFile(path, file);
    return changed;
}

} // namespace gloss::gui
