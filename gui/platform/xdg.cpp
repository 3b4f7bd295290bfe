#include "platform/xdg.hpp"

#include <cstdlib>
#include <pwd.h>
#include <unistd.h>

namespace gloss::gui {

std::filesystem::path homeFolder() {
    if (const char* home = std::getenv("HOME"); home && *home) return home;
    if (const passwd* user = ::getpwuid(::getuid()); user && user->pw_dir && *user->pw_dir)
        return user->pw_dir;
    return {};
}

std::filesystem::path xdgFolder(XdgFolder which) {
    const char* variable = "XDG_CONFIG_HOME";
    const char* fallback = ".config";
    if (which == XdgFolder::Data) variable = "XDG_DATA_HOME", fallback = ".local/share";
    if (which == XdgFolder::State) variable = "XDG_STATE_HOME", fallback = ".local/state";
    if (const char* value = std::getenv(variable); value && *value == '/') return value;
    const std::filesystem::path home = homeFolder();
    return home.empty() ? std::filesystem::temp_directory_path() : home / fallback;
}

} // namespace gloss::gui
