// The keyboard queue: events that arrive together are paced into frames so
// that no press is lost and characters reach the field a key opened.

#include "headless_imgui.hpp"
#include "platform/key_queue.hpp"

#include <GLFW/glfw3.h>
#include <doctest/doctest.h>
#include <string>

using gloss::gui::KeyEvent;
using gloss::gui::KeyQueue;

namespace {

KeyEvent press(int key) {
    return {KeyEvent::Kind::Key, key, GLFW_PRESS, 0};
}
KeyEvent release(int key) {
    return {KeyEvent::Kind::Key, key, GLFW_RELEASE, 0};
}
KeyEvent character(char c) {
    return {KeyEvent::Kind::Character, 0, 0, static_cast<unsigned>(c)};
}

// The characters ImGui has queued for this frame, as text; clears them.
std::string takeCharacters(ImGuiIO& io) {
    std::string text;
    for (const ImWchar c : io.InputQueueCharacters) text += static_cast<char>(c);
    io.InputQueueCharacters.resize(0);
    return text;
}

} // namespace

TEST_CASE("key queue: a press and its character come first; what follows waits until a field could take it") {
    gloss::test::HeadlessImGui imgui("");
    ImGuiIO& io = ImGui::GetIO();
    KeyQueue keys;
    for (const KeyEvent& event :
         {press('T'), character('t'), release('T'), press('A'), character('a'), release('A')})
        keys.push(event);

    keys.deliver(io, false);
    CHECK(io.KeysDown['T']);
    CHECK(takeCharacters(io) == "t");
    for (int frame = 1; frame < KeyQueue::kSettleFrames; ++frame) {
        keys.deliver(io, false);
        CHECK(io.KeysDown['T']); // still down: the press is seen for whole frames
        CHECK(takeCharacters(io).empty());
    }
    keys.deliver(io, true); // a field has the keyboard now
    CHECK(!io.KeysDown['T']);
    CHECK(io.KeysDown['A']);
    CHECK(takeCharacters(io) == "a");
    keys.deliver(io, true); // typing into the field: the next frame goes on
    CHECK(!io.KeysDown['A']);
    CHECK(!keys.pending());
}

TEST_CASE(
    "key queue: a key pressed and released between two frames is down for a frame, with its modifiers") {
    gloss::test::HeadlessImGui imgui("");
    ImGuiIO& io = ImGui::GetIO();
    KeyQueue keys;
    for (const KeyEvent& event :
         {press(GLFW_KEY_LEFT_CONTROL), press('S'), release('S'), release(GLFW_KEY_LEFT_CONTROL)})
        keys.push(event);
    keys.deliver(io, true);
    CHECK(io.KeyCtrl);
    CHECK(io.KeysDown['S']);
    // A shortcut is not typing: the queue waits the settling frames even in a field.
    for (int frame = 1; frame < KeyQueue::kSettleFrames; ++frame) keys.deliver(io, true);
    CHECK(io.KeysDown['S']);
    keys.deliver(io, true);
    CHECK(!io.KeysDown['S']);
    CHECK(!io.KeyCtrl);
    CHECK(!keys.pending());
}
