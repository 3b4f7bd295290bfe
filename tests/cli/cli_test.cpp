// gloss-cli on real files: what it reports and writes, checked against Python's view of the same
// text and against the bundled codebook. The refusals are in hostile_input_test.cpp.

#include "process.hpp"
#include "temp_dir.hpp"

#include <algorithm>
#include <doctest/doctest.h>
#include <nlohmann/json.hpp>
#include <regex>
#include <sstream>

using namespace gloss::test;
using Json = nlohmann::ordered_json;

namespace {

// Python's view of a report: its code points, lines and sha256 and, given a quote, the offsets
// str.index gives with 32 code points of context each side. newline='' keeps a CRLF as two code
// points, as Gloss does. The quote travels as hex so no locale can change it.
constexpr const char* kPythonView = R"(
import hashlib, json, sys
path, encoding, quote = sys.argv[1], sys.argv[2], bytes.fromhex(sys.argv[3]).decode('utf-8')
text = open(path, encoding=encoding, newline='').read()
view = {'codepoints': len(text), 'sha256': hashlib.sha256(open(path, 'rb').read()).hexdigest(),
        'lines': text.count('\n') + (1 if text and not text.endswith('\n') else 0)}
if quote:
    start = text.index(quote)
    end = start + len(quote)
    view.update(start=start, end=end, prefix=text[max(0, start - 32):start], suffix=text[end:end + 32])
print(json.dumps(view))
)";

Json pythonView(const std::filesystem::path& report, const std::string& encoding,
                const std::string& quote = "") {
    std::string hex;
    for (unsigned char c : quote)
        hex += "0123456789abcdef"[c >> 4] + std::string(1, "0123456789abcdef"[c & 15]);
    const ProcessResult python =
        run("/usr/bin/env", {"python3", "-c", kPythonView, report.string(), encoding, hex});
    INFO(python.err);
    REQUIRE(python.exitCode == 0);
    return Json::parse(python.out);
}

// `gloss-cli tag REPORT --annotations FILE ARGUMENTS...`, which must succeed: the new record's id
// (it prints "added ID START:END TAG") and the file as written.
struct Tagged {
    std::string id;
    std::string out;
    std::string text;
    Json file;
};

Tagged tag(const std::filesystem::path& report, const std::filesystem::path& annotations,
           const std::vector<std::string>& arguments) {
    std::vector<std::string> all{"tag", report.string(), "--annotations", annotations.string()};
    // The bundled codebook unless the test names one: a file's own codebook
    // would take an unknown tag as a new one.
    if (std::find(arguments.begin(), arguments.end(), "--codebook") == arguments.end())
        all.insert(all.end(), {"--codebook", sourcePath("examples/codebook.json").string()});
    all.insert(all.end(), arguments.begin(), arguments.end());
    const ProcessResult result = runCli(all);
    INFO(result.err);
    REQUIRE(result.exitCode == 0);
    CHECK(result.err == "");
    REQUIRE(result.out.starts_with("added "));
    Tagged tagged{result.out.substr(6, result.out.find(' ', 6) - 6), result.out, readText(annotations), {}};
    tagged.file = Json::parse(tagged.text);
    return tagged;
}

const Json& recordWithId(const Json& file, const std::string& id) {
    for (const Json& record : file["annotations"])
        if (record["id"] == id) return record;
    FAIL("no annotation with id " << id);
    throw std::logic_error("unreachable");
}

// The lines of one annotation record exactly as the file has them.
std::string recordText(const std::string& fileText, const std::string& id) {
    const size_t idLine = fileText.find("\n      \"id\": \"" + id + "\"");
    if (idLine == std::string::npos) return {};
    const size_t start = fileText.rfind("\n    {", idLine);
    const size_t end = fileText.find("\n    }", idLine);
    return fileText.substr(start, end + 6 - start);
}

const Json& tagOfCodebook(const Json& codebook, const std::string& id) {
    for (const Json& tag : codebook["tags"])
        if (tag["id"] == id) return tag;
    FAIL("no tag " << id << " in the codebook");
    throw std::logic_error("unreachable");
}

