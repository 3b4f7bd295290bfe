// ABI minors 1 and 2 from the plugin side: a 1.0 build still loads, and what
// a source returns (text, pages, headings) is checked before it becomes a
// report (bad-source fixture).

#include "gloss/core/files.hpp"
#include "plugin_test_support.hpp"

#include <doctest/doctest.h>

using gloss::core::PluginError;
using gloss::core::PluginHost;
using namespace gloss::test;

TEST_CASE("plugin host: a build for ABI 1.0 loads and runs on this 1.2 host") {
    static_assert(GLOSS_PLUGIN_ABI_MAJOR == 1 && GLOSS_PLUGIN_ABI_MINOR == 2);
    FixtureLog log;
    PluginHost host;
    CHECK(host.loadFile(aloneFixture("abi_1_0")));
    CHECK(host.refusals().empty());
    CHECK(log.text() == "constructor abi-1-0\ninit abi-1-0\n");
    // The "newer minor" build is now 1.3.
    CHECK(
        expectedRefusals()["abi_minor"].starts_with("built for plugin ABI 1.3, newer than this Gloss (1.2)"));
}

TEST_CASE("plugin host: a source's text and pages are checked, with a reason for each refusal") {
    PluginHost host;
    REQUIRE(host.loadFile(aloneFixture("bad_source")));
    REQUIRE(host.sources().size() == 1);
    const auto source = host.sources().front();
    CHECK(source.extensions == std::vector<std::string>{"bad", "bad2"});
    CHECK(source.magic == "BAD!");
    CHECK(host.plugins().front().capabilities == std::vector<std::string>{"source:bad"});

    const auto good = host.extractText("bad", "good", "x.bad");
    CHECK(good.text == "one\ftwo");
    CHECK(good.pageStarts == std::vector<uint64_t>{0, 4});
    CHECK(good.extractor.name == "fixture-extractor");
    CHECK(good.extractor.version == "0.1");
    CHECK(good.headings.empty());
    const auto headed = host.extractText("bad", "headings", "x.bad");
    CHECK(headed.headings == std::vector<gloss::core::Heading>{{0, 3, 1}, {4, 7, 2}});

    const std::map<std::string, std::string> refusals{
        {"utf8", "plugin bad-source: extracted text that is not UTF-8 at byte 2"},
        {"backwards", "plugin bad-source: extracted page 3 starting at byte 2, not after page 2 (byte 3)"},
        {"split", "plugin bad-source: extracted page 2 starting at byte 2, inside a character"},
        {"past",
         "plugin bad-source: extracted page 2 starting at byte 3, past the end of the text (3 bytes)"},
        {"late", "plugin bad-source: extracted page 1 starting at byte 1, not 0"},
        {"empty", "plugin bad-source: extracted no text"},
        {"twice", "plugin bad-source: set_text was called more than once"},
        {"none", "plugin bad-source: extract set no text"},
        {"fail", "plugin bad-source: extract failed: the fixture does not know this file"},
        {"early", "plugin bad-source: set_headings was called before set_text"},
        {"deep", "plugin bad-source: extracted heading 2 at bytes 4..7, at level 7, not 1 to 6"},
        {"unordered", "plugin bad-source: extracted heading 2 at bytes 0..7, not after heading 1 (byte 0)"},
        {"torn", "plugin bad-source: extracted heading 1 at bytes 0..2, inside a character"},
    };
    for (const auto& [input, reason] : refusals) {
        CAPTURE(input);
        CHECK_THROWS_WITH_AS(host.extractText("bad", input, "x.bad"), reason.c_str(), PluginError);
    }
    // A refused text does not disable the plugin.
    CHECK(host.plugins().front().enabled);
}

TEST_CASE("plugin host: loadReport goes through the source claiming the extension, else the magic") {
    TempDir dir;
    PluginHost host;
    REQUIRE(host.loadFile(aloneFixture("bad_source")));
    const auto report =
        gloss::core::loadReport(dir.write("report.BAD2", "good"), gloss::core::Encoding::Utf8, &host);
    CHECK(report.utf8() == "one\ftwo");
    CHECK(report.pageCount() == 2);
    CHECK(report.pageOfByte(5) == 1);
    CHECK(report.extractor()->name == "fixture-extractor");
    CHECK(gloss::core::describeReport(report).extractor == report.extractor());

    // Magic "BAD!" only when no source claims the extension; .txt is claimed by none.
    CHECK_THROWS_WITH_AS(
        gloss::core::loadReport(dir.write("magic.txt", "BAD!?"), gloss::core::Encoding::Utf8, &host),
        ((dir / "magic.txt").string() +
         ": plugin bad-source: extract failed: the fixture does not know this file")
            .c_str(),
        gloss::core::InputError);
    CHECK(
        gloss::core::loadReport(dir.write("plain.txt", "good"), gloss::core::Encoding::Utf8, &host).utf8() ==
        "good");
    // A name ending in a dot, or without an extension, is claimed by none.
    for (const char* name : {"trailing-dot.", "no-extension"}) {
        CAPTURE(name);
        CHECK(gloss::core::loadReport(dir.write(name, "good"), gloss::core::Encoding::Utf8, &host).utf8() ==
              "good");
    }
}

TEST_CASE("plugin host: documents passed to plugins carry their page starts") {
    const auto report = document("one\ftwo\fthree\f");
    CHECK(report.pageStarts() == std::vector<uint64_t>{0, 4, 8});
    CHECK(report.pageOfByte(0) == 0);
    CHECK(report.pageOfByte(9) == 2);
}
