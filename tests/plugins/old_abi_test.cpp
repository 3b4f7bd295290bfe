// A plugin built against the frozen ABI 1.1 header (fixtures/old_abi.c) in
// the real PluginHost. This file is compiled twice: into gloss_plugin_tests,
// against the SDK's gloss/plugin.h, and into gloss_plugin_abi_tests, against
// a plugin.h whose gloss_highlighter has grown by a field in a minor of its
// own (abi_growth_test.cpp). Both hosts must load the old plugin and use
// every table it registered, and both must refuse a table smaller than its
// first layout, naming the file, the table and the sizes.

#include "gloss/core/document.hpp"
#include "gloss/core/plugin_abi.hpp"
#include "gloss/core/plugin_host.hpp"

#include <algorithm>
#include <doctest/doctest.h>
#include <filesystem>
#include <string>

using gloss::core::Document;
using gloss::core::PluginHost;

namespace {

std::filesystem::path oldAbiFixture(const std::string& name) {
    return std::filesystem::path(GLOSS_TEST_ALONE_DIR) / (name + GLOSS_PLUGIN_SUFFIX);
}

} // namespace

TEST_CASE("old ABI: a plugin built against the 1.1 header loads and serves every table it registered") {
    const auto file = oldAbiFixture("old_abi");
    PluginHost host;
    REQUIRE_MESSAGE(host.loadFile(file), (host.refusals().empty() ? "" : host.refusals().front().reason));
    const auto plugins = host.plugins();
    REQUIRE(plugins.size() == 1);
    CHECK(plugins[0].id == "old-abi");
    CHECK(plugins[0].capabilities == std::vector<std::string>{"highlighter", "tagger", "exporter:old-abi",
                                                              "importer:old-abi", "source:old-abi", "panel"});

    const Document report = Document::fromBytes("abcdef", gloss::core::Encoding::Utf8, "report.txt");
    const auto spans = host.highlight("old-abi", report, "{}");
    REQUIRE(spans.spans.size() == 1);
    CHECK(spans.spans[0].start == 0);
    CHECK(spans.spans[0].end == 3);
    CHECK(spans.tags == std::vector<std::string>{"old"});
    const auto suggestions = host.suggestTags("old-abi", report, 0, 3, "{}");
    REQUIRE(suggestions.size() == 1);
    CHECK(suggestions[0].tag == "old");
    CHECK(host.exportAnnotations("old-abi", report, "{}") == "old");
    CHECK(host.importAnnotations("old-abi", report, "x") == "old");
    CHECK(host.extractText("old-abi", "bytes", "report.old").text == "old text");
    // The tagger table's `edit` was in 1.0 and the plugin left it NULL.
    CHECK_THROWS_WITH_AS(host.editTags("old-abi", report, {}),
                         "plugin old-abi has no tagger that edits annotations", gloss::core::PluginError);
}

TEST_CASE("old ABI: a table smaller than its first layout is refused, naming the file, the table and sizes") {
    const auto file = oldAbiFixture("old_abi_short");
    PluginHost host;
    CHECK_FALSE(host.loadFile(file));
    CHECK(host.plugins().empty());
    REQUIRE(host.refusals().size() == 1);
    CHECK(host.refusals()[0].path == file);
    using Known = gloss::core::PluginTable<gloss_highlighter>;
    // The fixture declares the size up to, not including, its callback.
    CHECK(host.refusals()[0].reason == "init failed: gloss_highlighter has struct_size " +
                                           std::to_string(offsetof(gloss_highlighter, highlight)) +
                                           ", less than the " + std::to_string(Known::firstLayoutSize) +
                                           " bytes it has had since ABI 1.0");
}
