#pragma once

#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

// The editor's settings, kept in $XDG_CONFIG_HOME/gloss/settings.json.
namespace gloss::gui {

inline constexpr size_t kMaxRecentFiles = 10;

// One piece of work: the report, the annotations it was saved to and the
// codebook used. Paths are absolute; an empty codebook means the bundled one.
struct RecentFile {
    std::filesystem::path report;
    std::filesystem::path annotations;
    std::filesystem::path codebook;

    bool operator==(const RecentFile&) const = default;
};

enum class Style { Light, Dark };

struct Settings {
    std::vector<RecentFile> recent; // most recent first, at most kMaxRecentFiles
    // Project files (gloss-project.json), absolute, most recent first, at most kMaxRecentFiles.
    std::vector<std::filesystem::path> recentProjects;
    Style style = Style::Light;
    float fontSize = 16;
    float sidebarWidth = 20; // in text heights, so it follows the text size
    int windowWidth = 1280;
    int windowHeight = 800;
    std::string author;                              // empty: the login name
    std::filesystem::path lastFolder;                // where the file dialog opens; empty: the home folder
    std::vector<std::string> disabledPlugins;        // ids turned off in the Plugins panel
    std::vector<std::filesystem::path> addedPlugins; // plugin files loaded on request (the examples)
    // The longest line of the report, in text heights (a text height is about
    // two characters); 0: as wide as the window.
    float readingWidth = 0;

    bool operator==(const Settings&) const = default;
};

// Accepted ranges; a value outside them makes the file broken.
inline constexpr float kMinFontSize = 6, kMaxFontSize = 96;
inline constexpr float kMinSidebarWidth = 8, kMaxSidebarWidth = 80;
inline constexpr int kMinWindowSide = 200, kMaxWindowSide = 32768;
inline constexpr float kMinReadingWidth = 16, kMaxReadingWidth = 400; // or 0

// Reading throws SettingsFieldError naming the field ("recent[2].report",
// "font_size"), so a broken file is reported as "PATH: FIELD: reason".
class SettingsFieldError : public std::runtime_error {
  public:
    SettingsFieldError(std::string field, const std::string& reason)
        : std::runtime_error(field + ": " + reason), field_(std::move(field)), reason_(reason) {}
    const std::string& field() const { return field_; }
    const std::string& reason() const { return reason_; }

  private:
    std::string field_;
    std::string reason_;
};

void to_json(nlohmann::ordered_json& json, const RecentFile& recent);
void from_json(const nlohmann::ordered_json& json, RecentFile& recent);
void to_json(nlohmann::ordered_json& json, const Settings& settings);
void from_json(const nlohmann::ordered_json& json, Settings& settings);

// $XDG_CONFIG_HOME/gloss/settings.json (~/.config/gloss/settings.json).
std::filesystem::path settingsPath();

struct LoadedSettings {
    Settings settings; // the defaults when the file is missing or broken
    // Empty, or one line for the window: "PATH: FIELD: reason".
    std::string error;
};

// A missing file gives the defaults silently. Recent entries whose report
// (or codebook, when one is named) no longer exists are left out; an
// annotations file that does not exist yet is fine (nothing saved so far).
// Recent projects whose file no longer exists are left out too.
LoadedSettings loadSettings(const std::filesystem::path& path = settingsPath());

// Writes the settings atomically, creating the folder. Call it when the user
// changes a setting, not at every start: a broken file on disk is the user's
// hand edit, so before it is replaced it is renamed to PATH.broken (replacing
// an older backup) and the error message tells where. Returns that message,
// or an empty string. Throws core::IoError when the file cannot be written.
std::string saveSettings(const Settings& settings, const std::filesystem::path& path = settingsPath());

// Puts `file` first, removing an older entry for the same report and
// annotations, and keeps at most kMaxRecentFiles.
void addRecentFile(Settings& settings, RecentFile file);
// The same for a project file.
void addRecentProject(Settings& settings, const std::filesystem::path& projectFile);

// The kept window size made to fit a screen whose work area (without panels)
// is `workWidth` x `workHeight` pixels: the size was kept on another screen,
// perhaps a larger one. GLFW multiplies the size by the monitor's `scale`.
// Never below kMinWindowSide; a size that fits is kept as it is.
struct WindowSize {
    int width;
    int height;
};
WindowSize fitWindowToScreen(WindowSize kept, int workWidth, int workHeight, float scale);

} // namespace gloss::gui
