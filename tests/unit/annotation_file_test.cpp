#include "gloss/annotations/annotation_file.hpp"
#include "printers.hpp"

#include <doctest/doctest.h>
#include <string>

using namespace gloss::annotations;

namespace {

const std::string kHeader = R"({
  "format": "gloss.annotations",
  "version": 1,
  "report": {"name": "r.txt", "sha256": ")" +
                            std::string(64, 'a') + R"(", "codepoints": 2885, "encoding": "utf-8"},
)";

std::string withRecords(const std::string& records) {
    return kHeader + R"("annotations": [)" + records + "]}";
}

std::string record(const std::string& id, int start, int end, const std::string& quote,
                   const std::string& more = "") {
    return R"({"id": ")" + id + R"(", "start": )" + std::to_string(start) + R"(, "end": )" +
           std::to_string(end) + R"(, "quote": ")" + quote + R"(", "tags": ["t"])" + more + "}";
}

std::string fatalError(const std::string& text) {
    try {
        (void)parseAnnotationFile(text);
    } catch (const FormatError& e) {
        return e.what();
    }
    return "no error";
}

} // namespace

TEST_CASE("annotation file: a valid file is read field by field") {
    const AnnotationFile file = parseAnnotationFile(withRecords(record(
        "a1", 10, 15, "hello",
        R"(, "prefix": "p", "suffix": "s", "note": "n", "author": "Ana Muñoz-Peña", "created": "2026-01-02T03:04:05Z",)"
        R"( "modified": "2026-01-02T03:04:06.5+01:00", "origin": "plugin:themes", "status": "moved")")));
    CHECK(file.problems.empty());
    CHECK(file.report.name == "r.txt");
    CHECK(file.report.codepoints == 2885);
    REQUIRE(file.annotations.size() == 1);
    const Annotation& a = file.annotations[0];
    CHECK(a.id == "a1");
    CHECK(a.start == 10);
    CHECK(a.end == 15);
    CHECK(a.tags == std::vector<std::string>{"t"});
    CHECK(a.author == "Ana Muñoz-Peña");
    CHECK(a.origin == "plugin:themes");
    CHECK(a.status == AnchorStatus::Moved);
}

TEST_CASE("annotation file: bad records are listed with their JSON path and the good ones still load") {
    const AnnotationFile file = parseAnnotationFile(
        withRecords(record("good", 0, 5, "hello") + "," + record("late", 3110, 3120, "0123456789") + "," +
                    record("backwards", 9, 4, "x") + "," + record("good", 20, 25, "again") + "," +
                    R"({"id": "neg", "start": -3, "end": 2, "quote": "ab", "tags": []})" + "," +
                    record("short", 0, 5, "four") + "," +
                    record("badtime", 0, 5, "hello", R"(, "created": "yesterday")")));
    REQUIRE(file.annotations.size() == 1);
    CHECK(file.annotations[0].id == "good");
    CHECK(file.rejected.size() == 6);
    std::vector<std::string> texts;
    for (const Problem& p : file.problems) texts.push_back(p.text());
    CHECK(texts == std::vector<std::string>{
                       "annotations[1].end: 3120 is past the end of the report (2885 code points)",
                       "annotations[2].end: 4 is not after start (9)",
                       "annotations[3].id: \"good\" is also the id of annotations[0]",
                       "annotations[4].start: -3 is negative",
                       "annotations[5].quote: has 4 code points but start..end covers 5",
                       "annotations[6].created: expected an RFC 3339 date-time, found \"yesterday\"",
                   });
}

TEST_CASE("annotation file: problems that make the whole file unusable are refused by name") {
    CHECK(fatalError(R"([1, 2])") == "top level: expected an object, found an array");
    CHECK(fatalError(R"({"format": "something.else", "version": 1})") ==
          "format: expected \"gloss.annotations\", found \"something.else\"");
    CHECK(fatalError(R"({"format": "gloss.annotations", "version": 99})") ==
          "version: 99 is newer than this Gloss reads (1); update Gloss to open this file");
    CHECK(fatalError(R"({"format": "gloss.annotations", "version": 1, "report": {}})") ==
          "report.name: missing");
    CHECK(fatalError(kHeader + R"("annotations": {}})") == "annotations: expected an array, found an object");
    CHECK(fatalError(R"({"format": "gloss.annotations", "version": 1,)") ==
          "line 1, column 46: syntax error while parsing object key - unexpected end of input; expected "
          "string literal");
    CHECK(fatalError(std::string(100000, '[')) == "line 1, column 65: nesting deeper than 64 levels");
    CHECK(fatalError(withRecords(record("a", 0, 2, "h\xff"))).find("ill-formed UTF-8") != std::string::npos);
}

