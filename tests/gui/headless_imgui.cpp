#include "headless_imgui.hpp"

#include "platform/fonts.hpp"

namespace gloss::test {

HeadlessImGui::HeadlessImGui(std::string_view text, ImVec2 displaySize) {
    ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;
    io.DisplaySize = displaySize;
    io.DeltaTime = 1.0f / 60;
    for (int key = 0; key < ImGuiKey_COUNT; ++key) io.KeyMap[key] = key + 1;
    ranges_ = gui::glyphRangesFor(text);
    const gui::LoadedFonts fonts = gui::loadFonts(*io.Fonts, 16, ranges_);
    unsigned char* pixels = nullptr;
    int width = 0, height = 0;
    io.Fonts->GetTexDataAsRGBA32(&pixels, &width, &height);
}

HeadlessImGui::~HeadlessImGui() {
    ImGui::DestroyContext();
}

} // namespace gloss::test
