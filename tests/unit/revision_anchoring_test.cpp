// Re-anchoring after a revision of the sample report, checked against ground truth: a generator
// edits the report at known places (words inserted, deleted and reworded, sentences added and
// removed), so for every annotation the test knows whether its text survived and where it went.

#include "gloss/annotations/anchoring.hpp"
#include "gloss/annotations/annotation_file.hpp"
#include "gloss/core/document.hpp"
#include "gloss/core/file_io.hpp"
#include "temp_dir.hpp"

#include <algorithm>
#include <array>
#include <doctest/doctest.h>
#include <random>
#include <string>
#include <vector>

using namespace gloss::annotations;
using gloss::core::Document;

namespace {

// [SECTION] The revision and what it knows

// One edit of the original: bytes [start, end) replaced by `text` (an insertion when empty).
struct Edit {
    size_t start = 0;
    size_t end = 0;
    std::string text;
};

// The original's edits in order, without overlaps, and the text they make.
struct Revision {
    std::vector<Edit> edits;
    std::string text;

    // Whether an edit changed anything inside [start, end) of the original: a replaced byte, or
    // text inserted strictly inside. Text inserted at either end leaves the range's text intact.
    bool touches(size_t start, size_t end) const {
        return std::any_of(edits.begin(), edits.end(), [&](const Edit& e) {
            return (e.start < end && e.end > start) || (e.start == e.end && start < e.start && e.start < end);
        });
    }

    // Whether an edit changed [start, end) or put text right beside it.
    bool touchesOrAdjoins(size_t start, size_t end) const {
        return std::any_of(edits.begin(), edits.end(),
                           [&](const Edit& e) { return e.start <= end && e.end >= start; });
    }

