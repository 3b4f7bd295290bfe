#pragma once

#include "widgets/wrapped_input.hpp"
#include "workspace.hpp"

#include <imgui.h>
#include <optional>
#include <string>

// The sidebar's panels, Dear ImGui style as the project's panels
// (project_panels.hpp): each a function over its own state struct that reads
// the Workspace and returns what the user asked for, for the App to do (an
// undo step, a message). The App keeps where they go and their headers.
// Report memo (memo_panel.cpp).
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

} // namespace gloss::gui
