// ReportView's logic in real ImGui frames without a window or GL: the font
// atlas is built on the CPU, input is fed through ImGuiIO.

#include "gloss/annotations/annotation_set.hpp"
#include "headless_imgui.hpp"
#include "text/glyph_atlas.hpp"
#include "widgets/outline.hpp"
#include "widgets/report_layout.hpp"
#include "widgets/report_view.hpp"

#include <doctest/doctest.h>
#include <imgui.h>

using gloss::core::Document;
using namespace gloss::gui;

namespace {

// Mouse buttons and keys are set per frame; KeyMap maps ImGuiKey_X to X + 1.
class Frames {
  public:
    explicit Frames(std::string_view text) : imgui_(text) {}

    // One frame with the view filling a window of `windowSize`.
    ReportViewResult frame(ReportViewState& state, const Document& document,
                           const AnnotationLayer& layer = {}) {
        ImGui::NewFrame();
        ImGui::SetNextWindowPos(ImVec2(0, 0));
        ImGui::SetNextWindowSize(windowSize);
        ImGui::Begin("test", nullptr, ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove);
        const ReportViewResult result = ReportView("##view", state, document, layer, {}, style);
        ImGui::End();
        ImGui::Render();
        return result;
    }
    void key(ImGuiKey key, bool down) { ImGui::GetIO().KeysDown[key + 1] = down; }
    void press(ReportViewState& state, const Document& document, ImGuiKey k, bool shift = false) {
        ImGui::GetIO().KeyShift = shift;
        key(k, true);
        frame(state, document);
        key(k, false);
        frame(state, document);
        ImGui::GetIO().KeyShift = false;
    }
    // Screen position of the caret before `byte`, in the middle of its row.
    ImVec2 pointAt(ReportViewState& state, size_t byte) {
        const VisualRow row = state.layout.rowOfByte(byte);
        return ImVec2(state.viewOrigin.x + state.layout.xOf(row, byte) + 0.5f,
                      state.rowY(state.layout.rowIndex(row)) + state.rowHeight / 2);
    }
    void mouse(ImVec2 at, bool down) {
        ImGui::GetIO().MousePos = at;
        ImGui::GetIO().MouseDown[0] = down;
    }

    ImVec2 windowSize{400, 300};
    ReportViewStyle style;

  private:
    gloss::test::HeadlessImGui imgui_;
};

bool onBoundary(std::string_view text, size_t byte) {
    return byte >= text.size() || (static_cast<unsigned char>(text[byte]) & 0xC0) != 0x80;
}

const std::string kText =
    "Zoë Adébáyọ̀ chaired the review of équipe ✓ 日本語 leadership.\n"
    "Second line with enough words to wrap at a narrow width, many times over and over.\n"
    "\n"
    "Last line";

} // namespace

TEST_CASE("report layout: long lines wrap into rows that cover the text once") {
    Frames frames(kText);
    const Document document = Document::fromBytes(kText);
    ReportLayout layout;
    layout.prepare(document, 16, 150);
    CHECK(layout.rowsOf(1) > 2);
    size_t covered = 0;
    for (size_t line = 0; line < document.lineCount(); ++line) {
        size_t previousEnd = document.lineStart(line);
        for (size_t i = 0; i < layout.rowsOf(line); ++i) {
            const VisualRow row = layout.rowAt(layout.firstRowOf(line) + i);
            CHECK(row.line == line);
            CHECK(row.start == previousEnd);
            CHECK(row.start <= row.end);
            CHECK(layout.xOf(row, row.end) <= 150 + 16); // a trailing blank may hang over
            covered += row.end - row.start;
            previousEnd = row.end;
        }
    }
    // Everything but the three line breaks.
    CHECK(covered == kText.size() - 3);
    uint64_t rows = 0;
    for (size_t line = 0; line < document.lineCount(); ++line) rows += layout.rowsOf(line);
    CHECK(layout.totalRows() == rows);

    SUBCASE("a wider view needs fewer rows") {
        layout.prepare(document, 16, 2000);
        CHECK(layout.rowsOf(1) == 1);
    }
}