    // Where original byte `at` is in the revision. A byte inside a replaced range maps to the start
    // of its replacement (`towardEnd` false) or to its end (true), so that a range maps to the
    // whole of what now stands in its place.
    size_t map(size_t at, bool towardEnd) const {
        ptrdiff_t shift = 0;
        for (const Edit& e : edits) {
            if (e.end <= at && !(e.start == e.end && e.start == at && towardEnd)) {
                shift += static_cast<ptrdiff_t>(e.text.size()) - static_cast<ptrdiff_t>(e.end - e.start);
            } else if (e.start < at && at < e.end) {
                const size_t start = static_cast<size_t>(static_cast<ptrdiff_t>(e.start) + shift);
                return towardEnd ? start + e.text.size() : start;
            } else {
                break;
            }
        }
        return static_cast<size_t>(static_cast<ptrdiff_t>(at) + shift);
    }
};

constexpr std::array<std::string_view, 6> kInsertedPhrases = {
    "in the view of the panel ",
    "— as several witnesses stressed — ",
    "clearly ",
    "and, we were told, ",
    "in most trusts ",
    "by 2026 ",
};
constexpr std::array<std::string_view, 4> kInsertedSentences = {
    "The board has since responded in writing. ",
    "A further survey is planned for next year. ",
    "Ms Ibáñez, a ward sister, disagreed with this account. ",
    "This point was disputed by two of the trusts. ",
};
constexpr std::array<std::string_view, 8> kRewordings = {"staff",     "leaders",    "often", "rarely",
                                                         "the board", "colleagues", "many",  "equity"};

bool isSpace(char c) {
    return c == ' ' || c == '\n' || c == '\r' || c == '\t';
}

// Edits at about `rate` of the word starts of `original`, drawn from `rng`: a phrase or a
// sentence inserted, a word deleted or replaced, or the rest of a sentence deleted. Word
// boundaries are ASCII spaces, so every edit keeps the text valid UTF-8.
Revision revise(std::string_view original, double rate, std::mt19937_64& rng) {
    const auto below = [&](size_t bound) { return static_cast<size_t>(rng() % bound); };
    Revision revision;
    size_t cursor = 0; // no edit starts before the end of the previous one
    for (size_t at = 1; at < original.size(); ++at) {
        if (at < cursor || !isSpace(original[at - 1]) || isSpace(original[at])) continue;
        if (static_cast<double>(rng() >> 11) * 0x1.0p-53 >= rate) continue;
        size_t wordEnd = at;
        while (wordEnd < original.size() && !isSpace(original[wordEnd])) ++wordEnd;
        Edit edit{at, at, {}};
        switch (below(5)) {
        case 0:
            edit.text = kInsertedPhrases[below(kInsertedPhrases.size())];
            break;
        case 1:
            edit.text = kInsertedSentences[below(kInsertedSentences.size())];
            break;
        case 2: // the word and the space after it
            edit.end = std::min(original.size(), wordEnd + 1);
            break;
        case 3:
            edit.end = wordEnd;
            edit.text = kRewordings[below(kRewordings.size())];
            break;
        default: { // up to the end of the sentence, its full stop and space included
            const size_t stop = original.find(". ", at);
            edit.end = stop == std::string_view::npos ? wordEnd : std::min(stop + 2, original.find('\n', at));
            edit.end = std::max(edit.end, wordEnd);
            break;
        }
        }
        cursor = std::max(edit.end, at + 1);
        revision.edits.push_back(std::move(edit));
    }
    size_t copied = 0;
    for (const Edit& e : revision.edits) {
        revision.text.append(original.substr(copied, e.start - copied));
        revision.text += e.text;
        copied = e.end;
    }
    revision.text.append(original.substr(copied));
    return revision;
}

// [SECTION] Annotations over the original

Annotation annotationOf(const Document& report, size_t startByte, size_t endByte, std::string id) {
    Annotation a;
    a.id = std::move(id);
    setSelectors(a, report, report.codepointOffset(startByte), report.codepointOffset(endByte));
    return a;
}

// One annotation per sentence (a run of text up to ". ", "? ", "! " or a line end).
std::vector<Annotation> sentenceAnnotations(const Document& report) {
    const std::string_view text = report.utf8();
    std::vector<Annotation> out;
    size_t start = 0;
    for (size_t i = 0; i <= text.size(); ++i) {
        const bool lineEnd = i == text.size() || text[i] == '\n';
        const bool stop =
            i + 1 < text.size() && (text[i] == '.' || text[i] == '?' || text[i] == '!') && text[i + 1] == ' ';
        if (!lineEnd && !stop) continue;
        const size_t end = stop ? i + 1 : i;
        while (start < end && isSpace(text[start])) ++start;
        if (end > start)
            out.push_back(annotationOf(report, start, end, "sentence-" + std::to_string(out.size())));
        start = end;
    }
    return out;
}

// `count` ranges of 5 to 300 code points at random places.
std::vector<Annotation> randomAnnotations(const Document& report, size_t count, std::mt19937_64& rng) {
    std::vector<Annotation> out;
    const uint64_t codepoints = report.codepointCount();
    for (size_t i = 0; i < count; ++i) {
        const uint64_t length = 5 + rng() % 296;
        const uint64_t start = rng() % (codepoints - length);
        Annotation a;
        a.id = "random-" + std::to_string(i);
        setSelectors(a, report, start, start + length);
        out.push_back(std::move(a));
    }
    return out;
}

// [SECTION] Checking

size_t editDistance(std::string_view a, std::string_view b) {
    std::vector<size_t> row(b.size() + 1);
    for (size_t j = 0; j <= b.size(); ++j) row[j] = j;
    for (size_t i = 1; i <= a.size(); ++i) {
        size_t diagonal = row[0];
        row[0] = i;
        for (size_t j = 1; j <= b.size(); ++j) {
            const size_t substitution = diagonal + (a[i - 1] == b[j - 1] ? 0 : 1);
            diagonal = row[j];
            row[j] = std::min({row[j] + 1, row[j - 1] + 1, substitution});
        }
    }
    return row[b.size()];
}

size_t occurrences(std::string_view text, std::string_view quote) {
    size_t n = 0;
    for (size_t at = text.find(quote); at != std::string_view::npos; at = text.find(quote, at + 1)) ++n;
    return n;
}

struct Tally {
    size_t survivors = 0, survivorsFound = 0, survivorsAtTheirPlace = 0;
    size_t touched = 0, touchedOrphaned = 0, touchedFuzzy = 0, touchedExactElsewhere = 0;
    size_t lightlyEdited = 0, lightlyEditedFound = 0, lightlyEditedInContext = 0;
    size_t wrongPlaces = 0;
};

// Re-anchors `annotations` (made on `original`) on the revision and checks each against what
// the generator knows.
Tally reanchorAndCheck(const Document& original, const Revision& revision,
                       std::vector<Annotation> annotations) {
    const Document revised = Document::fromBytes(revision.text);
    const std::vector<Annotation> before = annotations;
    const AnchorCounts counts = anchorAll(annotations, revised);
    CHECK(counts.anchored + counts.moved + counts.orphaned == annotations.size());

    Tally tally;
    const std::string_view text = revised.utf8();
    for (size_t i = 0; i < annotations.size(); ++i) {
        const Annotation& was = before[i];
        const Annotation& now = annotations[i];
        INFO("annotation " << was.id << " quote \"" << was.quote << "\"");
        const size_t startByte = original.byteOffset(was.start);
        const size_t endByte = original.byteOffset(was.end);
        const size_t landedStart = revised.byteOffset(now.start);
        const size_t landedEnd = revised.byteOffset(now.end);
        const std::string_view landed = text.substr(landedStart, landedEnd - landedStart);

        if (!revision.touches(startByte, endByte)) {
            ++tally.survivors;
            CHECK(now.status != AnchorStatus::Orphaned);
            CHECK(landed == was.quote);
            if (now.status != AnchorStatus::Orphaned && landed == was.quote) ++tally.survivorsFound;
            // A quote that occurs once can only be right at its own place.
            if (occurrences(text, was.quote) == 1) CHECK(landedStart == revision.map(startByte, false));
            if (landedStart == revision.map(startByte, false)) ++tally.survivorsAtTheirPlace;
            continue;
        }

        ++tally.touched;
        const size_t regionStart = revision.map(startByte, false);
        const size_t regionEnd = revision.map(endByte, true);
        const std::string_view region = text.substr(regionStart, regionEnd - regionStart);
        const size_t bound = static_cast<size_t>(static_cast<double>(was.quote.size()) * kMaxFuzzyErrorRate);
        // What stands in the quote's place differs from it by at most half the fuzzy bound: the
        // fuzzy step must find it.
        const bool lightlyEdited = editDistance(region, was.quote) * 2 <= bound;
        // The fuzzy step places a quote where its context confirms it: the stored prefix or
        // suffix untouched beside it is confirmation enough.
        const bool contextIntact = !revision.touchesOrAdjoins(startByte - was.prefix.size(), startByte) ||
                                   !revision.touchesOrAdjoins(endByte, endByte + was.suffix.size());
        const bool mustBeFound = lightlyEdited && contextIntact;
        if (lightlyEdited) ++tally.lightlyEdited;
        if (mustBeFound) ++tally.lightlyEditedInContext;
        if (now.status == AnchorStatus::Orphaned) {
            ++tally.touchedOrphaned;
            CHECK(now.quote == was.quote);
            CHECK(now.start == was.start);
            CHECK_MESSAGE(!mustBeFound, "missed: its place now reads \"" << region << "\"");
            continue;
        }
        if (lightlyEdited) ++tally.lightlyEditedFound;
        CHECK(landed == now.quote);
        if (landed == was.quote) { // the same text found elsewhere: a true occurrence of the quote
            ++tally.touchedExactElsewhere;
            continue;
        }
        ++tally.touchedFuzzy;
        const bool withinBound = editDistance(landed, was.quote) <= bound;
        const bool overlaps = regionStart == regionEnd
                                  ? landedStart <= regionStart && regionStart <= landedEnd
                                  : landedStart < regionEnd && regionStart < landedEnd;
        CHECK_MESSAGE(withinBound, "fuzzy match too far from the quote: \"" << landed << "\"");
        CHECK_MESSAGE(overlaps, "fuzzy match away from the quote's place: \""
                                    << landed << "\"; its place reads \"" << region << "\"");
        if (!withinBound || !overlaps) ++tally.wrongPlaces;
    }
    return tally;
}

Document sampleReport() {
    return Document::fromBytes(gloss::core::readFile(gloss::test::sourcePath("examples/sample-report.txt")));
}

} // namespace

