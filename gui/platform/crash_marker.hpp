#pragma once

#include <optional>
#include <string>

// A crash in a plugin's code, as the editor's fatal-signal handler records it
// for the next start (docs/plugin-guide.md, "The rules of the boundary"): a
// line "PLUGIN\tWHAT\tSIGNAL" in $XDG_STATE_HOME/gloss/recovery/crashed-plugin.
namespace gloss::gui {

struct PluginCrash {
    std::string plugin; // its id, or its file name when it crashed while loading
    std::string what;   // "highlight", "draw", "init", "loading", ...
    std::string signal; // "SIGSEGV", ...
};

// Makes the folder and keeps the record's path where the signal handler can
// use it without allocating, then installs the handler
// (core::reportFatalSignals). The handler writes the recovery journal the
// editor prepared (recovery.hpp, prepareCrashJournal) and names the plugin on
// stderr.
void recordPluginCrashes();

// The crash the last run recorded, removing the record; nullopt when none.
std::optional<PluginCrash> takePluginCrash();

} // namespace gloss::gui
