#include "widgets/string_input.hpp"

namespace gloss::gui {

namespace {

// ImGui asks for a bigger buffer through this callback; the string is the buffer.
int resize(ImGuiInputTextCallbackData* data) {
    if (data->EventFlag == ImGuiInputTextFlags_CallbackResize) {
        auto* text = static_cast<std::string*>(data->UserData);
        text->resize(static_cast<size_t>(data->BufTextLen));
        data->Buf = text->data();
    }
    return 0;
}

} // namespace

bool InputString(const char* label, std::string& text, const char* hint, ImGuiInputTextFlags flags,
                 ImVec2 size) {
    flags |= ImGuiInputTextFlags_CallbackResize;
    if (size.x != 0 || size.y != 0)
        return ImGui::InputTextMultiline(label, text.data(), text.capacity() + 1, size, flags, resize, &text);
    return ImGui::InputTextWithHint(label, hint ? hint : "", text.data(), text.capacity() + 1, flags, resize,
                                    &text);
}

} // namespace gloss::gui
