// Find in the report: the search itself, and the bar that drives it.

#include "widgets/find.hpp"

#include "widgets/string_input.hpp"

#include <algorithm>
#include <imgui.h>
#include <utf8proc.h>

namespace gloss::gui {

namespace {

char foldAscii(char c) {
    return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}

// The last match starting before `before`.
std::optional<size_t> searchBack(std::string_view text, std::string_view needle, size_t before) {
    if (before == 0) return std::nullopt;
    const size_t at = text.rfind(needle, before - 1);
    return at == std::string_view::npos ? std::nullopt : std::optional(at);
}

} // namespace

std::optional<size_t> findText(std::string_view text, std::string_view needle, size_t from, bool forward) {
    if (needle.empty() || needle.size() > text.size()) return std::nullopt;
    from = std::min(from, text.size());
    if (forward) {
        size_t at = text.find(needle, from);
        if (at == std::string_view::npos) at = text.find(needle);
        return at == std::string_view::npos ? std::nullopt : std::optional(at);
    }
    if (auto at = searchBack(text, needle, from)) return at;
    return searchBack(text, needle, text.size());
}

size_t countMatches(std::string_view text, std::string_view needle, size_t limit) {
    if (needle.empty()) return 0;
    size_t count = 0;
    for (size_t at = text.find(needle); at != std::string_view::npos && count < limit;
         at = text.find(needle, at + needle.size()))
        ++count;
    return count;
}

//-----------------------------------------------------------------------------
// FoldedText
//-----------------------------------------------------------------------------

namespace {

// Appends `c` folded (utf8proc: Unicode case folding; with `ignoreAccents`,
// canonical decomposition without the marks, so "á" is "a"); returns the
// number of code points appended.
size_t appendFolded(std::string& out, utf8proc_int32_t c, bool ignoreAccents) {
    if (c < 0x80) {
        out.push_back(foldAscii(static_cast<char>(c)));
        return 1;
    }
    const auto options = static_cast<utf8proc_option_t>(
        UTF8PROC_CASEFOLD | (ignoreAccents ? UTF8PROC_DECOMPOSE | UTF8PROC_STRIPMARK : 0));
    utf8proc_int32_t folded[16];
    utf8proc_ssize_t count = utf8proc_decompose_char(c, folded, 16, options, nullptr);
    if (count < 0 || count > 16) { // nothing known of it: the character itself
        folded[0] = c;
        count = 1;
    }
    for (utf8proc_ssize_t i = 0; i < count; ++i) {
        utf8proc_uint8_t bytes[4];
        out.append(reinterpret_cast<const char*>(bytes),
                   static_cast<size_t>(utf8proc_encode_char(folded[i], bytes)));
    }
    return static_cast<size_t>(count);
}

} // namespace

FoldedText::FoldedText(std::string_view text, bool ignoreAccents) : ignoreAccents_(ignoreAccents) {
    folded_.reserve(text.size());
    for (size_t at = 0; at < text.size();) {
        if (static_cast<unsigned char>(text[at]) < 0x80) {
            folded_.push_back(foldAscii(text[at++]));
            continue;
        }
        utf8proc_int32_t c = 0;
        const auto length = static_cast<size_t>(std::max<utf8proc_ssize_t>(
            1, utf8proc_iterate(reinterpret_cast<const utf8proc_uint8_t*>(text.data() + at),
                                static_cast<utf8proc_ssize_t>(text.size() - at), &c)));
        const size_t start = folded_.size();
        const size_t codepoints = appendFolded(folded_, c, ignoreAccents);
        const size_t foldedLength = folded_.size() - start;
        if (foldedLength != length || codepoints != 1)
            pieces_.push_back(
                {start, at, static_cast<uint32_t>(foldedLength), static_cast<uint32_t>(length)});
        at += length;
    }
}

std::string FoldedText::fold(std::string_view text) const {
    return FoldedText(text, ignoreAccents_).folded_;
}

size_t FoldedText::toFolded(size_t original) const {
    const auto after = std::upper_bound(pieces_.begin(), pieces_.end(), original,
                                        [](size_t at, const Piece& p) { return at < p.original; });
    if (after == pieces_.begin()) return original;
    const Piece& p = *std::prev(after);
    if (original < p.original + p.originalLength) return p.folded;
    return p.folded + p.foldedLength + (original - p.original - p.originalLength);
}

std::optional<size_t> FoldedText::toOriginal(size_t folded) const {
    // The last piece starting at or before `folded`: after accents folded to
    // nothing, a match starts at the next character and ends past them.
    const auto after = std::upper_bound(pieces_.begin(), pieces_.end(), folded,
                                        [](size_t at, const Piece& p) { return at < p.folded; });
    if (after == pieces_.begin()) return folded;
    const Piece& p = *std::prev(after);
    if (folded >= p.folded + p.foldedLength)
        return p.original + p.originalLength + (folded - p.folded - p.foldedLength);
    if (folded == p.folded) return p.original;
    return std::nullopt;
}

std::optional<std::pair<size_t, size_t>> FoldedText::original(size_t start, size_t end) const {
    const auto from = toOriginal(start), to = toOriginal(end);
    if (!from || !to) return std::nullopt;
    return std::pair(*from, *to);
}

std::optional<std::pair<size_t, size_t>> FoldedText::find(std::string_view needle, size_t from,
                                                          bool forward) const {
    const std::string query = fold(needle);
    if (query.empty()) return std::nullopt;
    const std::string_view text = folded_;
    const auto forwardFrom = [&](size_t at) -> std::optional<std::pair<size_t, size_t>> {
        for (at = text.find(query, at); at != std::string_view::npos; at = text.find(query, at + 1))
            if (auto match = original(at, at + query.size())) return match;
        return std::nullopt;
    };
    const auto backFrom = [&](size_t before) -> std::optional<std::pair<size_t, size_t>> {
        for (size_t at = before; at > 0;) {
            at = text.rfind(query, at - 1);
            if (at == std::string_view::npos) break;
            if (auto match = original(at, at + query.size())) return match;
        }
        return std::nullopt;
    };
    const size_t at = toFolded(from);
    if (forward) {
        if (auto match = forwardFrom(at)) return match;
        return forwardFrom(0);
    }
    if (auto match = backFrom(at)) return match;
    return backFrom(text.size() + 1);
}

size_t FoldedText::count(std::string_view needle, size_t limit) const {
    const std::string query = fold(needle);
    if (query.empty()) return 0;
    size_t count = 0;
    for (size_t at = folded_.find(query); at != std::string::npos && count < limit;) {
        if (original(at, at + query.size())) {
            ++count;
            at = folded_.find(query, at + query.size());
        } else {
            at = folded_.find(query, at + 1);
        }
    }
    return count;
}

//-----------------------------------------------------------------------------
// The bar
//-----------------------------------------------------------------------------

std::string matchCountLabel(size_t count, size_t limit) {
    if (count >= limit) return std::to_string(limit) + "+ matches";
    return std::to_string(count) + (count == 1 ? " match" : " matches");
}

namespace {

// The report folded for the state's options; null when matching exactly.
const FoldedText* foldedFor(FindState& state, const core::Document& document) {
    if (state.matchCase && !state.ignoreAccents) return nullptr;
    if (!state.folded || state.folded->ignoresAccents() != state.ignoreAccents ||
        state.foldedSha256 != document.sha256() || state.foldedSize != document.utf8().size()) {
        state.folded = std::make_shared<const FoldedText>(document.utf8(), state.ignoreAccents);
        state.foldedSha256 = document.sha256();
        state.foldedSize = document.utf8().size();
    }
    return state.folded.get();
}

} // namespace

bool findNext(FindState& state, const core::Document& document, ReportViewState& view, bool forward) {
    // Forward from the end of the current selection, so repeating moves on.
    const size_t from =
        forward ? view.selectionStart() + (view.hasSelection() ? 1 : 0) : view.selectionStart();
    std::optional<std::pair<size_t, size_t>> match;
    if (const FoldedText* folded = foldedFor(state, document)) {
        match = folded->find(state.query, from, forward);
    } else if (const auto at = findText(document.utf8(), state.query, from, forward)) {
        match = std::pair(*at, *at + state.query.size());
    }
    if (!match) {
        state.message = state.query.empty() ? "" : "no matches";
        return false;
    }
    state.message.clear();
    view.select(match->first, match->second);
    view.scrollTo = match->first;
    return true;
}

void FindBar(FindState& state, const core::Document& document, ReportViewState& view) {
    if (!state.open) return;
    ImGui::PushID("##find");
    // What follows the field keeps its width (the count sized for the longest
    // it can be, so nothing moves while typing); the field takes the rest,
    // and the options move under the bar when the field would be too narrow.
    const ImGuiStyle& style = ImGui::GetStyle();
    const float em = ImGui::GetFontSize(), box = ImGui::GetFrameHeight(), gap = style.ItemSpacing.x;
    const auto checkboxWidth = [&](const char* label) {
        return box + style.ItemInnerSpacing.x + ImGui::CalcTextSize(label).x + gap;
    };
    const float fixed = ImGui::CalcTextSize("Find").x + gap + 2 * (box + gap) +
                        ImGui::CalcTextSize(matchCountLabel(kFindCountLimit, kFindCountLimit).c_str()).x +
                        gap + ImGui::CalcTextSize("x").x + 2 * style.FramePadding.x;
    const float options = checkboxWidth("Match case") + checkboxWidth("Ignore accents");
    const float available = ImGui::GetContentRegionAvail().x - fixed;
    const bool optionsInline = available - options >= 8 * em;
    const float fieldWidth = std::clamp(available - (optionsInline ? options : 0), 4 * em, 18 * em);

    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted("Find");
    ImGui::SameLine();
    if (state.focusInput) {
        ImGui::SetKeyboardFocusHere();
        state.focusInput = false;
    }
    ImGui::SetNextItemWidth(fieldWidth);
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
    const auto drawOptions = [&] {
        ImGui::Checkbox("Match case", &state.matchCase);
        ImGui::SameLine();
        ImGui::Checkbox("Ignore accents", &state.ignoreAccents);
        if (ImGui::IsItemHovered()) ImGui::SetTooltip("\"siobhan\" finds \"Siobhán\"");
    };
    if (optionsInline) {
        ImGui::SameLine();
        drawOptions();
    }

    if (state.query != state.countedQuery || state.matchCase != state.countedMatchCase ||
        state.ignoreAccents != state.countedIgnoreAccents) {
        const FoldedText* folded = foldedFor(state, document);
        state.count = folded ? folded->count(state.query, kFindCountLimit)
                             : countMatches(document.utf8(), state.query, kFindCountLimit);
        state.countedQuery = state.query;
        state.countedMatchCase = state.matchCase;
        state.countedIgnoreAccents = state.ignoreAccents;
        state.message.clear();
    }
    ImGui::SameLine();
    const std::string count = !state.message.empty() ? state.message
                              : state.query.empty()  ? std::string()
                                                     : matchCountLabel(state.count, kFindCountLimit);
    ImGui::AlignTextToFramePadding();
    ImGui::TextDisabled("%s", count.c_str());
    ImGui::SameLine();
    if (ImGui::SmallButton("x")) {
        state.open = false;
        view.focusNextFrame = true;
    }
    if (!optionsInline) drawOptions();
    ImGui::PopID();

    if (next || previous) findNext(state, document, view, next);
}

} // namespace gloss::gui