std::vector<std::string> tagIds(const Json& codebook) {
    std::vector<std::string> ids;
    for (const Json& tag : codebook["tags"]) ids.push_back(tag["id"]);
    return ids;
}

// The output's lines with runs of spaces made one, for checks that do not depend on column widths.
std::vector<std::string> normalizedLines(const std::string& out) {
    std::vector<std::string> lines;
    std::istringstream in(out);
    for (std::string line; std::getline(in, line);) {
        std::istringstream words(line);
        std::string word, joined;
        while (words >> word) joined += (joined.empty() ? "" : " ") + word;
        if (!joined.empty()) lines.push_back(joined);
    }
    return lines;
}

} // namespace

TEST_CASE("cli: info on the sample report counts the code points and bytes Python does") {
    const auto report = sourcePath("examples/sample-report.txt");
    const ProcessResult result = runCli({"info", report.string(), "--json"});
    REQUIRE(result.exitCode == 0);
    const auto facts = Json::parse(result.out);
    const Json python = pythonView(report, "utf-8");
    CHECK(facts["codepoints"] == python["codepoints"]);
    CHECK(facts["bytes"] == std::filesystem::file_size(report));
    CHECK(facts["encoding"] == "utf-8");
}

TEST_CASE("cli: tag --quote on the sample report writes the code-point offsets Python's str.index gives") {
    // The quote follows curly quotes, so its code-point and byte offsets differ.
    const auto report = sourcePath("examples/sample-report.txt");
    const TempDir dir;
    const Tagged tagged =
        tag(report, dir / "coding.json", {"--quote", "running on adrenaline", "--tag", "wellbeing"});
    const Json python = pythonView(report, "utf-8", "running on adrenaline");
    REQUIRE(tagged.file["annotations"].size() == 1);
    const Json& a = tagged.file["annotations"][0];
    CHECK(a["start"] == python["start"]);
    CHECK(a["end"] == python["end"]);
    CHECK(a["quote"] == "running on adrenaline");
    CHECK(a["tags"] == Json::array({"wellbeing"}));
    CHECK(tagIds(tagged.file["codebook"]) == std::vector<std::string>{"wellbeing"});
}

TEST_CASE("cli: info and tag count code points as Python does, whatever the characters and line ends") {
    const TempDir dir;
    std::string text, quote, encoding = "utf-8";
    bool bom = false;
    SUBCASE("emoji, a flag, a skin-tone sequence and combining marks") {
        text = "Nurses 👩🏽‍⚕️ and flags 🇬🇧; cafe\u0301 and Zoë; music 𝄞.\n"
               "The key finding: a nai\u0308ve 🙂 hope for the e\u0301quipe.\n";
        quote = "nai\u0308ve 🙂 hope for the e\u0301quipe";
    }
    SUBCASE("CRLF line ends, a quote across one") {
        text = "Line one.\r\nLine two ends here.\r\nLine three 😀 has more.\r\nLast line";
        quote = "ends here.\r\nLine three 😀 has";
    }
    SUBCASE("a UTF-8 byte order mark, left out of every offset") {
        text = "\xEF\xBB\xBF"
               "BOM first. Then “quoted text” here.\n";
        quote = "“quoted text”";
        encoding = "utf-8-sig";
        bom = true;
    }
    const auto report = dir.write("report.txt", text);
    const Json python = pythonView(report, encoding, quote);

    const ProcessResult info = runCli({"info", report.string(), "--json"});
    REQUIRE(info.exitCode == 0);
    const Json facts = Json::parse(info.out);
    CHECK(facts["bytes"] == text.size());
    CHECK(facts["codepoints"] == python["codepoints"]);
    CHECK(facts["lines"] == python["lines"]);
    CHECK(facts["sha256"] == python["sha256"]);
    CHECK(facts["encoding"] == "utf-8");
    CHECK(facts["bom"] == bom);
    const ProcessResult shown = runCli({"info", report.string()});
    CHECK(shown.exitCode == 0);
    CHECK(shown.out.find(bom ? "\nbom         yes\n" : "\nbom         no\n") != std::string::npos);

    const Tagged byQuote = tag(report, dir / "quote.json", {"--quote", quote, "--tag", "wellbeing"});
    const Json& a = byQuote.file["annotations"][0];
    CHECK(a["start"] == python["start"]);
    CHECK(a["end"] == python["end"]);
    CHECK(a["quote"] == quote);
    CHECK(a["prefix"] == python["prefix"]);
    CHECK(a["suffix"] == python["suffix"]);
    CHECK(byQuote.out ==
          "added " + byQuote.id + " " + python["start"].dump() + ":" + python["end"].dump() + " wellbeing\n");
    CHECK(byQuote.file["report"]["codepoints"] == python["codepoints"]);
    CHECK(byQuote.file["report"]["sha256"] == python["sha256"]);

    // The same offsets given as a --range select the same text.
    const Tagged byRange =
        tag(report, dir / "range.json",
            {"--range", python["start"].dump() + ":" + python["end"].dump(), "--tag", "wellbeing"});
    CHECK(byRange.file["annotations"][0]["quote"] == quote);
    CHECK(readText(report) == text);
}

