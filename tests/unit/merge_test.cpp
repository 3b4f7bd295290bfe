// The 3-way merge of annotation files (annotations/merge.hpp): one test case
// per rule, on files built in memory.

#include "gloss/annotations/merge.hpp"
#include "printers.hpp"

#include <algorithm>
#include <doctest/doctest.h>
#include <string>

using namespace gloss::annotations;
using Json = nlohmann::ordered_json;

namespace {

Annotation annotation(const std::string& id, uint64_t start, const std::string& note = "",
                      std::vector<std::string> tags = {"voice"}) {
    Annotation a;
    a.id = id;
    a.start = start;
    a.end = start + 5;
    a.quote = "abcde";
    a.tags = std::move(tags);
    a.note = note;
    return a;
}

Json tag(const std::string& id, const std::string& color = "#112233", const Json& parent = nullptr) {
    return {{"id", id}, {"label", id}, {"color", color}, {"parent", parent}};
}

Codebook codebook(std::initializer_list<Json> tags) {
    Json book = {{"format", "gloss.codebook"}, {"version", 1}, {"tags", Json::array()}};
    for (const Json& t : tags) book["tags"].push_back(t);
    return codebookFromJson(book);
}

// The merged codebook as it is written.
Json merged(const MergeResult& result) {
    REQUIRE(result.file.codebook);
    return codebookToJson(*result.file.codebook);
}

AnnotationFile file(std::vector<Annotation> annotations) {
    AnnotationFile f;
    f.report.name = "r.txt";
    f.report.sha256 = std::string(64, 'a');
    f.report.codepoints = 1000;
    f.codebook = codebook({tag("voice"), tag("pay")});
    f.annotations = std::move(annotations);
    return f;
}

const Annotation* withId(const AnnotationFile& f, const std::string& id) {
    for (const Annotation& a : f.annotations)
        if (a.id == id) return &a;
    return nullptr;
}

// The conflicts, one line each.
std::string conflictTexts(const MergeResult& result) {
    std::string texts;
    for (const MergeConflict& c : result.conflicts) texts += c.text() + "\n";
    return texts;
}

const Json* tagWithId(const Json& book, const std::string& id) {
    for (const Json& t : book.at("tags"))
        if (t.at("id") == id) return &t;
    return nullptr;
}

} // namespace

TEST_CASE("merge: an annotation changed on one side only takes that side's version") {
    const AnnotationFile base = file({annotation("a", 10, "old"), annotation("b", 20, "old")});
    const AnnotationFile ours = file({annotation("a", 10, "ours"), annotation("b", 20, "old")});
    const AnnotationFile theirs = file({annotation("a", 10, "old"), annotation("b", 20, "theirs")});

    const MergeResult result = mergeAnnotationFiles(base, ours, theirs);
    CHECK(result.conflicts.empty());
    REQUIRE(result.file.annotations.size() == 2);
    CHECK(withId(result.file, "a")->note == "ours");
    CHECK(withId(result.file, "b")->note == "theirs");
    CHECK(withId(result.file, "a")->conflict.is_null());
}

TEST_CASE("merge: an annotation deleted on one side and untouched on the other is deleted") {
    const AnnotationFile base = file({annotation("a", 10), annotation("b", 20)});
    SUBCASE("deleted in ours") {
        const MergeResult result = mergeAnnotationFiles(base, file({annotation("b", 20)}), base);
        CHECK(result.conflicts.empty());
        CHECK(withId(result.file, "a") == nullptr);
        CHECK(withId(result.file, "b") != nullptr);
    }
    SUBCASE("deleted in theirs") {
        const MergeResult result = mergeAnnotationFiles(base, base, file({annotation("a", 10)}));
        CHECK(result.conflicts.empty());
        CHECK(withId(result.file, "b") == nullptr);
        CHECK(withId(result.file, "a") != nullptr);
    }
    SUBCASE("deleted on both sides") {
        const MergeResult result =
            mergeAnnotationFiles(base, file({annotation("b", 20)}), file({annotation("b", 20)}));
        CHECK(result.conflicts.empty());
        CHECK(result.file.annotations.size() == 1);
    }
}

