// gloss/plugin_imgui.hpp: the helper a panel plugin needs besides plugin.hpp.
#pragma once

#include <gloss/plugin.h>
#include <imgui.h>

namespace gloss::plugin {

// Makes the editor's ImGui context and allocator current in this plugin.
// With the shared ImGui library they are the editor's already; the call keeps
// a panel correct if it was linked another way. Call it first in draw().
inline void useEditorImGui(const gloss_panel_frame* frame) {
    ImGui::SetAllocatorFunctions(frame->imgui_alloc, frame->imgui_free, frame->imgui_alloc_user_data);
    ImGui::SetCurrentContext(static_cast<ImGuiContext*>(frame->imgui_context));
}

} // namespace gloss::plugin