TEST_CASE("cli: an unknown tag becomes a new tag of the file's own codebook, never one of the sample's") {
    const TempDir dir;
    const auto report = dir.write("report.txt", "Staff spoke of the pay gap and of being heard.\n");
    const auto annotations = dir / "coding.json";
    const auto tagOnce = [&](const std::string& quote, const std::string& tagId) {
        return runCli({"tag", report.string(), "--annotations", annotations.string(), "--quote", quote,
                       "--tag", tagId, "--author", "Ana"});
    };
    // "pay-gap" is a tag of the bundled sample codebook: it must not come from there.
    const ProcessResult first = tagOnce("pay gap", "pay-gap");
    INFO(first.err);
    REQUIRE(first.exitCode == 0);
    CHECK(first.out.starts_with("created the tag pay-gap (#"));
    CHECK(first.out.find(" in the codebook of " + annotations.string() + "\nadded ") != std::string::npos);
    Json file = Json::parse(readText(annotations));
    REQUIRE(file["codebook"]["tags"].size() == 1);
    const Json created = file["codebook"]["tags"][0];
    CHECK(created["id"] == "pay-gap");
    CHECK(created["label"] == "pay-gap");
    CHECK(created["parent"].is_null());

    // A second new tag gets a colour of its own; a known one is not created again.
    const ProcessResult second = tagOnce("being heard", "voice");
    REQUIRE(second.exitCode == 0);
    CHECK(second.out.starts_with("created the tag voice"));
    const ProcessResult again = tagOnce("heard", "voice");
    REQUIRE(again.exitCode == 0);
    CHECK(again.out.starts_with("added "));
    file = Json::parse(readText(annotations));
    REQUIRE(file["codebook"]["tags"].size() == 2);
    CHECK(file["codebook"]["tags"][1]["color"] != created["color"]);

    // With a codebook the user names, an unknown tag is a mistake, listed against the known ones.
    const ProcessResult named =
        runCli({"tag", report.string(), "--annotations", annotations.string(), "--quote", "spoke", "--tag",
                "nonsense", "--codebook", sourcePath("examples/codebook.json").string()});
    CHECK(named.exitCode == 2);
    CHECK(named.err.find("no tag 'nonsense' in the codebook (known: discrimination, ") != std::string::npos);
}