TEST_CASE("report layout: hit-testing lands on code-point boundaries and inverts xOf") {
    Frames frames(kText);
    const Document document = Document::fromBytes(kText);
    ReportLayout layout;
    layout.prepare(document, 16, 1000);
    const VisualRow row = layout.rowAt(0);
    for (size_t byte = row.start; byte <= row.end; ++byte) {
        if (!onBoundary(kText, byte)) continue;
        // Zero-width combining marks share an x: any caret there is right.
        const float x = layout.xOf(row, byte);
        CHECK(layout.xOf(row, layout.hitTest(row, x)) == doctest::Approx(x));
    }
    for (float x = -5; x < 1000; x += 1.7f) CHECK(onBoundary(kText, layout.hitTest(row, x)));
}

TEST_CASE("report view: dragging the mouse selects text on code-point boundaries") {
    Frames frames(kText);
    const Document document = Document::fromBytes(kText);
    ReportViewState state;
    frames.frame(state, document);
    frames.frame(state, document);
    const size_t from = kText.find("Adébáyọ̀");
    const size_t to = kText.find(" chaired");
    frames.mouse(frames.pointAt(state, from), false);
    frames.frame(state, document);
    frames.mouse(frames.pointAt(state, from), true);
    frames.frame(state, document);
    frames.mouse(frames.pointAt(state, to), true);
    frames.frame(state, document);
    frames.mouse(frames.pointAt(state, to), false);
    frames.frame(state, document);
    CHECK(state.selectionStart() == from);
    CHECK(state.selectionEnd() == to);

    SUBCASE("shift+arrow extends by one code point, two bytes for 'é'") {
        state.select(kText.find("équipe"), kText.find("équipe"));
        frames.press(state, document, ImGuiKey_RightArrow, true);
        CHECK(state.selectionEnd() - state.selectionStart() == 2);
        frames.press(state, document, ImGuiKey_RightArrow, true);
        CHECK(state.selectionEnd() - state.selectionStart() == 3);
    }
    SUBCASE("Home and End go to the ends of the wrapped row, not to the next row") {
        REQUIRE(state.layout.rowsOf(0) > 1); // the first line wraps at 400 pixels
        const VisualRow first = state.layout.rowAt(0);
        state.select(5, 5);
        frames.press(state, document, ImGuiKey_End);
        CHECK(state.cursor < first.end); // before the blank where it wraps
        CHECK(state.cursor > 5);
        CHECK(state.layout.rowOfByte(state.cursor).start == first.start);
        frames.press(state, document, ImGuiKey_Home);
        CHECK(state.cursor == 0);
    }
    SUBCASE("Down keeps the column and Up comes back") {
        state.select(4, 4);
        frames.press(state, document, ImGuiKey_DownArrow);
        CHECK(state.layout.rowIndex(state.layout.rowOfByte(state.cursor)) == 1);
        frames.press(state, document, ImGuiKey_UpArrow);
        CHECK(state.cursor == 4);
    }
    SUBCASE("Ctrl+A selects the whole report") {
        ImGui::GetIO().KeyCtrl = true;
        frames.press(state, document, ImGuiKey_A);
        ImGui::GetIO().KeyCtrl = false;
        CHECK(state.selectionStart() == 0);
        CHECK(state.selectionEnd() == kText.size());
    }
}

TEST_CASE("report view: a double click selects the word under the mouse") {
    Frames frames(kText);
    const Document document = Document::fromBytes(kText);
    ReportViewState state;
    frames.frame(state, document);
    const size_t word = kText.find("équipe");
    const ImVec2 at = frames.pointAt(state, word + 4);
    for (int click = 0; click < 2; ++click) {
        frames.mouse(at, true);
        frames.frame(state, document);
        frames.mouse(at, false);
        frames.frame(state, document);
    }
    CHECK(state.selectionStart() == word);
    CHECK(state.selectionEnd() == word + std::string("équipe").size());
    CHECK(wordAt(document, kText.find("日本語") + 3) ==
          std::pair(kText.find("日本語"), kText.find(" leadership")));
}

