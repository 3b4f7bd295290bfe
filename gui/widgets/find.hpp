#pragma once

#include "gloss/core/document.hpp"
#include "widgets/report_view.hpp"

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace gloss::gui {

// Where `needle` next occurs in `text`, byte for byte (match case): the
// first match starting at or after `from` going forward, or the last one
// starting before `from` going back; wraps around the end. Without match
// case, Find goes through FoldedText, which folds every script.
std::optional<size_t> findText(std::string_view text, std::string_view needle, size_t from, bool forward);
// Non-overlapping matches of `needle` in `text`, byte for byte, counting at most `limit`.
size_t countMatches(std::string_view text, std::string_view needle, size_t limit);

// A report's text as Find compares it: each character case folded by Unicode's
// rules ("É" and "é", "ß" and "ss"), and without accents when asked
// ("Siobhán" as "siobhan"), with the way back to the report's bytes. Matches
// are whole characters of the report: "s" does not find half of "ß".
class FoldedText {
  public:
    FoldedText(std::string_view text, bool ignoreAccents);
    // A query folded the same way.
    std::string fold(std::string_view text) const;
    // Bytes [start, end) of the report: the first match of the folded
    // `needle` starting at or after `from` going forward, or the last one
    // starting before it going back; wraps around the end.
    std::optional<std::pair<size_t, size_t>> find(std::string_view needle, size_t from, bool forward) const;
    size_t count(std::string_view needle, size_t limit) const;
    bool ignoresAccents() const { return ignoreAccents_; }

  private:
    // A character whose folded form is not one code point of its own length
    // ("ß" to "ss", "É" to "e", a combining accent to nothing); between
    // pieces, folded and report bytes correspond one to one.
    struct Piece {
        size_t folded, original;
        uint32_t foldedLength, originalLength;
    };
    size_t toFolded(size_t original) const;
    std::optional<size_t> toOriginal(size_t folded) const; // none inside a piece
    std::optional<std::pair<size_t, size_t>> original(size_t start, size_t end) const;

    bool ignoreAccents_;
    std::string folded_;
    std::vector<Piece> pieces_;
};

struct FindState {
    bool open = false;
    bool focusInput = false;
    bool matchCase = false;
    bool ignoreAccents = false;
    std::string query;
    std::string countedQuery; // what `count` was computed for
    bool countedMatchCase = false, countedIgnoreAccents = false;
    size_t count = 0;
    std::string message; // "no matches", or empty
    // The open report folded, made when first needed and kept while the
    // report (its sha256 and text size) and the accent option stay the same.
    std::shared_ptr<const FoldedText> folded;
    std::string foldedSha256;
    size_t foldedSize = 0;
};

// "1 match", "12 matches", "100000+ matches" when counting stopped at `limit`.
std::string matchCountLabel(size_t count, size_t limit);

inline constexpr size_t kFindCountLimit = 100000;

// Ctrl+F's bar above the report: a query field, Enter / F3 for the next match
// and Shift+Enter / Shift+F3 for the previous one, case and accent options, a
// match count. The field gives up width so the count and the close button
// always fit, and the options go to a second line when even that is not
// enough. A match is selected in `view` and scrolled into sight. Escape closes it and gives the
// report the keyboard again.
void FindBar(FindState& state, const core::Document& document, ReportViewState& view);
// Selects the next (or previous) match of the current query; false when none.
bool findNext(FindState& state, const core::Document& document, ReportViewState& view, bool forward);

} // namespace gloss::gui