TEST_CASE("cli: tag on a new file creates it with the tag and its parents copied from the codebook") {
    const TempDir dir;
    const auto report = dir.write("report.txt", "Staff spoke of the pay gap and of being heard.\n");
    const auto annotations = dir / "coding.json";
    Json codebook = Json::parse(readText(sourcePath("examples/codebook.json")));
    std::string tagId;
    std::vector<std::string> extra, expectedIds;
    SUBCASE("a top-level tag of the bundled codebook") {
        tagId = "discrimination";
        expectedIds = {"discrimination"};
    }
    SUBCASE("a tag of the bundled codebook with a parent") {
        tagId = "pay-gap";
        expectedIds = {"representation", "pay-gap"};
    }
    SUBCASE("a tag of --codebook with a parent and a grandparent") {
        // Every field written out, as Gloss writes a codebook, so the copy can be compared whole.
        codebook = Json::parse(R"({"format": "gloss.codebook", "version": 1, "tags": [
            {"id": "voice", "label": "Voice", "color": "#123456", "parent": null, "description": "Top",
             "key": "7", "patterns": [{"literal": "voice", "case_sensitive": false, "whole_word": true}]},
            {"id": "unrelated", "label": "Unrelated", "color": "#654321", "parent": null, "description": "",
             "key": null, "patterns": []},
            {"id": "heard", "label": "Being heard", "color": "#abcdef", "parent": "voice",
             "description": "Middle", "key": null, "patterns": []},
            {"id": "pay", "label": "Heard on pay", "color": "#fedcba", "parent": "heard", "description": "",
             "key": null, "patterns": [{"regex": "pay\\s+gaps?", "case_sensitive": true, "whole_word": false}]}]})");
        extra = {"--codebook", dir.write("codebook.json", codebook.dump(2)).string()};
        tagId = "pay";
        expectedIds = {"voice", "heard", "pay"};
    }
    extra.insert(extra.end(),
                 {"--quote", "pay gap", "--tag", tagId, "--note", "Zoë’s note", "--author", "Ana"});
    REQUIRE(!std::filesystem::exists(annotations));
    const Tagged tagged = tag(report, annotations, extra);
    const Json python = pythonView(report, "utf-8", "pay gap");

    CHECK(tagged.file["format"] == "gloss.annotations");
    CHECK(tagged.file["version"] == 1);
    CHECK(tagged.file["report"] == Json{{"name", "report.txt"},
                                        {"sha256", python["sha256"]},
                                        {"codepoints", python["codepoints"]},
                                        {"encoding", "utf-8"}});
    CHECK(tagIds(tagged.file["codebook"]) == expectedIds);
    for (const auto& id : expectedIds)
        CHECK(tagOfCodebook(tagged.file["codebook"], id) == tagOfCodebook(codebook, id));

    REQUIRE(tagged.file["annotations"].size() == 1);
    const Json& a = tagged.file["annotations"][0];
    CHECK(std::regex_match(
        tagged.id, std::regex("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}")));
    CHECK(a["id"] == tagged.id);
    CHECK(a["start"] == python["start"]);
    CHECK(a["end"] == python["end"]);
    CHECK(a["tags"] == Json::array({tagId}));
    CHECK(a["note"] == "Zoë’s note");
    CHECK(a["author"] == "Ana");
    CHECK(
        std::regex_match(a["created"].get<std::string>(), std::regex(R"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ)")));
    CHECK(a["modified"] == a["created"]);
    CHECK(a["origin"] == "manual");
    CHECK(a["status"] == "anchored");
}

TEST_CASE("cli: a second tag adds one record and keeps the rest of the file byte for byte") {
    const TempDir dir;
    const auto report =
        dir.write("report.txt", "Leaders must listen. Staff said “nobody listens” to them.\n");
    const auto annotations = dir / "coding.json";
    const Tagged first = tag(report, annotations, {"--quote", "nobody listens", "--tag", "speaking-up"});
    std::string secondTag;
    SUBCASE("with the same tag") {
        secondTag = "speaking-up";
    }
    SUBCASE("with another tag, whose codebook entry is added") {
        secondTag = "accountability";
    }
    const Tagged second = tag(report, annotations, {"--quote", "Leaders must", "--tag", secondTag});

    REQUIRE(second.file["annotations"].size() == 2);
    CHECK(second.file["annotations"][0]["id"] == second.id); // sorted by position: the new one is first
    CHECK(!recordText(first.text, first.id).empty());
    CHECK(recordText(second.text, first.id) == recordText(first.text, first.id));

    // Without the new record (and its new codebook entry) the file is the first one, byte for byte.
    Json without = second.file;
    without["annotations"].erase(0);
    auto& tags = without["codebook"]["tags"];
    if (secondTag != "speaking-up") {
        CHECK(tags.back()["id"] == secondTag);
        tags.erase(tags.size() - 1);
    }
    CHECK(without.dump(2) + "\n" == first.text);
}