TEST_CASE("re-anchoring: the revision generator knows where every byte went") {
    const Document original = sampleReport();
    std::mt19937_64 rng(20250303);
    const Revision revision = revise(original.utf8(), 0.05, rng);
    REQUIRE(revision.edits.size() > 100);
    // Every untouched stretch between two edits is where map() says it is.
    size_t from = 0;
    for (const Edit& e : revision.edits) {
        CHECK(revision.text.substr(revision.map(from, false), e.start - from) ==
              original.utf8().substr(from, e.start - from));
        CHECK(revision.text.substr(revision.map(e.start, true), e.text.size()) == e.text);
        from = e.end;
    }
    CHECK(revision.map(original.utf8().size(), true) == revision.text.size());
}

TEST_CASE("re-anchoring: after edits at 5% of the sample's words every surviving quote is found and none "
          "lands on wrong text") {
    const Document original = sampleReport();
    std::vector<Annotation> annotations =
        parseAnnotationFile(
            gloss::core::readFile(gloss::test::sourcePath("examples/sample-annotations.json")))
            .annotations;
    REQUIRE(annotations.size() == 10);
    std::mt19937_64 rng(0x5eed'2026);
    for (Annotation& a : sentenceAnnotations(original)) annotations.push_back(std::move(a));
    for (Annotation& a : randomAnnotations(original, 500, rng)) annotations.push_back(std::move(a));

    for (const uint64_t seed : {1u, 2u, 3u}) {
        CAPTURE(seed);
        std::mt19937_64 editRng(seed);
        const Revision revision = revise(original.utf8(), 0.05, editRng);
        const Tally tally = reanchorAndCheck(original, revision, annotations);
        MESSAGE("seed " << seed << ": " << revision.edits.size() << " edits; " << tally.survivors
                        << " annotations intact, " << tally.survivorsFound << " found ("
                        << tally.survivorsAtTheirPlace << " at their own place); " << tally.touched
                        << " touched: " << tally.touchedFuzzy << " fuzzy, " << tally.touchedExactElsewhere
                        << " exact elsewhere, " << tally.touchedOrphaned << " orphaned; "
                        << tally.lightlyEditedFound << " of " << tally.lightlyEdited
                        << " lightly edited found (" << tally.lightlyEditedInContext
                        << " with a side of their context intact)");
        CHECK(tally.survivors > 100);
        CHECK(tally.touched > 100);
        CHECK(tally.survivorsFound == tally.survivors);
        // Where both sides of the context changed too, a lightly edited quote may be orphaned
        // rather than risk a wrong place; rarely.
        CHECK(tally.lightlyEditedFound * 10 >= tally.lightlyEdited * 9);
        CHECK(tally.wrongPlaces == 0);
    }
}
