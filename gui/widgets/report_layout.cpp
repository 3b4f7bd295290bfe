// Wrapping a document into visual rows, lazily, and mapping between pixels
// and byte offsets.

#include "widgets/report_layout.hpp"

#include "text/bidi.hpp"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <imgui_internal.h> // ImTextCharFromUtf8: decode exactly as ImGui draws
#include <linebreak.h>
#include <mutex>

namespace gloss::gui {

size_t decodeUtf8(const char* p, const char* end, unsigned& codepoint) {
    unsigned c = 0;
    const int length = ImTextCharFromUtf8(&c, p, end);
    codepoint = c;
    return length > 0 ? static_cast<size_t>(length) : 1;
}

bool ReportLayout::prepare(const core::Document& document, float fontSize, float wrapWidth) {
    wrapWidth = std::max(wrapWidth, fontSize * 2);
    if (document_ == &document && fontSize_ == fontSize && wrapWidth_ == wrapWidth) return false;
    static std::once_flag tables;
    std::call_once(tables, init_linebreak);
    document_ = &document;
    fonts_ = &text::FontStack::at(fontSize);
    fontSize_ = fontSize;
    wrapWidth_ = wrapWidth;
    averageAdvance_ = std::max(1.0f, fonts_->simple('n').advance);
    // Tabs stop nowhere in particular: four spaces wide, as ImGui draws them.
    tabWidth_ = 4 * fonts_->simple(' ').advance;
    const size_t lines = document.lineCount();
    rows_.assign(lines, 1);
    measured_.assign(lines, 0);
    lines_.clear();
    shaped_.clear();
    for (size_t line = 0; line < lines; ++line) rows_[line] = estimate(line);
    // Fenwick tree built in O(n).
    tree_.assign(lines + 1, 0);
    for (size_t i = 1; i <= lines; ++i) {
        tree_[i] += rows_[i - 1];
        const size_t parent = i + (i & (~i + 1));
        if (parent <= lines) tree_[parent] += tree_[i];
    }
    return true;
}

uint32_t ReportLayout::estimate(size_t line) const {
    const size_t bytes = contentEnd(line) - document_->lineStart(line);
    const double rows = std::ceil(static_cast<double>(bytes) * averageAdvance_ / wrapWidth_);
    return static_cast<uint32_t>(std::clamp(rows, 1.0, 1e9));
}

size_t ReportLayout::contentEnd(size_t line) const {
    const std::string_view text = document_->utf8();
    size_t end = document_->lineEnd(line);
    const size_t start = document_->lineStart(line);
    if (end > start && text[end - 1] == '\n') --end;
    if (end > start && text[end - 1] == '\r') --end;
    return end;
}

void ReportLayout::addRows(size_t line, int64_t delta) {
    for (size_t i = line + 1; i < tree_.size(); i += i & (~i + 1))
        tree_[i] = static_cast<uint64_t>(static_cast<int64_t>(tree_[i]) + delta);
}

uint64_t ReportLayout::totalRows() const {
    return firstRowOf(rows_.size());
}

uint64_t ReportLayout::firstRowOf(size_t line) const {
    uint64_t sum = 0;
    for (size_t i = std::min(line, rows_.size()); i > 0; i -= i & (~i + 1)) sum += tree_[i];
    return sum;
}

ReportLayout::LineRows ReportLayout::lineKind(size_t line) const {
    const size_t start = document_->lineStart(line);
    const std::string_view text = document_->utf8().substr(start, contentEnd(line) - start);
    LineRows kind;
    kind.simple = text::isSimpleText(*fonts_, text);
    if (!kind.simple) {
        std::vector<uint32_t> codepoints;
        std::vector<size_t> bytes;
        text::decodeRange(text, 0, text.size(), codepoints, bytes);
        kind.rtl = text::paragraphIsRtl(codepoints);
    }
    return kind;
}

const ReportLayout::LineRows& ReportLayout::lineRows(size_t line) {
    if (auto found = lines_.find(line); found != lines_.end()) return found->second;
    // Only lines near the view are asked for; a bounded cache keeps a 100 MB
    // report's memory flat while scrolling.
    if (lines_.size() > 8192) lines_.clear();
    const size_t lineStart = document_->lineStart(line);
    const size_t end = contentEnd(line);
    const std::string_view text = document_->utf8();
    const char* base = text.data();
    LineRows rows = lineKind(line);
    std::vector<size_t>& starts = rows.starts;
    starts.push_back(lineStart);
    // Break opportunities by UAX #14: after a space or a hyphen, never inside
    // "31,000", "9.8", "£4.2m" or "10:30". breaks_[i] tells whether a row may
    // end after byte i.
    breaks_.resize(end - lineStart);
    set_linebreaks_utf8(reinterpret_cast<const utf8_t*>(base + lineStart), end - lineStart, nullptr,
                        breaks_.data());
    // Each cluster's shaped advance at its first byte: rows break between clusters only.
    text::measureClusters(*fonts_, text, lineStart, end, rows.simple, tabWidth_, advances_);
    float width = 0;            // of the row so far, blanks included
    float sinceOpportunity = 0; // of what follows the row's last break opportunity
    size_t opportunity = lineStart;
    for (size_t at = lineStart; at < end;) {
        unsigned c = 0;
        const size_t next = at + decodeUtf8(base + at, base + end, c);
        const float advance = std::max(0.0f, advances_[at - lineStart]);
        const bool clusterStart = advances_[at - lineStart] >= 0;
        // Blanks hang past the edge; anything else that does not fit starts
        // a row at the last opportunity, or here when the row has none (a
        // word wider than the row).
        if (clusterStart && c != ' ' && c != '\t' && width + advance > wrapWidth_ && at > starts.back()) {
            const bool broken = opportunity > starts.back();
            starts.push_back(broken ? opportunity : at);
            width = broken ? sinceOpportunity : 0;
            sinceOpportunity = width;
            opportunity = starts.back();
        }
        width += advance;
        sinceOpportunity += advance;
        at = next;
        const char rule = breaks_[at - 1 - lineStart];
        if (at < end && rule == LINEBREAK_MUSTBREAK) { // a form feed or a line separator
            starts.push_back(at);
            width = 0;
        }
        if (rule == LINEBREAK_MUSTBREAK || rule == LINEBREAK_ALLOWBREAK) {
            opportunity = at;
            sinceOpportunity = 0;
        }
    }
    if (!measured_[line]) {
        measured_[line] = 1;
        const auto count = static_cast<uint32_t>(starts.size());
        addRows(line, static_cast<int64_t>(count) - static_cast<int64_t>(rows_[line]));
        rows_[line] = count;
    }
    return lines_.emplace(line, std::move(rows)).first->second;
}

size_t ReportLayout::rowsOf(size_t line) {
    return rowStarts(line).size();
}

VisualRow ReportLayout::rowAt(uint64_t row) {
    if (rows_.empty()) return {};
    // Binary lifting over the Fenwick tree: the last line whose first row is <= row.
    size_t line = 0;
    uint64_t before = 0;
    size_t step = 1;
    while (step * 2 < tree_.size()) step *= 2;
    for (; step > 0; step /= 2)
        if (line + step < tree_.size() && before + tree_[line + step] <= row) {
            line += step;
            before += tree_[line];
        }
    if (line >= rows_.size()) { // past the end: the last row
        line = rows_.size() - 1;
        const auto& starts = rowStarts(line);
        return {line, starts.size() - 1, starts.back(), contentEnd(line)};
    }
    const auto& starts = rowStarts(line);
    // Measuring may have changed this line's count; `before` is still its first row.
    const size_t index = std::min<uint64_t>(row - before, starts.size() - 1);
    const size_t end = index + 1 < starts.size() ? starts[index + 1] : contentEnd(line);
    return {line, index, starts[index], end};
}

VisualRow ReportLayout::rowOfByte(size_t byte) {
    if (rows_.empty()) return {};
    const size_t line = document_->lineOfByte(std::min(byte, document_->utf8().size()));
    const auto& starts = rowStarts(line);
    const size_t index =
        static_cast<size_t>(std::upper_bound(starts.begin(), starts.end(), byte) - starts.begin());
    const size_t i = index == 0 ? 0 : index - 1;
    const size_t end = i + 1 < starts.size() ? starts[i + 1] : contentEnd(line);
    return {line, i, starts[i], end};
}

const text::ShapedRow& ReportLayout::shaped(const VisualRow& row) const {
    if (auto found = shaped_.find(row.start); found != shaped_.end() && found->second.end == row.end)
        return found->second;
    // The rows in view and a few pages around them: a 100 MB report's
    // memory stays flat however far it is scrolled.
    if (shaped_.size() > 256) shaped_.clear();
    const auto line = lines_.find(row.line);
    const LineRows kind =
        line != lines_.end() ? LineRows{{}, line->second.simple, line->second.rtl} : lineKind(row.line);
    text::ShapedRow shaped =
        text::shapeRow(*fonts_, document_->utf8(), row.start, row.end, kind.rtl, kind.simple, tabWidth_);
    // A right-to-left paragraph is aligned right; the blanks at a wrap are
    // at the row's left (bidi rule L1), and hang over.
    if (kind.rtl) shaped.shift(wrapWidth_ - shaped.width);
    return shaped_.insert_or_assign(row.start, std::move(shaped)).first->second;
}

float ReportLayout::xOf(const VisualRow& row, size_t byte) const {
    return shaped(row).xOf(byte);
}

size_t ReportLayout::hitTest(const VisualRow& row, float x) const {
    return shaped(row).hitTest(x);
}

std::vector<std::pair<float, float>> ReportLayout::extents(const VisualRow& row, size_t from,
                                                           size_t to) const {
    return shaped(row).extents(from, to);
}

std::vector<int> stackLanes(const std::vector<std::pair<size_t, size_t>>& sortedRanges) {
    std::vector<int> lanes(sortedRanges.size(), 0);
    std::vector<size_t> laneEnds; // end of the last range in each lane
    for (size_t i = 0; i < sortedRanges.size(); ++i) {
        const auto [start, end] = sortedRanges[i];
        size_t lane = 0;
        while (lane < laneEnds.size() && laneEnds[lane] > start) ++lane;
        if (lane == laneEnds.size())
            laneEnds.push_back(end);
        else
            laneEnds[lane] = end;
        lanes[i] = static_cast<int>(lane);
    }
    return lanes;
}

} // namespace gloss::gui
