// gloss-cli and plugins: `plugins` reports every fixture, loaded or refused;
// no command loads a plugin that lies beside a report.

#include "plugin_test_support.hpp"
#include "process.hpp"

#include <algorithm>
#include <csignal>
#include <doctest/doctest.h>
#include <sstream>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

using namespace gloss::test;

namespace {

std::vector<std::string> linesOf(const std::string& text) {
    std::vector<std::string> lines;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);) lines.push_back(line);
    return lines;
}

bool contains(const std::vector<std::string>& lines, const std::string& line) {
    return std::find(lines.begin(), lines.end(), line) != lines.end();
}

// Only the folders a test names: no plugins of the user's own.
struct HermeticPluginPath {
    TempDir emptyData;
    ScopedEnv data{"XDG_DATA_HOME", emptyData.path().string()};
    ScopedEnv path{"GLOSS_PLUGIN_PATH", std::nullopt};
};

} // namespace

TEST_CASE("gloss-cli plugins: lists the good fixtures with their capabilities and each bad file refused") {
    HermeticPluginPath hermetic;
    const ProcessResult result = runCli({"plugins", "--plugin-dir", fixturesDir().string()});
    INFO(result.out << result.err);
    CHECK(result.exitCode == 1);
    const auto lines = linesOf(result.out);
    const auto dir = fixturesDir().string() + "/";
    for (const std::string& line : {
             "bad-spans\t1.0.0\thighlighter\t" + dir + "bad_spans.gloss-plugin",
             "good-c\t1.0.0\thighlighter,exporter:fixture-summary\t" + dir + "good_c.gloss-plugin",
             "good-cpp\t2.1.0\thighlighter,tagger,importer:fixture-lines\t" + dir + "good_cpp.gloss-plugin",
             "throws\t1.0.0\thighlighter,tagger,exporter:throws,importer:throws,panel\t" + dir +
                 "throws.gloss-plugin",
             "twin\ta\t-\t" + dir + "twin_a.gloss-plugin",
         })
        CHECK_MESSAGE(contains(lines, line), line);

    std::vector<std::string> refused;
    for (const auto& line : lines)
        if (line.starts_with("refused\t" + dir)) refused.push_back(line);
    std::vector<std::string> expected;
    for (const auto& [name, reason] : expectedRefusals())
        expected.push_back("refused\t" + fixture(name).string() + ": " + reason);
    std::sort(refused.begin(), refused.end());
    CHECK(refused == expected);
}

TEST_CASE("gloss-cli: a plugin beside a report is never loaded") {
    HermeticPluginPath hermetic;
    FixtureLog log;
    TempDir folder;
    const auto report = folder.write("report.txt", "A short report.\n");
    const auto beside = folder / "beside.gloss-plugin";
    std::filesystem::copy_file(aloneFixture("abi_current"), beside);
    const auto cli = [&](const std::vector<std::string>& arguments) {
        // Run from the report's folder, so not even the working folder counts.
        std::vector<std::string> all{"-C", folder.path().string(), GLOSS_CLI};
        all.insert(all.end(), arguments.begin(), arguments.end());
        return run("/usr/bin/env", all);
    };

    SUBCASE("commands that read a report or load plugins") {
        const std::vector<std::vector<std::string>> commands{
            {"info", report.string()},
            {"info", "report.txt"},
            {"plugins"},
            {"highlight", "report.txt", "-o", "out.json", "--highlighter", "abi-current"},
        };
        for (const auto& command : commands) {
            const ProcessResult result = cli(command);
            INFO(command.front() << ": " << result.out << result.err);
            if (command.front() == "info") CHECK(result.exitCode == 0);
            if (command.front() == "highlight")
                CHECK(result.err.find("no plugin provides a highlighter with the id abi-current") !=
                      std::string::npos);
            CHECK(result.out.find("abi-current\t") == std::string::npos);
            CHECK(result.out.find(beside.string()) == std::string::npos);
        }
        CHECK_FALSE(log.exists());
    }
    SUBCASE("the control: named with --plugin-dir it loads, and leaves its notes") {
        const ProcessResult result = cli({"plugins", "--plugin-dir", folder.path().string()});
        CHECK(result.out.find("abi-current\t1.0.0\t-\t" + beside.string()) != std::string::npos);
        CHECK(log.text() == "constructor abi-current\ninit abi-current\n");
    }
}