TEST_CASE("report view: overlapping annotations are stacked in separate lanes") {
    CHECK(stackLanes({{0, 10}, {2, 5}, {3, 8}, {12, 20}}) == std::vector<int>{0, 1, 2, 0});
    CHECK(stackLanes({{0, 4}, {4, 8}}) == std::vector<int>{0, 0});

    Frames frames(kText);
    const Document document = Document::fromBytes(kText);
    gloss::annotations::Annotation outer, inner, apart;
    outer.id = "outer", outer.start = 0, outer.end = 20, outer.tags = {"a"};
    inner.id = "inner", inner.start = 4, inner.end = 12, inner.tags = {"b"};
    apart.id = "apart", apart.start = 30, apart.end = 35, apart.tags = {"a"};
    gloss::annotations::AnnotationSet set({outer, inner, apart});
    AnnotationLayer layer;
    layer.set = &set;
    layer.color = [](const gloss::annotations::Annotation& a) {
        return a.tags.front() == "a" ? IM_COL32(255, 0, 0, 255) : IM_COL32(0, 0, 255, 255);
    };
    ReportViewState state;
    frames.frame(state, document, layer);
    REQUIRE(state.drawn.size() == 3);
    CHECK(state.drawn[0].id == "outer");
    CHECK(state.drawn[0].lane == 0);
    CHECK(state.drawn[1].id == "inner");
    CHECK(state.drawn[1].lane == 1);
    CHECK(state.drawn[2].lane == 0);
    // Byte ranges come from code points: "Zoë " is 5 bytes for 4 code points.
    CHECK(state.drawn[1].start == document.byteOffset(4));

    SUBCASE("a click inside both selects the inner one") {
        const ImVec2 at = frames.pointAt(state, document.byteOffset(6));
        frames.mouse(at, true);
        frames.frame(state, document, layer);
        frames.mouse(at, false);
        frames.frame(state, document, layer);
        CHECK(state.selectedAnnotation == "inner");
        CHECK(!state.selectedInOverlay);
    }
    SUBCASE("a colleague's overlay is drawn above one's own lanes and a click selects it") {
        gloss::annotations::Annotation theirs;
        theirs.id = "theirs", theirs.start = 6, theirs.end = 9, theirs.tags = {"a"}, theirs.author = "sam";
        gloss::annotations::AnnotationSet overlay({theirs});
        layer.overlay = &overlay;
        layer.overlayColor = [](const gloss::annotations::Annotation&) { return IM_COL32(0, 128, 0, 255); };
        frames.frame(state, document, layer);
        REQUIRE(state.drawn.size() == 4);
        CHECK(state.drawn[3].id == "theirs");
        CHECK(state.drawn[3].overlay);
        CHECK(state.drawn[3].lane == 2); // above outer (0) and inner (1)
        const ImVec2 at = frames.pointAt(state, document.byteOffset(7));
        frames.mouse(at, true);
        frames.frame(state, document, layer);
        frames.mouse(at, false);
        frames.frame(state, document, layer);
        CHECK(state.selectedAnnotation == "theirs");
        CHECK(state.selectedInOverlay);

        layer.overlayColor = [](const gloss::annotations::Annotation&) { return ImU32(0); }; // author hidden
        frames.frame(state, document, layer);
        CHECK(state.drawn.size() == 3);
    }
}

TEST_CASE("report view: a paged report gets a gutter, and clicks beside it still land on their word") {
    const std::string paged = "First page of the report.\n\fSecond page, where Zoë spoke.\n\fThird page.\n";
    Frames frames(paged);
    const Document document = Document::fromBytes(paged);
    REQUIRE(document.pageCount() == 3);
    const Document plain = Document::fromBytes("First page of the report.\n");
    ReportViewState plainState;
    frames.frame(plainState, plain);
    ReportViewState state;
    frames.frame(state, document);
    frames.frame(state, document);
    CHECK(state.viewOrigin.x > plainState.viewOrigin.x); // the text moved right for the page numbers

    const size_t word = paged.find("Zoë");
    frames.mouse(frames.pointAt(state, word + 1), false);
    frames.frame(state, document);
    frames.mouse(frames.pointAt(state, word + 1), true);
    frames.frame(state, document);
    frames.mouse(frames.pointAt(state, word + 1), false);
    frames.frame(state, document);
    CHECK(state.cursor == word + 1);
}

