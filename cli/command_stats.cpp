// gloss-cli stats ANNOTATIONS [--report REPORT]: how a file's annotations
// spread over the codebook, the coders and the anchoring states; with
// --report, the states they have on that report (a revision of the one the
// file was made for, typically), re-anchored in memory.

#include "cli_plugins.hpp"
#include "commands.hpp"
#include "gloss/annotations/codebook.hpp"
#include "gloss/annotations/utf8.hpp"

#include <cstdio>
#include <map>
#include <optional>
#include <set>

namespace gloss::cli {

namespace {

using Json = nlohmann::ordered_json;

// Counts keyed by name, printed in descending order, then by name.
Json sortedCounts(const std::map<std::string, size_t>& counts) {
    std::vector<std::pair<std::string, size_t>> rows(counts.begin(), counts.end());
    std::stable_sort(rows.begin(), rows.end(),
                     [](const auto& a, const auto& b) { return a.second > b.second; });
    Json json = Json::object();
    for (const auto& [name, count] : rows) json[name] = count;
    return json;
}

// Each code's top-level code (itself at the top; a missing parent stands for
// the top), each code's way up walked once: looking every parent up in the
// codebook for every annotation's every code took time growing with the
// annotations times the square of a long chain of sub-codes.
using TopLevels = std::map<std::string, std::string, std::less<>>;

TopLevels topLevels(const annotations::Codebook& codebook) {
    std::map<std::string_view, std::string_view> parents;
    for (const annotations::Tag& tag : codebook.tags) parents.try_emplace(tag.id, tag.parent);
    TopLevels top;
    for (const annotations::Tag& tag : codebook.tags) {
        std::vector<std::string_view> way;
        std::set<std::string_view> seen; // a cycle, in a codebook not checked, ends the way too
        std::string_view at = tag.id;
        std::string found;
        for (;;) {
            if (const auto known = top.find(at); known != top.end()) {
                found = known->second;
                break;
            }
            way.push_back(at);
            const auto parent = parents.find(at);
            if (parent == parents.end() || parent->second.empty() || !seen.insert(at).second) {
                found = std::string(at);
                break;
            }
            at = parent->second;
        }
        for (const std::string_view code : way) top.emplace(std::string(code), found);
    }
    return top;
}

// Pads to a width in code points, so names like "Łukasz Wójcik" line up.
std::string padded(const std::string& text, size_t width) {
    const auto length = static_cast<size_t>(annotations::utf8::countCodepoints(text));
    return length >= width ? text : text + std::string(width - length, ' ');
}

void printSection(const char* title, const Json& counts, const annotations::Codebook* codebook) {
    std::printf("\n%s\n", title);
    if (counts.empty()) std::printf("  (none)\n");
    for (const auto& [name, count] : counts.items()) {
        const annotations::Tag* tag = codebook ? codebook->find(name) : nullptr;
        std::printf("  %s %6zu%s%s\n", padded(name.empty() ? "(unknown)" : name, 28).c_str(),
                    count.get<size_t>(), tag ? "  " : "", tag ? tag->label.c_str() : "");
    }
}

// Counts per tag, theme, author, origin and status of annotations.
struct Counts {
    std::map<std::string, size_t> byTag, byTheme, byAuthor, byOrigin, byStatus;

