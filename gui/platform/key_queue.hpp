#pragma once

#include <deque>
#include <imgui.h>

namespace gloss::gui {

// One keyboard event as GLFW reports it: a key's press, repeat or release
// (GLFW key codes and actions), or a character typed.
struct KeyEvent {
    enum class Kind { Key, Character };
    Kind kind = Kind::Key;
    int key = 0;
    int action = 0;
    unsigned character = 0;
};

// The keyboard events between two frames, handed to ImGui in order but paced.
// ImGui 1.86 samples key state once a frame, and a text field that a key
// opens (T: the tag popup, Ctrl+F: the find bar) takes the keyboard only a
// couple of frames later. Events that arrive together (fast typing, a busy
// machine, xdotool, a remote desktop) would otherwise lose a press released
// in the same frame, or send the characters typed after T to the report
// instead of the popup. So after a key press the events behind it wait for
// the next frame when the press typed a character into a text field, and
// kSettleFrames after any other press, which may move the keyboard.
class KeyQueue {
  public:
    static constexpr int kSettleFrames = 3;

    void push(const KeyEvent& event) { events_.push_back(event); }
    bool pending() const { return !events_.empty(); }
    // Gives `io` the events due this frame; call once before each NewFrame.
    // `textFieldActive`: a text field had the keyboard in the last frame.
    void deliver(ImGuiIO& io, bool textFieldActive);

  private:
    std::deque<KeyEvent> events_;
    int wait_ = 0; // frames before the next event is due
};

// What ImGui's GLFW backend does with one event: key state, modifiers from
// the keys held, characters into the input queue.
void applyKeyEvent(ImGuiIO& io, const KeyEvent& event);

} // namespace gloss::gui
