#pragma once

#include <filesystem>

namespace gloss::gui {

// The per-user base folders of the XDG Base Directory specification.
enum class XdgFolder {
    Config, // $XDG_CONFIG_HOME, else ~/.config: settings
    Data,   // $XDG_DATA_HOME, else ~/.local/share: files the user keeps
    State,  // $XDG_STATE_HOME, else ~/.local/state: recovery journals
};

// The base folder (not Gloss's subfolder in it). The variable counts only
// when it holds an absolute path, as the specification says; without a home
// folder, the system's temporary folder stands in so callers always get a
// usable path.
std::filesystem::path xdgFolder(XdgFolder which);

// $HOME, else the password database's entry; empty when neither is known.
std::filesystem::path homeFolder();

} // namespace gloss::gui
