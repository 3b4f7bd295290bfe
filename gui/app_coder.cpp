// The coder: the question on the first start, and the settings window where
// the name can be changed later. New and edited annotations carry the name.

#include "app.hpp"
#include "widgets/modal.hpp"
#include "widgets/string_input.hpp"

#include <cstdlib>

namespace gloss::gui {

void App::drawCoderPrompt() {
    constexpr const char* kTitle = "Who is coding?";
    if (askCoderName_ && !ImGui::IsPopupOpen(kTitle)) {
        coderNameDraft_.clear();
        ImGui::OpenPopup(kTitle);
    }
    centreNextModal();
    if (!ImGui::BeginPopupModal(kTitle, nullptr, ImGuiWindowFlags_AlwaysAutoResize)) return;
    ImGui::TextUnformatted("Your name goes on every passage you code, so that a colleague's");
    ImGui::TextUnformatted("codings and yours can be told apart. Edit > Settings changes it.");
    if (ImGui::IsWindowAppearing()) ImGui::SetKeyboardFocusHere();
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 20);
    const bool entered =
        InputString("##coder", coderNameDraft_, "your name", ImGuiInputTextFlags_EnterReturnsTrue);
    if ((ImGui::Button("OK") || entered) && !coderNameDraft_.empty()) {
        setCoderName(coderNameDraft_);
        ImGui::CloseCurrentPopup();
    }
    ImGui::SameLine();
    if (ImGui::Button("Later")) { // the login name for now; asked again next time
        askCoderName_ = false;
        ImGui::CloseCurrentPopup();
    }
    ImGui::EndPopup();
}

void App::drawSettingsWindow() {
    if (!settingsOpen_) return;
    ImGui::SetNextWindowSize(ImVec2(ImGui::GetFontSize() * 26, 0), ImGuiCond_Appearing);
    centreNextModal();
    if (ImGui::Begin("Settings", &settingsOpen_, ImGuiWindowFlags_NoCollapse)) {
        InputString("Coder name", coderNameDraft_, "your name");
        if (ImGui::IsItemDeactivatedAfterEdit()) setCoderName(coderNameDraft_);
        if (const char* fromEnvironment = std::getenv("GLOSS_AUTHOR"); fromEnvironment && *fromEnvironment)
            ImGui::TextDisabled("GLOSS_AUTHOR=%s names the coder in this session.", fromEnvironment);
        ImGui::TextDisabled("Coding as %s", author_.c_str());
    }
    ImGui::End();
}

} // namespace gloss::gui