TEST_CASE("report view: each code of a passage is a stripe in its colour, and a stripe selects its passage") {
    Frames frames(kText);
    const Document document = Document::fromBytes(kText);
    gloss::annotations::Annotation outer, inner, later;
    outer.id = "outer", outer.start = 0, outer.end = 20, outer.tags = {"a", "b"};
    inner.id = "inner", inner.start = 4, inner.end = 12, inner.tags = {"b"};
    later.id = "later", later.start = 70, later.end = 90, later.tags = {"a", "hidden"};
    gloss::annotations::AnnotationSet set({outer, inner, later});
    const ImU32 red = IM_COL32(255, 0, 0, 255), blue = IM_COL32(0, 0, 255, 255);
    AnnotationLayer layer;
    layer.set = &set;
    layer.color = [&](const gloss::annotations::Annotation&) { return red; };
    layer.codeColor = [&](const std::string& tag) { return tag == "a" ? red : tag == "b" ? blue : ImU32(0); };
    ReportViewState state;
    frames.frame(state, document, layer);

    // outer's two codes side by side, inner beside them (it shares their row);
    // the hidden code has no stripe.
    REQUIRE(state.stripes.size() == 4);
    CHECK(state.stripes[0].annotation->id == "outer");
    CHECK(state.stripes[0].tag == "a");
    CHECK(state.stripes[0].color == red);
    CHECK(state.stripes[1].tag == "b");
    CHECK(state.stripes[1].color == blue);
    CHECK(state.stripes[2].annotation->id == "inner");
    CHECK(state.stripes[3].annotation->id == "later");
    CHECK(state.stripes[3].tag == "a");
    CHECK(state.stripes[0].lane == 0);
    CHECK(state.stripes[1].lane == 1);
    CHECK(state.stripes[2].lane == 2);
    for (const Stripe& stripe : state.stripes) {
        CHECK(stripe.bottom > stripe.top);
        CHECK(stripe.start == document.byteOffset(stripe.annotation->start));
    }
    // "later" starts on the second line, below the first row's bars.
    CHECK(state.stripes[3].top >= state.stripes[0].bottom);

    const Stripe inners = state.stripes[2];
    const ImVec2 onInner(state.margin.barLeft(inners.lane) + 1, (inners.top + inners.bottom) / 2);
    SUBCASE("hovering a stripe names its annotation and code") {
        ImGui::GetIO().MousePos = onInner;
        const ReportViewResult result = frames.frame(state, document, layer);
        REQUIRE(result.hovered);
        CHECK(result.hovered->id == "inner");
        REQUIRE(result.hoveredTag);
        CHECK(*result.hoveredTag == "b");
    }
    SUBCASE("hovering the text names the innermost highlight") {
        ImGui::GetIO().MousePos = frames.pointAt(state, document.byteOffset(6));
        const ReportViewResult result = frames.frame(state, document, layer);
        REQUIRE(result.hovered);
        CHECK(result.hovered->id == "inner");
        CHECK(!result.hoveredTag);
    }
    SUBCASE("a click on a stripe selects the annotation and its passage") {
        frames.mouse(onInner, true);
        const ReportViewResult result = frames.frame(state, document, layer);
        frames.mouse(onInner, false);
        frames.frame(state, document, layer);
        CHECK(result.annotationClicked);
        CHECK(state.selectedAnnotation == "inner");
        CHECK(state.selectionStart() == document.byteOffset(4));
        CHECK(state.selectionEnd() == document.byteOffset(12));
    }
    SUBCASE("a right-click on a stripe asks for its menu") {
        ImGui::GetIO().MousePos = onInner;
        ImGui::GetIO().MouseDown[1] = true;
        const ReportViewResult result = frames.frame(state, document, layer);
        ImGui::GetIO().MouseDown[1] = false;
        frames.frame(state, document, layer);
        REQUIRE(result.stripeMenu);
        CHECK(result.stripeMenu->id == "inner");
        CHECK(result.stripeMenuTag == "b");
    }
}