TEST_CASE("merge: deleted on one side and changed on the other is a conflict that keeps the changed record") {
    const AnnotationFile base = file({annotation("a", 10, "old")});
    const AnnotationFile changed = file({annotation("a", 10, "new")});
    const AnnotationFile deleted = file({});

    SUBCASE("deleted in ours") {
        const MergeResult result = mergeAnnotationFiles(base, deleted, changed);
        CHECK(conflictTexts(result) == "annotation a: deleted in ours, changed in theirs\n");
        const Annotation* a = withId(result.file, "a");
        REQUIRE(a);
        CHECK(a->note == "new");
        CHECK(a->conflict["base"]["note"] == "old");
        CHECK(a->conflict["ours"].is_null());
        CHECK(a->conflict["theirs"]["note"] == "new");
    }
    SUBCASE("deleted in theirs") {
        const MergeResult result = mergeAnnotationFiles(base, changed, deleted);
        CHECK(conflictTexts(result) == "annotation a: changed in ours, deleted in theirs\n");
        REQUIRE(withId(result.file, "a"));
        CHECK(withId(result.file, "a")->conflict["theirs"].is_null());
    }
}

TEST_CASE("merge: an annotation changed differently on both sides keeps ours with all three versions") {
    const AnnotationFile base = file({annotation("a", 10, "old")});
    Annotation theirsA = annotation("a", 10, "theirs", {"pay"});
    theirsA.extra["x-confidence"] = 0.5;
    const MergeResult result =
        mergeAnnotationFiles(base, file({annotation("a", 10, "ours")}), file({theirsA}));

    CHECK(conflictTexts(result) == "annotation a: changed differently in ours and theirs\n");
    REQUIRE(result.file.annotations.size() == 1);
    const Annotation& a = result.file.annotations[0];
    CHECK(a.note == "ours");
    CHECK(a.conflict["base"] == annotationToJson(annotation("a", 10, "old")));
    CHECK(a.conflict["ours"] == annotationToJson(annotation("a", 10, "ours")));
    CHECK(a.conflict["theirs"] == annotationToJson(theirsA));
    CHECK(a.conflict["theirs"]["x-confidence"] == 0.5);
}

TEST_CASE("merge: the same change on both sides is kept once, without a conflict") {
    const AnnotationFile base = file({annotation("a", 10, "old")});
    const AnnotationFile both = file({annotation("a", 10, "new"), annotation("c", 30, "added")});
    const MergeResult result = mergeAnnotationFiles(base, both, both);
    CHECK(conflictTexts(result) == "");
    CHECK(result.file.annotations == both.annotations);
}

TEST_CASE("merge: annotations added on one side are kept") {
    const AnnotationFile base = file({});
    const MergeResult result =
        mergeAnnotationFiles(base, file({annotation("o", 10)}), file({annotation("t", 20)}));
    CHECK(result.conflicts.empty());
    CHECK(result.file.annotations.size() == 2);
}

TEST_CASE("merge: the same id added differently on both sides is a conflict with a null base") {
    const MergeResult result = mergeAnnotationFiles(file({}), file({annotation("a", 10, "ours")}),
                                                    file({annotation("a", 10, "theirs")}));
    CHECK(conflictTexts(result) == "annotation a: added differently in ours and theirs\n");
    REQUIRE(result.file.annotations.size() == 1);
    CHECK(result.file.annotations[0].conflict["base"].is_null());
}

