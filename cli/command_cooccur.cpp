// gloss-cli cooccur PROJECT: which codes meet in the same passages, per report
// and over the project.

#include "commands.hpp"
#include "gloss/annotations/cooccurrence.hpp"
#include "gloss/core/segments.hpp"

#include <cstdio>
#include <map>

namespace gloss::cli {

namespace {

using Json = nlohmann::ordered_json;
using Pair = std::pair<std::string, std::string>;

struct Totals {
    size_t passages = 0;
    uint64_t codepoints = 0;
    std::map<std::string, size_t> byReport; // passages
};

} // namespace

int runCooccur(std::span<char* const> words) {
    const Arguments arguments("cooccur", words, {{"--json", false}, kAttributeOption});
    const core::Project project = core::loadProject(arguments.onlyPositional("PROJECT"));
    core::SegmentQuery filter;
    filter.attributes = attributeOptions(arguments);

    std::map<Pair, Totals> pairs;
    bool complete = true;
    for (const core::ProjectReport& report : project.reports) {
        if (!core::reportMatches(report, filter)) continue;
        const std::filesystem::path path = project.resolve(report.annotations);
        std::error_code error;
        if (!std::filesystem::exists(path, error)) continue; // not coded yet
        try {
            const annotations::AnnotationFile file = loadCleanAnnotationFile(path);
            for (const annotations::Cooccurrence& met : annotations::cooccurrences(file.annotations)) {
                Totals& totals = pairs[{met.first, met.second}];
                totals.passages += met.passages;
                totals.codepoints += met.codepoints;
                totals.byReport[report.path] += met.passages;
            }
        } catch (const std::exception& e) { // this report only; the others are counted
            std::fprintf(stderr, "%s\n", e.what());
            complete = false;
        }
    }

    if (arguments.has("--json")) {
        Json rows = Json::array();
        for (const auto& [pair, totals] : pairs) {
            Json reports = Json::object();
            for (const auto& [report, passages] : totals.byReport) reports[report] = passages;
            rows.push_back(Json{{"codes", {pair.first, pair.second}},
                                {"passages", totals.passages},
                                {"codepoints", totals.codepoints},
                                {"reports", std::move(reports)}});
        }
        std::printf("%s\n", Json{{"cooccurrences", std::move(rows)}}.dump(2).c_str());
    } else {
        for (const auto& [pair, totals] : pairs) {
            std::printf("%s + %s: %zu passages (%llu code points) in %zu reports\n", pair.first.c_str(),
                        pair.second.c_str(), totals.passages,
                        static_cast<unsigned long long>(totals.codepoints), totals.byReport.size());
            for (const auto& [report, passages] : totals.byReport)
                std::printf("    %s %zu\n", report.c_str(), passages);
        }
        if (pairs.empty()) std::printf("no two codes meet in any passage\n");
    }
    return complete ? 0 : 2;
}

} // namespace gloss::cli