    void add(const std::vector<annotations::Annotation>& list, const TopLevels& tops) {
        for (const auto& annotation : list) {
            std::set<std::string> themes;
            for (const auto& tag : annotation.tags) {
                ++byTag[tag];
                const auto top = tops.find(tag);
                themes.insert(top == tops.end() ? tag : top->second);
            }
            for (const auto& theme : themes) ++byTheme[theme];
            ++byAuthor[annotation.author];
            ++byOrigin[annotation.origin];
            ++byStatus[std::string(annotations::statusName(annotation.status))];
        }
    }
};

// The JSON keys of the five counts: a file's stats name them "tags",
// "themes"..., a project's "by_tag", "by_theme"...
struct CountKeys {
    const char* tag;
    const char* theme;
    const char* author;
    const char* origin;
    const char* status;
};
constexpr CountKeys kFileKeys{"tags", "themes", "authors", "origins", "status"};
constexpr CountKeys kProjectKeys{"by_tag", "by_theme", "by_author", "by_origin", "by_status"};

void putCounts(Json& stats, const Counts& counts, const CountKeys& keys) {
    stats[keys.tag] = sortedCounts(counts.byTag);
    stats[keys.theme] = sortedCounts(counts.byTheme);
    stats[keys.author] = sortedCounts(counts.byAuthor);
    stats[keys.origin] = sortedCounts(counts.byOrigin);
    stats[keys.status] = sortedCounts(counts.byStatus);
}

void printCounts(const Json& stats, const CountKeys& keys, const annotations::Codebook& codebook) {
    printSection("by tag", stats[keys.tag], &codebook);
    printSection("by theme (a top-level tag with everything under it)", stats[keys.theme], &codebook);
    printSection("by author", stats[keys.author], nullptr);
    printSection("by origin", stats[keys.origin], nullptr);
    printSection("by status", stats[keys.status], nullptr);
}

// stats PROJECT: the same counts over every report, and the count per report.
int projectStats(const Arguments& arguments, const std::string& path) {
    const core::Project project = core::loadProject(path);
    const annotations::Codebook codebook = projectCodebook(project);
    const TopLevels tops = topLevels(codebook);
    Counts counts;
    std::map<std::string, size_t> byReport;
    size_t total = 0;
    bool complete = true;
    for (const core::ProjectReport& report : project.reports) {
        const std::filesystem::path file = project.resolve(report.annotations);
        std::error_code error;
        if (!std::filesystem::exists(file, error)) {
            byReport[report.path] = 0; // not coded yet
            continue;
        }
        try {
            const annotations::AnnotationFile annotations = loadCleanAnnotationFile(file);
            counts.add(annotations.annotations, tops);
            byReport[report.path] = annotations.annotations.size();
            total += annotations.annotations.size();
        } catch (const std::exception& e) { // this report only; the others are counted
            std::fprintf(stderr, "%s\n", e.what());
            complete = false;
        }
    }
    Json stats = Json::object();
    stats["project"] = project.name;
    stats["reports"] = project.reports.size();
    stats["annotations"] = total;
    putCounts(stats, counts, kProjectKeys);
    stats["by_report"] = sortedCounts(byReport);
    if (arguments.has("--json")) {
        std::printf("%s\n", stats.dump(2).c_str());
    } else {
        std::printf("%zu annotations in %zu reports of %s\n", total, project.reports.size(),
                    project.name.c_str());
        printCounts(stats, kProjectKeys, codebook);
        printSection("by report", stats["by_report"], nullptr);
    }
    return complete ? 0 : 2;
}

} // namespace

int runStats(std::span<char* const> words) {
    const Arguments arguments("stats", words,
                              {{"--json", false}, {"--report"}, kEncodingOption, kPluginDirOption});
    const std::string path = arguments.onlyPositional("ANNOTATIONS or PROJECT");
    if (core::isProjectPath(path)) {
        if (arguments.has("--report"))
            arguments.fail("--report applies to an annotation file, not a project");
        return projectStats(arguments, path);
    }
    annotations::AnnotationFile file = loadCleanAnnotationFile(path);
    const annotations::ReportInfo madeFor = file.report;
    std::optional<Reanchored> reanchored;
    const auto reportPath = arguments.value("--report");
    if (reportPath) {
        CliPlugins plugins(arguments);
        reanchored = reanchorOnReport(arguments, file, *reportPath, plugins.host());
    }
    const annotations::Codebook codebook = file.codebook.value_or(annotations::Codebook{});

    Counts counts;
    counts.add(file.annotations, topLevels(codebook));

    Json stats = Json::object();
    stats["file"] = path;
    stats["report"] = madeFor.name;
    stats["annotations"] = file.annotations.size();
    putCounts(stats, counts, kFileKeys);
    if (reanchored)
        stats["anchoring"] = {{"report", *reportPath},
                              {"report_changed", reanchored->reportChanged},
                              {"anchored", reanchored->counts.anchored},
                              {"moved", reanchored->counts.moved},
                              {"orphaned", reanchored->counts.orphaned}};
    if (arguments.has("--json")) {
        std::printf("%s\n", stats.dump(2).c_str());
        return 0;
    }
    std::printf("%zu annotations on %s (%llu code points)\n", file.annotations.size(), madeFor.name.c_str(),
                static_cast<unsigned long long>(madeFor.codepoints));
    if (reanchored)
        std::printf("re-anchored on %s (%s): %s\n", reportPath->c_str(),
                    reanchored->reportChanged ? "a different version of the report" : "the same report",
                    describeCounts(reanchored->counts).c_str());
    printCounts(stats, kFileKeys, codebook);
    return 0;
}

} // namespace gloss::cli