TEST_CASE("report view: the caret's place is its line and its column in characters within that line") {
    const Document document = Document::fromBytes("Zoë was here\r\nÉté 2024, line two\nthird");
    const std::string_view text = document.utf8();
    CHECK(caretPlace(document, 0).line == 1);
    CHECK(caretPlace(document, 0).column == 1);
    // After "Zoë ": four characters, five bytes.
    CHECK(caretPlace(document, text.find("was")).column == 5);
    const size_t ete = text.find("2024");
    CHECK(caretPlace(document, ete).line == 2);
    CHECK(caretPlace(document, ete).column == 5); // "Été " is four characters, six bytes
    CHECK(caretPlace(document, text.find("third")).line == 3);
    CHECK(caretPlace(document, text.find("third")).column == 1);
    CHECK(caretPlace(document, text.size()).column == 6); // after the last character
    CHECK(caretPlace(Document::fromBytes(""), 0).line == 1);
}

TEST_CASE("report layout: a row never starts inside a number, whatever the width") {
    const std::string text = "The review heard from around 31,000 people: 9.8 per cent of staff, a budget of "
                             "£4.2m, and a meeting at 10:30 that ran to 1,250,000 words.";
    Frames frames(text);
    const Document document = Document::fromBytes(text);
    std::vector<std::pair<size_t, size_t>> numbers;
    for (const std::string_view number : {"31,000", "9.8", "£4.2m", "10:30", "1,250,000"})
        numbers.emplace_back(text.find(number), text.find(number) + number.size());
    ReportLayout layout;
    size_t wrapped = 0;
    for (float width = 100; width < 700; width += 3) { // wider than any number
        CAPTURE(width);
        layout.prepare(document, 16, width);
        for (size_t i = 1; i < layout.rowsOf(0); ++i) {
            const size_t start = layout.rowAt(i).start;
            for (const auto& [from, to] : numbers) CHECK_FALSE((from < start && start < to));
        }
        wrapped += layout.rowsOf(0) > 1;
    }
    CHECK(wrapped > 100); // the widths do wrap the line
    SUBCASE("words still wrap after punctuation and at spaces") {
        layout.prepare(document, 16, 200);
        for (size_t i = 1; i < layout.rowsOf(0); ++i) {
            const size_t start = layout.rowAt(i).start;
            CHECK(text[start - 1] == ' ');
        }
    }
}

namespace {

// The top edge of every `letter` drawn in the last frame, sorted: one entry
// per row of a text whose rows each hold one.
std::vector<float> glyphTops(char letter, float fontSize) {
    std::vector<float> tops;
    text::FontStack& fonts = text::FontStack::at(fontSize);
    const auto* glyph =
        text::GlyphAtlas::shared().find(fonts, 0, fonts.simple(static_cast<uint32_t>(letter)).glyph);
    const ImDrawData* data = ImGui::GetDrawData();
    for (int n = 0; n < data->CmdListsCount; ++n) {
        const ImDrawList* list = data->CmdLists[n];
        for (int i = 0; i + 3 < list->VtxBuffer.Size; i += 4) {
            const ImDrawVert& v = list->VtxBuffer[i];
            if (v.uv.x == glyph->uv0.x && v.uv.y == glyph->uv0.y) tops.push_back(v.pos.y);
        }
    }
    std::sort(tops.begin(), tops.end());
    return tops;
}

} // namespace

