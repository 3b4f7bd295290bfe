#pragma once

#include "gloss/core/document.hpp"
#include "widgets/report_view.hpp"

#include <optional>
#include <string>
#include <string_view>

namespace gloss::gui {

// Where `needle` next occurs in `text`: the first match starting at or after
// `from` going forward, or the last one starting before `from` going back;
// wraps around the end. Without `matchCase`, ASCII letters match either case
// (other characters match exactly: reports mix scripts, and a full Unicode
// case fold would change byte lengths under the caret).
std::optional<size_t> findText(std::string_view text, std::string_view needle, size_t from, bool forward,
                               bool matchCase);
// Non-overlapping matches in `text`, counting at most `limit`.
size_t countMatches(std::string_view text, std::string_view needle, bool matchCase, size_t limit);

struct FindState {
    bool open = false;
    bool focusInput = false;
    bool matchCase = false;
    std::string query;
    std::string countedQuery; // what `count` was computed for
    bool countedMatchCase = false;
    size_t count = 0;
    std::string message; // "no matches", or empty
};

inline constexpr size_t kFindCountLimit = 100000;

// Ctrl+F's bar above the report: a query field, Enter / F3 for the next match
// and Shift+Enter / Shift+F3 for the previous one, a match count. A match is
// selected in `view` and scrolled into sight. Escape closes it and gives the
// report the keyboard again.
void FindBar(FindState& state, const core::Document& document, ReportViewState& view);
// Selects the next (or previous) match of the current query; false when none.
bool findNext(FindState& state, const core::Document& document, ReportViewState& view, bool forward);

} // namespace gloss::gui