TEST_CASE("cli: tag re-anchors the earlier annotations of a report that has changed since") {
    const TempDir dir;
    const std::string v1 =
        "Opening words.\nThe board agreed that every trust must publish its pay gap data each "
        "year.\nClosing words here.\n";
    const std::string quote = "every trust must publish its pay gap data each year";
    const auto report = dir.write("report.txt", v1);
    const auto annotations = dir / "coding.json";
    const Tagged first = tag(report, annotations, {"--quote", quote, "--tag", "pay-gap"});
    const Json& before = recordWithId(first.file, first.id);

    std::string status, expectedQuote = quote;
    Json expected = pythonView(report, "utf-8", quote);
    SUBCASE("text inserted before the quote moves it") {
        dir.write("report.txt", "A new first paragraph with “quotes” and 👩🏽‍⚕️.\n" + v1);
        expected = pythonView(report, "utf-8", quote);
        status = "moved";
    }
    SUBCASE("text added after the quote leaves it anchored where it was") {
        dir.write("report.txt", v1 + "An appendix.\n");
        status = "anchored";
    }
    SUBCASE("a word changed inside the quote moves it to the new wording") {
        dir.write("report.txt",
                  "Opening words, longer now.\nThe board agreed that every trust should publish its "
                  "pay gap data each year.\nClosing words here.\n");
        expectedQuote = "every trust should publish its pay gap data each year";
        expected = pythonView(report, "utf-8", expectedQuote);
        status = "moved";
    }
    SUBCASE("the quote's text gone orphans it, keeps it as it was, and the file stays readable") {
        dir.write("report.txt", "Closing words only.\n");
        status = "orphaned";
    }
    const Tagged second = tag(report, annotations, {"--quote", "Closing", "--tag", "pay-gap"});
    const Json now = pythonView(report, "utf-8");

    CHECK(second.file["report"]["codepoints"] == now["codepoints"]);
    CHECK(second.file["report"]["sha256"] == now["sha256"]);
    const Json& after = recordWithId(second.file, first.id);
    CHECK(after["status"] == status);
    CHECK(after["start"] == expected["start"]);
    CHECK(after["end"] == expected["end"]);
    CHECK(after["quote"] == expectedQuote);
    CHECK(after["created"] == before["created"]);
    CHECK(recordWithId(second.file, second.id)["status"] == "anchored");

    const ProcessResult stats = runCli({"stats", annotations.string(), "--json"});
    INFO(stats.err);
    REQUIRE(stats.exitCode == 0);
    CHECK(Json::parse(stats.out)["status"][status] == (status == "anchored" ? 2 : 1));
}

TEST_CASE("cli: stats counts the annotations of a file per tag, theme, author, origin and status") {
    const TempDir dir;
    const auto report = dir.write("report.txt", "One: pay. Two: racism. Three: grades. Four: boards.\n");
    const auto annotations = dir / "coding.json";
    tag(report, annotations, {"--quote", "pay", "--tag", "pay-gap", "--author", "Ana"});
    tag(report, annotations, {"--quote", "racism", "--tag", "discrimination", "--author", "Ben"});
    tag(report, annotations, {"--quote", "grades", "--tag", "pay-gap", "--author", "Ben"});
    tag(report, annotations, {"--quote", "boards", "--tag", "senior-representation", "--author", "Ben"});
    const std::string codepoints = pythonView(report, "utf-8")["codepoints"].dump();

    SUBCASE("as JSON, most frequent first") {
        const ProcessResult stats = runCli({"stats", annotations.string(), "--json"});
        REQUIRE(stats.exitCode == 0);
        CHECK(stats.err == "");
        const Json counts = Json::parse(stats.out);
        CHECK(counts["report"] == "report.txt");
        CHECK(counts["annotations"] == 4);
        CHECK(counts["tags"] == Json{{"pay-gap", 2}, {"discrimination", 1}, {"senior-representation", 1}});
        CHECK(counts["themes"] == Json{{"representation", 3}, {"discrimination", 1}});
        CHECK(counts["authors"] == Json{{"Ben", 3}, {"Ana", 1}});
        CHECK(counts["origins"] == Json{{"manual", 4}});
        CHECK(counts["status"] == Json{{"anchored", 4}});
    }
    SUBCASE("as text, with the codebook's labels") {
        const ProcessResult stats = runCli({"stats", annotations.string()});
        REQUIRE(stats.exitCode == 0);
        CHECK(stats.err == "");
        const std::vector<std::string> expected{"4 annotations on report.txt (" + codepoints +
                                                    " code points)",
                                                "pay-gap 2 Pay gaps and promotion",
                                                "discrimination 1 Discrimination and racism",
                                                "representation 3 Ethnic minority representation",
                                                "Ben 3",
                                                "Ana 1",
                                                "manual 4",
                                                "anchored 4"};
        const std::vector<std::string> lines = normalizedLines(stats.out);
        auto at = lines.begin();
        for (const auto& line : expected) {
            INFO(stats.out);
            at = std::find(at, lines.end(), line);
            CHECK_MESSAGE(at != lines.end(), "missing or out of order: " << line);
        }
    }
}

