#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <vector>

// The messages above the report: what happened (information, which fades),
// what the user should do, and what went wrong; each can be dismissed, and
// one that stops being true is withdrawn by what it is about.
namespace gloss::gui {

enum class Severity { Info, Action, Error };

struct Message {
    std::string text{};
    Severity severity = Severity::Error;
    // What it is about ("plugin:themes", "selection"), so it can be withdrawn
    // once that changes; empty: it stays until dismissed.
    std::string about{};
    // A button beside the text ("Reopen as Windows-1252"); it dismisses the message.
    std::string actionLabel{};
    std::function<void()> action{};
    double shownSince = -1; // ImGui time of its first frame on screen; -1 until drawn
};

class MessageList {
  public:
    // Information fades out over its last kFadeSeconds of kInfoSeconds.
    static constexpr double kInfoSeconds = 8;
    static constexpr double kFadeSeconds = 2;

    // A message with the same text and severity as one shown is not added
    // again: the shown one starts its time anew.
    void post(Message message);
    void withdraw(std::string_view about);
    void dismiss(size_t index);
    // Stamps messages not shown before with `now` (seconds, ImGui's clock)
    // and drops information whose time is up.
    void tick(double now);
    // Seconds from `now` until the list changes by itself (information fading
    // or expiring), for a window that sleeps without input; negative: never.
    double wakeIn(double now) const;
    const std::vector<Message>& all() const { return messages_; }
    // The texts, oldest first.
    std::vector<std::string> texts() const;

  private:
    std::vector<Message> messages_;
};

// Draws each message on its own line, with an icon and colour by severity,
// a dismiss button and its action button; information fades out.
void MessagesView(MessageList& messages);

} // namespace gloss::gui
