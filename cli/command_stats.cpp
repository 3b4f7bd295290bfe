// gloss-cli stats ANNOTATIONS [--report REPORT]: how a file's annotations
// spread over the codebook, the coders and the anchoring states; with
// --report, the states they have on that report (a revision of the one the
// file was made for, typically), re-anchored in memory.

#include "cli_plugins.hpp"
#include "commands.hpp"
#include "gloss/annotations/utf8.hpp"
#include "gloss/core/codebook.hpp"

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

std::string topLevelOf(const core::Codebook& codebook, const std::string& id) {
    std::string top = id;
    std::set<std::string> seen;
    for (const core::Tag* tag = codebook.find(id); tag && !tag->parent.empty() && seen.insert(tag->id).second;
         tag = codebook.find(tag->parent))
        top = tag->parent;
    return top;
}

// Pads to a width in code points, so names like "Łukasz Wójcik" line up.
std::string padded(const std::string& text, size_t width) {
    const auto length = static_cast<size_t>(annotations::utf8::countCodepoints(text));
    return length >= width ? text : text + std::string(width - length, ' ');
}

void printSection(const char* title, const Json& counts, const core::Codebook* codebook) {
    std::printf("\n%s\n", title);
    if (counts.empty()) std::printf("  (none)\n");
    for (const auto& [name, count] : counts.items()) {
        const core::Tag* tag = codebook ? codebook->find(name) : nullptr;
        std::printf("  %s %6zu%s%s\n", padded(name.empty() ? "(unknown)" : name, 28).c_str(),
                    count.get<size_t>(), tag ? "  " : "", tag ? tag->label.c_str() : "");
    }
}

} // namespace

int runStats(std::span<char* const> words) {
    const Arguments arguments("stats", words,
                              {{"--json", false}, {"--report"}, kEncodingOption, kPluginDirOption});
    const std::string path = arguments.onlyPositional("ANNOTATIONS");
    annotations::AnnotationFile file = loadCleanAnnotationFile(path);
    const annotations::ReportInfo madeFor = file.report;
    std::optional<Reanchored> reanchored;
    const auto reportPath = arguments.value("--report");
    if (reportPath) {
        CliPlugins plugins(arguments);
        reanchored = reanchorOnReport(arguments, file, *reportPath, plugins.host());
    }
    const core::Codebook codebook =
        file.codebook.is_null() ? core::Codebook{} : core::codebookFromJson(file.codebook, "codebook");

    std::map<std::string, size_t> byTag, byTheme, byAuthor, byOrigin, byStatus;
    for (const auto& annotation : file.annotations) {
        std::set<std::string> themes;
        for (const auto& tag : annotation.tags) {
            ++byTag[tag];
            themes.insert(topLevelOf(codebook, tag));
        }
        for (const auto& theme : themes) ++byTheme[theme];
        ++byAuthor[annotation.author];
        ++byOrigin[annotation.origin];
        ++byStatus[std::string(annotations::statusName(annotation.status))];
    }

    Json stats = Json::object();
    stats["file"] = path;
    stats["report"] = madeFor.name;
    stats["annotations"] = file.annotations.size();
    stats["tags"] = sortedCounts(byTag);
    stats["themes"] = sortedCounts(byTheme);
    stats["authors"] = sortedCounts(byAuthor);
    stats["origins"] = sortedCounts(byOrigin);
    stats["status"] = sortedCounts(byStatus);
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
    printSection("by tag", stats["tags"], &codebook);
    printSection("by theme (a top-level tag with everything under it)", stats["themes"], &codebook);
    printSection("by author", stats["authors"], nullptr);
    printSection("by origin", stats["origins"], nullptr);
    printSection("by status", stats["status"], nullptr);
    return 0;
}

} // namespace gloss::cli
