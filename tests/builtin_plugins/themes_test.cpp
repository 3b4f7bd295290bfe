// The themes plugin through PluginHost::highlight: the seed report and the
// sample with the default codebook give exactly the matches of an
// independent Python reference (theme_reference.py) at the same code-point
// offsets; overlaps, case and whole-word options; refused patterns; the
// per-codebook cache of compiled databases.

#include "builtin_support.hpp"
#include "process.hpp"
#include "shared_files.hpp"

#include <algorithm>
#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

using namespace gloss::test;
using gloss::core::Document;
using Json = nlohmann::json;

namespace {

std::vector<std::string> highlight(LoggingHost& plugins, const Document& document,
                                   const std::string& codebookJson) {
    return codepointSpans(document, plugins.host().highlight("themes", document, codebookJson));
}

std::vector<std::string> withoutTheme(std::vector<std::string> spans, const std::string& id) {
    std::erase_if(spans, [&](const std::string& span) { return span.ends_with(" " + id); });
    return spans;
}

// The themes plugin on `report` with the default codebook equals the reference.
void checkAgainstReference(const std::filesystem::path& report) {
    LoggingHost plugins({"themes"});
    const Document document = Document::load(report);
    const auto found = highlight(plugins, document, defaultCodebookText());
    const auto expected = referenceSpans(sourcePath("examples/codebook.json"), report);
    CHECK_MESSAGE(missingFrom(found, expected) == "", "found by the plugin, not by the reference");
    CHECK_MESSAGE(missingFrom(expected, found) == "", "found by the reference, not by the plugin");
    CHECK(found == expected); // duplicates included
    CHECK(plugins.log().empty());
}

} // namespace

TEST_CASE("themes: the seed report gives the reference's themes at the same code-point offsets" *
          doctest::test_suite("shared")) {
    if (missingSharedFile(seedReport())) return;
    checkAgainstReference(seedReport());

    SUBCASE("and the passages checked by hand") {
        LoggingHost plugins({"themes"});
        const Document document = Document::load(seedReport());
        const auto found = highlight(plugins, document, defaultCodebookText());
        CHECK(found == std::vector<std::string>{"1112-1121 pay-gap", "1145-1160 representation",
                                                "1162-1166 representation", "119-133 discrimination",
                                                "1212-1216 representation", "1217-1231 representation",
                                                "1687-1710 accountability", "2060-2074 discrimination",
                                                "2428-2436 leadership-development"});
        // The seed has curly quotes before these, so code points and bytes differ.
        const auto quote = [&](uint64_t start, uint64_t end) {
            const size_t from = document.byteOffset(start);
            return std::string(document.utf8().substr(from, document.byteOffset(end) - from));
        };
        CHECK(document.byteOffset(1687) != 1687);
        CHECK(quote(1687, 1710) == "personal responsibility");
        CHECK(quote(2060, 2074) == "discrimination");
        CHECK(quote(2428, 2436) == "training");
    }
}

TEST_CASE("themes: the sample report gives the reference's themes at the same code-point offsets") {
    checkAgainstReference(sourcePath("examples/sample-report.txt"));

    SUBCASE("and every theme of the default codebook occurs in it") {
        LoggingHost plugins({"themes"});
        const auto result = plugins.host().highlight(
            "themes", Document::load(sourcePath("examples/sample-report.txt")), defaultCodebookText());
        std::vector<std::string> seen;
        for (const auto& span : result.spans) seen.push_back(result.tags.at(span.tag));
        const Json codebook = Json::parse(defaultCodebookText());
        for (const Json& tag : codebook["tags"])
            CHECK_MESSAGE(std::count(seen.begin(), seen.end(), tag["id"].get<std::string>()) >= 5, tag["id"]);
        CHECK(result.dropped == 0);
    }
}

