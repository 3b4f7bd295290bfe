#pragma once

#include <imgui.h>
#include <string_view>
#include <vector>

namespace gloss::test {

// An ImGui context without a window or GL: the font atlas (with the glyphs
// `text` needs) is built on the CPU, and input is fed through ImGuiIO.
// KeyMap maps ImGuiKey_X to X + 1.
class HeadlessImGui {
  public:
    explicit HeadlessImGui(std::string_view text, ImVec2 displaySize = ImVec2(400, 300));
    HeadlessImGui(const HeadlessImGui&) = delete;
    HeadlessImGui& operator=(const HeadlessImGui&) = delete;
    ~HeadlessImGui();

  private:
    std::vector<ImWchar> ranges_;
};

} // namespace gloss::test
