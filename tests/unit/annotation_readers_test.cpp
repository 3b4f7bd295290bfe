// The fast reader and the DOM reader (annotation_readers.hpp) on the same
// texts: every JSON file of the tree, generated files, and generated files
// with one to three random changes. Wherever the fast reader reads a file, the
// DOM reader must give the same annotations, rejected records and problems.

#include "annotation_file_generator.hpp"
#include "reader_agreement.hpp"
#include "temp_dir.hpp"

#include <doctest/doctest.h>
#include <filesystem>

using namespace gloss::annotations;
using gloss::test::readersDisagree;

namespace {

void checkAgree(const std::string& text) {
    const auto disagreement = readersDisagree(text);
    CHECK_MESSAGE(!disagreement, disagreement.value_or(""));
}

} // namespace

TEST_CASE("annotation readers: agree on every JSON file of the tree") {
    size_t files = 0, readFast = 0;
    for (const char* folder : {"tests", "examples", "docs"}) {
        for (const auto& entry :
             std::filesystem::recursive_directory_iterator(gloss::test::sourcePath(folder))) {
            if (entry.path().extension() != ".json" ||
                entry.path().string().find("node_modules") != std::string::npos)
                continue;
            const std::string text = gloss::test::readText(entry.path());
            INFO(entry.path().string());
            checkAgree(text);
            ++files;
            if (parseAnnotationFileFast(text)) ++readFast;
        }
    }
    CHECK(files >= 4);
    CHECK(readFast >= 1); // the sample; the other files are not annotation files
}

TEST_CASE("annotation readers: the fast reader reads every generated file, as the DOM reader does") {
    for (uint64_t seed = 1; seed <= 300; ++seed) {
        gloss::test::AnnotationFileGenerator generator(seed);
        const std::string text = serializeAnnotationFile(generator.file(seed % 40));
        INFO("seed " << seed);
        CHECK(parseAnnotationFileFast(text).has_value());
        checkAgree(text);
    }
}

TEST_CASE("annotation readers: agree on generated files with random changes") {
    // Counted so that the changes are known to reach the record checks: files
    // the fast reader reads with problems in them.
    size_t readWithProblems = 0;
    for (uint64_t seed = 1; seed <= 3000; ++seed) {
        gloss::test::AnnotationFileGenerator generator(seed);
        std::string text = serializeAnnotationFile(generator.file(1 + seed % 6));
        for (uint64_t changes = 1 + seed % 3; changes > 0; --changes) text = generator.mutate(text);
        INFO("seed " << seed << ", text:\n" << text);
        checkAgree(text);
        if (const auto fast = parseAnnotationFileFast(text); fast && !fast->problems.empty())
            ++readWithProblems;
    }
    CHECK(readWithProblems >= 300);
}

TEST_CASE("annotation readers: agree on NUL bytes after a number, which nlohmann takes for the end") {
    const std::string file =
        gloss::test::readText(gloss::test::sourcePath("examples/sample-annotations.json"));
    for (const std::string_view key : {"\"version\": ", "\"codepoints\": ", "\"start\": "}) {
        const size_t at = file.find(key);
        REQUIRE(at != std::string::npos);
        const size_t afterNumber = file.find_first_not_of("0123456789", at + key.size());
        for (const size_t count : {1, 16}) {
            std::string text = file;
            text.insert(afterNumber, std::string(count, '\0'));
            checkAgree(text);
        }
    }
}