TEST_CASE(
    "themes: overlapping matches of different themes are all kept, a theme's own merge leftmost-longest") {
    // "Zoë’s " is 6 code points and 9 bytes: offsets below are code points.
    TempDir dir;
    const std::string text = "Zoë’s leadership development programme; training training";
    const Json book = codebook(Json::array({
        theme("alpha",
              Json::array({literal("leadership", false, false),
                           regex("leadership\\s+development", false, false),
                           literal("development programme", false, false), literal("ship", false, false)})),
        theme("beta", Json::array({literal("development programme", false, false)})),
        theme("gamma", Json::array({literal("leadership", false, false)})),
        theme("delta", Json::array({literal("leadership development", false, false)})),
        theme("epsilon", Json::array({literal("training", false, true)})),
    }));
    LoggingHost plugins({"themes"});
    const auto found = highlight(plugins, Document::fromBytes(text), book.dump());

    SUBCASE("exactly") {
        CHECK(found == std::vector<std::string>{"17-38 beta", "40-48 epsilon", "49-57 epsilon", "6-16 gamma",
                                                "6-28 alpha", "6-28 delta"});
    }
    SUBCASE("as the reference has it") {
        CHECK(found ==
              referenceSpans(dir.write("codebook.json", book.dump()), dir.write("report.txt", text)));
    }
}

TEST_CASE("themes: case sensitivity and whole words, with curly quotes, dashes and hyphens as separators") {
    TempDir dir;
    // Code points: LEADERSHIP 0-10, leaderships 12-23, “leadership” 26-36,
    // leadership—and 42-52, non-leadership 61-71, Leadership_x 73-83,
    // leadership2 86-96, éleadership 99-109, leadership’s 110-120, ZOË 123-126.
    const std::string text = "LEADERSHIP, leaderships, “leadership” and leadership—and non-leadership; "
                             "Leadership_x leadership2 éleadership leadership’s ZOË";
    const Json book = codebook(Json::array({
        theme("any-case-word", Json::array({literal("leadership", false, true)})),
        theme("exact-case-word", Json::array({literal("leadership", true, true)})),
        theme("any-case-part", Json::array({literal("leadership", false, false)})),
        theme("exact-case-part", Json::array({literal("leadership", true, false)})),
        theme("regex-word", Json::array({regex("leaderships?", false, true)})),
        theme("non-ascii", Json::array({literal("zoë", false, true)})),
    }));
    LoggingHost plugins({"themes"});
    const auto found = highlight(plugins, Document::fromBytes(text), book.dump());
    const auto of = [&](const std::string& id) {
        std::vector<std::string> spans;
        for (const std::string& span : found)
            if (span.ends_with(" " + id)) spans.push_back(span.substr(0, span.size() - id.size() - 1));
        std::sort(spans.begin(), spans.end(),
                  [](const std::string& a, const std::string& b) { return std::stoul(a) < std::stoul(b); });
        return spans;
    };

    SUBCASE("case-insensitive whole word: not inside leaderships, Leadership_x, leadership2, éleadership") {
        CHECK(of("any-case-word") == std::vector<std::string>{"0-10", "26-36", "42-52", "61-71", "110-120"});
    }
    SUBCASE("case-sensitive whole word: not LEADERSHIP either") {
        CHECK(of("exact-case-word") == std::vector<std::string>{"26-36", "42-52", "61-71", "110-120"});
    }
    SUBCASE("case-insensitive anywhere") {
        CHECK(of("any-case-part") == std::vector<std::string>{"0-10", "12-22", "26-36", "42-52", "61-71",
                                                              "73-83", "86-96", "99-109", "110-120"});
    }
    SUBCASE("case-sensitive anywhere") {
        CHECK(of("exact-case-part") ==
              std::vector<std::string>{"12-22", "26-36", "42-52", "61-71", "86-96", "99-109", "110-120"});
    }
    SUBCASE("a regex, whole word, takes the longest whole word") {
        CHECK(of("regex-word") ==
              std::vector<std::string>{"0-10", "12-23", "26-36", "42-52", "61-71", "110-120"});
    }
    SUBCASE("case folding beyond ASCII") {
        CHECK(of("non-ascii") == std::vector<std::string>{"123-126"});
    }
    SUBCASE("as the reference has it") {
        CHECK(found ==
              referenceSpans(dir.write("codebook.json", book.dump()), dir.write("report.txt", text)));
    }
}

