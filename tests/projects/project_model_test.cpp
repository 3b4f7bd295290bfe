// The project file, coded-segment retrieval and code co-occurrence, in memory
// and on files the tests write.

#include "gloss/annotations/cooccurrence.hpp"
#include "gloss/annotations/format_error.hpp"
#include "gloss/core/file_io.hpp"
#include "gloss/core/files.hpp"
#include "gloss/core/project.hpp"
#include "gloss/core/segments.hpp"
#include "temp_dir.hpp"

#include <doctest/doctest.h>

using namespace gloss;
using gloss::test::TempDir;

namespace {

std::string refusal(std::string_view text) {
    try {
        core::parseProject(text);
    } catch (const annotations::FormatError& e) {
        return e.what();
    }
    return "accepted";
}

annotations::Annotation coded(uint64_t start, uint64_t end, std::vector<std::string> tags,
                              std::string author = "ann") {
    annotations::Annotation annotation;
    annotation.id = "id-" + std::to_string(start) + "-" + std::to_string(end);
    annotation.start = start;
    annotation.end = end;
    annotation.quote = std::string(end - start, 'x');
    annotation.tags = std::move(tags);
    annotation.author = std::move(author);
    return annotation;
}

annotations::Codebook hierarchy() {
    annotations::Codebook codebook;
    codebook.tags = {{"voice", "Voice", "#112233", "", "", "", {}, {}},
                     {"silence", "Silence", "#223344", "voice", "", "", {}, {}},
                     {"fear", "Fear", "#334455", "silence", "", "", {}, {}},
                     {"pay", "Pay", "#445566", "", "", "", {}, {}}};
    return codebook;
}

} // namespace

TEST_CASE("project file: written in a fixed layout and read back the same, unknown fields kept") {
    const std::string text = R"({
  "format": "gloss.project",
  "version": 1,
  "name": "Trust reports",
  "codebook": "codebook.json",
  "reports": [
    {
      "path": "../reports/north.pdf",
      "annotations": "annotations/north.pdf.gloss.json",
      "attributes": {
        "region": "North",
        "year": "2024"
      },
      "x-reviewed": true
    },
    {
      "path": "south.txt",
      "annotations": "annotations/south.txt.gloss.json",
      "encoding": "windows-1252",
      "attributes": {}
    }
  ],
  "x-team": {
    "lead": "Ana"
  }
}
)";
    const core::Project project = core::parseProject(text);
    REQUIRE(project.reports.size() == 2);
    CHECK(project.name == "Trust reports");
    CHECK(project.reports[0].attributes.at("region") == "North");
    CHECK(project.reports[0].extra.at("x-reviewed") == true);
    CHECK(project.reports[1].encoding == "windows-1252");
    CHECK(core::serializeProject(project) == text);
}

TEST_CASE("project file: attributes are written sorted by name, whatever order they were read in") {
    const core::Project project = core::parseProject(
        R"({"format":"gloss.project","version":1,"codebook":"c.json","reports":[{"path":"a.txt",)"
        R"("annotations":"a.json","attributes":{"year":"2024","region":"North","Role":"nurse"}}]})");
    const std::string text = core::serializeProject(project);
    CHECK(text.find("\"Role\"") < text.find("\"region\""));
    CHECK(text.find("\"region\"") < text.find("\"year\""));
}

