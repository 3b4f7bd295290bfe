// gloss-cli highlight with the themes plugin: matches become annotations of
// origin plugin:themes tagged with their theme, merged into --annotations IN
// without duplicates; a refused pattern is reported in the exit code after
// the other themes are written; the report is never the output.

#include "builtin_support.hpp"
#include "gloss/core/files.hpp"
#include "process.hpp"

#include <algorithm>
#include <doctest/doctest.h>
#include <map>

using namespace gloss::test;
using gloss::annotations::Annotation;
using gloss::annotations::AnnotationFile;
using gloss::core::Document;

namespace {

// Each annotation of the file as "start-end tag" (one line per tag), sorted.
std::vector<std::string> spansOf(const AnnotationFile& file) {
    std::vector<std::string> spans;
    for (const Annotation& annotation : file.annotations)
        for (const std::string& tag : annotation.tags)
            spans.push_back(std::to_string(annotation.start) + "-" + std::to_string(annotation.end) + " " +
                            tag);
    std::sort(spans.begin(), spans.end());
    return spans;
}

std::string summary(size_t matches, size_t added, size_t present) {
    return std::to_string(matches) + " matches: " + std::to_string(added) + " new annotations, " +
           std::to_string(present) + " already present\n";
}

} // namespace

TEST_CASE(
    "gloss-cli highlight: every match becomes an annotation of origin plugin:themes tagged with its theme") {
    HermeticPluginPath hermetic;
    TempDir dir;
    const auto report = sourcePath("examples/sample-report.txt");
    const Document document = Document::load(report);
    const auto expected = referenceSpans(sourcePath("examples/codebook.json"), report);
    REQUIRE(expected.size() > 100);

    const ProcessResult first = runCli({"highlight", report.string(), "-o", (dir / "first.json").string()});
    INFO(first.out << first.err);
    REQUIRE(first.exitCode == 0);
    CHECK(first.out == summary(expected.size(), expected.size(), 0));
    const AnnotationFile promoted = gloss::core::loadAnnotationFile(dir / "first.json");

    SUBCASE("at the reference's code-point offsets, one annotation per match") {
        CHECK(promoted.annotations.size() == expected.size());
        CHECK(spansOf(promoted) == expected);
        for (const Annotation& annotation : promoted.annotations) {
            INFO(annotation.start << "-" << annotation.end);
            CHECK(annotation.origin == "plugin:themes");
            CHECK(annotation.tags.size() == 1);
            const size_t from = document.byteOffset(annotation.start);
            CHECK(annotation.quote ==
                  document.utf8().substr(from, document.byteOffset(annotation.end) - from));
        }
    }
    SUBCASE("merged into --annotations IN: a second run adds nothing and keeps every annotation as it was") {
        const ProcessResult second =
            runCli({"highlight", report.string(), "--annotations", (dir / "first.json").string(), "-o",
                    (dir / "second.json").string()});
        INFO(second.out << second.err);
        REQUIRE(second.exitCode == 0);
        CHECK(second.out == summary(expected.size(), 0, expected.size()));
        const AnnotationFile again = gloss::core::loadAnnotationFile(dir / "second.json");
        CHECK(again.annotations == promoted.annotations);
    }
    SUBCASE("a manual annotation with a match's range and theme stands for it; another tag does not") {
        // The first match by start, tagged by hand; a different tag by hand on the next other range.
        std::vector<Annotation> byStart = promoted.annotations;
        std::sort(byStart.begin(), byStart.end(),
                  [](const Annotation& a, const Annotation& b) { return a.start < b.start; });
        const Annotation& same = byStart[0];
        const Annotation& other = *std::find_if(byStart.begin(), byStart.end(), [&](const Annotation& a) {
            return a.start != same.start || a.end != same.end;
        });
        const std::string otherTag = other.tags[0] == "wellbeing" ? "disability" : "wellbeing";
        const auto manual = dir / "manual.json";
        for (const auto& [annotation, tag] : {std::pair{&same, same.tags[0]}, std::pair{&other, otherTag}}) {
            const ProcessResult tagged =
                runCli({"tag", report.string(), "--annotations", manual.string(), "--range",
                        std::to_string(annotation->start) + ":" + std::to_string(annotation->end), "--tag",
                        tag, "--author", "tester"});
            INFO(tagged.out << tagged.err);
            REQUIRE(tagged.exitCode == 0);
        }
        const ProcessResult merged = runCli({"highlight", report.string(), "--annotations", manual.string(),
                                             "-o", (dir / "merged.json").string()});
        INFO(merged.out << merged.err);
        REQUIRE(merged.exitCode == 0);
        CHECK(merged.out == summary(expected.size(), expected.size() - 1, 1));
        const AnnotationFile file = gloss::core::loadAnnotationFile(dir / "merged.json");
        CHECK(file.annotations.size() == expected.size() + 1);
        std::map<std::string, size_t> origins;
        for (const Annotation& annotation : file.annotations) ++origins[annotation.origin];
        CHECK(origins ==
              std::map<std::string, size_t>{{"manual", 2}, {"plugin:themes", expected.size() - 1}});
        auto withOther = expected;
        withOther.push_back(std::to_string(other.start) + "-" + std::to_string(other.end) + " " + otherTag);
        std::sort(withOther.begin(), withOther.end());
        CHECK(spansOf(file) == withOther);
    }
}