TEST_CASE("themes: a caseless ASCII literal also matches through a non-ASCII fold (the Kelvin sign)") {
    TempDir dir;
    // Code points: the Kelvin sign (3 bytes) and "elvin" 0-6, kelvin 7-13,
    // KELVINS 14-21 (not a whole word), KELVIN 22-28.
    const std::string text = "\u212Aelvin kelvin KELVINS KELVIN";
    const Json book = codebook(Json::array({theme("k", Json::array({literal("kelvin", false, true)}))}));
    LoggingHost plugins({"themes"});
    const auto found = highlight(plugins, Document::fromBytes(text), book.dump());
    // Sorted as text, as codepointSpans gives them.
    CHECK(found == std::vector<std::string>{"0-6 k", "22-28 k", "7-13 k"});
    CHECK(found == referenceSpans(dir.write("codebook.json", book.dump()), dir.write("report.txt", text)));
}

TEST_CASE("themes: a combining mark belongs to the word before it; punctuation, dashes and emoji separate") {
    TempDir dir;
    // Code points: leadership + U+0301 0-11, leadership + U+0327 13-24, then
    // whole words at 26-36, 39-49, 51-61, 66-76, 79-89, 91-101, 102-112, and
    // before an emoji, a two-em dash (U+2E3A), a fullwidth hyphen-minus and a
    // fullwidth comma at 113-123, 125-135, 140-150, 155-165.
    const std::string text =
        "leadership\xCC\x81, leadership\xCC\xA7 ‘leadership’ «leadership» leadership–led "
        "leadership… ¿leadership? leadership/leadership leadership😀 leadership⸺and "
        "leadership－led leadership，and";
    const Json book = codebook(Json::array({
        theme("word", Json::array({literal("leadership", false, true)})),
        theme("part", Json::array({literal("leadership", false, false)})),
    }));
    LoggingHost plugins({"themes"});
    const auto found = highlight(plugins, Document::fromBytes(text), book.dump());
    CHECK(withoutTheme(found, "part") ==
          std::vector<std::string>{"102-112 word", "113-123 word", "125-135 word", "140-150 word",
                                   "155-165 word", "26-36 word", "39-49 word", "51-61 word", "66-76 word",
                                   "79-89 word", "91-101 word"});
    CHECK(withoutTheme(found, "word").size() == 13); // the two with a mark too
    CHECK(found == referenceSpans(dir.write("codebook.json", book.dump()), dir.write("report.txt", text)));
}

TEST_CASE(
    "themes: repeats before a literal tail (e+d, a+b, [a-z]+ed) on long texts give the reference's matches") {
    // Vectorscan 5.4.9, asked for match starts, overflows a stack buffer on
    // these from 255 bytes of text; the plugin asks it for ends only.
    TempDir dir;
    const std::string text = hostileThemeText();
    REQUIRE(text.size() >= 255);
    const Json book = hostileThemeCodebook();
    LoggingHost plugins({"themes"});
    const auto found = highlight(plugins, Document::fromBytes(text), book.dump());
    CHECK(plugins.log().empty());
    const auto expected =
        referenceSpans(dir.write("codebook.json", book.dump()), dir.write("report.txt", text));
    REQUIRE(expected.size() > 20);
    CHECK(found == expected);

    SUBCASE("and the sample report with each alone, as the reference has it") {
        const auto report = sourcePath("examples/sample-report.txt");
        const Document document = Document::load(report);
        for (const char* pattern : {"e+d", "a+b", "[a-z]+ed"}) {
            INFO(pattern);
            const Json one = codebook(Json::array({theme("t", Json::array({regex(pattern, false, false)}))}));
            CHECK(highlight(plugins, document, one.dump()) ==
                  referenceSpans(dir.write("one.json", one.dump()), report));
        }
    }
}

