#include "platform/settings.hpp"

#include "gloss/annotations/bounded_json.hpp"
#include "gloss/annotations/format_error.hpp"
#include "gloss/core/file_io.hpp"
#include "platform/xdg.hpp"

#include <algorithm>

namespace gloss::gui {

namespace {

constexpr int kSettingsVersion = 1;

// nlohmann's own message without its "[json.exception.type_error.302] " tag.
std::string reasonOf(const nlohmann::json::exception& e) {
    const std::string_view text = e.what();
    const size_t tag = text.find("] ");
    return std::string(tag == std::string_view::npos ? text : text.substr(tag + 2));
}

// Reads `object[key]` as a T; any failure, here or in a nested from_json,
// becomes a SettingsFieldError whose field starts with `key`.
template <typename T>
T field(const nlohmann::ordered_json& object, const std::string& key) {
    try {
        if (object.is_object() && !object.contains(key)) throw SettingsFieldError(key, "missing");
        const nlohmann::ordered_json& value = object.at(key);
        if constexpr (std::is_integral_v<T>) {
            if (!value.is_number_integer()) throw SettingsFieldError(key, "expected a whole number");
        } else if constexpr (std::is_arithmetic_v<T>) {
            if (!value.is_number()) throw SettingsFieldError(key, "expected a number");
        }
        return value.get<T>();
    } catch (const SettingsFieldError& e) {
        if (e.field() == key) throw;
        throw SettingsFieldError(key + "." + e.field(), e.reason());
    } catch (const nlohmann::json::exception& e) {
        throw SettingsFieldError(key,
                                 object.is_object() ? reasonOf(e) : "the settings are not a JSON object");
    }
}

int boundedInt(const nlohmann::ordered_json& object, const std::string& key, int low, int high) {
    // Read wide, so that 2^32 + 800 is out of range rather than 800.
    const int64_t value = field<int64_t>(object, key);
    if (value < low || value > high)
        throw SettingsFieldError(key, std::to_string(value) + " is outside " + std::to_string(low) + ".." +
                                          std::to_string(high));
    return static_cast<int>(value);
}

bool pathExists(const std::filesystem::path& path) {
    std::error_code error;
    return std::filesystem::exists(path, error);
}

bool sameWork(const RecentFile& a, const RecentFile& b) {
    return a.report.lexically_normal() == b.report.lexically_normal() &&
           a.annotations.lexically_normal() == b.annotations.lexically_normal();
}

} // namespace

void to_json(nlohmann::ordered_json& json, const RecentFile& recent) {
    json = {{"report", recent.report.string()},
            {"annotations", recent.annotations.string()},
            {"codebook", recent.codebook.string()}};
}

void from_json(const nlohmann::ordered_json& json, RecentFile& recent) {
    recent.report = field<std::string>(json, "report");
    recent.annotations = field<std::string>(json, "annotations");
    recent.codebook = field<std::string>(json, "codebook");
    if (recent.report.empty()) throw SettingsFieldError("report", "is empty");
}

void to_json(nlohmann::ordered_json& json, const Settings& settings) {
    json = {{"version", kSettingsVersion},
            {"style", settings.style == Style::Dark ? "dark" : "light"},
            {"font_size", settings.fontSize},
            {"sidebar_width", settings.sidebarWidth},
            {"window_width", settings.windowWidth},
            {"window_height", settings.windowHeight},
            {"author", settings.author},
            {"last_folder", settings.lastFolder.string()},
            {"recent", settings.recent},
            {"recent_projects", settings.recentProjects},
            {"disabled_plugins", settings.disabledPlugins},
            {"added_plugins", settings.addedPlugins},
            {"reading_width", settings.readingWidth}};
}

void from_json(const nlohmann::ordered_json& json, Settings& settings) {
    if (const int64_t version = field<int64_t>(json, "version"); version != kSettingsVersion)
        throw SettingsFieldError("version", std::to_string(version) +
                                                " is not supported (this editor reads " +
                                                std::to_string(kSettingsVersion) + ")");
    // A setting the file leaves out keeps its default: a file written by
    // hand names only what it changes.
    const auto has = [&](const char* key) { return json.contains(key); };
    if (has("style")) {
        const std::string style = field<std::string>(json, "style");
        if (style != "light" && style != "dark")
            throw SettingsFieldError("style", "expected \"light\" or \"dark\", found \"" + style + "\"");
        settings.style = style == "dark" ? Style::Dark : Style::Light;
    }
    if (has("font_size")) {
        settings.fontSize = field<float>(json, "font_size");
        if (!(settings.fontSize >= kMinFontSize && settings.fontSize <= kMaxFontSize))
            throw SettingsFieldError("font_size", "outside " + std::to_string(int(kMinFontSize)) + ".." +
                                                      std::to_string(int(kMaxFontSize)));
    }
    if (has("sidebar_width")) {
        settings.sidebarWidth = field<float>(json, "sidebar_width");
        if (!(settings.sidebarWidth >= kMinSidebarWidth && settings.sidebarWidth <= kMaxSidebarWidth))
            throw SettingsFieldError("sidebar_width", "outside " + std::to_string(int(kMinSidebarWidth)) +
                                                          ".." + std::to_string(int(kMaxSidebarWidth)));
    }
    if (has("window_width"))
        settings.windowWidth = boundedInt(json, "window_width", kMinWindowSide, kMaxWindowSide);
    if (has("window_height"))
        settings.windowHeight = boundedInt(json, "window_height", kMinWindowSide, kMaxWindowSide);
    if (has("author")) settings.author = field<std::string>(json, "author");
    if (has("last_folder")) settings.lastFolder = field<std::string>(json, "last_folder");
    if (has("disabled_plugins"))
        settings.disabledPlugins = field<std::vector<std::string>>(json, "disabled_plugins");
    if (has("added_plugins")) {
        settings.addedPlugins.clear();
        for (const auto& file : field<std::vector<std::string>>(json, "added_plugins"))
            settings.addedPlugins.emplace_back(file);
    }
    if (has("reading_width")) {
        settings.readingWidth = field<float>(json, "reading_width");
        if (settings.readingWidth != 0 &&
            !(settings.readingWidth >= kMinReadingWidth && settings.readingWidth <= kMaxReadingWidth))
            throw SettingsFieldError("reading_width", "expected 0 or " +
                                                          std::to_string(int(kMinReadingWidth)) + ".." +
                                                          std::to_string(int(kMaxReadingWidth)));
    }
    if (has("recent_projects")) {
        const auto projects = field<std::vector<std::string>>(json, "recent_projects");
        settings.recentProjects.clear();
        for (auto project = projects.rbegin(); project != projects.rend(); ++project)
            addRecentProject(settings, *project);
    }
    if (!has("recent")) return;
    const auto recent = field<nlohmann::ordered_json>(json, "recent");
    if (!recent.is_array()) throw SettingsFieldError("recent", "expected an array");
    // Oldest first, so that the newest entry of a duplicate pair stays and
    // the newest ten are kept.
    settings.recent.clear();
    for (size_t i = recent.size(); i-- > 0;) {
        try {
            addRecentFile(settings, recent[i].get<RecentFile>());
        } catch (const SettingsFieldError& e) {
            throw SettingsFieldError("recent[" + std::to_string(i) + "]." + e.field(), e.reason());
        } catch (const nlohmann::json::exception& e) {
            throw SettingsFieldError("recent[" + std::to_string(i) + "]", reasonOf(e));
        }
    }
}

std::filesystem::path settingsPath() {
    return xdgFolder(XdgFolder::Config) / "gloss" / "settings.json";
}

LoadedSettings loadSettings(const std::filesystem::path& path) {
    LoadedSettings loaded;
    if (!pathExists(path)) return loaded;
    try {
        const std::string text = core::readFile(path);
        Settings settings = annotations::parseBoundedJson(text).get<Settings>();
        std::erase_if(settings.recent, [](const RecentFile& recent) {
            return !pathExists(recent.report) || (!recent.codebook.empty() && !pathExists(recent.codebook));
        });
        std::erase_if(settings.recentProjects,
                      [](const std::filesystem::path& project) { return !pathExists(project); });
        loaded.settings = std::move(settings);
    } catch (const core::IoError& e) {
        loaded.error = e.what();
    } catch (const SettingsFieldError& e) {
        loaded.error = path.string() + ": " + e.what();
    } catch (const annotations::FormatError& e) {
        loaded.error = path.string() + ": " + e.what();
    } catch (const nlohmann::json::exception& e) {
        loaded.error = path.string() + ": " + reasonOf(e);
    }
    return loaded;
}

std::string saveSettings(const Settings& settings, const std::filesystem::path& path) {
    std::string text;
    try {
        text = nlohmann::ordered_json(settings).dump(2) + "\n";
    } catch (const nlohmann::json::exception& e) {
        throw core::IoError(path.string() + ": cannot save the settings: " + reasonOf(e));
    }
    std::string message;
    if (pathExists(path) && !loadSettings(path).error.empty()) {
        std::filesystem::path backup = path;
        backup += ".broken";
        std::error_code error;
        std::filesystem::rename(path, backup, error);
        if (error)
            throw core::IoError(path.string() + ": cannot keep the unreadable settings as " +
                                backup.string() + ": " + error.message());
        message = path.string() + " could not be read; it was kept as " + backup.string();
    }
    std::error_code ignored;
    std::filesystem::create_directories(path.parent_path(), ignored);
    core::writeFileAtomically(path, text);
    return message;
}

void addRecentFile(Settings& settings, RecentFile file) {
    std::erase_if(settings.recent, [&](const RecentFile& recent) { return sameWork(recent, file); });
    settings.recent.insert(settings.recent.begin(), std::move(file));
    if (settings.recent.size() > kMaxRecentFiles) settings.recent.resize(kMaxRecentFiles);
}

void addRecentProject(Settings& settings, const std::filesystem::path& projectFile) {
    std::error_code error;
    const std::filesystem::path absolute = std::filesystem::absolute(projectFile, error).lexically_normal();
    std::erase(settings.recentProjects, absolute);
    settings.recentProjects.insert(settings.recentProjects.begin(), absolute);
    if (settings.recentProjects.size() > kMaxRecentFiles) settings.recentProjects.resize(kMaxRecentFiles);
}

WindowSize fitWindowToScreen(WindowSize kept, int workWidth, int workHeight, float scale) {
    if (workWidth <= 0 || workHeight <= 0 || !(scale > 0)) return kept; // no monitor to ask
    const auto fit = [&](int side, int work) {
        return std::max(kMinWindowSide, std::min(side, static_cast<int>(static_cast<float>(work) / scale)));
    };
    return {fit(kept.width, workWidth), fit(kept.height, workHeight)};
}

} // namespace gloss::gui