TEST_CASE(
    "gloss-cli highlight: a refused pattern exits 1 after writing the other themes, and prints the error") {
    HermeticPluginPath hermetic;
    TempDir dir;
    const auto report = sourcePath("examples/sample-report.txt");
    const auto broken = dir.write("broken.json", brokenCodebook(false).dump(2));
    const auto expected = referenceSpans(dir.write("clean.json", brokenCodebook(true).dump(2)), report);

    const ProcessResult result = runCli(
        {"highlight", report.string(), "--codebook", broken.string(), "-o", (dir / "out.json").string()});
    INFO(result.out << result.err);
    CHECK(result.exitCode == 1);
    CHECK(result.out == summary(expected.size(), expected.size(), 0));
    REQUIRE(std::filesystem::exists(dir / "out.json"));
    CHECK(spansOf(gloss::core::loadAnnotationFile(dir / "out.json")) == expected);

    std::vector<std::string> errors;
    for (const std::string& line : linesOf(result.err)) {
        const std::string prefix = "gloss-cli: plugin themes: ";
        CHECK_MESSAGE(line.starts_with(prefix), line);
        if (line.starts_with(prefix)) errors.push_back(line.substr(prefix.size()));
    }
    checkBrokenErrors(errors);
}

TEST_CASE("gloss-cli highlight: e+d, a+b and [a-z]+ed on a long report give the reference's annotations") {
    HermeticPluginPath hermetic;
    TempDir dir;
    const auto report = dir.write("report.txt", hostileThemeText());
    const auto book = dir.write("codebook.json", hostileThemeCodebook().dump(2));
    const auto expected = referenceSpans(book, report);
    REQUIRE(expected.size() > 20);

    const ProcessResult result = runCli(
        {"highlight", report.string(), "--codebook", book.string(), "-o", (dir / "out.json").string()});
    INFO(result.out << result.err);
    REQUIRE(result.exitCode == 0);
    CHECK(result.err.empty());
    CHECK(spansOf(gloss::core::loadAnnotationFile(dir / "out.json")) == expected);
}

TEST_CASE("gloss-cli highlight: refuses to write its output over the report") {
    HermeticPluginPath hermetic;
    TempDir dir;
    const std::string text = readText(sourcePath("examples/sample-report.txt"));
    const auto report = dir.write("report.txt", text);
    std::filesystem::create_directory(dir / "sub");

    for (const auto& output : {report, dir / "sub" / ".." / "report.txt"}) {
        const ProcessResult result = runCli({"highlight", report.string(), "-o", output.string()});
        INFO(output << ": " << result.out << result.err);
        CHECK(result.exitCode == 2);
        CHECK(result.err.find("is one of the input files") != std::string::npos);
        CHECK(readText(report) == text);
    }

    SUBCASE("nor over the codebook") {
        const std::string codebookText = defaultCodebookText();
        const auto book = dir.write("codebook.json", codebookText);
        const ProcessResult result =
            runCli({"highlight", report.string(), "--codebook", book.string(), "-o", book.string()});
        INFO(result.out << result.err);
        CHECK(result.exitCode == 2);
        CHECK(readText(book) == codebookText);
    }
    SUBCASE("while another output path works") {
        const ProcessResult result =
            runCli({"highlight", report.string(), "-o", (dir / "out.json").string()});
        INFO(result.out << result.err);
        CHECK(result.exitCode == 0);
        CHECK(std::filesystem::exists(dir / "out.json"));
    }
}