TEST_CASE("merge: the same coding added on both sides under two ids is kept once, the smaller id") {
    const AnnotationFile base = file({});
    SUBCASE("ours has the smaller id") {
        Annotation theirs = annotation("zz", 10, "same note", {"pay", "voice"});
        theirs.author = "Theirs";
        const MergeResult result = mergeAnnotationFiles(
            base, file({annotation("aa", 10, "same note", {"voice", "pay"})}), file({theirs}));
        CHECK(result.conflicts.empty());
        REQUIRE(result.file.annotations.size() == 1);
        CHECK(result.file.annotations[0].id == "aa");
    }
    SUBCASE("theirs has the smaller id") {
        const MergeResult result =
            mergeAnnotationFiles(base, file({annotation("zz", 10)}), file({annotation("aa", 10)}));
        REQUIRE(result.file.annotations.size() == 1);
        CHECK(result.file.annotations[0].id == "aa");
    }
    SUBCASE("a different note, tag or range keeps both") {
        const MergeResult note = mergeAnnotationFiles(base, file({annotation("aa", 10, "one")}),
                                                      file({annotation("zz", 10, "two")}));
        CHECK(note.file.annotations.size() == 2);
        const MergeResult tags = mergeAnnotationFiles(base, file({annotation("aa", 10, "", {"voice"})}),
                                                      file({annotation("zz", 10, "", {"pay"})}));
        CHECK(tags.file.annotations.size() == 2);
        const MergeResult range =
            mergeAnnotationFiles(base, file({annotation("aa", 10)}), file({annotation("zz", 11)}));
        CHECK(range.file.annotations.size() == 2);
        CHECK(note.conflicts.empty());
    }
    SUBCASE("an annotation already in the base is not folded into an addition") {
        const AnnotationFile withOld = file({annotation("aa", 10)});
        const MergeResult result =
            mergeAnnotationFiles(withOld, withOld, file({annotation("aa", 10), annotation("bb", 10)}));
        CHECK(result.file.annotations.size() == 2);
    }
}

TEST_CASE("merge: the merged annotations are sorted as the writer sorts them") {
    const MergeResult result = mergeAnnotationFiles(
        file({}), file({annotation("b", 50), annotation("a", 90)}), file({annotation("c", 10)}));
    REQUIRE(result.file.annotations.size() == 3);
    CHECK(result.file.annotations[0].id == "c");
    CHECK(result.file.annotations[1].id == "b");
    CHECK(result.file.annotations[2].id == "a");
}

TEST_CASE("merge: unknown fields of records, report and top level are kept") {
    AnnotationFile base = file({annotation("a", 10)});
    base.extra["x-project"] = "survey";
    AnnotationFile ours = base;
    ours.annotations[0].extra["x-colour"] = "red";
    ours.report.extra["x-pages"] = 12;
    AnnotationFile theirs = base;
    theirs.extra["x-project"] = "survey 2";

    const MergeResult result = mergeAnnotationFiles(base, ours, theirs);
    CHECK(result.conflicts.empty());
    CHECK(result.file.annotations[0].extra["x-colour"] == "red");
    CHECK(result.file.report.extra["x-pages"] == 12);
    CHECK(result.file.extra["x-project"] == "survey 2");
}

TEST_CASE("merge: unknown top-level fields changed differently are a conflict at the top level") {
    AnnotationFile base = file({});
    base.extra["x-project"] = "a";
    AnnotationFile ours = base, theirs = base;
    ours.extra["x-project"] = "b";
    theirs.extra["x-project"] = "c";
    const MergeResult result = mergeAnnotationFiles(base, ours, theirs);
    CHECK(conflictTexts(result) == "top level: changed differently in ours and theirs\n");
    CHECK(result.file.extra["x-project"] == "b");
    CHECK(result.file.extra["conflict"]["theirs"]["x-project"] == "c");
}

