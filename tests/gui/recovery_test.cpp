// The recovery journal on real files under a temporary $XDG_STATE_HOME.

#include "gloss/core/file_io.hpp"
#include "gloss/core/files.hpp"
#include "platform/recovery.hpp"
#include "scoped_env.hpp"
#include "temp_dir.hpp"

#include <doctest/doctest.h>

using namespace gloss::gui;
using gloss::annotations::serializeAnnotationFile;
using gloss::test::readText;
using gloss::test::ScopedEnv;
using gloss::test::TempDir;
namespace fs = std::filesystem;

namespace {

// Makes `path` look written `seconds` after (or before) `other`.
void touchRelative(const fs::path& path, const fs::path& other, int seconds) {
    fs::last_write_time(path, fs::last_write_time(other) + std::chrono::seconds(seconds));
}

} // namespace

TEST_CASE("recovery: a journal round trips and is offered until discarded") {
    TempDir dir;
    ScopedEnv state("XDG_STATE_HOME", (dir / "state").string());
    const auto sample =
        gloss::core::loadAnnotationFile(gloss::test::sourcePath("examples/sample-annotations.json"));
    REQUIRE(sample.annotations.size() > 1);
    const auto annotationsPath = dir / "work" / "report.txt.gloss.json";
    const auto reportPath = dir / "work" / "report.txt";

    // The journal's name: 16 hex digits of the absolute path's SHA-256.
    const fs::path journal = journalPath(annotationsPath);
    CHECK(journal.parent_path() == dir / "state" / "gloss" / "recovery");
    CHECK(journal.filename().string().size() == 16 + 5);
    CHECK(journal.extension() == ".json");
    CHECK(journalPath(dir / "work" / "." / "report.txt.gloss.json") == journal);
    CHECK(journalPath(dir / "other.json") != journal);

    CHECK_FALSE(findJournal(annotationsPath).has_value());
    writeJournal(annotationsPath, reportPath, sample);

    // The annotations file was never saved: the journal is offered.
    auto found = findJournal(annotationsPath);
    REQUIRE(found.has_value());
    CHECK(found->error == "");
    CHECK(found->journal == journal);
    CHECK(found->annotationCount == sample.annotations.size());
    CHECK(found->annotationsPath == annotationsPath);
    CHECK(found->reportPath == reportPath);
    CHECK(found->modified == fs::last_write_time(journal));

    const Journal loaded = loadJournal(annotationsPath);
    CHECK(loaded.annotationsPath == annotationsPath);
    CHECK(loaded.reportPath == reportPath);
    CHECK(serializeAnnotationFile(loaded.file) == serializeAnnotationFile(sample));
    CHECK(serializeAnnotationFile(loaded.file) ==
          readText(gloss::test::sourcePath("examples/sample-annotations.json")));

    SUBCASE("a journal older than the saved file is not offered") {
        fs::create_directories(annotationsPath.parent_path());
        gloss::core::saveAnnotationFile(annotationsPath, sample);
        touchRelative(journal, annotationsPath, -5);
        CHECK_FALSE(findJournal(annotationsPath).has_value());
        touchRelative(journal, annotationsPath, 0); // same time: the save is as new
        CHECK_FALSE(findJournal(annotationsPath).has_value());
        touchRelative(journal, annotationsPath, 5);
        CHECK(findJournal(annotationsPath).has_value());
    }
    SUBCASE("discarding removes it, and discarding again is fine") {
        discardJournal(annotationsPath);
        CHECK_FALSE(fs::exists(journal));
        CHECK_FALSE(findJournal(annotationsPath).has_value());
        CHECK_NOTHROW(discardJournal(annotationsPath));
    }
    SUBCASE("a relative annotations path is the same file as its absolute path") {
        const fs::path previous = fs::current_path();
        fs::current_path(dir.path());
        const bool same = journalPath("work/report.txt.gloss.json") == journal;
        const auto relative = findJournal("work/report.txt.gloss.json");
        fs::current_path(previous);
        CHECK(same);
        REQUIRE(relative.has_value());
        CHECK(relative->annotationsPath == annotationsPath);
    }
}

TEST_CASE("recovery: a journal that cannot be read is reported and kept") {
    TempDir dir;
    ScopedEnv state("XDG_STATE_HOME", (dir / "state").string());
    const auto annotationsPath = dir / "a.json";
    const fs::path journal = journalPath(annotationsPath);
    fs::create_directories(journal.parent_path());
    const auto valid = nlohmann::ordered_json{
        {"format", "gloss.recovery"},
        {"version", 1},
        {"annotations_path", annotationsPath.string()},
        {"report_path", (dir / "r.txt").string()},
        {"file", readText(gloss::test::sourcePath("examples/sample-annotations.json"))}};
    const auto changed = [&](const char* key, nlohmann::ordered_json value) {
        auto json = valid;
        json[key] = std::move(value);
        return json.dump();
    };
    struct Case {
        std::string name;
        std::string text;
        const char* where;
    };
    const std::vector<Case> cases = {
        {"truncated", valid.dump().substr(0, 80), "line 1"},
        {"empty", "", "line 1"},
        {"not a journal", changed("format", "gloss.annotations"), "format: not a Gloss recovery journal"},
        {"newer version", changed("version", 2), "version: expected 1"},
        {"other file's journal", changed("annotations_path", "/elsewhere.json"),
         "annotations_path: the journal belongs to"},
        {"bad annotation file", changed("file", "{\"format\": \"gloss.annotations\", \"version\": 1"),
         "file: "},
        {"file not a string", changed("file", 3), "file: expected a string"},
    };
    {
        gloss::core::writeFileAtomically(journal, valid.dump());
        auto found = findJournal(annotationsPath);
        REQUIRE(found.has_value());
        CHECK(found->error == ""); // the cases below differ from a valid journal in one place
    }
    for (const Case& c : cases) {
        CAPTURE(c.name);
        gloss::core::writeFileAtomically(journal, c.text);
        const auto found = findJournal(annotationsPath);
        REQUIRE(found.has_value());
        CHECK(found->error.starts_with(journal.string() + ": "));
        CHECK(found->error.find(c.where) != std::string::npos);
        CHECK(found->error.find('\n') == std::string::npos);
        CHECK(found->annotationCount == 0);
        CHECK_THROWS_AS(loadJournal(annotationsPath), gloss::core::InputError);
        CHECK(readText(journal) == c.text);
    }
}

TEST_CASE("recovery: the folder comes from $XDG_STATE_HOME, else ~/.local/state") {
    ScopedEnv home("HOME", "/home/someone");
    ScopedEnv state("XDG_STATE_HOME", std::nullopt);
    CHECK(recoveryFolder() == "/home/someone/.local/state/gloss/recovery");
}

TEST_CASE("recovery: a journal that cannot be written is an error naming it") {
    TempDir dir;
    const auto blocker = dir.write("state", "a file where the folder should be");
    ScopedEnv state("XDG_STATE_HOME", blocker.string());
    const auto file =
        gloss::core::loadAnnotationFile(gloss::test::sourcePath("examples/sample-annotations.json"));
    try {
        writeJournal(dir / "a.json", dir / "r.txt", file);
        FAIL("the journal was written under a file");
    } catch (const gloss::core::IoError& e) {
        CHECK(std::string(e.what()).starts_with(journalPath(dir / "a.json").string() + ": "));
    }
}
