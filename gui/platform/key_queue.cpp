// Pacing keyboard events into ImGui frames (see key_queue.hpp).

#include "platform/key_queue.hpp"

#include <GLFW/glfw3.h>

namespace gloss::gui {

namespace {

bool isModifier(int key) {
    return key >= GLFW_KEY_LEFT_SHIFT && key <= GLFW_KEY_RIGHT_SUPER;
}

} // namespace

void applyKeyEvent(ImGuiIO& io, const KeyEvent& event) {
    if (event.kind == KeyEvent::Kind::Character) {
        io.AddInputCharacter(event.character);
        return;
    }
    if (event.key >= 0 && event.key < IM_ARRAYSIZE(io.KeysDown)) {
        if (event.action == GLFW_PRESS) io.KeysDown[event.key] = true;
        if (event.action == GLFW_RELEASE) io.KeysDown[event.key] = false;
    }
    io.KeyCtrl = io.KeysDown[GLFW_KEY_LEFT_CONTROL] || io.KeysDown[GLFW_KEY_RIGHT_CONTROL];
    io.KeyShift = io.KeysDown[GLFW_KEY_LEFT_SHIFT] || io.KeysDown[GLFW_KEY_RIGHT_SHIFT];
    io.KeyAlt = io.KeysDown[GLFW_KEY_LEFT_ALT] || io.KeysDown[GLFW_KEY_RIGHT_ALT];
    io.KeySuper = io.KeysDown[GLFW_KEY_LEFT_SUPER] || io.KeysDown[GLFW_KEY_RIGHT_SUPER];
}

void KeyQueue::deliver(ImGuiIO& io, bool textFieldActive) {
    if (wait_ > 0) {
        --wait_;
        return;
    }
    while (!events_.empty()) {
        const KeyEvent event = events_.front();
        events_.pop_front();
        applyKeyEvent(io, event);
        if (event.kind != KeyEvent::Kind::Key || event.action != GLFW_PRESS || isModifier(event.key))
            continue;
        // The character a press types belongs to it, in the same frame: T's
        // own "t" must not land in the popup T opens.
        const bool typed = !events_.empty() && events_.front().kind == KeyEvent::Kind::Character;
        if (typed) {
            applyKeyEvent(io, events_.front());
            events_.pop_front();
        }
        // Typing into a field leaves the keyboard there; any other press
        // (Enter, Escape, Tab, a shortcut) may move it.
        wait_ = typed && textFieldActive ? 0 : kSettleFrames - 1;
        return;
    }
}

} // namespace gloss::gui
