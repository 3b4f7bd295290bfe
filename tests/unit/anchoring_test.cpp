#include "gloss/annotations/anchoring.hpp"
#include "gloss/core/document.hpp"
#include "plain_text.hpp"
#include "printers.hpp"

#include <doctest/doctest.h>
#include <random>

using namespace gloss::annotations;
using gloss::test::PlainText;

namespace {

constexpr std::string_view kReport =
    "1. Introduction\n\nThe review heard from staff across Northmoor. “Leadership must be inclusive,” said "
    "Dr Siobhán Ní Bhriain. The board accepted every recommendation.\n\n2. Findings\n\nBullying was reported "
    "in every trust. The board accepted the findings in full, and leadership development was funded.\n";

Annotation annotate(const ReportText& text, std::string_view quote, size_t occurrence = 0) {
    const std::string_view utf8 = text.utf8();
    size_t at = utf8.find(quote);
    for (size_t i = 0; i < occurrence; ++i) at = utf8.find(quote, at + 1);
    REQUIRE(at != std::string_view::npos);
    Annotation a;
    a.id = "a";
    setSelectors(a, text, text.codepointOffset(at), text.codepointOffset(at + quote.size()));
    return a;
}

} // namespace

TEST_CASE("anchoring: selectors hold the quote and up to 32 code points of context") {
    const PlainText text{std::string(kReport)};
    const Annotation a = annotate(text, "Siobhán Ní Bhriain");
    CHECK(a.quote == "Siobhán Ní Bhriain");
    CHECK(a.end - a.start == 18);
    CHECK(a.prefix == "hip must be inclusive,” said Dr ");
    CHECK(utf8::countCodepoints(a.prefix) <= 32);
    CHECK(a.suffix.starts_with(". The board accepted"));
}

TEST_CASE("anchoring: an unchanged report keeps annotations anchored") {
    const PlainText text{std::string(kReport)};
    Annotation a = annotate(text, "Bullying was reported");
    const Annotation before = a;
    CHECK(anchor(a, text) == AnchorStatus::Anchored);
    CHECK(a == before);
}

TEST_CASE("anchoring: text inserted before a quote moves it to the exact new place") {
    const PlainText original{std::string(kReport)};
    Annotation a = annotate(original, "Bullying was reported");
    std::string revised(kReport);
    revised.insert(0, "Foreword by the chair, Zoë Adébáyọ̀.\n\n");
    const PlainText text{revised};
    CHECK(anchor(a, text) == AnchorStatus::Moved);
    CHECK(text.utf8().substr(text.byteOffset(a.start), a.quote.size()) == "Bullying was reported");
}

TEST_CASE("anchoring: of several exact occurrences the one with matching context wins") {
    const PlainText original{std::string(kReport)};
    Annotation second = annotate(original, "The board accepted", 1);
    std::string revised(kReport);
    revised.insert(0, std::string(300, '-') + "\n");
    const PlainText text{revised};
    REQUIRE(anchor(second, text) == AnchorStatus::Moved);
    CHECK(second.suffix.starts_with(" the findings"));
}

TEST_CASE("anchoring: a lightly reworded quote is found by the fuzzy step") {
    const PlainText original{std::string(kReport)};
    Annotation a =
        annotate(original, "The board accepted the findings in full, and leadership development was funded.");
    std::string revised(kReport);
    const size_t at = revised.find("was funded");
    revised.replace(at, 10, "is now funded");
    const PlainText text{revised};
    CHECK(anchor(a, text) == AnchorStatus::Moved);
    CHECK(a.quote == "The board accepted the findings in full, and leadership development is now funded.");
    CHECK(text.utf8().substr(text.byteOffset(a.start), a.quote.size()) == a.quote);
}

TEST_CASE("anchoring: a quote whose text is gone is orphaned and kept as it was") {
    const PlainText original{std::string(kReport)};
    Annotation a = annotate(original, "Bullying was reported in every trust.");
    const Annotation before = a;
    std::string revised(kReport);
    revised.replace(revised.find("Bullying"), 37, "Staff surveys were positive overall here.");
    const PlainText text{revised};
    CHECK(anchor(a, text) == AnchorStatus::Orphaned);
    CHECK(a.start == before.start);
    CHECK(a.quote == before.quote);
}

TEST_CASE(
    "anchoring: an annotation past the end of a shorter report is re-found or orphaned, never a crash") {
    const PlainText original{std::string(kReport)};
    Annotation a = annotate(original, "leadership development was funded");
    const PlainText shorter{"leadership development was funded"};
    CHECK(anchor(a, shorter) == AnchorStatus::Moved);
    CHECK(a.start == 0);
    const PlainText empty{""};
    CHECK(anchor(a, empty) == AnchorStatus::Orphaned);
}

TEST_CASE("anchoring: fuzzy matches land on code-point boundaries in multi-byte text") {
    std::string report;
    for (int i = 0; i < 40; ++i) report += "Łódź Kraków Gdańsk Wrocław Poznań 😀 ";
    const gloss::core::Document original = gloss::core::Document::fromBytes(report);
    Annotation a = annotate(original, "Gdańsk Wrocław Poznań 😀 Łódź Kraków", 10);
    std::string revised = report;
    const size_t at = revised.find("Kraków Gdańsk Wrocław Poznań 😀 Łódź Kraków Gdańsk", 800);
    revised.replace(at + 8, 6, "Gdansk"); // one word loses its accent near the quote
    const gloss::core::Document text = gloss::core::Document::fromBytes(revised);
    anchor(a, text);
    CHECK(a.status != AnchorStatus::Orphaned);
    const size_t startByte = text.byteOffset(a.start);
    CHECK(text.codepointOffset(startByte) == a.start);
    CHECK(text.utf8().substr(startByte, a.quote.size()) == a.quote);
}