TEST_CASE("gloss-cli plugins: copies are loaded from a private folder, never one another user made") {
    HermeticPluginPath hermetic;
    const TempDir tmp;
    const ScopedEnv tmpdir("TMPDIR", tmp.path().string());
    const ScopedEnv runtime("XDG_RUNTIME_DIR", std::nullopt);
    // The predictable folder an attacker can make first, open to everyone.
    const auto planted = tmp / ("gloss-plugins-" + std::to_string(::geteuid()));
    std::filesystem::create_directory(planted);
    ::chmod(planted.c_str(), 0777);
    struct stat before {};
    REQUIRE(::stat(planted.c_str(), &before) == 0);
    // A folder left by a killed process of this user, and one of a live process.
    const pid_t gone = ::fork();
    REQUIRE(gone >= 0);
    if (gone == 0) ::_exit(0);
    ::waitpid(gone, nullptr, 0);
    const auto stale =
        tmp / ("gloss-plugins-" + std::to_string(::geteuid()) + "-" + std::to_string(gone) + "-abcdef");
    const auto live =
        tmp / ("gloss-plugins-" + std::to_string(::geteuid()) + "-" + std::to_string(::getpid()) + "-abcdef");
    for (const auto& folder : {stale, live}) {
        std::filesystem::create_directory(folder);
        ::chmod(folder.c_str(), 0700);
        tmp.write((folder / "1-left.gloss-plugin").string().substr(tmp.path().string().size() + 1), "copy");
    }

    const ProcessResult result = runCli({"plugins", "--plugin-dir", fixturesDir().string()});
    INFO(result.out << result.err);
    CHECK(contains(linesOf(result.out), "good-c\t1.0.0\thighlighter,exporter:fixture-summary\t" +
                                            fixturesDir().string() + "/good_c.gloss-plugin"));
    struct stat after {};
    REQUIRE(::stat(planted.c_str(), &after) == 0);
    CHECK(after.st_mtim.tv_sec == before.st_mtim.tv_sec);
    CHECK(after.st_mtim.tv_nsec == before.st_mtim.tv_nsec); // nothing was ever written in it
    CHECK(std::filesystem::is_empty(planted));
    CHECK_FALSE(std::filesystem::exists(stale));
    CHECK(std::filesystem::exists(live / "1-left.gloss-plugin"));
    // The copies' own folders are gone once the plugins are mapped.
    size_t entries = 0;
    for ([[maybe_unused]] const auto& entry : std::filesystem::directory_iterator(tmp.path())) ++entries;
    CHECK(entries == 2);
}

TEST_CASE("gloss-cli: a plugin that crashes is named in the last line on stderr") {
    HermeticPluginPath hermetic;
    const TempDir dir;
    const auto report = dir.write("report.txt", "Staff told the review that they felt heard.\n");
    const auto out = dir / "out.json";
    const ProcessResult result = runCli({"highlight", report.string(), "-o", out.string(), "--highlighter",
                                         "crashes", "--plugin-dir", GLOSS_TEST_UNSAFE_DIR});
    INFO(result.err);
    CHECK(result.exitCode == 128 + SIGSEGV);
    const auto lines = linesOf(result.err);
    REQUIRE_FALSE(lines.empty());
    CHECK(lines.back() ==
          "gloss-cli: plugin crashes crashed (SIGSEGV) in highlight; run without it, or update it");
    CHECK_FALSE(std::filesystem::exists(out));
}

TEST_CASE("gloss-cli plugins: a plugin with a bad id or no init is refused before any of its code runs") {
    HermeticPluginPath hermetic;
    const FixtureLog log;
    const ProcessResult result = runCli({"plugins", "--plugin-dir", GLOSS_TEST_UNSAFE_DIR});
    INFO(result.out << result.err);
    CHECK(result.exitCode == 1);
    const std::string dir = std::string(GLOSS_TEST_UNSAFE_DIR) + "/";
    const auto lines = linesOf(result.out);
    CHECK(contains(lines,
                   "refused\t" + dir +
                       "bad_id.gloss-plugin: its id \"Bad Id!\" is not 1-64 of a-z, 0-9, '-', '_', '.'"));
    CHECK(contains(lines, "refused\t" + dir +
                              "no_init.gloss-plugin: its descriptor has no name or no init function"));
    CHECK(contains(lines, "crashes\t1.0.0\thighlighter\t" + dir + "crashes.gloss-plugin"));
    CHECK_FALSE(log.exists()); // no constructor ran
}
