// PluginHost with the fixture plugins: the good ones work through every
// capability, each bad file is refused with a precise reason before any of its
// code runs, misbehaviour at call time is contained, and the good plugins keep
// serving after all of it.

#include "plugin_test_support.hpp"

#include <doctest/doctest.h>
#include <functional>

using namespace gloss::test;
using gloss::core::PluginError;
using gloss::core::PluginHost;

namespace {

const gloss::core::PluginSummary& summaryOf(const std::vector<gloss::core::PluginSummary>& plugins,
                                            std::string_view id) {
    for (const auto& plugin : plugins)
        if (plugin.id == id) return plugin;
    FAIL("no plugin " << id);
    throw std::logic_error("unreachable");
}

// Every capability of good-c, with its exact output.
void checkGoodC(PluginHost& host) {
    const auto report = document("Page 12 of 345");
    CHECK(describe(host.highlight("good-c", report, "{}")) ==
          std::vector<std::string>{"5-7 number", "11-14 number"});
    CHECK(host.exportAnnotations("fixture-summary", report, R"({"annotations": []})") ==
          "report.txt\t14\t{\"annotations\": []}");
}

// Every capability of good-cpp, its guard() included.
void checkGoodCpp(PluginHost& host) {
    const auto report = document("ésprit");
    // The second code point starts after the two bytes of "é".
    CHECK(describe(host.highlight("good-cpp", report, "{}")) == std::vector<std::string>{"2-3 second"});
    const auto suggestions = host.suggestTags("good-cpp", report, 0, 3, "{}");
    REQUIRE(suggestions.size() == 2);
    CHECK(suggestions[0].tag == "selection");
    CHECK(suggestions[0].score == 1.0);
    CHECK(suggestions[1].tag == "és");
    CHECK(suggestions[1].score == 0.5);
    CHECK(host.importAnnotations("fixture-lines", report, "a\nb\nc") == R"({"lines": 3})");
    // An exception inside guard() is an ordinary failure, not a disabling one.
    CHECK_THROWS_WITH_AS(host.importAnnotations("fixture-lines", report, ""),
                         "plugin good-cpp: import failed: nothing to import", PluginError);
    CHECK_THROWS_WITH_AS(host.highlight("good-cpp", document("é"), "{}"),
                         "plugin good-cpp: highlight is not supported for this input", PluginError);
    CHECK(summaryOf(host.plugins(), "good-cpp").enabled);
}

// Each callback of the throws fixture, called through the host, with the
// reason the host must disable it for.
struct Callback {
    std::string name;
    std::function<void()> call;
    std::string failure;
};

std::vector<Callback> callbacksOfThrows(PluginHost& host, const gloss::core::Document& report) {
    return {
        {"highlight", [&] { host.highlight("throws", report, "{}"); },
         "highlight threw an exception: highlight exploded"},
        {"suggest", [&] { host.suggestTags("throws", report, 0, 4, "{}"); },
         "suggest threw an exception: suggest exploded"},
        {"export", [&] { host.exportAnnotations("throws", report, "{}"); },
         "export threw an exception: export exploded"},
        {"import", [&] { host.importAnnotations("throws", report, "x"); },
         "import threw an exception: import exploded"},
        {"draw", [&] { host.drawPanel("throws", 0, gloss_panel_frame{}, &report); },
         "draw threw an exception"},
    };
}

} // namespace

TEST_CASE("plugin host: the good C plugin highlights and exports through the raw ABI") {
    PluginHost host;
    REQUIRE(host.loadFile(fixture("good_c")));
    const auto plugins = host.plugins();
    REQUIRE(plugins.size() == 1);
    CHECK(plugins[0].id == "good-c");
    CHECK(plugins[0].name == "Fixture good-c");
    CHECK(plugins[0].version == "1.0.0");
    CHECK(plugins[0].capabilities == std::vector<std::string>{"highlighter", "exporter:fixture-summary"});
    const auto exporters = host.exporters();
    REQUIRE(exporters.size() == 1);
    CHECK(exporters[0].pluginId == "good-c");
    CHECK(exporters[0].extension == "txt");
    CHECK(exporters[0].description == "Document name, size and the annotations");
    checkGoodC(host);
}

TEST_CASE("plugin host: the good C++ plugin highlights, suggests and imports with the SDK helpers") {
    PluginHost host;
    REQUIRE(host.loadFile(fixture("good_cpp")));
    CHECK(host.plugins().at(0).capabilities ==
          std::vector<std::string>{"highlighter", "tagger", "importer:fixture-lines"});
    CHECK(host.highlighters() == std::vector<std::string>{"good-cpp"});
    CHECK(host.taggers() == std::vector<std::string>{"good-cpp"});
    checkGoodCpp(host);

    // A selection that is not whole characters of the document never reaches the plugin.
    const auto report = document("ésprit");
    CHECK_THROWS_WITH_AS(host.suggestTags("good-cpp", report, 1, 3, "{}"),
                         "the selection 1-3 is not a range of whole characters of the document", PluginError);
    CHECK_THROWS_AS(host.suggestTags("good-cpp", report, 0, 8, "{}"), PluginError);
    CHECK_THROWS_AS(host.suggestTags("good-cpp", report, 3, 2, "{}"), PluginError);
    // An empty selection at the end is one; its suggestion of "" is dropped.
    const auto atEnd = host.suggestTags("good-cpp", report, 7, 7, "{}");
    REQUIRE(atEnd.size() == 1);
    CHECK(atEnd[0].tag == "selection");
}

