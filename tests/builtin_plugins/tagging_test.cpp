// The tagging plugin through core::tagSelection, the host side that checks
// its edits and applies them as one undo step: apply, remove and set-note on
// an AnnotationSet; tags outside the codebook; suggestions from the
// codebook's literals; and gloss-cli tag on a range that already has an
// annotation.

#include "builtin_support.hpp"
#include "gloss/core/files.hpp"
#include "gloss/core/tag_selection.hpp"
#include "process.hpp"

#include <doctest/doctest.h>

using namespace gloss::test;
using gloss::annotations::Annotation;
using gloss::annotations::AnnotationSet;
using gloss::core::Document;
using gloss::core::PluginError;
using gloss::core::TagAction;
using gloss::core::TagOutcome;

namespace {

using Ids = std::vector<std::string>;
using Tags = std::vector<std::string>;

// "Zoë" and the curly quotes make code points and bytes differ.
const std::string kText =
    "Zoë said: “bullying and racism by managers, and more bullying”. Training and mentoring "
    "were offered; training again. Wellbeing suffered.";

struct Tagging {
    LoggingHost plugins{std::vector<std::string>{"tagging"}};
    Document document = Document::fromBytes(kText);
    gloss::annotations::Codebook codebook = gloss::core::loadCodebook(sourcePath("examples/codebook.json"));
    AnnotationSet set;

    // Code points of the first occurrence of `quote`.
    std::pair<uint64_t, uint64_t> range(const std::string& quote) const {
        const size_t at = document.utf8().find(quote);
        REQUIRE(at != std::string_view::npos);
        return {document.codepointOffset(at), document.codepointOffset(at + quote.size())};
    }

    TagOutcome run(const std::string& quote, TagAction action, const std::string& tag,
                   const std::string& note = "") {
        const auto [start, end] = range(quote);
        return gloss::core::tagSelection(plugins.host(), "tagging", document, codebook, set,
                                         {start, end, action, tag, note, "tester"});
    }

    const Annotation& only() const {
        REQUIRE(set.size() == 1);
        return set.all()[0];
    }
};

std::string quoteOf(const Document& document, const Annotation& annotation) {
    const size_t from = document.byteOffset(annotation.start);
    return std::string(document.utf8().substr(from, document.byteOffset(annotation.end) - from));
}

} // namespace

TEST_CASE("tagging: apply adds an annotation, and a second tag on the same range goes on the same one") {
    Tagging t;
    const TagOutcome first = t.run("bullying and racism", TagAction::Apply, "discrimination");
    CHECK(first.added.size() == 1);
    CHECK(first.updated.empty());
    CHECK(first.removed.empty());
    const Annotation created = t.only();
    CHECK(created.id == first.added.at(0));
    CHECK((std::pair{created.start, created.end} == t.range("bullying and racism")));
    CHECK(created.start == 11); // after "Zoë said: “"
    CHECK(created.quote == "bullying and racism");
    CHECK(quoteOf(t.document, created) == "bullying and racism");
    CHECK(created.tags == Tags{"discrimination"});
    CHECK(created.author == "tester");
    CHECK(created.origin == "manual");
    CHECK(created.note.empty());

    const TagOutcome second = t.run("bullying and racism", TagAction::Apply, "representation");
    CHECK(second.added.empty());
    CHECK(second.updated == Ids{created.id});
    CHECK(t.only().id == created.id);
    CHECK(t.only().tags == Tags{"discrimination", "representation"});
    CHECK((std::pair{t.only().start, t.only().end} == std::pair{created.start, created.end}));

    SUBCASE("applying a tag that is already there changes nothing, and leaves no empty undo step") {
        const auto before = t.set.all();
        const TagOutcome again = t.run("bullying and racism", TagAction::Apply, "discrimination");
        CHECK(again.added.empty());
        CHECK(again.updated.empty());
        CHECK(again.removed.empty());
        CHECK(t.set.all() == before);
        // The next undo takes back the second tag, not a step that did nothing.
        REQUIRE(t.set.undo());
        CHECK(t.only().tags == Tags{"discrimination"});
    }
    SUBCASE("a tag on an overlapping but different range is a new annotation") {
        const TagOutcome other =
            t.run("racism by managers", TagAction::Apply, "discrimination", "said twice");
        CHECK(other.added.size() == 1);
        CHECK(other.updated.empty());
        REQUIRE(t.set.size() == 2);
        const Annotation* added = t.set.find(other.added.at(0));
        REQUIRE(added);
        CHECK(added->quote == "racism by managers");
        CHECK(added->note == "said twice");
        CHECK(t.set.find(created.id)->tags == Tags{"discrimination", "representation"});
    }
}

