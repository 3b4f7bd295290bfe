#pragma once

// Helpers shared by the tests of the built-in plugins: where this build put
// them, a host that keeps what plugins log, highlights in code points, the
// Python reference for theme matches, and an environment with no plugins of
// the user's own.

#include "gloss/core/document.hpp"
#include "gloss/core/plugin_host.hpp"
#include "scoped_env.hpp"
#include "temp_dir.hpp"

#include <filesystem>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace gloss::test {

// This build's plugin file for `id` ("themes", "tagging").
std::filesystem::path builtinPlugin(std::string_view id);

struct LogLine {
    int level = 0;
    std::string pluginId;
    std::string message;
};

// A PluginHost with the given built-in plugins loaded (REQUIREd), whose log
// lines are kept in `log` instead of going to stderr.
class LoggingHost {
  public:
    explicit LoggingHost(const std::vector<std::string>& pluginIds);
    core::PluginHost& host() { return *host_; }
    const std::vector<LogLine>& log() const { return log_; }
    std::vector<std::string> errors() const; // messages logged at GLOSS_LOG_ERROR
    void clearLog() { log_.clear(); }

  private:
    std::vector<LogLine> log_; // before host_, which logs into it
    std::unique_ptr<core::PluginHost> host_;
};

// The default codebook's text (examples/codebook.json).
std::string defaultCodebookText();

// A highlight result as "start-end tag" lines, offsets in code points, sorted.
std::vector<std::string> codepointSpans(const core::Document& document, const core::HighlightResult& result);

// What theme_reference.py expects for `report` with `codebook`, in the form
// of codepointSpans().
std::vector<std::string> referenceSpans(const std::filesystem::path& codebook,
                                        const std::filesystem::path& report);

// The lines of `a` not in `b` (both sorted), joined by newlines: "" when
// every line of `a` is in `b`. Shows a difference in a failed CHECK.
std::string missingFrom(const std::vector<std::string>& a, const std::vector<std::string>& b);

std::vector<std::string> linesOf(const std::string& text);

// Codebooks for the tests: patterns, a theme with them, a codebook of themes.
nlohmann::json literal(std::string text, bool caseSensitive, bool wholeWord);
nlohmann::json regex(std::string text, bool caseSensitive, bool wholeWord);
nlohmann::json theme(const std::string& id, nlohmann::json patterns);
nlohmann::json codebook(nlohmann::json tags);

// Patterns that crash Vectorscan 5.4.9 when asked for match starts (a
// repeat before a literal tail), in three themes, and a text of more than
// 255 bytes full of their matches: long runs, overlaps, whole words.
nlohmann::json hostileThemeCodebook();
std::string hostileThemeText();

// The default codebook with a theme "broken" inserted in the middle, whose two
// regexes Vectorscan refuses (an unclosed group, a backreference) beside one
// good literal ("Northmoor"), and a refused regex added to the wellbeing
// theme. With `refusedLeftOut`, the same codebook without the three refused
// patterns.
nlohmann::json brokenCodebook(bool refusedLeftOut);
// What the error for each refused pattern of brokenCodebook() says of it.
const std::vector<std::string>& brokenCodebookErrors();
// `errors` (in any order) are the errors brokenCodebook() should give: one
// for each of brokenCodebookErrors(), which it contains followed by ": " and
// Vectorscan's reason.
void checkBrokenErrors(const std::vector<std::string>& errors);

// gloss-cli run while it lives sees only the plugins beside it (this
// build's): no user data folder, no GLOSS_PLUGIN_PATH.
struct HermeticPluginPath {
    TempDir emptyData;
    ScopedEnv data{"XDG_DATA_HOME", emptyData.path().string()};
    ScopedEnv path{"GLOSS_PLUGIN_PATH", std::nullopt};
};

} // namespace gloss::test
