#include "gloss/annotations/anchoring.hpp"
#include "gloss/annotations/approximate_match.hpp"
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

TEST_CASE("anchoring: a deleted passage is orphaned, not placed on a similar passage elsewhere") {
    const std::string first =
        "The workforce and inclusion plans connect to its plans for reducing health inequalities.";
    const std::string intro = "Opening words that set the scene for the chapter.\n\n";
    const std::string rest = "\n\nA middle paragraph about something quite different, at some length.\n\n"
                             "The workforce and inclusion plans connect to its strategy for reducing health "
                             "inequalities in most places.\n\nEnd.\n";
    const PlainText original{intro + first + rest};
    SUBCASE("a sentence") {
        Annotation a = annotate(original, first);
        const Annotation before = a;
        const PlainText text{intro + rest};
        CHECK(anchor(a, text) == AnchorStatus::Orphaned);
        Annotation expected = before;
        expected.status = AnchorStatus::Orphaned;
        CHECK(a == expected);
    }
    SUBCASE("a short heading") {
        const PlainText withHeading{"Conclusion\n\n" + intro + first + rest + "In conclusion, we agree.\n"};
        Annotation a = annotate(withHeading, "Conclusion");
        const PlainText text{intro + first + rest + "In conclusion, we agree.\n"};
        CHECK(anchor(a, text) == AnchorStatus::Orphaned);
    }
}

TEST_CASE("anchoring: a reworded quote is found when its context changed on one side") {
    const PlainText original{std::string(kReport)};
    Annotation a = annotate(original, "Bullying was reported in every trust.");
    std::string revised(kReport);
    revised.replace(revised.find("every trust"), 11, "each trust");
    revised.replace(revised.find("2. Findings"), 11, "2. What we found, in brief");
    const PlainText text{revised};
    CHECK(anchor(a, text) == AnchorStatus::Moved);
    CHECK(a.quote == "Bullying was reported in each trust.");
}

TEST_CASE("anchoring: annotations after a long insertion are all moved by it, reworded ones too") {
    const std::string chair = "The chair said the board had accepted every single recommendation.\n";
    std::string report;
    for (int i = 0; i < 400; ++i) {
        report += "Paragraph " + std::to_string(i) + " says something about leadership.\n";
        if (i == 200) report += chair;
    }
    const PlainText original{report};
    std::vector<Annotation> annotations;
    for (int i = 0; i < 400; i += 7)
        annotations.push_back(annotate(original, "Paragraph " + std::to_string(i) + " says"));
    annotations.push_back(annotate(original, chair.substr(0, chair.size() - 1)));
    std::string revised = std::string(100'000, '~') + "\n" + report;
    revised.replace(revised.find("every single"), 12, "each");
    const PlainText text{revised};
    const AnchorCounts counts = anchorAll(annotations, text);
    CHECK(counts.moved == annotations.size());
    // Found by the fuzzy step between its neighbours, 100 KB from its old place.
    CHECK(annotations.back().quote == "The chair said the board had accepted each recommendation.");
    for (const Annotation& a : annotations)
        CHECK(text.utf8().substr(text.byteOffset(a.start), a.quote.size()) == a.quote);
}

TEST_CASE("approximate match: each place within the bound counts once, the fewest errors first") {
    const std::string text = "the boards agreed; the board agreed; a bored aged";
    const auto matches = findApproximate(text, "the board agreed", 3, 0, 8);
    REQUIRE(matches.size() == 2);
    CHECK(text.substr(matches[0].start, matches[0].end - matches[0].start) == "the board agreed");
    CHECK(matches[0].errors == 0);
    CHECK(matches[1].errors == 1);
    CHECK(findApproximate(text, "the board agreed", 3, 0, 1).size() == 1);
    CHECK(distanceToBestPrefix("abxdef", "abcd") == 1);
    CHECK(distanceToBestPrefix("", "abc") == 3);
}
