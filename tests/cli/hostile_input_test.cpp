// The hostile set (docs/architecture.md, "Data flow"): files and command lines made to break gloss-cli. Every
// refusal keeps the same contract: exit code 2, nothing on stdout, exactly one line on stderr naming the file
// and the place, no file created and every file in the folder byte-identical afterwards.

#include "process.hpp"
#include "temp_dir.hpp"

#include <algorithm>
#include <doctest/doctest.h>
#include <map>
#include <nlohmann/json.hpp>

using namespace gloss::test;
using Json = nlohmann::ordered_json;

namespace {

uint64_t codepoints(std::string_view text) {
    return static_cast<uint64_t>(std::count_if(
        text.begin(), text.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

// How a JSON syntax error at byte `offset` of `text` is located: "line L, column C", both from 1.
std::string lineAndColumn(std::string_view text, size_t offset) {
    const std::string_view before = text.substr(0, offset);
    const size_t line = 1 + static_cast<size_t>(std::count(before.begin(), before.end(), '\n'));
    const size_t lineStart = before.rfind('\n') == std::string_view::npos ? 0 : before.rfind('\n') + 1;
    return "line " + std::to_string(line) + ", column " + std::to_string(offset - lineStart + 1);
}

// Every file of a folder with its bytes: what a refused command must leave as it was.
std::map<std::string, std::string> snapshot(const std::filesystem::path& folder) {
    std::map<std::string, std::string> files;
    for (const auto& entry : std::filesystem::directory_iterator(folder))
        files[entry.path().filename().string()] = readText(entry.path());
    return files;
}

// Runs gloss-cli with `arguments` and checks the refusal contract for the files in `folder`.
// `expectedStart` is how the one line on stderr must begin (the file and the place, or
// "gloss-cli: " for a wrong command line). Returns the line for further checks.
std::string checkRefused(const std::filesystem::path& folder, const std::vector<std::string>& arguments,
                         const std::string& expectedStart) {
    const auto before = snapshot(folder);
    const ProcessResult result = runCli(arguments);
    std::string shown;
    for (const auto& argument : arguments) shown += " " + argument.substr(0, 80);
    INFO("gloss-cli" << shown);
    CHECK(result.exitCode == 2);
    CHECK(result.out == "");
    CHECK(result.err.substr(0, expectedStart.size()) == expectedStart);
    CHECK(std::count(result.err.begin(), result.err.end(), '\n') == 1);
    CHECK(result.err.ends_with('\n'));
    const bool unchanged = snapshot(folder) == before; // no file created, changed or removed
    CHECK(unchanged);
    return result.err;
}

// A report of exactly `length` code points, with curly quotes and accented letters, in which
// "triple lens" occurs once.
std::string reportOfLength(uint64_t length) {
    std::string text = "Review of leadership and inclusion\n\nAna Muñoz-Peña spoke of the “triple lens” of "
                       "fairness, voice and care.\n\n";
    while (codepoints(text) < length) text += "Staff told the review that they felt heard. ";
    while (codepoints(text) > length) text.pop_back(); // the filler is ASCII
    return text;
}

// A report of the seed's length (2,885 code points) and an annotation file gloss-cli wrote on it,
// which each case spoils in one way before handing it to `stats` and to `tag`.
struct SpoiltAnnotationFile {
    TempDir dir;
    std::filesystem::path report = dir.write("report.txt", reportOfLength(2885));
    std::filesystem::path hostile = dir / "hostile.json";
    Json file;

    SpoiltAnnotationFile() {
        const auto good = dir / "good.json";
        const ProcessResult made =
            runCli({"tag", report.string(), "--annotations", good.string(), "--quote", "triple lens", "--tag",
                    "pay-gap", "--note", "a note", "--author", "Ana"});
        REQUIRE(made.exitCode == 0);
        // The unspoilt file is accepted, so each refusal below comes from its one change.
        REQUIRE(runCli({"stats", good.string()}).exitCode == 0);
        file = Json::parse(readText(good));
        std::filesystem::remove(good);
    }

    Json& record() { return file["annotations"][0]; }
    std::string text() const { return file.dump(2) + "\n"; }

    // Both commands refuse `contents` with a line starting "hostile.json: WHERE"; the file and the
    // report stay as they were and `tag` writes nothing.
    // Returns the line stats printed.
    std::string checkRefusedByStatsAndTag(std::string_view contents, const std::string& where) const {
        dir.write("hostile.json", contents);
        const std::string expected = hostile.string() + ": " + where;
        const std::string line = checkRefused(dir.path(), {"stats", hostile.string()}, expected);
        checkRefused(dir.path(),
                     {"tag", report.string(), "--annotations", hostile.string(), "--quote", "triple lens",
                      "--tag", "pay-gap"},
                     expected);
        return line;
    }
};

} // namespace

TEST_CASE("hostile input: a spoilt annotation file is refused by stats and tag and left as it was") {
    SpoiltAnnotationFile spoilt;
    const uint64_t start = spoilt.record()["start"];

    SUBCASE("truncated JSON names the line and column where the text stops") {
        const std::string whole = spoilt.text();
        const std::string cut = whole.substr(0, whole.find("\"annotations\"") + 5);
        spoilt.checkRefusedByStatsAndTag(cut, lineAndColumn(cut, cut.size()) + ": ");
    }
    SUBCASE("a JSON array at the top") {
        spoilt.checkRefusedByStatsAndTag("[" + spoilt.text() + "]",
                                         "top level: expected an object, found an array\n");
    }
    SUBCASE("the wrong format") {
        spoilt.file["format"] = "gloss.codebook";
        spoilt.checkRefusedByStatsAndTag(
            spoilt.text(), "format: expected \"gloss.annotations\", found \"gloss.codebook\"\n");
    }
    SUBCASE("version 99") {
        spoilt.file["version"] = 99;
        spoilt.checkRefusedByStatsAndTag(spoilt.text(), "version: 99 is newer than this Gloss reads (1)");
    }
    SUBCASE("end before start") {
        spoilt.record()["end"] = start - 1;
        spoilt.checkRefusedByStatsAndTag(spoilt.text(), "annotations[0].end: " + std::to_string(start - 1) +
                                                            " is not after start (" + std::to_string(start) +
                                                            ")\n");
    }
    SUBCASE("a negative offset") {
        spoilt.record()["start"] = -5;
        spoilt.checkRefusedByStatsAndTag(spoilt.text(), "annotations[0].start: -5 is negative\n");
    }
    SUBCASE("an offset past the end of the report") {
        spoilt.record()["start"] = 3100;
        spoilt.record()["end"] = 3120;
        spoilt.record()["quote"] = std::string(20, 'q');
        spoilt.checkRefusedByStatsAndTag(
            spoilt.text(), "annotations[0].end: 3120 is past the end of the report (2885 code points)\n");
    }
    SUBCASE("two records with one id") {
        const Json copy = spoilt.record();
        spoilt.file["annotations"].push_back(copy);
        spoilt.checkRefusedByStatsAndTag(spoilt.text(), "annotations[1].id: " + copy["id"].dump() +
                                                            " is also the id of annotations[0]\n");
    }
    SUBCASE("100,000 nested [ are refused before they exhaust the stack") {
        spoilt.checkRefusedByStatsAndTag(std::string(100'000, '['), "line 1, column ");
    }
    SUBCASE("a 50 MB note") {
        spoilt.record()["note"] = std::string(50u << 20, 'n');
        spoilt.checkRefusedByStatsAndTag(spoilt.text(),
                                         "annotations[0].note: 52428800 bytes is longer than the limit");
    }
    SUBCASE("invalid UTF-8 inside a note names its line and column") {
        spoilt.record()["note"] = "NOTE";
        std::string text = spoilt.text();
        const size_t bad = text.find("\"NOTE\"") + 3;
        text.replace(bad - 2, 4, "no\xFFte");
        spoilt.checkRefusedByStatsAndTag(text, lineAndColumn(text, bad) + ": ill-formed UTF-8 in a string\n");
    }
    SUBCASE("a number beyond a double's range names its line, column and field") {
        spoilt.record()["x"] = "NUMBER";
        std::string text = spoilt.text();
        const size_t at = text.find("\"NUMBER\"");
        text.replace(at, 8, "1e400");
        spoilt.checkRefusedByStatsAndTag(text, lineAndColumn(text, at) +
                                                   ": in \"x\", the number \"1e400\" is too large (beyond a "
                                                   "double's range)\n");
    }
    SUBCASE("an integer beyond 64 bits in an unknown field, which could not be saved as written") {
        spoilt.record()["count"] = "NUMBER";
        std::string text = spoilt.text();
        const size_t at = text.find("\"NUMBER\"");
        text.replace(at, 8, "123456789012345678901234567890");
        spoilt.checkRefusedByStatsAndTag(
            text, lineAndColumn(text, at) + ": in \"count\", the integer \"123456789012345678901234567890\" "
                                            "is outside the 64-bit range");
    }
    SUBCASE("content after a raw NUL byte is not ignored") {
        std::string text = spoilt.text();
        text += '\0';
        text += R"({"format": "gloss.annotations"})";
        spoilt.checkRefusedByStatsAndTag(text, lineAndColumn(text, text.find('\0')) + ": a NUL byte");
    }
    SUBCASE("a 5 MB value is quoted in 40 bytes") {
        spoilt.file["format"] = std::string(5u << 20, 'f');
        const std::string line = spoilt.checkRefusedByStatsAndTag(
            spoilt.text(),
            "format: expected \"gloss.annotations\", found \"" + std::string(40, 'f') + "\u2026\"\n");
        CHECK(line.size() < 200);
    }
    SUBCASE("a 5 MB tag id is quoted in 40 bytes") {
        spoilt.record()["tags"] = Json::array({std::string(5u << 20, 't')});
        const std::string line = spoilt.checkRefusedByStatsAndTag(
            spoilt.text(),
            "annotations[0].tags[0]: \"" + std::string(40, 't') + "\u2026\" is not in the file's codebook");
        CHECK(line.size() < 200);
    }
}

TEST_CASE("hostile input: a report that is not UTF-8 is refused by info and tag naming the first bad byte") {
    const TempDir dir;
    // Non-ASCII text first, so that a byte offset and a code-point offset differ.
    const std::string before = "Review by Ana Muñoz-Peña of the “triple lens”.\n";
    const auto goodReport = dir.write("good.txt", before);
    const auto existing = dir / "existing.json";
    REQUIRE(runCli({"tag", goodReport.string(), "--annotations", existing.string(), "--quote", "Review",
                    "--tag", "pay-gap"})
                .exitCode == 0);

    std::string bad, after = " More text follows.\n";
    SUBCASE("a stray 0xFF") {
        bad = "\xFF";
    }
    SUBCASE("Windows-1252 curly quotes") {
        bad = "\x93quoted\x94";
    }
    SUBCASE("a lone continuation byte") {
        bad = "\x80";
    }
    SUBCASE("an overlong encoding of /") {
        bad = "\xC0\xAF";
    }
    SUBCASE("a UTF-16 surrogate") {
        bad = "\xED\xA0\x80";
    }
    SUBCASE("a character cut off by the end of the file") {
        bad = "\xE2\x80";
        after = "";
    }
    const auto report = dir.write("report.txt", before + bad + after);
    const std::string where = report.string() + ": byte " + std::to_string(before.size()) + ": invalid UTF-8";
    const std::string hint = "--encoding windows-1252";

    CHECK(checkRefused(dir.path(), {"info", report.string()}, where).find(hint) != std::string::npos);
    // tag neither creates an annotation file nor changes an existing one.
    for (const auto& annotations : {dir / "new.json", existing})
        checkRefused(dir.path(),
                     {"tag", report.string(), "--annotations", annotations.string(), "--quote", "Review",
                      "--tag", "pay-gap"},
                     where);
}

TEST_CASE("hostile input: a wrong command line is refused with one line and writes nothing") {
    const TempDir dir;
    const std::string text = "Café notes. The ward is busy. The ward is calm. The ward is full.\n";
    const auto report = dir.write("report.txt", text);
    const std::string annotations = (dir / "coding.json").string();
    const auto refuseTag = [&](std::vector<std::string> extra, const std::string& expectedStart) {
        std::vector<std::string> arguments{"tag", report.string(), "--annotations", annotations};
        arguments.insert(arguments.end(), extra.begin(), extra.end());
        return checkRefused(dir.path(), arguments, expectedStart);
    };

    SUBCASE("no command") {
        checkRefused(dir.path(), {}, "gloss-cli: no command given");
    }
    SUBCASE("an unknown command") {
        checkRefused(dir.path(), {"frobnicate", report.string()}, "gloss-cli: unknown command 'frobnicate'");
    }
    SUBCASE("an unknown option") {
        checkRefused(dir.path(), {"info", report.string(), "--bogus"},
                     "gloss-cli: info: unknown option --bogus");
    }
    SUBCASE("a second positional") {
        checkRefused(dir.path(), {"info", report.string(), "extra"},
                     "gloss-cli: info: unexpected argument 'extra'");
    }
    SUBCASE("an option without its value") {
        refuseTag({"--tag", "pay-gap", "--quote"}, "gloss-cli: tag: --quote needs a value");
    }
    SUBCASE("missing --tag") {
        refuseTag({"--quote", "Café"}, "gloss-cli: tag: --tag is required");
    }
    SUBCASE("missing --annotations") {
        checkRefused(dir.path(), {"tag", report.string(), "--quote", "Café", "--tag", "pay-gap"},
                     "gloss-cli: tag: --annotations is required");
    }
    SUBCASE("both --quote and --range") {
        refuseTag({"--quote", "Café", "--range", "0:4", "--tag", "pay-gap"},
                  "gloss-cli: tag: give exactly one of --quote and --range");
    }
    SUBCASE("neither --quote nor --range") {
        refuseTag({"--tag", "pay-gap"}, "gloss-cli: tag: give exactly one of --quote and --range");
    }
    const auto refuseRange = [&](const std::string& range, const std::string& message) {
        refuseTag({"--range", range, "--tag", "pay-gap"}, "gloss-cli: tag: --range: " + message);
    };
    SUBCASE("--range without a colon") {
        refuseRange("3-9", "expected START:END, found '3-9'");
    }
    SUBCASE("--range with a word") {
        refuseRange("three:9", "'three' is not a code-point offset");
    }
    SUBCASE("--range with a negative start") {
        refuseRange("-1:9", "'-1' is not a code-point offset");
    }
    SUBCASE("--range with a number too large for 64 bits") {
        refuseRange("0:99999999999999999999", "'99999999999999999999' is not a code-point offset");
    }
    SUBCASE("--range that is empty") {
        refuseRange("5:5", "END must be greater than START");
    }
    SUBCASE("--range past the end of the report") {
        const std::string length = std::to_string(codepoints(text));
        const std::string beyond = std::to_string(codepoints(text) + 1);
        refuseRange("0:" + beyond, beyond + " is past the end of the report (" + length + " code points)");
    }
    SUBCASE("an unknown encoding") {
        refuseTag({"--quote", "Café", "--tag", "pay-gap", "--encoding", "latin-9"},
                  "gloss-cli: tag: unknown encoding 'latin-9'");
    }
    SUBCASE("invalid UTF-8 in --note") {
        refuseTag({"--quote", "Café", "--tag", "pay-gap", "--note", "ok \xFF"},
                  "gloss-cli: tag: --note: invalid UTF-8 at byte 3");
    }
    SUBCASE("invalid UTF-8 in --quote, which would match inside the é of Café") {
        refuseTag({"--quote", "\xA9", "--tag", "pay-gap"},
                  "gloss-cli: tag: --quote: invalid UTF-8 at byte 0");
    }
    SUBCASE("an unknown tag id lists the ids the codebook named by --codebook knows") {
        const Json codebook = Json::parse(readText(sourcePath("examples/codebook.json")));
        std::string known;
        for (const auto& tag : codebook["tags"])
            known += (known.empty() ? "" : ", ") + tag["id"].get<std::string>();
        refuseTag(
            {"--quote", "Café", "--tag", "no-such-tag", "--codebook", sourcePath("examples/codebook.json")},
            "gloss-cli: tag: --tag: no tag 'no-such-tag' in the codebook (known: " + known + ")");
    }
    SUBCASE("an empty tag id") {
        refuseTag({"--quote", "Café", "--tag", ""}, "gloss-cli: tag: --tag is empty");
    }
    SUBCASE("a quote that occurs several times lists where, in code points") {
        const auto at = [&](size_t byte) { return std::to_string(codepoints(text.substr(0, byte))); };
        const size_t first = text.find("The ward"), second = text.find("The ward", first + 1),
                     third = text.find("The ward", second + 1);
        refuseTag({"--quote", "The ward", "--tag", "pay-gap"},
                  report.string() + ": --quote text occurs 3 times (at code points " + at(first) + ", " +
                      at(second) + ", " + at(third) + "); use --range START:END");
    }
    SUBCASE("a quote that occurs more than five times lists the first five") {
        std::string many;
        for (int i = 0; i < 7; ++i) many += "É" + std::to_string(i) + " ward; ";
        const auto manyReport = dir.write("many.txt", many);
        checkRefused(
            dir.path(),
            {"tag", manyReport.string(), "--annotations", annotations, "--quote", "ward", "--tag", "pay-gap"},
            manyReport.string() + ": --quote text occurs 7 times (at code points 3, 12, 21, 30, 39, ...)");
    }
    SUBCASE("a quote that does not occur") {
        refuseTag({"--quote", "the ward", "--tag", "pay-gap"},
                  report.string() + ": --quote text not found in the report\n");
    }
    SUBCASE("a report that does not exist") {
        std::filesystem::remove(report);
        refuseTag({"--quote", "Café", "--tag", "pay-gap"}, report.string() + ": ");
    }
}