TEST_CASE("tagging: remove takes the tag off, and deletes an annotation left with no tags") {
    Tagging t;
    t.run("bullying and racism", TagAction::Apply, "discrimination");
    t.run("bullying and racism", TagAction::Apply, "wellbeing");
    const std::string id = t.only().id;

    SUBCASE("a tag the annotation lacks: nothing changes") {
        const auto before = t.set.all();
        const TagOutcome outcome = t.run("bullying and racism", TagAction::Remove, "disability");
        CHECK((outcome.added.empty() && outcome.updated.empty() && outcome.removed.empty()));
        CHECK(t.set.all() == before);
    }
    SUBCASE("one tag of two, then the last") {
        const TagOutcome first = t.run("bullying and racism", TagAction::Remove, "discrimination");
        CHECK(first.updated == Ids{id});
        CHECK(first.removed.empty());
        CHECK(t.only().tags == Tags{"wellbeing"});
        const TagOutcome last = t.run("bullying and racism", TagAction::Remove, "wellbeing");
        CHECK(last.removed == Ids{id});
        CHECK(last.updated.empty());
        CHECK(t.set.size() == 0);
    }
}

TEST_CASE("tagging: a remove across several annotations is one undo step") {
    Tagging t;
    const auto a = t.run("bullying and racism", TagAction::Apply, "discrimination").added.at(0);
    const auto b = t.run("racism by managers", TagAction::Apply, "discrimination").added.at(0);
    t.run("racism by managers", TagAction::Apply, "wellbeing");
    const auto c = t.run("managers, and more", TagAction::Apply, "wellbeing").added.at(0);
    const auto outside = t.run("Training", TagAction::Apply, "discrimination").added.at(0);
    REQUIRE(t.set.size() == 4);
    const auto before = t.set.all();

    // The selection overlaps a, b and c, not `outside`.
    const TagOutcome outcome = t.run("racism by managers, and more", TagAction::Remove, "discrimination");
    CHECK(outcome.removed == Ids{a});
    CHECK(outcome.updated == Ids{b});
    CHECK(outcome.added.empty());
    REQUIRE(t.set.size() == 3);
    CHECK(t.set.find(a) == nullptr);
    CHECK(t.set.find(b)->tags == Tags{"wellbeing"});
    CHECK(t.set.find(c)->tags == Tags{"wellbeing"});
    CHECK(t.set.find(outside)->tags == Tags{"discrimination"});
    const auto after = t.set.all();

    REQUIRE(t.set.undo());
    CHECK(t.set.all() == before);
    CHECK(t.set.canUndo()); // the applies before it are separate steps
    REQUIRE(t.set.redo());
    CHECK(t.set.all() == after);
    REQUIRE(t.set.undo());
    CHECK(t.set.all() == before);
}

TEST_CASE("tagging: set-note") {
    Tagging t;
    const auto id = t.run("bullying and racism", TagAction::Apply, "discrimination").added.at(0);

    SUBCASE("on the annotation with exactly this range: the note changes, the tags do not") {
        const TagOutcome outcome = t.run("bullying and racism", TagAction::SetNote, "", "Reported twice.");
        CHECK(outcome.updated == Ids{id});
        CHECK(outcome.added.empty());
        CHECK(t.only().note == "Reported twice.");
        CHECK(t.only().tags == Tags{"discrimination"});
        REQUIRE(t.set.undo());
        CHECK(t.only().note.empty());
    }
    SUBCASE("with a tag, on a range no annotation has exactly: a new annotation with the tag and note") {
        const TagOutcome outcome = t.run("racism by managers", TagAction::SetNote, "representation", "Who?");
        REQUIRE(outcome.added.size() == 1);
        REQUIRE(t.set.size() == 2);
        const Annotation* added = t.set.find(outcome.added[0]);
        CHECK(added->tags == Tags{"representation"});
        CHECK(added->note == "Who?");
        CHECK(t.set.find(id)->note.empty());
    }
    SUBCASE("with no tag and no annotation to hang it on: refused, nothing changes") {
        const auto before = t.set.all();
        CHECK_THROWS_AS(t.run("racism by managers", TagAction::SetNote, "", "Lost note"), PluginError);
        CHECK(t.set.all() == before);
    }
}

TEST_CASE("tagging: a tag that is not in the codebook is refused before the tagger is called") {
    Tagging t;
    t.run("bullying and racism", TagAction::Apply, "discrimination");
    const auto before = t.set.all();
    const auto [start, end] = t.range("bullying and racism");
    for (const TagAction action : {TagAction::Apply, TagAction::Remove, TagAction::SetNote}) {
        CHECK_THROWS_WITH_AS(gloss::core::tagSelection(t.plugins.host(), "tagging", t.document, t.codebook,
                                                       t.set,
                                                       {start, end, action, "no-such-tag", "note", "tester"}),
                             R"(tag "no-such-tag" is not in the codebook)", PluginError);
        CHECK(t.set.all() == before);
    }
    CHECK(t.plugins.log().empty());

    SUBCASE("a host with no tagger at all says the same: the tagger was never asked") {
        LoggingHost empty(std::vector<std::string>{});
        AnnotationSet set;
        CHECK_THROWS_WITH_AS(
            gloss::core::tagSelection(empty.host(), "tagging", t.document, t.codebook, set,
                                      {start, end, TagAction::Apply, "no-such-tag", "", "tester"}),
            R"(tag "no-such-tag" is not in the codebook)", PluginError);
        // With a tag of the codebook, the same host fails for want of the tagger.
        try {
            gloss::core::tagSelection(empty.host(), "tagging", t.document, t.codebook, set,
                                      {start, end, TagAction::Apply, "discrimination", "", "tester"});
            FAIL("a host with no tagger tagged");
        } catch (const PluginError& e) {
            CHECK(std::string(e.what()).find("not in the codebook") == std::string::npos);
        }
    }
}

