#pragma once

#include "gloss/core/document.hpp"
#include "text/font_stack.hpp"
#include "text/shaped_row.hpp"

#include <cstddef>
#include <cstdint>
#include <imgui.h>
#include <unordered_map>
#include <vector>

namespace gloss::gui {

// One visual row of a wrapped line: bytes [start, end) of the document. The
// line break is in no row; blanks where a line wraps belong to the row before
// the wrap, so every other byte of the text is in exactly one row.
struct VisualRow {
    size_t line = 0;
    size_t indexInLine = 0;
    size_t start = 0;
    size_t end = 0;
};

// Wrapped layout of a document for one text size and width, computed lazily:
// a line is measured when it is first needed (drawn, hit-tested, reached by
// the cursor); until then its row count is estimated from its length. Row
// counts live in a Fenwick tree, so "which line holds visual row r" and
// "which row does line l start at" are O(log lines) however much is measured.
// Lines are measured by their shaped advances and rows shaped when shown
// (docs/architecture.md, "Report text"), both in bounded caches.
class ReportLayout {
  public:
    // Starts over when anything that changes the wrapping changed. Returns
    // true when it did.
    bool prepare(const core::Document& document, float fontSize, float wrapWidth);

    const core::Document* document() const { return document_; }
    float wrapWidth() const { return wrapWidth_; }
    float fontSize() const { return fontSize_; }

    uint64_t totalRows() const;
    uint64_t firstRowOf(size_t line) const;
    // The row at visual index `row` (clamped to the last), measuring its line.
    VisualRow rowAt(uint64_t row);
    uint64_t rowIndex(const VisualRow& row) const { return firstRowOf(row.line) + row.indexInLine; }
    // The row that shows the caret at `byte`: the last row starting at or before it.
    VisualRow rowOfByte(size_t byte);
    size_t rowsOf(size_t line); // measures
    bool measured(size_t line) const { return line < rows_.size() && measured_[line]; }

    // Pixels from the row's left edge to the caret before `byte`.
    float xOf(const VisualRow& row, size_t byte) const;
    // The caret position nearest to `x` in the row.
    size_t hitTest(const VisualRow& row, float x) const;
    // Bytes [from, to) of the row as drawn: an extent per direction run.
    std::vector<std::pair<float, float>> extents(const VisualRow& row, size_t from, size_t to) const;
    // The row shaped, right-to-left paragraphs aligned right.
    const text::ShapedRow& shaped(const VisualRow& row) const;
    text::FontStack& fonts() const { return *fonts_; }

  private:
    struct LineRows {
        std::vector<size_t> starts;
        bool simple = true; // text::isSimpleText
        bool rtl = false;   // the paragraph reads right to left
    };
    const LineRows& lineRows(size_t line);
    LineRows lineKind(size_t line) const; // simple and rtl, no starts
    const std::vector<size_t>& rowStarts(size_t line) { return lineRows(line).starts; }
    void addRows(size_t line, int64_t delta);
    size_t contentEnd(size_t line) const; // before "\r\n" or "\n"
    uint32_t estimate(size_t line) const;

    const core::Document* document_ = nullptr;
    text::FontStack* fonts_ = nullptr;
    float fontSize_ = 0;
    float wrapWidth_ = 0;
    float averageAdvance_ = 8;
    float tabWidth_ = 32;
    std::vector<uint32_t> rows_; // row count per line, estimated until measured
    std::vector<uint8_t> measured_;
    std::vector<uint64_t> tree_;                                 // Fenwick tree over rows_
    std::unordered_map<size_t, LineRows> lines_;                 // a bounded cache
    mutable std::unordered_map<size_t, text::ShapedRow> shaped_; // by row start, a bounded cache
    std::vector<char> breaks_;                                   // a line's break opportunities, reused
    std::vector<float> advances_;                                // a line's cluster advances, reused
};

// Greedy interval stacking: ranges sorted by start get the lowest lane not in
// use by an earlier range that still overlaps them. Lane 0 is the outermost.
std::vector<int> stackLanes(const std::vector<std::pair<size_t, size_t>>& sortedRanges);

// Decodes one UTF-8 code point at `p` (< end); returns its length in bytes.
size_t decodeUtf8(const char* p, const char* end, unsigned& codepoint);

} // namespace gloss::gui