TEST_CASE("report view: rows are evenly spaced and the caret's row shown however far into the report") {
    // A million rows of 21 pixels: the end is 21 million pixels down, where a
    // float keeps only every fourth pixel.
    std::string text;
    for (int i = 0; i < 1000000; ++i) text += "x\n";
    Frames frames("x");
    const Document document = Document::fromBytes(text);
    ReportViewState state;
    frames.style.fontSize = 13;
    frames.frame(state, document);
    ImGui::GetIO().KeyCtrl = true;
    frames.press(state, document, ImGuiKey_End);
    ImGui::GetIO().KeyCtrl = false;
    frames.frame(state, document);
    REQUIRE(state.cursor == text.size());
    CHECK(state.lastVisibleByte >= text.size() - 2); // the last row is in view
    const std::vector<float> tops = glyphTops('x', 13);
    REQUIRE(tops.size() > 5);
    for (size_t i = 1; i < tops.size(); ++i) CHECK(tops[i] - tops[i - 1] == state.rowHeight);

    SUBCASE("Page Down many times, then Ctrl+End, ends at the end") {
        std::string mixed;
        for (int i = 0; i < 20000; ++i)
            mixed += std::string(static_cast<size_t>(i * 7919 % 400), 'w').insert(0, "Line ") +
                     ". Words and "
                     "words, over again, to wrap.\n";
        const Document long_ = Document::fromBytes(mixed);
        ReportViewState view;
        frames.frame(view, long_);
        for (int i = 0; i < 60; ++i) frames.press(view, long_, ImGuiKey_PageDown);
        ImGui::GetIO().KeyCtrl = true;
        frames.press(view, long_, ImGuiKey_End);
        ImGui::GetIO().KeyCtrl = false;
        frames.frame(view, long_);
        CHECK(view.cursor == mixed.size());
        CHECK(view.lastVisibleByte >= mixed.size() - 1);
        // The last row at the bottom, not above an empty stretch.
        const uint64_t last = view.layout.totalRows() - 1;
        CHECK(view.rowY(last) + view.rowHeight <= view.viewOrigin.y + 300);
        CHECK(view.rowY(last) + 2 * view.rowHeight > view.viewOrigin.y + 300 - 16);
    }
}

TEST_CASE("report view: the row at the top stays at the top when the text size or the width changes") {
    std::string text;
    for (int i = 1; i <= 400; ++i)
        text += "Section " + std::to_string(i) +
                ". The review heard from staff across the trust, and "
                "its findings run to several rows at any width.\n";
    Frames frames(text);
    const Document document = Document::fromBytes(text);
    ReportViewState state;
    frames.frame(state, document);
    state.scrollTo = text.find("Section 250.");
    frames.frame(state, document);
    frames.frame(state, document);
    const size_t top = state.firstVisibleByte;
    REQUIRE(top > text.find("Section 240."));
    const auto topStays = [&] {
        frames.frame(state, document);
        frames.frame(state, document);
        const VisualRow first = state.layout.rowOfByte(state.firstVisibleByte);
        CHECK(first.start <= top);
        CHECK(top < std::max(first.end, first.start + 1));
    };
    SUBCASE("a larger text") {
        frames.style.fontSize = 22;
        topStays();
        frames.style.fontSize = 12;
        topStays();
    }
    SUBCASE("a narrower and a wider window") {
        frames.windowSize = ImVec2(250, 300);
        topStays();
        frames.windowSize = ImVec2(900, 300);
        topStays();
    }
}

TEST_CASE("outline: the headings are listed, the section in view is found, and a click goes to its heading") {
    const std::string text = "# Leading Together\nIntro.\n## 7.3 Pay gaps\nGaps.\n### Detail\nMore.\n";
    Frames frames(text);
    const Document document = Document::fromBytes(text);
    const auto& headings = document.headings();
    REQUIRE(headings.size() == 3);
    CHECK(!headingAt(headings, 0).has_value()); // before the title's text, on its "# "
    CHECK(headingAt(headings, text.find("Intro")) == 0u);
    CHECK(headingAt(headings, text.find("Gaps.")) == 1u);
    CHECK(headingAt(headings, text.size()) == 2u);

    const auto drawOutline = [&] {
        ImGui::NewFrame();
        ImGui::SetNextWindowPos(ImVec2(0, 0));
        ImGui::SetNextWindowSize(ImVec2(400, 300));
        ImGui::Begin("outline", nullptr, ImGuiWindowFlags_NoDecoration);
        const auto jump = Outline(document, 0);
        ImGui::End();
        ImGui::Render();
        return jump;
    };
    drawOutline();
    // The second row, one row down from the first.
    const float row = ImGui::GetTextLineHeightWithSpacing();
    const ImVec2 at(100, ImGui::GetStyle().WindowPadding.y + row * 1.5f);
    frames.mouse(at, false);
    CHECK(!drawOutline());
    frames.mouse(at, true);
    CHECK(!drawOutline());
    frames.mouse(at, false);
    CHECK(drawOutline() == headings[1].start);
}

