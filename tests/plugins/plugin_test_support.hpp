#pragma once

// Helpers shared by the plugin tests: where the fixture plugins are, what the
// host must say about the bad ones, the notes fixtures leave, and ways to look
// at a HighlightResult.

#include "gloss/core/document.hpp"
#include "gloss/core/plugin_host.hpp"
#include "scoped_env.hpp"
#include "temp_dir.hpp"

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace gloss::test {

// The folder of fixtures loaded together, and one fixture by file name
// without the suffix ("good_c").
std::filesystem::path fixturesDir();
std::filesystem::path fixture(std::string_view name);
// A fixture meant to be loaded alone ("reload_v1").
std::filesystem::path aloneFixture(std::string_view name);

// For each refused file of fixturesDir(), by file name, the host's reason.
std::map<std::string, std::string> expectedRefusals();

// The notes fixture plugins write while it lives (fixtures/fixture.h):
// "constructor ID", "init ID", "shutdown ID", one a line. Child processes
// inherit it.
class FixtureLog {
  public:
    FixtureLog();
    bool exists() const { return std::filesystem::exists(path_); }
    std::string text() const; // "" when no plugin code wrote a note

  private:
    TempDir folder_;
    std::filesystem::path path_;
    ScopedEnv env_;
};

core::Document document(std::string text);

// Each span as "start-end tag", in the order the plugin emitted them.
std::vector<std::string> describe(const core::HighlightResult& result);

// The reason the host gave for refusing `path`, "" when it did not.
std::string refusalOf(const core::PluginHost& host, const std::filesystem::path& path);

// Puts a copy of `source` at `target` as a build does: written beside it,
// then renamed over it.
void replaceFile(const std::filesystem::path& source, const std::filesystem::path& target);

} // namespace gloss::test
