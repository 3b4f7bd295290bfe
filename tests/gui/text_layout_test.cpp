// Report text as shaped and ordered for display (docs/architecture.md,
// "Report text"): visual order of mixed directions, clusters, carets and
// selections in logical order, and wrapping by shaped advances. The fonts are
// those scripts/install-deps.sh installs (DejaVu Sans, Noto), found through
// fontconfig as the editor finds them.

#include "gloss/core/document.hpp"
#include "headless_imgui.hpp"
#include "text/bidi.hpp"
#include "text/missing_fonts.hpp"
#include "widgets/report_layout.hpp"

#include <algorithm>
#include <doctest/doctest.h>
#include <string>

using gloss::core::Document;
using namespace gloss::gui;

namespace {

bool onBoundary(std::string_view text, size_t byte) {
    return byte >= text.size() || (static_cast<unsigned char>(text[byte]) & 0xC0) != 0x80;
}

// Every caret position of the row that hit-testing can give, by sweeping x.
std::vector<size_t> reachableCarets(const ReportLayout& layout, const VisualRow& row) {
    std::vector<size_t> carets;
    for (float x = -10; x < layout.wrapWidth() + 10; x += 0.25f) carets.push_back(layout.hitTest(row, x));
    std::sort(carets.begin(), carets.end());
    carets.erase(std::unique(carets.begin(), carets.end()), carets.end());
    return carets;
}

} // namespace

TEST_CASE(
    "text layout: a right-to-left run inside English reads from the right, the English around it does not") {
    gloss::test::HeadlessImGui imgui("x");
    const std::string text = "The nurse wrote شكرا جزيلا then left.";
    const Document document = Document::fromBytes(text);
    ReportLayout layout;
    layout.prepare(document, 16, 2000);
    const VisualRow row = layout.rowAt(0);
    const size_t thanks = text.find("شكرا"), much = text.find("جزيلا"), then = text.find(" then");
    const text::ShapedRow& shaped = layout.shaped(row);
    CHECK_FALSE(shaped.rtl);
    // English, then the Arabic (one run, read from the right), then English.
    CHECK(layout.xOf(row, text.find("wrote")) < layout.xOf(row, much));
    CHECK(layout.xOf(row, much) < layout.xOf(row, thanks)); // the first Arabic word is on the right
    CHECK(layout.xOf(row, thanks) <= layout.xOf(row, then) + 0.5f);
    CHECK(layout.xOf(row, text.find("left")) > layout.xOf(row, thanks));
    const auto rtlPieces = std::count_if(shaped.pieces.begin(), shaped.pieces.end(),
                                         [](const text::ShapedPiece& piece) { return piece.rtl; });
    CHECK(rtlPieces >= 1);
    // Within the Arabic, each letter further on in the text is further left.
    float previous = layout.xOf(row, thanks);
    for (size_t byte = thanks + 2; byte < thanks + std::string("شكرا").size(); byte += 2) {
        CHECK(layout.xOf(row, byte) < previous);
        previous = layout.xOf(row, byte);
    }
}

TEST_CASE("text layout: an Arabic paragraph is right to left and aligned right, an English word in it left "
          "to right") {
    gloss::test::HeadlessImGui imgui("x");
    const std::string text = "قال الموظف إن Gloss جيد";
    const Document document = Document::fromBytes(text);
    ReportLayout layout;
    layout.prepare(document, 16, 600);
    const VisualRow row = layout.rowAt(0);
    CHECK(layout.shaped(row).rtl);
    CHECK(layout.xOf(row, 0) == doctest::Approx(600).epsilon(0.01)); // starts at the right edge
    const size_t gloss = text.find("Gloss");
    CHECK(layout.xOf(row, gloss) < layout.xOf(row, gloss + 1)); // the English reads left to right
    CHECK(layout.xOf(row, gloss) < layout.xOf(row, 0));
    CHECK(layout.xOf(row, text.find("جيد")) < layout.xOf(row, gloss)); // the word after it is further left
}

