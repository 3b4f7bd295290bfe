// ReportView: the report as wrapped text with highlights, selection and
// scrolling, drawn with ImDrawList.
//
// [SECTION] Text helpers
// [SECTION] Input: mouse
// [SECTION] Input: keyboard
// [SECTION] Drawing

#include "widgets/report_view.hpp"

#include "text/missing_fonts.hpp"
#include "text/row_drawing.hpp"

#include <algorithm>
#include <cmath>
#include <imgui_internal.h> // the scroll bar's id: a drag of it moves the view

namespace gloss::gui {

namespace {

//-----------------------------------------------------------------------------
// [SECTION] Text helpers
//-----------------------------------------------------------------------------

bool isContinuation(char c) {
    return (static_cast<unsigned char>(c) & 0xC0) == 0x80;
}

size_t nextCodepoint(std::string_view text, size_t at) {
    if (at >= text.size()) return text.size();
    ++at;
    while (at < text.size() && isContinuation(text[at])) ++at;
    return at;
}

size_t previousCodepoint(std::string_view text, size_t at) {
    if (at == 0) return 0;
    --at;
    while (at > 0 && isContinuation(text[at])) --at;
    return at;
}

bool isWordCodepoint(unsigned c) {
    if (c < 0x80)
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
    // Spaces and general punctuation (dashes, quotes) end words; other scripts are letters.
    return !(c == 0xA0 || (c >= 0x2000 && c <= 0x206F) || c == 0x3000 || c == 0xFEFF);
}

unsigned codepointAt(std::string_view text, size_t at) {
    unsigned c = 0;
    decodeUtf8(text.data() + at, text.data() + text.size(), c);
    return c;
}

// The line around `byte`, without its line break: a paragraph in a report.
std::pair<size_t, size_t> lineAt(const core::Document& document, size_t byte) {
    const std::string_view text = document.utf8();
    if (text.empty()) return {0, 0};
    const size_t line = document.lineOfByte(std::min(byte, text.size()));
    const size_t start = document.lineStart(line);
    size_t end = document.lineEnd(line);
    if (end > start && text[end - 1] == '\n') --end;
    if (end > start && text[end - 1] == '\r') --end;
    return {start, end};
}

size_t previousWordStart(std::string_view text, size_t at) {
    while (at > 0 && !isWordCodepoint(codepointAt(text, previousCodepoint(text, at))))
        at = previousCodepoint(text, at);
    while (at > 0 && isWordCodepoint(codepointAt(text, previousCodepoint(text, at))))
        at = previousCodepoint(text, at);
    return at;
}

size_t nextWordEnd(std::string_view text, size_t at) {
    while (at < text.size() && !isWordCodepoint(codepointAt(text, at))) at = nextCodepoint(text, at);
    while (at < text.size() && isWordCodepoint(codepointAt(text, at))) at = nextCodepoint(text, at);
    return at;
}

ImU32 withAlpha(ImU32 color, unsigned alpha) {
    return (color & ~IM_COL32_A_MASK) | (static_cast<ImU32>(alpha) << IM_COL32_A_SHIFT);
}

// The view's size this frame; where it is and its scrolling are in the state.
struct Frame {
    float viewHeight = 0;
    float width = 0;
};

// The row at screen height `y`, clamped to the report's rows; none in an empty report.
std::optional<VisualRow> rowAtY(ReportViewState& state, float y) {
    const uint64_t total = state.layout.totalRows();
    if (total == 0) return std::nullopt;
    const double below = std::floor((y - state.viewOrigin.y + state.topOffset) / state.rowHeight);
    const double row =
        std::clamp(static_cast<double>(state.topRow) + below, 0.0, static_cast<double>(total - 1));
    return state.layout.rowAt(static_cast<uint64_t>(row));
}

size_t hitTestPoint(ReportViewState& state, ImVec2 point) {
    const auto row = rowAtY(state, point.y);
    return row ? state.layout.hitTest(*row, point.x - state.viewOrigin.x) : 0;
}

// Puts the top of the view `rows` rows into the report (a fraction is part
// of a row), kept between the start and where the last row meets the bottom.
void scrollToRow(ReportViewState& state, const Frame& frame, double rows) {
    const double last = static_cast<double>(state.layout.totalRows()) - frame.viewHeight / state.rowHeight;
    rows = std::max(0.0, std::min(rows, last));
    // Whole pixels, so that every row's text lands on the same pixel grid.
    double whole = std::floor(rows);
    double offset = std::round((rows - whole) * state.rowHeight);
    if (offset >= state.rowHeight) {
        whole += 1;
        offset = 0;
    }
    state.topRow = static_cast<uint64_t>(whole);
    state.topOffset = static_cast<float>(offset);
}

// Measures the lines of the `rows` rows up to the end of `line`, so that the
// rows above a row to be shown at the bottom are counted, not estimated.
void measureAbove(ReportLayout& layout, size_t line, double rows) {
    for (double counted = 0; counted < rows && line != SIZE_MAX; --line)
        counted += static_cast<double>(layout.rowsOf(line));
}

void scrollBy(ReportViewState& state, const Frame& frame, double pixels) {
    scrollToRow(state, frame,
                static_cast<double>(state.topRow) + (state.topOffset + pixels) / state.rowHeight);
}

// The innermost highlight containing `byte`: the one drawn on top.
const DrawnHighlight* innermostAt(const std::vector<DrawnHighlight>& drawn, size_t byte) {
    const DrawnHighlight* hit = nullptr;
    for (const DrawnHighlight& h : drawn)
        if (h.start <= byte && byte < h.end && (!hit || h.lane > hit->lane)) hit = &h;
    return hit;
}

//-----------------------------------------------------------------------------
// [SECTION] Input: mouse
//-----------------------------------------------------------------------------

void extendDrag(ReportViewState& state, const core::Document& document, size_t byte) {
    if (state.dragUnit == 0) {
        state.cursor = byte;
        return;
    }
    const auto [start, end] = state.dragUnit == 1 ? wordAt(document, byte) : lineAt(document, byte);
    if (byte < state.dragStart) {
        state.anchor = state.dragEnd;
        state.cursor = start;
    } else {
        state.anchor = state.dragStart;
        state.cursor = std::max(end, state.dragEnd);
    }
}

void handleMouse(ReportViewState& state, const core::Document& document, const Frame& frame,
                 ReportViewResult& result) {
    const ImGuiIO& io = ImGui::GetIO();
    ImGui::SetCursorScreenPos(state.viewOrigin);
    ImGui::InvisibleButton("##text", ImVec2(std::max(frame.width, 1.0f), std::max(frame.viewHeight, 1.0f)));
    if (ImGui::IsItemHovered()) ImGui::SetMouseCursor(ImGuiMouseCursor_TextInput);

    if (ImGui::IsItemHovered() && ImGui::IsMouseClicked(ImGuiMouseButton_Left)) {
        const size_t byte = hitTestPoint(state, io.MousePos);
        const int clicks = ImGui::GetMouseClickedCount(ImGuiMouseButton_Left);
        if (io.KeyShift) {
            state.cursor = byte;
            state.dragUnit = 0;
        } else if (clicks >= 3) {
            std::tie(state.dragStart, state.dragEnd) = lineAt(document, byte);
            state.dragUnit = 2;
            state.select(state.dragStart, state.dragEnd);
        } else if (clicks == 2) {
            std::tie(state.dragStart, state.dragEnd) = wordAt(document, byte);
            state.dragUnit = 1;
            state.select(state.dragStart, state.dragEnd);
        } else {
            state.dragUnit = 0;
            state.select(byte, byte);
        }
        state.dragging = true;
        state.preferredX = -1;
        result.selectionChanged = true;
    } else if (state.dragging && ImGui::IsMouseDown(ImGuiMouseButton_Left)) {
        const size_t before = state.cursor;
        extendDrag(state, document, hitTestPoint(state, io.MousePos));
        result.selectionChanged = before != state.cursor;
        // Dragging past the top or bottom edge scrolls.
        const float top = state.viewOrigin.y;
        if (io.MousePos.y < top)
            scrollBy(state, frame, -state.rowHeight);
        else if (io.MousePos.y > top + frame.viewHeight)
            scrollBy(state, frame, state.rowHeight);
    } else if (state.dragging) {
        state.dragging = false;
        if (!state.hasSelection() && state.dragUnit == 0) {
            // A plain click on a highlight selects its annotation: the
            // innermost of a stack, which is drawn on top.
            const DrawnHighlight* hit = innermostAt(state.drawn, state.cursor);
            const std::string id = hit ? hit->id : std::string();
            result.annotationClicked = id != state.selectedAnnotation;
            state.selectedAnnotation = id;
            state.selectedInOverlay = hit && hit->overlay;
        }
    }
}

//-----------------------------------------------------------------------------
// [SECTION] Input: keyboard
//-----------------------------------------------------------------------------

bool pressed(ImGuiKey key) {
    return ImGui::IsKeyPressed(ImGui::GetKeyIndex(key));
}

void handleKeyboard(ReportViewState& state, const core::Document& document, const Frame& frame,
                    ReportViewResult& result, bool& ensureVisible) {
    const ImGuiIO& io = ImGui::GetIO();
    const std::string_view text = document.utf8();
    ReportLayout& layout = state.layout;
    const bool shift = io.KeyShift;
    const bool ctrl = io.KeyCtrl;

    if (ctrl && pressed(ImGuiKey_A)) {
        state.select(0, text.size());
        result.selectionChanged = true;
        return;
    }
    if (ctrl && pressed(ImGuiKey_C)) {
        if (state.hasSelection()) {
            const std::string copy(
                text.substr(state.selectionStart(), state.selectionEnd() - state.selectionStart()));
            ImGui::SetClipboardText(copy.c_str());
            result.copied = true;
        }
        return;
    }

    const auto verticalMove = [&](int64_t rows) {
        const VisualRow row = layout.rowOfByte(state.cursor);
        if (state.preferredX < 0) state.preferredX = layout.xOf(row, state.cursor);
        const int64_t index = static_cast<int64_t>(layout.rowIndex(row)) + rows;
        if (index < 0) return size_t{0};
        if (index >= static_cast<int64_t>(layout.totalRows())) return text.size();
        return layout.hitTest(layout.rowAt(static_cast<uint64_t>(index)), state.preferredX);
    };
    const int64_t page = std::max<int64_t>(1, static_cast<int64_t>(frame.viewHeight / state.rowHeight) - 1);

    std::optional<size_t> target;
    bool vertical = false;
    // Arrows move the caret the way they point, through right-to-left text
    // too; past the row's end, on in the text (backwards where the
    // paragraph reads from the right).
    const auto visualMove = [&](int direction) {
        const VisualRow row = layout.rowOfByte(state.cursor);
        const text::ShapedRow& shaped = layout.shaped(row);
        if (const auto step = shaped.visualStep(state.cursor, direction)) return *step;
        return (direction < 0) != shaped.rtl ? previousCodepoint(text, state.cursor)
                                             : nextCodepoint(text, state.cursor);
    };
    if (pressed(ImGuiKey_LeftArrow)) {
        if (!shift && state.hasSelection())
            target = state.selectionStart();
        else
            target = ctrl ? previousWordStart(text, state.cursor) : visualMove(-1);
    } else if (pressed(ImGuiKey_RightArrow)) {
        if (!shift && state.hasSelection())
            target = state.selectionEnd();
        else
            target = ctrl ? nextWordEnd(text, state.cursor) : visualMove(1);
    } else if (pressed(ImGuiKey_UpArrow)) {
        target = verticalMove(-1);
        vertical = true;
    } else if (pressed(ImGuiKey_DownArrow)) {
        target = verticalMove(1);
        vertical = true;
    } else if (pressed(ImGuiKey_PageUp)) {
        target = verticalMove(-page);
        vertical = true;
    } else if (pressed(ImGuiKey_PageDown)) {
        target = verticalMove(page);
        vertical = true;
    } else if (pressed(ImGuiKey_Home)) {
        target = ctrl ? 0 : layout.rowOfByte(state.cursor).start;
    } else if (pressed(ImGuiKey_End)) {
        if (ctrl) {
            target = text.size();
        } else {
            // A wrapped row ends where the next begins; the caret stays before
            // the blanks at the wrap so that it is still shown on this row.
            const VisualRow row = layout.rowOfByte(state.cursor);
            size_t end = row.end;
            if (row.indexInLine + 1 < layout.rowsOf(row.line))
                while (end > row.start && (text[end - 1] == ' ' || text[end - 1] == '\t')) --end;
            target = end;
        }
    }
    if (!target) return;
    state.cursor = *target;
    if (!shift) state.anchor = state.cursor;
    if (!vertical) state.preferredX = -1;
    result.selectionChanged = true;
    ensureVisible = true;
}

//-----------------------------------------------------------------------------
// [SECTION] Drawing
//-----------------------------------------------------------------------------

struct Band {
    size_t start;
    size_t end;
    ImU32 color;
    int lane;
    bool selected;
};

// The annotations of `set` reaching into the visible bytes, orphans and those
// `colorOf` gives 0 left out, stacked into lanes where they overlap. Each is
// recorded in state.drawn, its lane raised by `firstLane`. With `stripes`,
// each code `codeColor` shows becomes a stripe too (lanes assigned later).
std::vector<Band> visibleBands(const annotations::AnnotationSet& set, const core::Document& document,
                               ReportViewState& state, const AnnotationColor& colorOf,
                               const std::string& selectedId, int firstLane, bool overlay,
                               const CodeColor& codeColor = {}, std::vector<Stripe>* stripes = nullptr) {
    const uint64_t first = document.codepointOffset(state.firstVisibleByte);
    const uint64_t last = document.codepointOffset(state.lastVisibleByte) + 1;
    std::vector<Band> bands;
    std::vector<std::pair<size_t, size_t>> ranges;
    std::vector<const annotations::Annotation*> shown;
    for (const annotations::Annotation* a : set.overlapping(first, last)) {
        if (a->status == annotations::AnchorStatus::Orphaned) continue;
        const ImU32 color = colorOf(*a);
        if (color == 0) continue;
        ranges.emplace_back(document.byteOffset(a->start), document.byteOffset(a->end));
        bands.push_back({ranges.back().first, ranges.back().second, color, 0, a->id == selectedId});
        shown.push_back(a);
        if (!stripes) continue;
        const auto [start, end] = ranges.back();
        if (!codeColor || a->tags.empty()) {
            stripes->push_back({start, end, 0, 0, color, a, std::string()});
            continue;
        }
        for (const std::string& tag : a->tags)
            if (const ImU32 code = codeColor(tag); code != 0)
                stripes->push_back({start, end, 0, 0, code, a, tag});
    }
    const std::vector<int> lanes = stackLanes(ranges);
    for (size_t i = 0; i < bands.size(); ++i) {
        bands[i].lane = lanes[i];
        state.drawn.push_back({bands[i].start, bands[i].end, firstLane + lanes[i], bands[i].color,
                               shown[i]->id, overlay, shown[i]});
    }
    return bands;
}

// Draws [start, end) clipped to `row` as a rectangle from y0 to y1.
void fillRange(ImDrawList* draw, const ReportLayout& layout, const VisualRow& row, ImVec2 rowOrigin,
               size_t start, size_t end, float y0, float y1, ImU32 color, float tail, bool outline = false) {
    if (end <= row.start || start > row.end || (start == row.end && end > start && start != row.start))
        return;
    auto extents = layout.extents(row, std::max(start, row.start), std::min(end, row.end));
    if (end > row.end) {
        // The range goes on past this row's end: a little more on the side
        // the paragraph reads towards.
        const text::ShapedRow& shaped = layout.shaped(row);
        if (shaped.rtl)
            extents.emplace(extents.begin(), shaped.pieces.front().left - tail, shaped.pieces.front().left);
        else
            extents.emplace_back(shaped.pieces.back().right, shaped.pieces.back().right + tail);
    }
    // One rectangle per piece of a direction the range covers on this row.
    for (const auto& [left, right] : extents) {
        const float x0 = rowOrigin.x + left, x1 = rowOrigin.x + right;
        if (x1 <= x0) continue;
        if (outline)
            draw->AddRect(ImVec2(x0 - 1, y0 - 1), ImVec2(x1 + 1, y1 + 1), color, 2.0f, 0, 2.0f);
        else
            draw->AddRectFilled(ImVec2(x0, y0), ImVec2(x1, y1), color);
    }
}

// Underlines fit under a row in the spacing between rows; the margin's
// stripes show the codes of lanes beyond them.
constexpr int kUnderlineLanes = 3;

// Rows and lanes for the stripes of the visible annotations, clipped to the
// rows in view, then their bars' screen extents.
void placeStripes(ReportViewState& state, const VisualRow& first, const VisualRow& last, float fontSize) {
    ReportLayout& layout = state.layout;
    const uint64_t firstIndex = layout.rowIndex(first), lastIndex = layout.rowIndex(last);
    for (Stripe& stripe : state.stripes) {
        stripe.firstRow =
            stripe.start <= first.start ? firstIndex : layout.rowIndex(layout.rowOfByte(stripe.start));
        const size_t lastByte = stripe.end > stripe.start ? stripe.end - 1 : stripe.start;
        stripe.endRow = (lastByte >= last.end ? lastIndex : layout.rowIndex(layout.rowOfByte(lastByte))) + 1;
    }
    assignLanes(state.stripes);
    for (Stripe& stripe : state.stripes) {
        stripe.top = state.rowY(stripe.firstRow) + 1;
        stripe.bottom = state.rowY(stripe.endRow - 1) + fontSize + 3;
    }
}

void drawStripes(ImDrawList* draw, const ReportViewState& state, ImU32 outlineColor) {
    const StripeMargin& margin = state.margin;
    for (const Stripe& stripe : state.stripes) {
        if (stripe.lane >= margin.lanes) continue;
        const float x = margin.barLeft(stripe.lane);
        draw->AddRectFilled(ImVec2(x, stripe.top), ImVec2(x + margin.barWidth(), stripe.bottom),
                            stripe.color);
        if (!state.selectedInOverlay && stripe.annotation->id == state.selectedAnnotation)
            draw->AddRect(ImVec2(x - 1, stripe.top - 1), ImVec2(x + margin.barWidth() + 1, stripe.bottom + 1),
                          outlineColor);
    }
}

void handleHover(ReportViewState& state, ReportViewResult& result) {
    if (!ImGui::IsWindowHovered() || state.dragging) return;
    const ImVec2 mouse = ImGui::GetIO().MousePos;
    if (const int i = stripeAt(state.stripes, state.margin, mouse); i >= 0) {
        const Stripe& stripe = state.stripes[static_cast<size_t>(i)];
        result.hovered = stripe.annotation;
        result.hoveredTag = &stripe.tag;
        return;
    }
    if (mouse.x < state.viewOrigin.x) return;
    // A box for a character no font has: which character it is.
    if (const auto row = rowAtY(state, mouse.y))
        if (const text::ShapedGlyph* box = state.layout.shaped(*row).boxAt(mouse.x - state.viewOrigin.x))
            ImGui::SetTooltip("U+%04X (%s): no installed font has this character", box->codepoint,
                              text::scriptName(box->codepoint).c_str());
    if (const DrawnHighlight* hit = innermostAt(state.drawn, hitTestPoint(state, mouse))) {
        result.hovered = hit->annotation;
        result.hoveredOverlay = hit->overlay;
    }
}

// A click on a stripe selects its annotation and passage; a right-click also
// asks for the stripe's menu.
void handleMargin(ReportViewState& state, const Frame& frame, ReportViewResult& result) {
    const StripeMargin& margin = state.margin;
    if (margin.lanes <= 0) return;
    ImGui::SetCursorScreenPos(ImVec2(margin.left, state.viewOrigin.y));
    ImGui::InvisibleButton("##stripes", ImVec2(margin.width(), std::max(frame.viewHeight, 1.0f)),
                           ImGuiButtonFlags_MouseButtonLeft | ImGuiButtonFlags_MouseButtonRight);
    const bool right = ImGui::IsItemClicked(ImGuiMouseButton_Right);
    if (!right && !ImGui::IsItemClicked(ImGuiMouseButton_Left)) return;
    const int i = stripeAt(state.stripes, margin, ImGui::GetIO().MousePos);
    if (i < 0) return;
    const Stripe& stripe = state.stripes[static_cast<size_t>(i)];
    result.annotationClicked = stripe.annotation->id != state.selectedAnnotation || state.selectedInOverlay;
    state.selectedAnnotation = stripe.annotation->id;
    state.selectedInOverlay = false;
    state.select(stripe.start, stripe.end);
    result.selectionChanged = true;
    if (right) {
        result.stripeMenu = stripe.annotation;
        result.stripeMenuTag = stripe.tag;
    }
}

} // namespace

std::pair<size_t, size_t> wordAt(const core::Document& document, size_t byte) {
    const std::string_view text = document.utf8();
    byte = std::min(byte, text.size());
    if (byte == text.size() || !isWordCodepoint(codepointAt(text, byte))) {
        // Just after a word (a click on its right half): that word.
        if (byte > 0 && isWordCodepoint(codepointAt(text, previousCodepoint(text, byte))))
            byte = previousCodepoint(text, byte);
        else
            return {byte, nextCodepoint(text, byte)};
    }
    size_t start = byte;
    while (start > 0 && isWordCodepoint(codepointAt(text, previousCodepoint(text, start))))
        start = previousCodepoint(text, start);
    size_t end = byte;
    while (end < text.size() && isWordCodepoint(codepointAt(text, end))) end = nextCodepoint(text, end);
    return {start, end};
}

CaretPlace caretPlace(const core::Document& document, size_t byte) {
    byte = std::min(byte, document.utf8().size());
    const size_t line = document.lineOfByte(byte);
    const size_t start = document.lineCount() > 0 ? document.lineStart(line) : 0;
    return {line + 1, document.codepointOffset(byte) - document.codepointOffset(start) + 1};
}

ReportViewResult ReportView(const char* id, ReportViewState& state, const core::Document& document,
                            const AnnotationLayer& annotations, const ThemeLayer& themes,
                            const ReportViewStyle& style, ImVec2 size) {
    ReportViewResult result;
    const std::string_view text = document.utf8();
    const float fontSize = style.fontSize > 0 ? style.fontSize : ImGui::GetFontSize();
    state.anchor = std::min(state.anchor, text.size());
    state.cursor = std::min(state.cursor, text.size());

    if (state.focusNextFrame) {
        ImGui::SetNextWindowFocus();
        state.focusNextFrame = false;
    }
    ImGui::PushStyleColor(ImGuiCol_ChildBg, ImGui::GetStyleColorVec4(ImGuiCol_FrameBg));
    // The wheel scrolls by rows here (below), not by ImGui's float pixels.
    ImGui::BeginChild(id, size, true,
                      ImGuiWindowFlags_AlwaysVerticalScrollbar | ImGuiWindowFlags_NoMove |
                          ImGuiWindowFlags_NoScrollWithMouse);
    ImGui::PopStyleColor();
    result.focused = ImGui::IsWindowFocused();

    // Reports with pages (a PDF, or form feeds) get a gutter with page numbers.
    const float gutter = document.pageCount() > 1
                             ? std::ceil(ImGui::CalcTextSize("p. 0000").x + ImGui::GetStyle().ItemSpacing.x)
                             : 0;
    // The coding stripes' margin, between the gutter and the text; its width
    // is fixed, so the wrapping never changes with the codes in view.
    StripeMargin& margin = state.margin;
    margin.laneWidth = std::max(3.0f, std::round(fontSize * 0.4f));
    margin.lanes = std::max(0, style.stripeLanes);
    const float marginWidth = margin.lanes > 0 ? margin.width() + std::round(fontSize * 0.25f) : 0;
    Frame frame;
    state.rowHeight = std::floor(fontSize + style.rowSpacing);
    // The window's own position, not the cursor's: ImGui's cursor is the
    // scrolled content's origin, millions of pixels up in a long report.
    const ImVec2 padding = ImGui::GetStyle().WindowPadding;
    state.viewOrigin = ImVec2(ImGui::GetWindowPos().x + padding.x, ImGui::GetWindowPos().y + padding.y);
    margin.left = state.viewOrigin.x + gutter;
    state.viewOrigin.x += gutter + marginWidth;
    frame.width = ImGui::GetContentRegionAvail().x - gutter - marginWidth;
    frame.viewHeight = ImGui::GetWindowHeight() - 2 * padding.y;
    ReportLayout& layout = state.layout;
    layout.prepare(document, fontSize, frame.width);

    // The content's full height, so ImGui's scroll bar covers the report.
    const uint64_t total = layout.totalRows();
    ImGui::Dummy(ImVec2(frame.width, static_cast<float>(total) * state.rowHeight));

    // Where the top is: the row holding topByte, wherever wrapping put it;
    // then the user's drag of the scroll bar and the wheel.
    state.topRow = layout.rowIndex(layout.rowOfByte(state.topByte));
    if (ImGui::GetActiveID() == ImGui::GetWindowScrollbarID(ImGui::GetCurrentWindow(), ImGuiAxis_Y))
        scrollToRow(state, frame, ImGui::GetScrollY() / state.rowHeight);
    if (ImGui::IsWindowHovered() && ImGui::GetIO().MouseWheel != 0) {
        // ImGui's own step: five lines of text, at most two thirds of the view.
        const float step = std::floor(std::min(5 * ImGui::GetFontSize(), frame.viewHeight * 0.67f));
        scrollBy(state, frame, -ImGui::GetIO().MouseWheel * step);
    }
    scrollBy(state, frame, 0);

    bool ensureVisible = false;
    handleMouse(state, document, frame, result);
    if (result.focused) handleKeyboard(state, document, frame, result, ensureVisible);

    const double rowsInView = frame.viewHeight / state.rowHeight;
    if (state.scrollTo) {
        scrollToRow(state, frame,
                    static_cast<double>(layout.rowIndex(layout.rowOfByte(*state.scrollTo))) - rowsInView / 3);
        state.scrollTo.reset();
    } else if (ensureVisible) {
        const auto caretRow = [&] {
            return static_cast<double>(layout.rowIndex(layout.rowOfByte(state.cursor)));
        };
        const double top = static_cast<double>(state.topRow) + state.topOffset / state.rowHeight;
        if (caretRow() < top) {
            scrollToRow(state, frame, caretRow());
        } else if (caretRow() + 1 > top + rowsInView) {
            measureAbove(layout, layout.rowOfByte(state.cursor).line, rowsInView);
            scrollToRow(state, frame, caretRow() + 1 - rowsInView);
        }
    }
    state.topByte = layout.rowAt(state.topRow).start;
    ImGui::SetScrollY(
        static_cast<float>(static_cast<double>(state.topRow) * state.rowHeight + state.topOffset));

    // The visible rows, walked in order from the first.
    std::vector<VisualRow> rows;
    std::vector<uint64_t> rowIndexes;
    if (total > 0) {
        VisualRow row = layout.rowAt(state.topRow);
        uint64_t index = layout.rowIndex(row);
        const float bottom = state.viewOrigin.y + frame.viewHeight;
        while (state.rowY(index) < bottom) {
            rows.push_back(row);
            rowIndexes.push_back(index);
            if (row.indexInLine + 1 < layout.rowsOf(row.line))
                row = layout.rowAt(index + 1);
            else if (row.line + 1 < document.lineCount())
                row = layout.rowAt(layout.firstRowOf(row.line + 1));
            else
                break;
            index = layout.rowIndex(row);
        }
    }
    state.drawn.clear();
    state.stripes.clear();
    if (rows.empty()) {
        ImGui::EndChild();
        return result;
    }
    state.firstVisibleByte = rows.front().start;
    state.lastVisibleByte = rows.back().end;

    // Annotations reaching into the view, stacked into lanes where they
    // overlap; the overlay's as outlines in lanes of their own above every
    // band of one's own, so a click finds them too.
    const auto colorOr = [](const AnnotationColor& color, ImU32 fallback) {
        return [&color, fallback](const annotations::Annotation& a) { return color ? color(a) : fallback; };
    };
    std::vector<Band> bands, outlines;
    if (annotations.set)
        bands = visibleBands(*annotations.set, document, state,
                             colorOr(annotations.color, IM_COL32(255, 200, 0, 255)), state.selectedAnnotation,
                             0, false, annotations.codeColor, &state.stripes);
    placeStripes(state, rows.front(), rows.back(), fontSize);
    if (annotations.overlay) {
        const auto highest = std::max_element(bands.begin(), bands.end(),
                                              [](const Band& x, const Band& y) { return x.lane < y.lane; });
        const int above = highest == bands.end() ? 0 : highest->lane + 1;
        outlines =
            visibleBands(*annotations.overlay, document, state,
                         colorOr(annotations.overlayColor, IM_COL32(90, 90, 90, 255)),
                         state.selectedInOverlay ? state.selectedAnnotation : std::string(), above, true);
    }
    // Theme spans reaching into the view.
    std::vector<const core::Span*> spans;
    if (themes.spans && !themes.spans->empty()) {
        const size_t from =
            state.firstVisibleByte > themes.longestSpan ? state.firstVisibleByte - themes.longestSpan : 0;
        auto it = std::lower_bound(themes.spans->begin(), themes.spans->end(), from,
                                   [](const core::Span& s, size_t at) { return s.start < at; });
        for (; it != themes.spans->end() && it->start < state.lastVisibleByte; ++it)
            if (it->end > state.firstVisibleByte && it->tag < themes.colors.size() &&
                themes.colors[it->tag] != 0)
                spans.push_back(&*it);
    }

    ImDrawList* draw = ImGui::GetWindowDrawList();
    const ImU32 textColor = ImGui::GetColorU32(ImGuiCol_Text);
    if (gutter > 0) {
        // The page of the first visible row, then each page that starts in view.
        size_t shownPage = SIZE_MAX;
        for (size_t i = 0; i < rows.size(); ++i) {
            const size_t page = document.pageOfByte(rows[i].start);
            if (page == shownPage) continue;
            shownPage = page;
            const float y = state.rowY(rowIndexes[i]) + 1;
            const std::string label = "p. " + std::to_string(page + 1);
            const bool startsHere = document.pageStarts()[page] >= rows[i].start;
            draw->AddText(ImVec2(margin.left - gutter, y),
                          startsHere ? ImGui::GetColorU32(ImGuiCol_Text)
                                     : ImGui::GetColorU32(ImGuiCol_TextDisabled),
                          label.c_str());
        }
    }
    const ImU32 selectionColor = IM_COL32(66, 133, 244, 90);
    const float tail = layout.fonts().simple(' ').advance;
    const size_t selStart = state.selectionStart(), selEnd = state.selectionEnd();
    for (size_t i = 0; i < rows.size(); ++i) {
        const VisualRow& row = rows[i];
        const ImVec2 at(state.viewOrigin.x, state.rowY(rowIndexes[i]));
        const float textTop = at.y + 1;
        const float textBottom = at.y + fontSize + 1;
        // Themes: a light wash under everything else.
        for (const core::Span* span : spans)
            fillRange(draw, layout, row, at, span->start, span->end, textTop, textBottom,
                      withAlpha(themes.colors[span->tag], 60), tail);
        // The selection under the annotations, so that it never changes the
        // colour of a code's underline or stripe.
        if (selEnd > selStart)
            fillRange(draw, layout, row, at, selStart, selEnd, textTop, textBottom, selectionColor, tail);
        // Annotations: a wash per annotation, each lane a rectangle inset
        // inside the one below it.
        for (const Band& band : bands) {
            const float inset = static_cast<float>(std::min(band.lane, 3)) * 3.0f;
            fillRange(draw, layout, row, at, band.start, band.end, textTop + inset, textBottom - inset,
                      withAlpha(band.color, 70), tail);
        }
        // Under the text, each code's solid underline in its lane: a passage
        // with three codes shows three colours.
        for (const Stripe& stripe : state.stripes) {
            if (stripe.lane >= kUnderlineLanes) continue;
            const float top = textBottom + 1 + static_cast<float>(stripe.lane) * 2.0f;
            fillRange(draw, layout, row, at, stripe.start, stripe.end, top, top + 2, stripe.color, tail);
        }
        for (const Band& outline : outlines) {
            const float inset = static_cast<float>(std::min(outline.lane, 3)) * 2.0f;
            fillRange(draw, layout, row, at, outline.start, outline.end, textTop - 2 + inset,
                      textBottom + 2 - inset, withAlpha(outline.color, outline.selected ? 255 : 200), tail,
                      true);
        }
        for (const Band& band : bands)
            if (band.selected)
                fillRange(draw, layout, row, at, band.start, band.end, textTop, textBottom + 1,
                          withAlpha(band.color, 255), tail, true);
        text::drawRow(draw, layout.fonts(), layout.shaped(row), ImVec2(at.x, textTop), textColor);
        // The caret, on the row that shows it.
        if (result.focused && state.cursor >= row.start &&
            (state.cursor < row.end ||
             (state.cursor == row.end && layout.rowOfByte(state.cursor).start == row.start))) {
            const float x = at.x + layout.xOf(row, state.cursor);
            draw->AddLine(ImVec2(x, textTop), ImVec2(x, textBottom), textColor, 1.0f);
        }
    }
    drawStripes(draw, state, textColor);
    result.missingFonts = text::missingFontsMessage(layout.fonts().takeMissing());
    handleHover(state, result);
    handleMargin(state, frame, result);
    ImGui::EndChild();
    return result;
}

} // namespace gloss::gui