TEST_CASE("merge: codebook tags merge by id with the same rules") {
    AnnotationFile base = file({});
    base.codebook = codebook({tag("voice"), tag("pay"), tag("old")});
    AnnotationFile ours = base, theirs = base;

    SUBCASE("changed on one side, added on each side, deleted on one side") {
        ours.codebook = codebook({tag("voice", "#ffffff"), tag("pay"), tag("mine")});
        theirs.codebook = codebook({tag("voice"), tag("pay", "#000000"), tag("old"), tag("yours")});
        const MergeResult result = mergeAnnotationFiles(base, ours, theirs);
        CHECK(result.conflicts.empty());
        CHECK(result.file.codebook ==
              codebook({tag("voice", "#ffffff"), tag("pay", "#000000"), tag("mine"), tag("yours")}));
    }
    SUBCASE("changed differently on both sides") {
        ours.codebook = codebook({tag("voice", "#ffffff"), tag("pay"), tag("old")});
        theirs.codebook = codebook({tag("voice", "#000000"), tag("pay"), tag("old")});
        const MergeResult result = mergeAnnotationFiles(base, ours, theirs);
        CHECK(conflictTexts(result) == "codebook tag voice: changed differently in ours and theirs\n");
        const Json book = merged(result);
        const Json* voice = tagWithId(book, "voice");
        REQUIRE(voice);
        CHECK((*voice)["color"] == "#ffffff");
        CHECK((*voice)["conflict"]["theirs"]["color"] == "#000000");
        CHECK((*voice)["conflict"]["base"]["color"] == "#112233");
    }
    SUBCASE("the codebook's own fields changed differently") {
        ours.codebook->extra["x-name"] = "ours";
        theirs.codebook->extra["x-name"] = "theirs";
        const MergeResult result = mergeAnnotationFiles(base, ours, theirs);
        CHECK(conflictTexts(result) == "codebook: changed differently in ours and theirs\n");
        CHECK(merged(result)["x-name"] == "ours");
        CHECK(merged(result)["conflict"]["theirs"]["x-name"] == "theirs");
    }
    SUBCASE("no codebook on either side stays without one") {
        base.codebook = ours.codebook = theirs.codebook = std::nullopt;
        CHECK_FALSE(mergeAnnotationFiles(base, ours, theirs).file.codebook);
    }
}

TEST_CASE("merge: a tag deleted on one side but still used by the merged file is kept as a conflict") {
    AnnotationFile base = file({annotation("a", 10, "", {"voice"})});
    base.codebook = codebook({tag("root"), tag("voice", "#112233", "root"), tag("pay")});
    AnnotationFile theirs = base;
    theirs.annotations.clear(); // theirs removed the only use of voice, then voice and root
    theirs.codebook = codebook({tag("pay")});
    AnnotationFile ours = base;
    ours.annotations.push_back(annotation("b", 30, "", {"voice"})); // ours uses voice again

    const MergeResult result = mergeAnnotationFiles(base, ours, theirs);
    const Json book = merged(result);
    const Json* voice = tagWithId(book, "voice");
    const Json* root = tagWithId(book, "root");
    REQUIRE(voice);
    REQUIRE(root); // voice's parent comes back too
    CHECK((*voice)["conflict"]["theirs"].is_null());
    CHECK(withId(result.file, "a") == nullptr); // theirs deleted it and ours left it alone
    CHECK(withId(result.file, "b") != nullptr);
    CHECK(conflictTexts(result) ==
          "codebook tag voice: deleted in theirs but still used in the merged file\n"
          "codebook tag root: deleted in theirs but still used in the merged file\n");
}