TEST_CASE("cli: a Windows-1252 report is read with --encoding windows-1252 and the file records it") {
    const TempDir dir;
    const std::string bytes = "Caf\xE9 culture: the review\x92s \x93"
                              "fair chances\x94 plan \x96 phase two.\n";
    const auto report = dir.write("report.txt", bytes);
    const auto annotations = dir / "coding.json";
    const std::string quote = "review’s “fair chances”";
    const Json python = pythonView(report, "cp1252", quote);

    const ProcessResult info = runCli({"info", report.string(), "--encoding", "windows-1252", "--json"});
    REQUIRE(info.exitCode == 0);
    const Json facts = Json::parse(info.out);
    CHECK(facts["encoding"] == "windows-1252");
    CHECK(facts["codepoints"] == python["codepoints"]);
    CHECK(facts["sha256"] == python["sha256"]);

    const Tagged first =
        tag(report, annotations, {"--encoding", "windows-1252", "--quote", quote, "--tag", "discrimination"});
    CHECK(first.file["report"]["encoding"] == "windows-1252");
    CHECK(first.file["report"]["sha256"] == python["sha256"]);
    const Json& a = first.file["annotations"][0];
    CHECK(a["quote"] == quote);
    CHECK(a["start"] == python["start"]);
    CHECK(a["end"] == python["end"]);
    CHECK(a["prefix"] == python["prefix"]);
    CHECK(a["suffix"] == python["suffix"]);

    // A later tag needs no --encoding: the file says how its report is read.
    const Tagged second = tag(report, annotations, {"--quote", "Café", "--tag", "discrimination"});
    CHECK(second.file["report"]["encoding"] == "windows-1252");
    CHECK(recordWithId(second.file, second.id)["start"] == 0);
    CHECK(recordWithId(second.file, first.id)["status"] == "anchored");
    CHECK(readText(report) == bytes);
}

TEST_CASE("cli: --version and --help exit 0 and print to stdout") {
    SUBCASE("--version") {
        const ProcessResult result = runCli({"--version"});
        CHECK(result.exitCode == 0);
        CHECK(result.err == "");
        CHECK(std::regex_match(result.out, std::regex(R"(gloss-cli \d+\.\d+\.\d+\n)")));
    }
    SUBCASE("--help, -h and help") {
        for (const char* spelling : {"--help", "-h", "help"}) {
            INFO(spelling);
            const ProcessResult result = runCli({spelling});
            CHECK(result.exitCode == 0);
            CHECK(result.err == "");
            for (const char* line :
                 {"usage:", "gloss-cli info REPORT", "gloss-cli stats ANNOTATIONS",
                  "gloss-cli tag REPORT --annotations FILE (--quote TEXT | --range START:END) --tag ID"})
                CHECK_MESSAGE(result.out.find(line) != std::string::npos, "--help lacks " << line);
        }
    }
}