TEST_CASE("text layout: carets never fall inside a cluster, and hit-testing inverts xOf across directions") {
    gloss::test::HeadlessImGui imgui("x");
    // A base with a combining mark, a Devanagari consonant with its vowel
    // sign (drawn before it), Hebrew and English.
    const std::string text = "cafe\xCC\x81 कि abc שלום def";
    const Document document = Document::fromBytes(text);
    ReportLayout layout;
    layout.prepare(document, 16, 2000);
    const VisualRow row = layout.rowAt(0);
    const std::vector<size_t> carets = reachableCarets(layout, row);
    const size_t mark = text.find("\xCC\x81");
    const size_t vowelSign = text.find("ि");
    CHECK(std::find(carets.begin(), carets.end(), mark) == carets.end());
    CHECK(std::find(carets.begin(), carets.end(), vowelSign) == carets.end());
    CHECK(std::find(carets.begin(), carets.end(), mark + 2) != carets.end()); // after the mark
    for (size_t byte = row.start; byte <= row.end; ++byte) {
        if (!onBoundary(text, byte)) continue;
        const float x = layout.xOf(row, byte);
        const size_t hit = layout.hitTest(row, x);
        CHECK(onBoundary(text, hit));
        CHECK(layout.xOf(row, hit) == doctest::Approx(x));
    }
    // A click on the right half of the first Hebrew letter (read from the
    // right) puts the caret before it.
    const size_t shin = text.find("ש"), lamed = text.find("ל");
    const float right = layout.xOf(row, shin), left = layout.xOf(row, lamed);
    REQUIRE(left < right);
    CHECK(layout.hitTest(row, right - (right - left) * 0.25f) == shin);
    CHECK(layout.hitTest(row, left + (right - left) * 0.25f) == lamed);
}

TEST_CASE("text layout: a selection across a change of direction is one rectangle per run it covers") {
    gloss::test::HeadlessImGui imgui("x");
    const std::string text = "abc שלום עולם def";
    const Document document = Document::fromBytes(text);
    ReportLayout layout;
    layout.prepare(document, 16, 2000);
    const VisualRow row = layout.rowAt(0);
    // From "bc" into the first Hebrew word: in logical order that is "bc "
    // and "של", which shows as the English and the right end of the Hebrew.
    const size_t from = 1, to = text.find("ום");
    const auto extents = layout.extents(row, from, to);
    REQUIRE(extents.size() == 2);
    CHECK(extents[0].first == doctest::Approx(layout.xOf(row, from)));
    const float hebrewRight = layout.xOf(row, text.find("ש"));
    CHECK(extents[1].second == doctest::Approx(hebrewRight));
    CHECK(extents[1].first == doctest::Approx(layout.xOf(row, to)));
    // The second Hebrew word, further on, is left of the first and not selected.
    CHECK(layout.xOf(row, text.find("עולם")) < extents[1].first);
    // Within one run: one rectangle.
    CHECK(layout.extents(row, text.find("ש"), text.find("ום")).size() == 1);
}

TEST_CASE("text layout: numbers are never split when Arabic text wraps, at any width") {
    gloss::test::HeadlessImGui imgui("x");
    std::string text;
    for (int i = 0; i < 8; ++i) text += "رأى الفريق 31,000 مريض في 9.8 أسابيع و ";
    const Document document = Document::fromBytes(text);
    int wrapped = 0;
    for (float width = 60; width < 700; width += 13) {
        ReportLayout layout;
        layout.prepare(document, 16, width);
        for (size_t i = 1; i < layout.rowsOf(0); ++i) {
            const size_t start = layout.rowAt(i).start;
            for (const std::string number : {"31,000", "9.8"})
                for (size_t at = text.find(number); at != std::string::npos; at = text.find(number, at + 1))
                    CHECK_FALSE((start > at && start < at + number.size()));
        }
        // Each row fits, its blanks aside, and what is measured is what is drawn.
        for (size_t i = 0; i + 1 < layout.rowsOf(0); ++i) {
            const VisualRow row = layout.rowAt(i);
            const text::ShapedRow& shaped = layout.shaped(row);
            size_t end = row.end;
            while (end > row.start && text[end - 1] == ' ') --end;
            float drawn = 0;
            for (const auto& [left, right] : shaped.extents(row.start, end)) drawn += right - left;
            CHECK(drawn <= width + 0.5f);
        }
        wrapped += layout.rowsOf(0) > 1;
    }
    CHECK(wrapped > 10);
}

TEST_CASE("text layout: a paragraph's direction is that of its first strong character") {
    const auto rtl = [](std::u32string_view text) {
        return text::paragraphIsRtl({reinterpret_cast<const uint32_t*>(text.data()), text.size()});
    };
    CHECK(rtl(U"\"31\" שלום abc"));
    CHECK_FALSE(rtl(U"12 abc שלום"));
    CHECK_FALSE(rtl(U"123 ..."));
}

TEST_CASE("text layout: characters no font has are named with their script and a package") {
    CHECK(text::scriptName(0x0E01) == "Thai");
    CHECK(text::scriptName(0x4E2D) == "Chinese");
    CHECK(text::scriptName(0x1F600) == "emoji");
    const std::string message = text::missingFontsMessage({0x0995, 0x0996, 0x1F600});
    CHECK(message.find("Bengali (U+0995)") != std::string::npos);
    CHECK(message.find("U+0996") == std::string::npos); // one code point per script
    CHECK(message.find("fonts-noto-core fonts-noto-color-emoji") != std::string::npos);
    CHECK(text::missingFontsMessage({}).empty());
}