TEST_CASE("report layout: a NUL byte is a character of its row, not a break") {
    const std::string text("A NUL here:\0: and the rest of the line.\nNext line.\n", 51);
    Frames frames(text);
    const Document document = Document::fromBytes(text);
    REQUIRE(document.lineCount() == 2);
    ReportLayout layout;
    layout.prepare(document, 16, 2000);
    CHECK(layout.rowsOf(0) == 1);
    const VisualRow row = layout.rowAt(0);
    CHECK(layout.xOf(row, 12) > layout.xOf(row, 11)); // the NUL takes room: it is drawn
}

TEST_CASE("report view: a drag across right-to-left text selects it in logical order, and copies it so") {
    const std::string text = "Mixed: the nurse wrote شكرا جزيلا in the margin.\n";
    Frames frames(text);
    const Document document = Document::fromBytes(text);
    ReportViewState state;
    frames.frame(state, document);
    frames.frame(state, document);
    const size_t from = text.find("شكرا"), to = text.find(" جزيلا");
    // The first Arabic word is read from the right: the drag goes from right to left.
    // A little inside the word at each end: where the directions meet, the
    // same x is also the end of the English before it or the start of that after it.
    ImVec2 start = frames.pointAt(state, from), end = frames.pointAt(state, to);
    start.x -= 2;
    end.x += 1;
    REQUIRE(end.x < start.x);
    frames.mouse(start, false);
    frames.frame(state, document);
    frames.mouse(start, true);
    frames.frame(state, document);
    frames.mouse(end, true);
    frames.frame(state, document);
    frames.mouse(end, false);
    frames.frame(state, document);
    CHECK(state.selectionStart() == from);
    CHECK(state.selectionEnd() == to);
    ImGui::GetIO().KeyCtrl = true;
    frames.press(state, document, ImGuiKey_C);
    ImGui::GetIO().KeyCtrl = false;
    CHECK(std::string(ImGui::GetClipboardText()) == "شكرا");
}

TEST_CASE("report view: the arrows move the caret the way they point, in right-to-left text too") {
    const std::string text = "قال الموظف\nabc\n";
    Frames frames(text);
    const Document document = Document::fromBytes(text);
    ReportViewState state;
    frames.frame(state, document);
    state.select(0, 0); // at the right edge of the Arabic line
    frames.press(state, document, ImGuiKey_LeftArrow);
    CHECK(state.cursor == std::string("ق").size()); // one letter on in the text
    const float x = state.layout.xOf(state.layout.rowOfByte(state.cursor), state.cursor);
    CHECK(x < state.layout.xOf(state.layout.rowOfByte(0), 0));
    frames.press(state, document, ImGuiKey_RightArrow);
    CHECK(state.cursor == 0);
    state.select(text.find("abc"), text.find("abc"));
    frames.press(state, document, ImGuiKey_RightArrow);
    CHECK(state.cursor == text.find("bc"));
}

TEST_CASE("report view: a character no font has is a box, named once for the status bar") {
    const std::string text = "before \xF4\x8F\xBF\xBD after\n"; // U+10FFFD, private use: in no font
    Frames frames(text);
    const Document document = Document::fromBytes(text);
    ReportViewState state;
    const ReportViewResult first = frames.frame(state, document);
    CHECK(first.missingFonts.find("U+10FFFD") != std::string::npos);
    CHECK(frames.frame(state, document).missingFonts.empty()); // said once
    const VisualRow row = state.layout.rowAt(0);
    const size_t at = text.find("\xF4");
    const float x = (state.layout.xOf(row, at) + state.layout.xOf(row, at + 4)) / 2;
    const text::ShapedGlyph* box = state.layout.shaped(row).boxAt(x);
    REQUIRE(box != nullptr);
    CHECK(box->codepoint == 0x10FFFD);
    CHECK(state.layout.shaped(row).boxAt(state.layout.xOf(row, 1)) == nullptr); // "e" is drawn
}