TEST_CASE("annotation file: tags must be in the file's codebook when it has one") {
    const std::string text =
        kHeader +
        R"("codebook": {"format": "gloss.codebook", "version": 1, "tags": [{"id": "t", "color": "#000000"}]},)" +
        R"("annotations": [)" + record("a", 0, 1, "x", R"(, "tags": ["t", "nope"])") + "]}";
    // The record above has "tags" twice; JSON keeps the last, so only "nope" is checked.
    const AnnotationFile file = parseAnnotationFile(text);
    REQUIRE(file.problems.size() == 1);
    CHECK(file.problems[0].text() == "annotations[0].tags[1]: \"nope\" is not in the file's codebook");
}

TEST_CASE("annotation file: a 50 MB note is refused for its record, not for the file") {
    const std::string huge(50u << 20, 'x');
    const AnnotationFile file =
        parseAnnotationFile(withRecords(record("a", 0, 1, "x", R"(, "note": ")" + huge + "\"")));
    REQUIRE(file.problems.size() == 1);
    CHECK(file.problems[0].text() ==
          "annotations[0].note: 52428800 bytes is longer than the limit of 1048576");
}

TEST_CASE("annotation file: writing is deterministic and a second round trip is byte-identical") {
    const std::string input =
        withRecords(record("z", 30, 35, "later", R"(, "x-review": {"by": "Łukasz", "score": 0.25})") + "," +
                    record("b", 10, 15, "first") + "," + record("a", 10, 15, "first"));
    AnnotationFile file = parseAnnotationFile(input);
    file.extra["x-tool"] = "other";
    const std::string once = serializeAnnotationFile(file);
    const std::string twice = serializeAnnotationFile(parseAnnotationFile(once));
    CHECK(once == twice);
    CHECK(once.back() == '\n');
    // Sorted by start, end, id; unknown fields survive.
    CHECK(once.find("\"id\": \"a\"") < once.find("\"id\": \"b\""));
    CHECK(once.find("\"id\": \"b\"") < once.find("\"id\": \"z\""));
    CHECK(once.find(R"("x-review": {
        "by": "Łukasz",
        "score": 0.25
      })") != std::string::npos);
    CHECK(once.find(R"("x-tool": "other")") != std::string::npos);
}

TEST_CASE("annotation file: rejected records are written back unchanged") {
    const AnnotationFile file =
        parseAnnotationFile(withRecords(record("a", 0, 5, "hello") + "," + record("b", 9, 4, "x")));
    REQUIRE(file.rejected.size() == 1);
    const AnnotationFile again = parseAnnotationFile(serializeAnnotationFile(file));
    CHECK(again.annotations == file.annotations);
    CHECK(again.rejected == file.rejected);
}

TEST_CASE("annotation file: the extractor of a report that is not text survives a round trip") {
    AnnotationFile file;
    file.report = {"review.pdf", std::string(64, 'b'), 42, "utf-8", TextExtractor{"poppler", "22.12.0"}};
    const std::string text = serializeAnnotationFile(file);
    CHECK(text.find(R"("encoding": "utf-8",
    "extractor": {
      "name": "poppler",
      "version": "22.12.0"
    })") != std::string::npos);
    const AnnotationFile again = parseAnnotationFile(text);
    CHECK(again.report == file.report);
    CHECK(serializeAnnotationFile(again) == text);

    // A text report has none, and none is written.
    file.report.extractor.reset();
    CHECK(serializeAnnotationFile(file).find("extractor") == std::string::npos);
    CHECK_FALSE(parseAnnotationFile(serializeAnnotationFile(file)).report.extractor.has_value());

    CHECK(
        fatalError(
            R"({"format": "gloss.annotations", "version": 1, "report": {"name": "r", "sha256": ")" +
            std::string(64, 'a') +
            R"(", "codepoints": 1, "encoding": "utf-8", "extractor": {"name": "poppler"}}, "annotations": []})") ==
        "report.extractor.version: missing");
}

TEST_CASE("annotation file: one record read alone gets a file's checks and names its bad field") {
    gloss::annotations::ReportInfo report;
    report.codepoints = 100;
    nlohmann::ordered_json record = {{"id", "a1"},         {"start", 3},          {"end", 8},
                                     {"quote", "Łódź!"},   {"tags", {"pay-gap"}}, {"note", "theirs"},
                                     {"origin", "manual"}, {"later", true}};
    const auto annotation = gloss::annotations::annotationFromJson(record, report);
    CHECK(annotation.id == "a1");
    CHECK(annotation.end == 8);
    CHECK(annotation.tags == std::vector<std::string>{"pay-gap"});
    CHECK(annotation.extra == nlohmann::ordered_json{{"later", true}}); // kept for writing back

    record["end"] = 200;
    CHECK_THROWS_WITH_AS(gloss::annotations::annotationFromJson(record, report),
                         "annotation.end: 200 is past the end of the report (100 code points)",
                         gloss::annotations::FormatError);
    record["end"] = 8;
    record["quote"] = "too long";
    CHECK_THROWS_WITH_AS(gloss::annotations::annotationFromJson(record, report),
                         "annotation.quote: has 8 code points but start..end covers 5",
                         gloss::annotations::FormatError);
    CHECK_THROWS_AS(gloss::annotations::annotationFromJson(nlohmann::ordered_json::array(), report),
                    gloss::annotations::FormatError);
}
