#include "plugin_test_support.hpp"

#include <cstdlib>
#include <doctest/doctest.h>

namespace gloss::test {

namespace {

std::string abi(uint32_t major, uint32_t minor) {
    return std::to_string(major) + "." + std::to_string(minor);
}

std::filesystem::path pluginFile(const char* folder, std::string_view name) {
    return std::filesystem::path(folder) / (std::string(name) + GLOSS_PLUGIN_SUFFIX);
}

} // namespace

std::filesystem::path fixturesDir() {
    return GLOSS_TEST_FIXTURES_DIR;
}

std::filesystem::path fixture(std::string_view name) {
    return pluginFile(GLOSS_TEST_FIXTURES_DIR, name);
}

std::filesystem::path aloneFixture(std::string_view name) {
    return pluginFile(GLOSS_TEST_ALONE_DIR, name);
}

std::map<std::string, std::string> expectedRefusals() {
    const std::string host = abi(GLOSS_PLUGIN_ABI_MAJOR, GLOSS_PLUGIN_ABI_MINOR);
    return {
        {"abi_major", "built for plugin ABI " + abi(GLOSS_PLUGIN_ABI_MAJOR + 1, GLOSS_PLUGIN_ABI_MINOR) +
                          "; this Gloss loads ABI " + host},
        {"abi_minor", "built for plugin ABI " + abi(GLOSS_PLUGIN_ABI_MAJOR, GLOSS_PLUGIN_ABI_MINOR + 1) +
                          ", newer than this Gloss (" + host + "); update Gloss"},
        {"init_fails", "init failed: the fixture's licence file is missing"},
        {"no_entry", "no gloss_plugin_entry function: not a Gloss plugin"},
        {"notaplugin", "no gloss_plugin_abi_version symbol: not a Gloss plugin"},
        {"random", "not an ELF shared library"},
        {"twin_b", "id \"twin\" is already loaded from " + fixture("twin_a").string()},
    };
}

FixtureLog::FixtureLog() : path_(folder_ / "notes.log"), env_("GLOSS_FIXTURE_LOG", path_.string()) {}

std::string FixtureLog::text() const {
    return exists() ? readText(path_) : std::string();
}

core::Document document(std::string text) {
    return core::Document::fromBytes(std::move(text), core::Encoding::Utf8, "report.txt");
}

std::vector<std::string> describe(const core::HighlightResult& result) {
    std::vector<std::string> spans;
    for (const auto& span : result.spans) {
        REQUIRE(span.tag < result.tags.size());
        spans.push_back(std::to_string(span.start) + "-" + std::to_string(span.end) + " " +
                        result.tags[span.tag]);
    }
    return spans;
}

std::string refusalOf(const core::PluginHost& host, const std::filesystem::path& path) {
    for (const auto& refusal : host.refusals())
        if (refusal.path == path) return refusal.reason;
    return {};
}

void replaceFile(const std::filesystem::path& source, const std::filesystem::path& target) {
    const auto next = target.string() + ".next";
    std::filesystem::copy_file(source, next, std::filesystem::copy_options::overwrite_existing);
    std::filesystem::rename(next, target);
}

} // namespace gloss::test
