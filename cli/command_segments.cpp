// gloss-cli segments PROJECT --tag ID: every passage coded with a code (and
// its sub-codes) across a project's reports, as text, JSON or CSV.

#include "commands.hpp"
#include "gloss/core/csv.hpp"
#include "gloss/core/segments.hpp"

#include <cstdio>

namespace gloss::cli {

namespace {

using Json = nlohmann::ordered_json;

std::string joined(const std::vector<std::string>& values, std::string_view separator) {
    std::string text;
    for (size_t i = 0; i < values.size(); ++i) text += (i ? std::string(separator) : "") + values[i];
    return text;
}

Json segmentToJson(const core::Segment& segment) {
    const annotations::Annotation& a = segment.annotation;
    return Json{{"report", segment.report},
                {"start", a.start},
                {"end", a.end},
                {"quote", a.quote},
                {"tags", a.tags},
                {"author", a.author},
                {"note", a.note},
                {"id", a.id},
                {"prefix", a.prefix},
                {"suffix", a.suffix},
                {"status", annotations::statusName(a.status)}};
}

void printText(const std::vector<core::Segment>& segments) {
    for (const core::Segment& segment : segments) {
        const annotations::Annotation& a = segment.annotation;
        std::printf("%s %llu:%llu %s (%s)\n    \"%s\"\n", segment.report.c_str(),
                    static_cast<unsigned long long>(a.start), static_cast<unsigned long long>(a.end),
                    joined(a.tags, ", ").c_str(), a.author.c_str(), a.quote.c_str());
        if (!a.note.empty()) std::printf("    note: %s\n", a.note.c_str());
    }
}

std::string csvOf(const std::vector<core::Segment>& segments) {
    std::string out;
    core::appendCsvRow(out, {"report", "start", "end", "quote", "tags", "author", "note", "id"});
    for (const core::Segment& segment : segments) {
        const annotations::Annotation& a = segment.annotation;
        core::appendCsvRow(out, {segment.report, std::to_string(a.start), std::to_string(a.end), a.quote,
                                 joined(a.tags, ";"), a.author, a.note, a.id});
    }
    return out;
}

} // namespace

int runSegments(std::span<char* const> words) {
    const Arguments arguments(
        "segments", words,
        {{"--tag"}, {"--exact", false}, {"--author"}, kAttributeOption, {"--json", false}, {"--csv", false}});
    const core::Project project = core::loadProject(arguments.onlyPositional("PROJECT"));
    const std::string tag = arguments.required("--tag");
    if (arguments.has("--json") && arguments.has("--csv"))
        arguments.fail("give at most one of --json and --csv");
    const annotations::Codebook codebook = projectCodebook(project);
    if (!codebook.find(tag)) {
        std::string known;
        for (const auto& t : codebook.tags) known += (known.empty() ? "" : ", ") + t.id;
        arguments.fail("--tag: no tag '" + tag + "' in the project's codebook (known: " + known + ")");
    }
    core::SegmentQuery query = core::segmentQueryFor(codebook, tag, arguments.has("--exact"));
    query.author = arguments.value("--author").value_or("");
    query.attributes = attributeOptions(arguments);

    const core::SegmentResults results = core::collectSegments(project, query);
    for (const std::string& problem : results.problems) std::fprintf(stderr, "%s\n", problem.c_str());
    if (arguments.has("--json")) {
        Json segments = Json::array();
        for (const core::Segment& segment : results.segments) segments.push_back(segmentToJson(segment));
        std::printf("%s\n", Json{{"segments", std::move(segments)}}.dump(2).c_str());
    } else if (arguments.has("--csv")) {
        const std::string csv = csvOf(results.segments);
        std::fwrite(csv.data(), 1, csv.size(), stdout);
    } else {
        printText(results.segments);
        std::printf("%zu segment%s of %s%s\n", results.segments.size(),
                    results.segments.size() == 1 ? "" : "s", tag.c_str(),
                    query.tags.size() > 1 ? " and its sub-codes" : "");
    }
    // An annotation file that could not be read leaves the list incomplete.
    return results.problems.empty() ? 0 : 2;
}

} // namespace gloss::cli
