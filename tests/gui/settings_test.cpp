// Settings: defaults, a round trip, recent files and broken files, on real
// files under a temporary $XDG_CONFIG_HOME.

#include "gloss/core/file_io.hpp"
#include "platform/settings.hpp"
#include "platform/xdg.hpp"
#include "scoped_env.hpp"
#include "temp_dir.hpp"

#include <doctest/doctest.h>

using namespace gloss::gui;
using gloss::test::readText;
using gloss::test::ScopedEnv;
using gloss::test::TempDir;

namespace {

RecentFile recentIn(const TempDir& dir, const std::string& name) {
    return {dir.write(name + ".txt", "report"), dir / (name + ".gloss.json"), {}};
}

} // namespace

TEST_CASE("xdg: folders come from the variables when absolute, else from the home folder") {
    ScopedEnv home("HOME", "/home/someone");
    SUBCASE("set") {
        ScopedEnv config("XDG_CONFIG_HOME", "/cfg");
        ScopedEnv state("XDG_STATE_HOME", "/st");
        ScopedEnv data("XDG_DATA_HOME", "/dt");
        CHECK(xdgFolder(XdgFolder::Config) == "/cfg");
        CHECK(xdgFolder(XdgFolder::State) == "/st");
        CHECK(xdgFolder(XdgFolder::Data) == "/dt");
    }
    SUBCASE("unset, empty or relative") {
        ScopedEnv config("XDG_CONFIG_HOME", std::nullopt);
        ScopedEnv state("XDG_STATE_HOME", "");
        ScopedEnv data("XDG_DATA_HOME", "relative/data");
        CHECK(xdgFolder(XdgFolder::Config) == "/home/someone/.config");
        CHECK(xdgFolder(XdgFolder::State) == "/home/someone/.local/state");
        CHECK(xdgFolder(XdgFolder::Data) == "/home/someone/.local/share");
    }
}

TEST_CASE("settings: they live in $XDG_CONFIG_HOME/gloss, else ~/.config/gloss") {
    ScopedEnv home("HOME", "/home/someone");
    {
        ScopedEnv config("XDG_CONFIG_HOME", "/cfg");
        CHECK(settingsPath() == "/cfg/gloss/settings.json");
    }
    ScopedEnv config("XDG_CONFIG_HOME", std::nullopt);
    CHECK(settingsPath() == "/home/someone/.config/gloss/settings.json");
}

TEST_CASE("settings: a missing file gives the defaults without an error") {
    TempDir dir;
    const LoadedSettings loaded = loadSettings(dir / "gloss" / "settings.json");
    CHECK(loaded.error.empty());
    CHECK(loaded.settings == Settings{});
}

TEST_CASE("settings: a file that names only some settings keeps the defaults of the others") {
    TempDir dir;
    const auto path = dir.write("settings.json", R"({"version": 1, "font_size": 22, "style": "dark"})");
    const LoadedSettings loaded = loadSettings(path);
    CHECK(loaded.error.empty());
    Settings expected;
    expected.fontSize = 22;
    expected.style = Style::Dark;
    CHECK(loaded.settings == expected);
}

TEST_CASE("settings: what is saved is loaded back, atomically and in a new folder") {
    TempDir dir;
    Settings settings;
    settings.style = Style::Dark;
    settings.fontSize = 19.5f;
    settings.sidebarWidth = 31.25f;
    settings.windowWidth = 1600;
    settings.windowHeight = 900;
    settings.author = "Zoë Adébáyọ̀";
    settings.lastFolder = dir.path();
    settings.disabledPlugins = {"themes"};
    settings.addedPlugins = {dir / "hello.gloss-plugin"};
    settings.readingWidth = 40;
    addRecentFile(settings, recentIn(dir, "older"));
    addRecentFile(settings, {dir.write("newer.txt", "r"), dir / "n.json", dir.write("codebook.json", "{}")});
    const auto path = dir / "config" / "gloss" / "settings.json";
    CHECK(saveSettings(settings, path).empty());
    const LoadedSettings loaded = loadSettings(path);
    CHECK(loaded.error == "");
    CHECK(loaded.settings == settings);
    CHECK(loaded.settings.recent.front().report.filename() == "newer.txt");
    const auto json = nlohmann::json::parse(readText(path));
    CHECK(json.at("style") == "dark");
    CHECK(json.at("recent").size() == 2);
}