TEST_CASE("project file: each wrong field is refused by its path") {
    const std::string head = R"({"format":"gloss.project","version":1,"codebook":"c.json","reports":[)";
    SUBCASE("a newer version") {
        CHECK(refusal(R"({"format":"gloss.project","version":2,"codebook":"c.json","reports":[]})") ==
              "version: 2 is newer than this Gloss reads (1); update Gloss to open this project");
    }
    SUBCASE("another format") {
        CHECK(refusal(R"({"format":"gloss.codebook","version":1,"tags":[]})") ==
              "format: expected \"gloss.project\", found \"gloss.codebook\"");
    }
    SUBCASE("an annotation file outside the folder, by .. or by an absolute path") {
        CHECK(refusal(head + R"({"path":"a.txt","annotations":"../../.bashrc"}]})") ==
              "reports[0].annotations: \"../../.bashrc\" is not a path inside the project folder");
        CHECK(refusal(head + R"({"path":"a.txt","annotations":"x/../a.json"}]})") ==
              "reports[0].annotations: \"x/../a.json\" is not a path inside the project folder");
        CHECK(refusal(head + R"({"path":"a.txt","annotations":"/tmp/a.json"}]})") ==
              "reports[0].annotations: \"/tmp/a.json\" is not a path inside the project folder");
    }
    SUBCASE("a codebook outside the folder") {
        CHECK(refusal(R"({"format":"gloss.project","version":1,"codebook":"/etc/passwd","reports":[]})") ==
              "codebook: \"/etc/passwd\" is not a path inside the project folder");
    }
    SUBCASE("a report listed twice, or two reports sharing a file") {
        CHECK(refusal(
                  head +
                  R"({"path":"a.txt","annotations":"a.json"},{"path":"./a.txt","annotations":"b.json"}]})") ==
              "reports[1].path: \"./a.txt\" is listed by an earlier report");
        CHECK(
            refusal(head +
                    R"({"path":"a.txt","annotations":"a.json"},{"path":"b.txt","annotations":"a.json"}]})") ==
            "reports[1].annotations: \"a.json\" is the annotation file of an earlier report");
    }
    SUBCASE("attributes that are not strings") {
        CHECK(refusal(head + R"({"path":"a.txt","annotations":"a.json","attributes":{"year":2024}}]})") ==
              "reports[0].attributes.year: expected a string, found 2024");
    }
    SUBCASE("an unknown encoding") {
        CHECK(refusal(head + R"({"path":"a.txt","annotations":"a.json","encoding":"latin-9"}]})") ==
              "reports[0].encoding: expected \"utf-8\" or \"windows-1252\", found \"latin-9\"");
    }
    SUBCASE("no reports array") {
        CHECK(refusal(R"({"format":"gloss.project","version":1,"codebook":"c.json"})") ==
              "reports: expected an array of reports");
    }
}

TEST_CASE("project: adding a report lists it relative to the folder, once, with a file of its own") {
    TempDir dir;
    const auto north = dir.write("reports/north/review.txt", "North.");
    const auto south = dir.write("reports/south/review.txt", "South.");
    core::Project project;
    project.file = dir / "study" / "gloss-project.json";
    project.codebook = "codebook.json";
    std::filesystem::create_directories(project.folder());

    core::addReport(project, north, {{"region", "North"}});
    core::addReport(project, south, {{"region", "South"}});
    core::addReport(project, north, {{"year", "2024"}});

    REQUIRE(project.reports.size() == 2);
    CHECK(project.reports[0].path == "../reports/north/review.txt");
    CHECK(project.reports[0].annotations == "annotations/review.txt.gloss.json");
    CHECK(project.reports[1].annotations == "annotations/review.txt.2.gloss.json");
    CHECK(project.reports[0].attributes ==
          std::map<std::string, std::string>{{"region", "North"}, {"year", "2024"}});
    CHECK(project.findReport(north) == &project.reports[0]);
    CHECK(project.findReport(dir / "reports" / "north" / ".." / "south" / "review.txt") ==
          &project.reports[1]);
    CHECK(project.resolve(project.reports[1].path) == project.folder() / "../reports/south/review.txt");

    core::saveProject(project);
    const core::Project again = core::loadProject(project.folder());
    CHECK(again.reports == project.reports);
    CHECK(core::isProjectPath(project.folder()));
    CHECK_FALSE(core::isProjectPath(dir / "reports"));
}

TEST_CASE("segments: a code brings its sub-codes unless exact; author and attributes narrow it") {
    const annotations::Codebook codebook = hierarchy();
    CHECK(core::segmentQueryFor(codebook, "voice", false).tags ==
          std::set<std::string>{"voice", "silence", "fear"});
    CHECK(core::segmentQueryFor(codebook, "silence", false).tags == std::set<std::string>{"silence", "fear"});
    CHECK(core::segmentQueryFor(codebook, "voice", true).tags == std::set<std::string>{"voice"});

    core::SegmentQuery query = core::segmentQueryFor(codebook, "voice", false);
    CHECK(core::annotationMatches(coded(0, 5, {"pay", "fear"}), query));
    CHECK_FALSE(core::annotationMatches(coded(0, 5, {"pay"}), query));
    query.author = "bo";
    CHECK_FALSE(core::annotationMatches(coded(0, 5, {"fear"}, "ann"), query));
    CHECK(core::annotationMatches(coded(0, 5, {"fear"}, "bo"), query));

    core::ProjectReport report;
    report.attributes = {{"region", "North"}, {"year", "2024"}};
    query.attributes = {{"region", "North"}};
    CHECK(core::reportMatches(report, query));
    query.attributes = {{"region", "North"}, {"role", "nurse"}};
    CHECK_FALSE(core::reportMatches(report, query));
}