TEST_CASE("plugin host: every bad file of the fixtures folder is refused with its path and reason") {
    FixtureLog log;
    PluginHost host;
    host.loadFolders({fixturesDir()});

    std::map<std::string, std::string> refused;
    for (const auto& refusal : host.refusals()) {
        CHECK(refusal.path.parent_path() == fixturesDir());
        CHECK(refusal.path.extension() == GLOSS_PLUGIN_SUFFIX);
        refused[refusal.path.stem().string()] = refusal.reason;
    }
    CHECK(host.refusals().size() == refused.size()); // one refusal per file
    CHECK(refused == expectedRefusals());

    std::vector<std::string> ids;
    for (const auto& plugin : host.plugins()) ids.push_back(plugin.id);
    CHECK(ids == std::vector<std::string>{"bad-spans", "good-c", "good-cpp", "throws", "twin"});
    CHECK(summaryOf(host.plugins(), "twin").version == "a");
    // Init ran for each plugin loaded and for the one whose init refused, but
    // not for a duplicate id, and no code at all of a wrong-ABI build ran.
    CHECK(log.text() == "init good-c\ninit good-cpp\ninit init-fails\ninit throws\ninit twin a\n");
}

TEST_CASE("plugin host: a build for another ABI is refused before any of its code runs") {
    FixtureLog log;
    PluginHost host;
    for (const char* build : {"abi_major", "abi_minor"}) {
        SUBCASE(build) {
            CHECK_FALSE(host.loadFile(fixture(build)));
            CHECK(refusalOf(host, fixture(build)) == expectedRefusals()[build]);
            CHECK_FALSE(log.exists());
        }
    }
    SUBCASE("the control: the same source built for this ABI leaves both notes") {
        CHECK(host.loadFile(aloneFixture("abi_current")));
        CHECK(log.text() == "constructor abi-current\ninit abi-current\n");
    }
    CHECK(host.plugins().size() + host.refusals().size() == 1);
}

TEST_CASE("plugin host: spans past the end or inside a character are dropped and counted") {
    PluginHost host;
    REQUIRE(host.loadFile(fixture("bad_spans")));
    // 13 bytes; the first multi-byte character, "ï", is bytes 2 and 3.
    const auto report = document("Naïve café\n");
    const auto result = host.highlight("bad-spans", report, "{}");
    CHECK(describe(result) == std::vector<std::string>{"0-2 before", "2-13 from-multibyte", "0-13 whole",
                                                       "0-1 buf-1", "1-2 buf-2"});
    CHECK(result.tags == std::vector<std::string>{"before", "from-multibyte", "whole", "buf-1", "buf-2"});
    CHECK(result.dropped == 13);
    CHECK(summaryOf(host.plugins(), "bad-spans").enabled);
}

TEST_CASE("plugin host: a plugin that throws from a callback is disabled with the reason") {
    PluginHost host;
    host.loadFolders({fixturesDir()});
    const auto report = document("Page 12 of 345");
    const auto callbacks = callbacksOfThrows(host, report);
    for (const auto& callback : callbacks) {
        SUBCASE(callback.name.c_str()) {
            CHECK_THROWS_WITH_AS(callback.call(), ("plugin throws was disabled: " + callback.failure).c_str(),
                                 PluginError);
            const auto summary = summaryOf(host.plugins(), "throws");
            CHECK_FALSE(summary.enabled);
            CHECK(summary.disabledReason == callback.failure);
            // Disabled: no further call reaches its code.
            CHECK_THROWS_WITH_AS(host.highlight("throws", report, "{}"),
                                 ("plugin throws is disabled: " + callback.failure).c_str(), PluginError);
            checkGoodC(host);
            checkGoodCpp(host);
            // Enabling it again clears the failure; its next throw disables it again.
            host.setEnabled("throws", true);
            CHECK(summaryOf(host.plugins(), "throws").enabled);
            CHECK_THROWS_AS(callback.call(), PluginError);
            CHECK_FALSE(summaryOf(host.plugins(), "throws").enabled);
        }
    }
}

TEST_CASE("plugin host: after every bad fixture has done its worst, the good plugins still serve") {
    PluginHost host;
    host.loadFolders({fixturesDir()});
    const auto report = document("Naïve café\n");
    CHECK(host.highlight("bad-spans", report, "{}").dropped == 13);
    for (const auto& callback : callbacksOfThrows(host, report)) {
        CHECK_THROWS_AS(callback.call(), PluginError);
        host.setEnabled("throws", true);
    }
    CHECK_THROWS_WITH_AS(host.highlight("abi-major", report, "{}"),
                         "no plugin provides a highlighter with the id abi-major", PluginError);
    CHECK_THROWS_WITH_AS(host.exportAnnotations("no-such-format", report, "{}"),
                         "no plugin provides the export format no-such-format", PluginError);
    checkGoodC(host);
    checkGoodCpp(host);
    CHECK(host.refusals().size() == expectedRefusals().size());
}
