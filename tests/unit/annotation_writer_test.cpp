// The streaming writer (serializeAnnotationFile) against the writer it
// replaced, kept here as the reference: the file as one nlohmann tree, dumped
// with indent 2. The bytes must be the same for every file.

#include "annotation_file_generator.hpp"
#include "gloss/annotations/annotation_file.hpp"
#include "gloss/annotations/match_annotations.hpp"
#include "plain_text.hpp"
#include "temp_dir.hpp"

#include <algorithm>
#include <doctest/doctest.h>
#include <numeric>
#include <random>

using namespace gloss::annotations;
using Json = nlohmann::ordered_json;

namespace {

std::string referenceText(const AnnotationFile& file) {
    Json root = Json::object();
    root["format"] = kAnnotationFormat;
    root["version"] = kAnnotationFormatVersion;
    root["report"] = reportToJson(file.report);
    if (file.codebook) root["codebook"] = codebookToJson(*file.codebook);
    std::vector<size_t> order(file.annotations.size());
    std::iota(order.begin(), order.end(), size_t{0});
    std::sort(order.begin(), order.end(),
              [&](size_t a, size_t b) { return precedes(file.annotations[a], file.annotations[b]); });
    Json records = Json::array();
    for (size_t index : order) records.push_back(annotationToJson(file.annotations[index]));
    for (const Json& record : file.rejected) records.push_back(record);
    root["annotations"] = std::move(records);
    for (const auto& [key, value] : file.extra.items()) root[key] = value;
    return root.dump(2) + "\n";
}

// The first byte where the two texts differ, with some text around it, so a
// failure shows the place rather than two megabytes.
std::string firstDifference(const std::string& written, const std::string& expected) {
    const auto [at, _] = std::mismatch(written.begin(), written.end(), expected.begin(), expected.end());
    const size_t offset = static_cast<size_t>(at - written.begin());
    const size_t from = offset < 80 ? 0 : offset - 80;
    return "byte " + std::to_string(offset) + ": written ..." + written.substr(from, 160) +
           "... expected ..." + expected.substr(from, 160) + "...";
}

void checkSameBytes(const AnnotationFile& file) {
    const std::string written = serializeAnnotationFile(file);
    const std::string expected = referenceText(file);
    if (written != expected) FAIL_CHECK(firstDifference(written, expected));
}

} // namespace

TEST_CASE("annotation writer: the sample's bytes are nlohmann's dump of its tree, and the file's own") {
    const std::string sample =
        gloss::test::readText(gloss::test::sourcePath("examples/sample-annotations.json"));
    const AnnotationFile file = parseAnnotationFile(sample);
    checkSameBytes(file);
    CHECK(serializeAnnotationFile(file) == sample);
}

TEST_CASE("annotation writer: generated files with awkward text, unknown fields and rejected records") {
    for (uint64_t seed = 1; seed <= 400; ++seed) {
        INFO("seed " << seed);
        gloss::test::AnnotationFileGenerator generator(seed);
        AnnotationFile file = generator.file(seed % 30, seed % 4);
        // Out of order, as code may leave them.
        std::reverse(file.annotations.begin(), file.annotations.end());
        checkSameBytes(file);
    }
}

TEST_CASE("annotation writer: unknown fields named like known ones replace them where the tree does") {
    gloss::test::AnnotationFileGenerator generator(7);
    AnnotationFile file = generator.file(5, 1);
    file.annotations[1].extra["status"] = Json::array({1.5, nullptr});
    file.annotations[2].extra["conflict"] = "late";
    file.extra["format"] = 2;
    file.extra["codebook"] = Json::object();
    checkSameBytes(file);
    file.extra["annotations"] = Json::array({true});
    checkSameBytes(file);

    AnnotationFile empty = generator.file(0, 0);
    checkSameBytes(empty);
}

TEST_CASE("annotation writer: text that is not UTF-8 fails as nlohmann's dump fails") {
    gloss::test::AnnotationFileGenerator generator(3);
    for (const std::string bad : {"\xC3", "ok\xFF", "\xED\xA0\x80", "\xF4\x90\x80\x80"}) {
        AnnotationFile file = generator.file(3);
        file.annotations[1].note = bad;
        std::string written, expected;
        try {
            (void)serializeAnnotationFile(file);
        } catch (const Json::exception& e) {
            written = e.what();
        }
        try {
            (void)referenceText(file);
        } catch (const Json::exception& e) {
            expected = e.what();
        }
        CHECK_FALSE(expected.empty());
        CHECK(written == expected);
    }
}

TEST_CASE("annotation writer: a large generated file") {
    gloss::test::AnnotationFileGenerator generator(11);
    const AnnotationFile file = generator.file(50'000, 100);
    checkSameBytes(file);
}

TEST_CASE("annotation writer: matches are written among the annotations as the Annotations they stand for") {
    // A report with awkward text, so quotes and context need escapes and
    // cut through multi-byte characters' neighbours.
    std::string text;
    gloss::test::AnnotationFileGenerator generator(5);
    AnnotationFile file = generator.file(300);
    for (const Annotation& a : file.annotations) text += a.quote + " " + a.note + "\n";
    const gloss::test::PlainText report(text);
    const uint64_t length = report.codepointCount();

    MatchAnnotations matches(report, {"theme \"one\"", "two"}, "plugin:themes", "2026-02-03T04:05:06Z");
    std::mt19937_64 rng(9);
    for (int i = 0; i < 2000; ++i) {
        const uint64_t start = rng() % (length - 1);
        matches.add(start, start + 1 + rng() % std::min<uint64_t>(40, length - start - 1),
                    static_cast<uint32_t>(rng() % 2));
    }
    // Some on the same range as an annotation, so the id decides the order.
    matches.add(file.annotations[0].start, file.annotations[0].end, 1);
    matches.sort();

    std::string written;
    writeAnnotationFile(file, &matches, [&](std::string_view piece) { written += piece; });
    AnnotationFile whole = file;
    for (size_t i = 0; i < matches.size(); ++i) whole.annotations.push_back(matches.annotation(i));
    const std::string expected = referenceText(whole);
    if (written != expected) FAIL_CHECK(firstDifference(written, expected));
}