TEST_CASE("themes: a pattern Vectorscan refuses is an error naming theme and pattern; the rest still works") {
    const auto report = sourcePath("examples/sample-report.txt");
    const Document document = Document::load(report);
    LoggingHost plugins({"themes"});
    const auto found = highlight(plugins, document, brokenCodebook(false).dump());

    SUBCASE("one error per refused pattern, from the themes plugin") {
        checkBrokenErrors(plugins.errors());
        for (const LogLine& line : plugins.log()) CHECK(line.pluginId == "themes");
    }
    SUBCASE("every other theme finds what it finds with the default codebook") {
        LoggingHost clean({"themes"});
        const auto defaults = highlight(clean, document, defaultCodebookText());
        REQUIRE(!defaults.empty());
        CHECK(withoutTheme(found, "broken") == defaults);
    }
    SUBCASE("the good patterns beside the refused ones work too, as the reference has them") {
        TempDir dir;
        const auto expected = referenceSpans(dir.write("codebook.json", brokenCodebook(true).dump()), report);
        CHECK(std::count_if(found.begin(), found.end(),
                            [](const std::string& s) { return s.ends_with(" broken"); }) >= 10);
        CHECK(missingFrom(found, expected) == "");
        CHECK(missingFrom(expected, found) == "");
    }
    SUBCASE("a codebook whose only pattern is refused highlights nothing, and says why") {
        plugins.clearLog();
        const Json book =
            codebook(Json::array({theme("lonely", Json::array({regex("(x)\\1", false, false)}))}));
        CHECK(highlight(plugins, document, book.dump()).empty());
        REQUIRE(plugins.errors().size() == 1);
        CHECK(plugins.errors()[0].find(R"(theme "Theme lonely" (lonely), regex "(x)\\1": )") !=
              std::string::npos);
    }
}

TEST_CASE("themes: the compiled database is kept per codebook content, so a codebook's errors come once") {
    // A refused pattern is logged when the codebook is compiled: the log shows
    // when the plugin compiled, with no timing.
    const Document sample = Document::load(sourcePath("examples/sample-report.txt"));
    const Document other = Document::fromBytes("Staff wellbeing and burnout; Northmoor.");
    const std::string text = brokenCodebook(false).dump();
    LoggingHost plugins({"themes"});
    const auto first = highlight(plugins, sample, text);
    checkBrokenErrors(plugins.errors());

    SUBCASE("the same codebook again, on any report: no compile, same matches") {
        plugins.clearLog();
        CHECK(highlight(plugins, sample, text) == first);
        CHECK(highlight(plugins, other, text) ==
              std::vector<std::string>{"20-27 wellbeing", "29-38 broken", "6-15 wellbeing"});
        CHECK(plugins.log().empty());
    }
    SUBCASE("a codebook with other content is compiled, and both stay cached") {
        plugins.clearLog();
        const std::string indented = brokenCodebook(false).dump(2);
        CHECK(highlight(plugins, sample, indented) == first);
        checkBrokenErrors(plugins.errors());
        plugins.clearLog();
        CHECK(highlight(plugins, sample, text) == first);
        CHECK(highlight(plugins, other, indented).size() == 3);
        CHECK(plugins.log().empty());
    }
    SUBCASE("the cache is bounded: after many other codebooks, the first is compiled again") {
        for (int i = 0; i < 32; ++i) {
            const Json small = codebook(Json::array(
                {theme("small", Json::array({literal("word" + std::to_string(i), false, true)}))}));
            CHECK(highlight(plugins, other, small.dump()).empty());
        }
        plugins.clearLog();
        CHECK(highlight(plugins, sample, text) == first);
        checkBrokenErrors(plugins.errors());
    }
}
