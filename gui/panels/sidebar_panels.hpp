#pragma once

#include "gloss/core/plugin_host.hpp"
#include "widgets/wrapped_input.hpp"
#include "workspace.hpp"

#include <filesystem>
#include <imgui.h>
#include <optional>
#include <string>
#include <utility>

// The sidebar's panels, Dear ImGui style as the project's panels
// (project_panels.hpp): each a function over its own state struct that reads
// the Workspace and returns what the user asked for, for the App to do (an
// undo step, a message). The App keeps where they go and their headers.
// Report memo (memo_panel.cpp), Plugins (plugins_panel.cpp).
namespace gloss::gui {

struct MemoPanelState {
    std::string draft;
    WrappedInputState field;
    bool active = false; // typed in last frame: the draft is ahead of the workspace's memo
    bool focus = false;  // asked for (View > Report memo): open it and put the keyboard in it
};

// The memo about the whole report, in a field that wraps. Returns the memo
// to keep when the field lets go of the keyboard: one undo step.
std::optional<std::string> MemoPanel(MemoPanelState& state, const Workspace& workspace);

struct PluginsAction {
    bool reload = false;                                // load again the plugins whose files changed
    std::optional<std::pair<std::string, bool>> enable; // a plugin's switch: its id, on or off
    std::filesystem::path load;                         // an example plugin to load now and on every start
};

// Each loaded plugin with its switch (the reason it is off in its tooltip),
// the example plugins not loaded, and the refused files.
PluginsAction PluginsPanel(const core::PluginHost& host);

} // namespace gloss::gui
