// A multi-line field that wraps its lines: soft breaks inserted and taken out.

#include "widgets/wrapped_input.hpp"

#include <algorithm>
#include <imgui_internal.h> // GetActiveID: whether the field is being typed in

namespace gloss::gui {

namespace {

constexpr std::string_view kSoftBreak = "\r\n";

struct Edit {
    WrappedInputState* state;
    float width;
};

// Bytes of `shown` before `at` that are not soft breaks.
size_t plainOffset(std::string_view shown, size_t at) {
    size_t plain = 0;
    for (size_t i = 0; i < at && i < shown.size(); ++i)
        if (!shown.substr(i).starts_with(kSoftBreak) &&
            !(i > 0 && shown.substr(i - 1).starts_with(kSoftBreak)))
            ++plain;
    return plain;
}

// Where the plain offset `plain` is in `shown`, after any soft break there.
size_t shownOffset(std::string_view shown, size_t plain) {
    size_t i = 0;
    for (size_t seen = 0; i < shown.size(); ++i) {
        if (shown.substr(i).starts_with(kSoftBreak)) {
            ++i;
            continue;
        }
        if (seen++ == plain) break;
    }
    return std::min(i, shown.size());
}

int callback(ImGuiInputTextCallbackData* data) {
    auto* edit = static_cast<Edit*>(data->UserData);
    std::string& shown = edit->state->shown;
    if (data->EventFlag == ImGuiInputTextFlags_CallbackResize) {
        shown.resize(static_cast<size_t>(data->BufTextLen));
        data->Buf = shown.data();
    } else if (data->EventFlag == ImGuiInputTextFlags_CallbackEdit) {
        const std::string_view before(data->Buf, static_cast<size_t>(data->BufTextLen));
        const size_t cursor = plainOffset(before, static_cast<size_t>(data->CursorPos));
        const std::string after =
            softWrap(withoutSoftBreaks(before), *ImGui::GetFont(), ImGui::GetFontSize(), edit->width);
        if (after != before) {
            data->DeleteChars(0, data->BufTextLen);
            data->InsertChars(0, after.data(), after.data() + after.size());
            data->CursorPos = data->SelectionStart = data->SelectionEnd =
                static_cast<int>(shownOffset(after, cursor));
        }
    }
    return 0;
}

} // namespace

std::string softWrap(std::string_view plain, const ImFont& font, float fontSize, float width) {
    std::string out;
    const float scale = fontSize / font.FontSize;
    size_t lineStart = 0;
    while (lineStart <= plain.size()) {
        const size_t newline = plain.find('\n', lineStart);
        const size_t lineEnd = newline == std::string_view::npos ? plain.size() : newline;
        const char* s = plain.data() + lineStart;
        const char* end = plain.data() + lineEnd;
        while (s < end) {
            const char* wrap = font.CalcWordWrapPositionA(scale, s, end, width);
            if (wrap <= s) wrap = s + 1;
            // Blanks at the wrap stay on the line before it.
            while (wrap < end && *wrap == ' ') ++wrap;
            out.append(s, wrap);
            if (wrap < end) out += kSoftBreak;
            s = wrap;
        }
        if (newline == std::string_view::npos) break;
        out += '\n';
        lineStart = newline + 1;
    }
    return out;
}

std::string withoutSoftBreaks(std::string_view shown) {
    std::string plain;
    plain.reserve(shown.size());
    for (size_t i = 0; i < shown.size(); ++i) {
        if (shown.substr(i).starts_with(kSoftBreak)) {
            ++i;
            continue;
        }
        if (shown[i] != '\r') plain += shown[i]; // half a soft break, the other half deleted
    }
    return plain;
}

bool InputWrapped(const char* id, WrappedInputState& state, std::string& text, ImVec2 size) {
    const ImGuiStyle& style = ImGui::GetStyle();
    if (size.x <= 0) size.x = std::max(ImGui::GetContentRegionAvail().x + size.x, ImGui::GetFontSize() * 4);
    if (size.y <= 0)
        size.y = std::max(ImGui::GetContentRegionAvail().y + size.y, ImGui::GetFrameHeight() * 2);
    Edit edit{&state, size.x - 2 * style.FramePadding.x - style.ScrollbarSize};
    // While the field is not being typed in, the text may change from outside
    // (another annotation selected) or the width may: wrap afresh.
    const ImGuiID widget = ImGui::GetID(id);
    if (ImGui::GetActiveID() != widget && (state.wrappedFrom != text || state.wrappedWidth != edit.width)) {
        std::string plain = text; // a "\r\n" of its own would read as a soft break
        std::erase(plain, '\r');
        state.shown = softWrap(plain, *ImGui::GetFont(), ImGui::GetFontSize(), edit.width);
        state.wrappedFrom = text;
        state.wrappedWidth = edit.width;
    }
    ImGui::InputTextMultiline(id, state.shown.data(), state.shown.capacity() + 1, size,
                              ImGuiInputTextFlags_CallbackResize | ImGuiInputTextFlags_CallbackEdit, callback,
                              &edit);
    const bool finished = ImGui::IsItemDeactivatedAfterEdit();
    if (ImGui::IsItemActive() || finished) {
        text = withoutSoftBreaks(state.shown);
        state.wrappedFrom = text;
    }
    return finished;
}

} // namespace gloss::gui