TEST_CASE("segments: collected across reports in project order; a bad file is named and the rest are kept") {
    TempDir dir;
    core::Project project;
    project.file = dir / "gloss-project.json";
    project.reports = {{"a.txt", "annotations/a.json", "", {}, {}},
                       {"b.txt", "annotations/b.json", "", {}, {}},
                       {"c.txt", "annotations/c.json", "", {}, {}},
                       {"d.txt", "annotations/d.json", "", {}, {}}};
    const auto fileWith = [](std::vector<annotations::Annotation> list) {
        annotations::AnnotationFile file;
        file.report.name = "r.txt";
        file.report.sha256 = std::string(64, '0');
        file.report.codepoints = 100;
        file.annotations = std::move(list);
        file.codebook = hierarchy();
        return file;
    };
    std::filesystem::create_directories(dir / "annotations");
    core::saveAnnotationFile(dir / "annotations/a.json",
                             fileWith({coded(1, 4, {"fear"}), coded(5, 9, {"pay"})}));
    core::saveAnnotationFile(dir / "annotations/b.json", fileWith({coded(2, 3, {"voice"})}));
    dir.write("annotations/c.json", "{ not json");
    // d.txt has no annotation file yet: not coded, not a problem.

    const core::SegmentResults results =
        core::collectSegments(project, core::segmentQueryFor(hierarchy(), "voice", false));
    REQUIRE(results.segments.size() == 2);
    CHECK(results.segments[0].report == "a.txt");
    CHECK(results.segments[0].annotation.tags == std::vector<std::string>{"fear"});
    CHECK(results.segments[1].report == "b.txt");
    REQUIRE(results.problems.size() == 1);
    CHECK(results.problems[0].find("annotations/c.json: line 1") != std::string::npos);
}

TEST_CASE("co-occurrence: stretches of text coded with both codes, not pairs of records") {
    SUBCASE("one passage with two codes") {
        const auto met = annotations::cooccurrences({coded(10, 20, {"b", "a"})});
        REQUIRE(met.size() == 1);
        CHECK(met[0].first == "a");
        CHECK(met[0].second == "b");
        CHECK(met[0].passages == 1);
        CHECK(met[0].codepoints == 10);
    }
    SUBCASE("overlapping passages with one code each meet where they overlap") {
        const auto met = annotations::cooccurrences({coded(0, 10, {"a"}), coded(6, 30, {"b"})});
        REQUIRE(met.size() == 1);
        CHECK(met[0].passages == 1);
        CHECK(met[0].codepoints == 4);
    }
    SUBCASE("three overlapping passages with both codes are one stretch") {
        const auto met = annotations::cooccurrences(
            {coded(0, 10, {"a", "b"}), coded(5, 15, {"a", "b"}), coded(12, 20, {"a", "b"})});
        REQUIRE(met.size() == 1);
        CHECK(met[0].passages == 1);
        CHECK(met[0].codepoints == 20);
    }
    SUBCASE("passages that only touch do not meet; separate meetings are counted apart") {
        CHECK(annotations::cooccurrences({coded(0, 10, {"a"}), coded(10, 20, {"b"})}).empty());
        const auto met = annotations::cooccurrences(
            {coded(0, 10, {"a"}), coded(5, 8, {"b"}), coded(40, 50, {"a"}), coded(45, 60, {"b"})});
        REQUIRE(met.size() == 1);
        CHECK(met[0].passages == 2);
        CHECK(met[0].codepoints == 3 + 5);
    }
    SUBCASE("three codes give each pair once, in name order") {
        const auto met = annotations::cooccurrences({coded(0, 10, {"c", "a", "b"})});
        REQUIRE(met.size() == 3);
        CHECK((met[0].first + met[0].second) == "ab");
        CHECK((met[1].first + met[1].second) == "ac");
        CHECK((met[2].first + met[2].second) == "bc");
    }
}
