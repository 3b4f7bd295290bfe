// Find in the report: the search itself, and the bar that drives it.

#include "widgets/find.hpp"

#include "widgets/string_input.hpp"

#include <algorithm>
#include <functional>
#include <imgui.h>

namespace gloss::gui {

namespace {

char foldAscii(char c) {
    return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}

// Boyer-Moore-Horspool over the whole text, folding ASCII case when asked:
// 100 MB reports are searched in tens of milliseconds.
template <typename Equal>
size_t searchFrom(std::string_view text, std::string_view needle, size_t from, Equal equal) {
    if (from > text.size()) return std::string_view::npos;
    const auto searcher = std::boyer_moore_horspool_searcher(
        needle.begin(), needle.end(), [](char c) { return std::hash<char>()(foldAscii(c)); }, equal);
    const auto found = std::search(text.begin() + static_cast<std::ptrdiff_t>(from), text.end(), searcher);
    return found == text.end() ? std::string_view::npos : static_cast<size_t>(found - text.begin());
}

size_t search(std::string_view text, std::string_view needle, size_t from, bool matchCase) {
    if (matchCase) return text.find(needle, from);
    return searchFrom(text, needle, from, [](char a, char b) { return foldAscii(a) == foldAscii(b); });
}

// The last match starting before `before`.
std::optional<size_t> searchBack(std::string_view text, std::string_view needle, size_t before,
                                 bool matchCase) {
    if (matchCase) {
        if (before == 0) return std::nullopt;
        const size_t at = text.rfind(needle, before - 1);
        return at == std::string_view::npos ? std::nullopt : std::optional(at);
    }
    // Forward scans of a growing window behind `before`: each step looks at
    // twice as much text, so a near match costs little and a far one O(n).
    for (size_t window = 4096;; window *= 2) {
        const size_t start = before > window ? before - window : 0;
        std::optional<size_t> last;
        for (size_t at = search(text, needle, start, false); at != std::string_view::npos && at < before;
             at = search(text, needle, at + 1, false))
            last = at;
        if (last || start == 0) return last;
    }
}

} // namespace

std::optional<size_t> findText(std::string_view text, std::string_view needle, size_t from, bool forward,
                               bool matchCase) {
    if (needle.empty() || needle.size() > text.size()) return std::nullopt;
    from = std::min(from, text.size());
    if (forward) {
        size_t at = search(text, needle, from, matchCase);
        if (at == std::string_view::npos) at = search(text, needle, 0, matchCase);
        return at == std::string_view::npos ? std::nullopt : std::optional(at);
    }
    if (auto at = searchBack(text, needle, from, matchCase)) return at;
    return searchBack(text, needle, text.size(), matchCase);
}

size_t countMatches(std::string_view text, std::string_view needle, bool matchCase, size_t limit) {
    if (needle.empty()) return 0;
    size_t count = 0;
    for (size_t at = search(text, needle, 0, matchCase); at != std::string_view::npos && count < limit;
         at = search(text, needle, at + needle.size(), matchCase))
        ++count;
    return count;
}

bool findNext(FindState& state, const core::Document& document, ReportViewState& view, bool forward) {
    // Forward from the end of the current selection, so repeating moves on.
    const size_t from =
        forward ? view.selectionStart() + (view.hasSelection() ? 1 : 0) : view.selectionStart();
    const auto at = findText(document.utf8(), state.query, from, forward, state.matchCase);
    if (!at) {
        state.message = state.query.empty() ? "" : "no matches";
        return false;
    }
    state.message.clear();
    view.select(*at, *at + state.query.size());
    view.scrollTo = *at;
    return true;
}

void FindBar(FindState& state, const core::Document& document, ReportViewState& view) {
    if (!state.open) return;
    ImGui::PushID("##find");
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted("Find");
    ImGui::SameLine();
    if (state.focusInput) {
        ImGui::SetKeyboardFocusHere();
        state.focusInput = false;
    }
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 18);
    const bool entered = InputString("##query", state.query, "text", ImGuiInputTextFlags_EnterReturnsTrue);
    const ImGuiIO& io = ImGui::GetIO();
    bool next = false, previous = false;
    if (entered) {
        (io.KeyShift ? previous : next) = true;
        ImGui::SetKeyboardFocusHere(-1); // keep typing / pressing Enter
    }
    // InputText drops its focus on Escape itself, within this same call.
    if ((ImGui::IsItemActive() || ImGui::IsItemDeactivated()) &&
        ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape))) {
        // Back to the report, with the match still selected, to tag it.
        state.open = false;
        view.focusNextFrame = true;
    }
    ImGui::SameLine();
    if (ImGui::ArrowButton("##previous", ImGuiDir_Up)) previous = true;
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Previous match (Shift+Enter, Shift+F3)");
    ImGui::SameLine();
    if (ImGui::ArrowButton("##next", ImGuiDir_Down)) next = true;
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Next match (Enter, F3)");
    ImGui::SameLine();
    ImGui::Checkbox("Match case", &state.matchCase);

    if (state.query != state.countedQuery || state.matchCase != state.countedMatchCase) {
        state.count = countMatches(document.utf8(), state.query, state.matchCase, kFindCountLimit);
        state.countedQuery = state.query;
        state.countedMatchCase = state.matchCase;
        state.message.clear();
    }
    ImGui::SameLine();
    if (!state.message.empty())
        ImGui::TextDisabled("%s", state.message.c_str());
    else if (!state.query.empty())
        ImGui::TextDisabled(state.count >= kFindCountLimit ? "%zu+ matches" : "%zu matches", state.count);
    ImGui::SameLine();
    if (ImGui::SmallButton("x")) {
        state.open = false;
        view.focusNextFrame = true;
    }
    ImGui::PopID();

    if (next || previous) findNext(state, document, view, next);
}

} // namespace gloss::gui