TEST_CASE("merge: the report header") {
    const AnnotationFile base = file({});
    SUBCASE("a report renamed on one side takes that side's name") {
        AnnotationFile theirs = base;
        theirs.report.name = "renamed.txt";
        const MergeResult result = mergeAnnotationFiles(base, base, theirs);
        CHECK(result.conflicts.empty());
        CHECK(result.file.report.name == "renamed.txt");
    }
    SUBCASE("two different report files are a conflict, even when only one side changed") {
        AnnotationFile theirs = base;
        theirs.report.sha256 = std::string(64, 'b');
        theirs.report.codepoints = 1200;
        const MergeResult result = mergeAnnotationFiles(base, base, theirs);
        REQUIRE(result.conflicts.size() == 1);
        CHECK(result.conflicts[0].where == "report");
        CHECK(result.conflicts[0].what.starts_with(
            "ours is on report sha256 aaaaaaaaaaaa..., theirs on bbbbbbbbbbbb..."));
        CHECK(result.file.report.sha256 == std::string(64, 'a'));
        CHECK(result.file.report.extra["conflict"]["theirs"]["codepoints"] == 1200);
    }
    SUBCASE("the same new report on both sides is no conflict") {
        AnnotationFile moved = base;
        moved.report.sha256 = std::string(64, 'c');
        const MergeResult result = mergeAnnotationFiles(base, moved, moved);
        CHECK(result.conflicts.empty());
        CHECK(result.file.report.sha256 == std::string(64, 'c'));
    }
}

TEST_CASE("merge: a merged file with conflicts is written and read back unchanged") {
    const MergeResult result =
        mergeAnnotationFiles(file({annotation("a", 10, "old")}), file({annotation("a", 10, "ours")}),
                             file({annotation("a", 10, "theirs")}));
    const std::string text = serializeAnnotationFile(result.file);
    CHECK(text.find("\"status\": \"anchored\",\n      \"conflict\": {\n        \"base\": {") !=
          std::string::npos);
    const AnnotationFile read = parseAnnotationFile(text);
    CHECK(read.problems.empty());
    REQUIRE(read.annotations.size() == 1);
    CHECK(read.annotations[0].conflict == result.file.annotations[0].conflict);
    CHECK(serializeAnnotationFile(read) == text);
}

TEST_CASE("merge: a record's conflict member must hold base, ours and theirs") {
    const std::string head =
        R"({"format": "gloss.annotations", "version": 1, "report": {"name": "r", "sha256": ")" +
        std::string(64, 'a') + R"(", "codepoints": 100, "encoding": "utf-8"}, "annotations": [)";
    const auto problemsOf = [&](const std::string& conflict) {
        const AnnotationFile read = parseAnnotationFile(
            head + R"({"id": "a", "start": 0, "end": 1, "quote": "x", "tags": [], "conflict": )" + conflict +
            "}]}");
        std::vector<std::string> texts;
        for (const Problem& p : read.problems) texts.push_back(p.text());
        return texts;
    };
    CHECK(problemsOf(R"({"base": null, "ours": {}, "theirs": {"id": "a"}})").empty());
    CHECK(problemsOf("5") ==
          std::vector<std::string>{
              "annotations[0].conflict: expected an object with base, ours and theirs, found a number"});
    CHECK(problemsOf(R"({"base": null, "ours": {}})") ==
          std::vector<std::string>{"annotations[0].conflict.theirs: missing"});
    CHECK(
        problemsOf(R"({"base": "x", "ours": {}, "theirs": null})") ==
        std::vector<std::string>{"annotations[0].conflict.base: expected a record or null, found a string"});
}

TEST_CASE("merge: the result does not depend on the order of the records in the inputs") {
    const AnnotationFile base = file({annotation("a", 10), annotation("b", 20), annotation("c", 30)});
    AnnotationFile ours = file({annotation("c", 30, "x"), annotation("a", 10), annotation("d", 40)});
    AnnotationFile theirs = file({annotation("b", 20, "y"), annotation("c", 30, "z"), annotation("e", 50)});
    const std::string first = serializeAnnotationFile(mergeAnnotationFiles(base, ours, theirs).file);
    std::reverse(ours.annotations.begin(), ours.annotations.end());
    std::reverse(theirs.annotations.begin(), theirs.annotations.end());
    CHECK(serializeAnnotationFile(mergeAnnotationFiles(base, ours, theirs).file) == first);
}
