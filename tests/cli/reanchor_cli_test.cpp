// gloss-cli on a file made for one version of a report and a revision of it: stats --report shows
// how many annotations are anchored, moved and orphaned there, and reanchor writes the file for the
// revision. Expected places come from Python's str.index on the revised text.

#include "process.hpp"
#include "temp_dir.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

using namespace gloss::test;
using Json = nlohmann::ordered_json;

namespace {

// The sample report with a paragraph added at the start, one quote lightly reworded (it moves,
// fuzzily) and one removed (it is orphaned); the eight other quotes move by the new paragraph.
constexpr const char* kReworded = "It is a shortage of follow-through";
constexpr const char* kRewordedTo = "It is a shortage of follow through";
constexpr const char* kRemoved = "If they meet bullying in that period and nobody helps them, we lose them";

std::string revise(std::string text) {
    const auto replace = [&](const std::string& from, const std::string& to) {
        const size_t at = text.find(from);
        REQUIRE(at != std::string::npos);
        text.replace(at, from.size(), to);
    };
    replace(kReworded, kRewordedTo);
    replace(kRemoved, "They leave");
    return "A preface added for the second edition, with “quotes” and 👩🏽‍⚕️.\n\n" + text;
}

// Python's view of the revision: sha256, code points, and where each quote is (-1 when absent)
// and its length in code points.
Json pythonView(const std::filesystem::path& report, const std::filesystem::path& annotations) {
    constexpr const char* kScript = R"(
import hashlib, json, sys
text = open(sys.argv[1], encoding='utf-8', newline='').read()
quotes = [a['quote'] for a in json.load(open(sys.argv[2], encoding='utf-8'))['annotations']]
print(json.dumps({'sha256': hashlib.sha256(open(sys.argv[1], 'rb').read()).hexdigest(),
                  'codepoints': len(text), 'starts': {q: text.find(q) for q in quotes},
                  'lengths': {q: len(q) for q in quotes}}))
)";
    const ProcessResult python =
        run("/usr/bin/env", {"python3", "-c", kScript, report.string(), annotations.string()});
    INFO(python.err);
    REQUIRE(python.exitCode == 0);
    return Json::parse(python.out);
}

} // namespace

TEST_CASE("cli: stats --report and reanchor count and place the annotations of a revised report") {
    const TempDir dir;
    const auto original = sourcePath("examples/sample-annotations.json");
    const std::string annotationsBefore = readText(original);
    const auto revised = dir.write("revised.txt", revise(readText(sourcePath("examples/sample-report.txt"))));

    SUBCASE("stats --report --json") {
        const ProcessResult stats =
            runCli({"stats", original.string(), "--report", revised.string(), "--json"});
        INFO(stats.err);
        REQUIRE(stats.exitCode == 0);
        CHECK(stats.err == "");
        const Json counts = Json::parse(stats.out);
        CHECK(counts["report"] == "sample-report.txt");
        CHECK(counts["anchoring"] == Json{{"report", revised.string()},
                                          {"report_changed", true},
                                          {"anchored", 0},
                                          {"moved", 9},
                                          {"orphaned", 1}});
        CHECK(counts["status"] == Json{{"moved", 9}, {"orphaned", 1}});
    }
    SUBCASE("stats --report as text, and on the report the file was made for") {
        const ProcessResult stats = runCli({"stats", original.string(), "--report", revised.string()});
        REQUIRE(stats.exitCode == 0);
        CHECK(stats.out.find("re-anchored on " + revised.string() +
                             " (a different version of the report): anchored 0, moved 9, orphaned 1\n") !=
              std::string::npos);
        const auto same = sourcePath("examples/sample-report.txt");
        const ProcessResult unchanged = runCli({"stats", original.string(), "--report", same.string()});
        REQUIRE(unchanged.exitCode == 0);
        CHECK(unchanged.out.find("(the same report): anchored 10, moved 0, orphaned 0\n") !=
              std::string::npos);
    }
    SUBCASE("reanchor writes the file for the revision and keeps the orphan as it was") {
        const auto output = dir / "revised.gloss.json";
        const ProcessResult result =
            runCli({"reanchor", original.string(), "--report", revised.string(), "-o", output.string()});
        INFO(result.err);
        REQUIRE(result.exitCode == 0);
        CHECK(result.err == "");
        CHECK(result.out.starts_with(
            "10 annotations re-anchored on " + revised.string() +
            " (a different version of the report): anchored 0, moved 9, orphaned 1\n"));
        CHECK(result.out.find("\norphaned 3fe36f03-8eb9-407b-b4df-f79c627ca257 13347:13419 \"If they meet") !=
              std::string::npos);

        const Json before = Json::parse(annotationsBefore);
        const Json after = Json::parse(readText(output));
        const Json python = pythonView(revised, output);
        CHECK(after["report"]["name"] == "revised.txt");
        CHECK(after["report"]["sha256"] == python["sha256"]);
        CHECK(after["report"]["codepoints"] == python["codepoints"]);
        REQUIRE(after["annotations"].size() == before["annotations"].size());
        for (const Json& record : after["annotations"]) {
            INFO(record["quote"]);
            const std::string quote = record["quote"];
            if (quote == kRemoved) {
                CHECK(record["status"] == "orphaned");
                CHECK(record["start"] == 13347);
                continue;
            }
            CHECK(record["status"] == "moved");
            CHECK(record["start"] == python["starts"][quote]);
            CHECK(record["end"].get<int64_t>() - record["start"].get<int64_t>() == python["lengths"][quote]);
        }
        CHECK(python["starts"].contains(kRewordedTo)); // the fuzzy move took the new wording
        CHECK(readText(original) == annotationsBefore);
    }
    SUBCASE("reanchor refuses to write over an input, and leaves no output when the report is missing") {
        const ProcessResult over =
            runCli({"reanchor", original.string(), "--report", revised.string(), "-o", original.string()});
        CHECK(over.exitCode == 2);
        CHECK(over.err.find("is one of the input files") != std::string::npos);
        const auto output = dir / "out.json";
        const ProcessResult missing = runCli({"reanchor", original.string(), "--report",
                                              (dir / "absent.txt").string(), "-o", output.string()});
        CHECK(missing.exitCode == 2);
        CHECK(missing.err.starts_with((dir / "absent.txt").string() + ": "));
        CHECK(!std::filesystem::exists(output));
        CHECK(readText(original) == annotationsBefore);
    }
}
