#include "widgets/messages.hpp"

#include <algorithm>
#include <imgui.h>
#include <optional>

namespace gloss::gui {

void MessageList::post(Message message) {
    // The same words again are one message, shown anew: its subject and
    // button are the newer one's, which act on what is open now.
    for (Message& shown : messages_)
        if (shown.text == message.text && shown.severity == message.severity) {
            shown = std::move(message);
            return;
        }
    messages_.push_back(std::move(message));
}

void MessageList::withdraw(std::string_view about) {
    if (about.empty()) return;
    std::erase_if(messages_, [&](const Message& m) { return m.about == about; });
}

void MessageList::dismiss(size_t index) {
    if (index < messages_.size()) messages_.erase(messages_.begin() + static_cast<std::ptrdiff_t>(index));
}

void MessageList::tick(double now) {
    for (Message& m : messages_)
        if (m.shownSince < 0) m.shownSince = now;
    std::erase_if(messages_, [&](const Message& m) {
        return m.severity == Severity::Info && m.shownSince >= 0 && now - m.shownSince >= kInfoSeconds;
    });
}

double MessageList::wakeIn(double now) const {
    double wake = -1;
    for (const Message& m : messages_) {
        if (m.severity != Severity::Info) continue;
        if (m.shownSince < 0) return 0; // not drawn yet
        const double fadeFrom = m.shownSince + kInfoSeconds - kFadeSeconds;
        // While fading, a frame now and then draws the fade.
        const double next = now < fadeFrom ? fadeFrom - now : 0.05;
        wake = wake < 0 ? next : std::min(wake, next);
    }
    return wake;
}

std::vector<std::string> MessageList::texts() const {
    std::vector<std::string> texts;
    for (const Message& m : messages_) texts.push_back(m.text);
    return texts;
}

namespace {

// Colours readable on the light and the dark style's window background.
ImVec4 severityColor(Severity severity) {
    const bool dark = ImGui::GetStyle().Colors[ImGuiCol_WindowBg].x < 0.5f;
    switch (severity) {
    case Severity::Info:
        return dark ? ImVec4(0.45f, 0.70f, 1.0f, 1) : ImVec4(0.10f, 0.35f, 0.75f, 1);
    case Severity::Action:
        return dark ? ImVec4(1.0f, 0.75f, 0.25f, 1) : ImVec4(0.65f, 0.40f, 0.0f, 1);
    case Severity::Error:
        break;
    }
    return dark ? ImVec4(1.0f, 0.45f, 0.45f, 1) : ImVec4(0.75f, 0.10f, 0.10f, 1);
}

// The icon, drawn rather than taken from the font so it never depends on
// the glyphs loaded: a disc with "i" (information), a triangle with "!"
// (action needed), a disc with "x" (error).
void drawIcon(Severity severity, ImU32 color) {
    const float size = ImGui::GetFontSize();
    const ImVec2 at = ImGui::GetCursorScreenPos();
    ImDrawList* draw = ImGui::GetWindowDrawList();
    const ImVec2 centre(at.x + size * 0.5f, at.y + size * 0.5f);
    const char* mark = severity == Severity::Info ? "i" : severity == Severity::Action ? "!" : "x";
    if (severity == Severity::Action)
        draw->AddTriangleFilled(ImVec2(centre.x, at.y), ImVec2(at.x + size, at.y + size),
                                ImVec2(at.x, at.y + size), color);
    else
        draw->AddCircleFilled(centre, size * 0.5f, color);
    const ImVec2 markSize = ImGui::CalcTextSize(mark);
    const float lower = severity == Severity::Action ? size * 0.1f : 0;
    draw->AddText(ImVec2(centre.x - markSize.x * 0.5f, centre.y - markSize.y * 0.5f + lower),
                  IM_COL32(255, 255, 255, (color >> IM_COL32_A_SHIFT) & 0xFF), mark);
    ImGui::Dummy(ImVec2(size, size));
}

} // namespace

void MessagesView(MessageList& messages) {
    const double now = ImGui::GetTime();
    messages.tick(now);
    std::optional<size_t> dismissed;
    std::function<void()> action;
    const auto& all = messages.all();
    for (size_t i = 0; i < all.size(); ++i) {
        const Message& m = all[i];
        float alpha = 1;
        if (m.severity == Severity::Info)
            alpha = static_cast<float>(std::clamp(
                (m.shownSince + MessageList::kInfoSeconds - now) / MessageList::kFadeSeconds, 0.0, 1.0));
        ImGui::PushID(static_cast<int>(i));
        ImGui::PushStyleVar(ImGuiStyleVar_Alpha, alpha);
        const ImVec4 color = severityColor(m.severity);
        drawIcon(m.severity, ImGui::GetColorU32(color));
        ImGui::SameLine();
        if (ImGui::SmallButton("x")) dismissed = i;
        if (ImGui::IsItemHovered()) ImGui::SetTooltip("Dismiss");
        if (!m.actionLabel.empty()) {
            ImGui::SameLine();
            if (ImGui::SmallButton(m.actionLabel.c_str())) {
                action = m.action;
                dismissed = i;
            }
        }
        ImGui::SameLine();
        ImGui::PushStyleColor(ImGuiCol_Text, color);
        ImGui::TextWrapped("%s", m.text.c_str());
        ImGui::PopStyleColor();
        ImGui::PopStyleVar();
        ImGui::PopID();
    }
    if (dismissed) messages.dismiss(*dismissed);
    if (action) action();
}

} // namespace gloss::gui