TEST_CASE("tagging: suggestions for a selection come from the codebook's literals, best first") {
    Tagging t;
    const std::string codebook = defaultCodebookText();
    // Byte offsets, as PluginHost::suggestTags takes them.
    const auto bytes = [&](const std::string& quote) {
        const size_t at = t.document.utf8().find(quote);
        REQUIRE(at != std::string_view::npos);
        return std::pair<uint64_t, uint64_t>{at, at + quote.size()};
    };

    SUBCASE("bullying and racism: discrimination first, scored in (0, 1]") {
        const auto [start, end] = bytes("bullying and racism");
        const auto suggestions = t.plugins.host().suggestTags("tagging", t.document, start, end, codebook);
        REQUIRE(!suggestions.empty());
        CHECK(suggestions[0].tag == "discrimination");
        CHECK(suggestions[0].score > 0.0);
        CHECK(suggestions[0].score <= 1.0);
        CHECK(suggestions.size() == 1); // nothing else of the codebook is in the selection
    }
    SUBCASE("ranked by score, not by codebook order") {
        // Two "bullying" against "training", "mentoring", "training": the
        // later theme of the codebook has more literals in the selection.
        const auto [start, end] =
            bytes("bullying and racism by managers, and more bullying”. Training and mentoring "
                  "were offered; training");
        const auto suggestions = t.plugins.host().suggestTags("tagging", t.document, start, end, codebook);
        REQUIRE(suggestions.size() == 2);
        CHECK(suggestions[0].tag == "leadership-development");
        CHECK(suggestions[1].tag == "discrimination");
        CHECK(suggestions[0].score > suggestions[1].score);
        CHECK(suggestions[1].score > 0.0);
        CHECK(suggestions[0].score <= 1.0);
    }
    SUBCASE("many occurrences still score at most 1") {
        const Document many =
            Document::fromBytes("bullying, bullying, bullying, bullying, bullying and bullying");
        const auto suggestions =
            t.plugins.host().suggestTags("tagging", many, 0, many.utf8().size(), codebook);
        REQUIRE(suggestions.size() == 1);
        CHECK(suggestions[0].tag == "discrimination");
        CHECK(suggestions[0].score > 0.0);
        CHECK(suggestions[0].score <= 1.0);
    }
    SUBCASE("only the selection counts") {
        const auto [start, end] = bytes("Training and mentoring");
        const auto suggestions = t.plugins.host().suggestTags("tagging", t.document, start, end, codebook);
        REQUIRE(suggestions.size() == 1);
        CHECK(suggestions[0].tag == "leadership-development");
        const auto [from, to] = bytes("were offered;");
        CHECK(t.plugins.host().suggestTags("tagging", t.document, from, to, codebook).empty());
    }
}

TEST_CASE("gloss-cli tag: a second tag on a range that already has an annotation goes on that annotation") {
    HermeticPluginPath hermetic;
    TempDir dir;
    const auto report = dir.write("report.txt", kText);
    const auto annotations = dir / "report.gloss.json";
    const auto tag = [&](std::vector<std::string> where, const std::string& tagId) {
        std::vector<std::string> arguments{
            "tag",           report.string(),
            "--annotations", annotations.string(),
            "--codebook",    gloss::test::sourcePath("examples/codebook.json").string(),
            "--tag",         tagId,
            "--author",      "tester"};
        arguments.insert(arguments.end(), where.begin(), where.end());
        return runCli(arguments);
    };

    const ProcessResult first = tag({"--range", "11:30"}, "discrimination");
    INFO(first.out << first.err);
    REQUIRE(first.exitCode == 0);
    REQUIRE(first.out.starts_with("added "));
    const auto file = gloss::core::loadAnnotationFile(annotations);
    REQUIRE(file.annotations.size() == 1);
    const Annotation created = file.annotations[0];
    CHECK(created.quote == "bullying and racism");

    // The same range, given by its quote this time.
    const ProcessResult second = tag({"--quote", "bullying and racism"}, "representation");
    INFO(second.out << second.err);
    REQUIRE(second.exitCode == 0);
    CHECK(second.out == "updated " + created.id + " 11:30 representation\n");
    const auto updated = gloss::core::loadAnnotationFile(annotations);
    REQUIRE(updated.annotations.size() == 1);
    CHECK(updated.annotations[0].id == created.id);
    CHECK(updated.annotations[0].tags == Tags{"discrimination", "representation"});

    const ProcessResult third = tag({"--range", "11:30"}, "representation");
    INFO(third.out << third.err);
    REQUIRE(third.exitCode == 0);
    CHECK(third.out == "unchanged: 11:30 already has representation\n");
    const auto unchanged = gloss::core::loadAnnotationFile(annotations);
    CHECK(unchanged.annotations == updated.annotations);
}