TEST_CASE("settings: recent files are most recent first, de-duplicated, at most ten") {
    TempDir dir;
    Settings settings;
    for (int i = 0; i < 12; ++i) addRecentFile(settings, recentIn(dir, "r" + std::to_string(i)));
    REQUIRE(settings.recent.size() == kMaxRecentFiles);
    CHECK(settings.recent.front().report.filename() == "r11.txt");
    CHECK(settings.recent.back().report.filename() == "r2.txt");

    // Opening r5 again (through another spelling of its path) moves it first.
    RecentFile again = recentIn(dir, "r5");
    again.report = dir.path() / "." / "r5.txt";
    again.codebook = dir.write("cb.json", "{}");
    addRecentFile(settings, again);
    CHECK(settings.recent.size() == kMaxRecentFiles);
    CHECK(settings.recent.front().codebook.filename() == "cb.json");
    CHECK(std::count_if(settings.recent.begin(), settings.recent.end(),
                        [](const RecentFile& r) { return r.report.filename() == "r5.txt"; }) == 1);

    SUBCASE("the same report with other annotations is another entry") {
        RecentFile other = recentIn(dir, "r11");
        other.annotations = dir / "second-coder.json";
        addRecentFile(settings, other);
        CHECK(settings.recent[0].annotations.filename() == "second-coder.json");
        CHECK(settings.recent[1].report.filename() == "r5.txt");
        CHECK(settings.recent[2].report.filename() == "r11.txt");
    }
    SUBCASE("entries whose report or codebook is gone are left out on reading") {
        const auto path = dir / "settings.json";
        saveSettings(settings, path);
        std::filesystem::remove(dir / "r9.txt");
        std::filesystem::remove(dir / "cb.json"); // r5's codebook
        const LoadedSettings loaded = loadSettings(path);
        CHECK(loaded.error.empty());
        CHECK(loaded.settings.recent.size() == kMaxRecentFiles - 2);
        for (const auto& recent : loaded.settings.recent) {
            CHECK(recent.report.filename() != "r9.txt");
            CHECK(recent.report.filename() != "r5.txt");
        }
        CHECK(loaded.settings.recent.front().report.filename() == "r11.txt");
    }
    SUBCASE("a hand-edited file with duplicates keeps the first, newest entry") {
        nlohmann::ordered_json json = settings;
        json["recent"].push_back(json["recent"][3]);
        json["recent"][3]["codebook"] = "";
        json["recent"].back()["codebook"] = (dir / "cb.json").string();
        const auto path = dir.write("dup.json", json.dump());
        const LoadedSettings loaded = loadSettings(path);
        REQUIRE(loaded.error.empty());
        CHECK(loaded.settings.recent.size() == kMaxRecentFiles);
        CHECK(loaded.settings.recent[3].codebook.empty());
    }
}

