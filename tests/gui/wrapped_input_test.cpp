// The note field that wraps: soft breaks in, soft breaks out, and typing.

#include "headless_imgui.hpp"
#include "widgets/wrapped_input.hpp"

#include <doctest/doctest.h>

using namespace gloss::gui;

namespace {

const std::string kNote =
    "A long note about this passage, written while coding, that goes on past the edge.\n"
    "Second paragraph.";

} // namespace

TEST_CASE("wrapped input: soft breaks go in at the wrap points and come out again") {
    gloss::test::HeadlessImGui imgui(kNote);
    const ImFont& font = *ImGui::GetIO().Fonts->Fonts[0];
    const std::string shown = softWrap(kNote, font, 16, 150);
    CHECK(shown.find("\r\n") != std::string::npos);
    CHECK(withoutSoftBreaks(shown) == kNote);
    // No line between soft breaks is wider than the width, except a single long word.
    size_t start = 0;
    for (size_t end = shown.find('\n'); start <= shown.size(); end = shown.find('\n', start)) {
        const std::string line = shown.substr(start, (end == std::string::npos ? shown.size() : end) - start);
        CHECK(font.CalcTextSizeA(16, 1e9f, 0, line.c_str()).x <=
              150 + font.CalcTextSizeA(16, 1e9f, 0, " ").x);
        if (end == std::string::npos) break;
        start = end + 1;
    }
    CHECK(softWrap(kNote, font, 16, 1e6f) == kNote); // wide enough: nothing added
    CHECK(withoutSoftBreaks("half\r a soft break") == "half a soft break");
}

TEST_CASE("wrapped input: typing into the field edits the plain text while the field wraps it") {
    gloss::test::HeadlessImGui imgui(kNote, ImVec2(400, 300));
    WrappedInputState state;
    std::string text = "Start.";
    bool finished = false;
    const auto frame = [&](bool focus) {
        ImGui::NewFrame();
        ImGui::SetNextWindowPos(ImVec2(0, 0));
        ImGui::SetNextWindowSize(ImVec2(200, 200));
        ImGui::Begin("test", nullptr, ImGuiWindowFlags_NoDecoration);
        if (focus) ImGui::SetKeyboardFocusHere();
        finished = InputWrapped("##note", state, text, ImVec2(-1, 120)) || finished;
        ImGui::End();
        ImGui::Render();
    };
    frame(true);
    frame(false);
    ImGui::GetIO().KeyCtrl = true; // to the end of the text
    ImGui::GetIO().KeysDown[ImGuiKey_End + 1] = true;
    frame(false);
    ImGui::GetIO().KeysDown[ImGuiKey_End + 1] = false;
    ImGui::GetIO().KeyCtrl = false;
    frame(false);
    for (const char c : std::string(" More words typed here, enough of them to wrap twice over at least."))
        ImGui::GetIO().AddInputCharacter(static_cast<unsigned>(c));
    frame(false);
    frame(false);
    CHECK(text == "Start. More words typed here, enough of them to wrap twice over at least.");
    CHECK(state.shown.find("\r\n") != std::string::npos);
    CHECK(!finished);
    ImGui::GetIO().AddInputCharacter('!'); // the caret stays at the end through the reflow
    frame(false);
    CHECK(text.back() == '!');
    ImGui::GetIO().KeysDown[ImGuiKey_Escape + 1] = true; // Escape in a multi-line field: done
    frame(false);
    ImGui::GetIO().KeysDown[ImGuiKey_Escape + 1] = false;
    frame(false);
    CHECK(text.find('\r') == std::string::npos);
}