TEST_CASE("settings: a broken file gives the defaults, one line naming it, and is kept") {
    TempDir dir;
    Settings valid;
    valid.author = "kept";
    nlohmann::ordered_json json = valid;
    struct Case {
        std::string name;
        std::string text;
        const char* where;
    };
    const auto with = [&](const char* key, nlohmann::ordered_json value) {
        nlohmann::ordered_json changed = json;
        changed[key] = std::move(value);
        return changed.dump();
    };
    const auto without = [&](const char* key) {
        nlohmann::ordered_json changed = json;
        changed.erase(key);
        return changed.dump();
    };
    nlohmann::ordered_json badRecent = json;
    badRecent["recent"] = {{{"report", "/r.txt"}, {"annotations", "/a.json"}, {"codebook", ""}},
                           {{"report", 7}, {"annotations", "/b.json"}, {"codebook", ""}}};
    const std::vector<Case> cases = {
        {"syntax", "{\"version\": 1,\n \"style\": ", "line 2"},
        {"not an object", "[1, 2]", "not a JSON object"},
        {"deep nesting", std::string(100000, '['), "nesting"},
        {"wrong type", with("font_size", "big"), "font_size: expected a number"},
        {"out of range", with("window_width", 5), "window_width: 5 is outside"},
        {"sidebar too narrow", with("sidebar_width", 2), "sidebar_width: outside 8..80"},
        {"wrapping", with("window_width", 4294968096LL), "window_width: 4294968096 is outside"},
        {"float window", with("window_height", 800.5), "window_height: expected a whole number"},
        {"unknown style", with("style", "sepia"), "style: expected \"light\" or \"dark\""},
        {"reading width", with("reading_width", 3), "reading_width: expected 0 or 16..400"},
        {"disabled plugin", with("disabled_plugins", {1}), "disabled_plugins"},
        {"missing version", without("version"), "version: missing"},
        {"newer version", with("version", 2), "version: 2 is not supported"},
        {"bad recent entry", badRecent.dump(), "recent[1].report: type must be string"},
        {"invalid UTF-8", "{\"author\": \"\xff\"}", "UTF-8"},
    };
    for (const Case& c : cases) {
        CAPTURE(c.name);
        const auto path = dir.write("settings.json", c.text);
        const LoadedSettings loaded = loadSettings(path);
        CHECK(loaded.settings == Settings{});
        CHECK(loaded.error.starts_with(path.string() + ": "));
        CHECK(loaded.error.find(c.where) != std::string::npos);
        CHECK(loaded.error.find('\n') == std::string::npos);
        CHECK(readText(path) == c.text);
    }

    SUBCASE("changing a setting keeps the broken file beside the new one") {
        const std::string broken = "{\"version\": 1, \"style\": \"sepia\"";
        const auto path = dir.write("settings.json", broken);
        Settings changed = loadSettings(path).settings;
        changed.style = Style::Dark;
        const std::string message = saveSettings(changed, path);
        CHECK(message.find(path.string() + ".broken") != std::string::npos);
        CHECK(readText(path.string() + ".broken") == broken);
        CHECK(loadSettings(path).settings.style == Style::Dark);
        // The next save has nothing to keep: the backup stays as it is.
        CHECK(saveSettings(changed, path).empty());
        CHECK(readText(path.string() + ".broken") == broken);
    }
}

TEST_CASE("settings: a folder that cannot be written is an error naming the file") {
    TempDir dir;
    const auto blocker = dir.write("not-a-folder", "x");
    try {
        saveSettings(Settings{}, blocker / "settings.json");
        FAIL("saving into a file as if it were a folder succeeded");
    } catch (const gloss::core::IoError& e) {
        CHECK(std::string(e.what()).starts_with((blocker / "settings.json").string() + ": "));
    }
}

TEST_CASE("settings: a window size kept on a larger screen is fitted to this one's work area") {
    // A 2560x1440 window kept, then a 1366x768 laptop screen with a 32 px panel.
    const WindowSize laptop = fitWindowToScreen({2560, 1440}, 1366, 736, 1.0f);
    CHECK(laptop.width == 1366);
    CHECK(laptop.height == 736);
    // GLFW doubles the size on a screen scaled by 2: half the pixels are asked for.
    const WindowSize scaled = fitWindowToScreen({2560, 1440}, 2880, 1800, 2.0f);
    CHECK(scaled.width == 1440);
    CHECK(scaled.height == 900);
    // A size that fits is kept; a tiny work area still gives a usable window.
    const WindowSize fits = fitWindowToScreen({900, 650}, 1920, 1050, 1.0f);
    CHECK(fits.width == 900);
    CHECK(fits.height == 650);
    const WindowSize tiny = fitWindowToScreen({900, 650}, 120, 90, 1.0f);
    CHECK(tiny.width == kMinWindowSide);
    CHECK(tiny.height == kMinWindowSide);
    // No monitor to ask: as kept.
    CHECK(fitWindowToScreen({900, 650}, 0, 0, 1.0f).width == 900);
}
