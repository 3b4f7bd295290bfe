// gloss-cli merge on real files: exit codes, what it writes and what it
// refuses. Its use as git's merge driver is in git_merge_driver_test.cpp.

#include "gloss/annotations/annotation_file.hpp"
#include "process.hpp"
#include "temp_dir.hpp"

#include <doctest/doctest.h>
#include <filesystem>
#include <nlohmann/json.hpp>

using namespace gloss::test;
namespace ann = gloss::annotations;
using Json = nlohmann::ordered_json;

namespace {

// The sample annotations with `change` applied, written as Gloss writes them.
template <typename Change>
std::filesystem::path sampleWith(const TempDir& dir, const std::string& name, Change change) {
    ann::AnnotationFile file =
        ann::parseAnnotationFile(readText(sourcePath("examples/sample-annotations.json")));
    change(file);
    return dir.write(name, ann::serializeAnnotationFile(file));
}

std::filesystem::path sample(const TempDir& dir, const std::string& name) {
    return sampleWith(dir, name, [](ann::AnnotationFile&) {});
}

void setNote(ann::AnnotationFile& file, size_t index, const std::string& note) {
    file.annotations.at(index).note = note;
}

const Json* recordWithId(const Json& file, const std::string& id) {
    for (const Json& record : file["annotations"])
        if (record["id"] == id) return &record;
    return nullptr;
}

} // namespace

TEST_CASE("gloss-cli merge: changes to different annotations merge cleanly, exit 0") {
    const TempDir dir;
    const auto base = sample(dir, "base.json");
    const auto ours = sampleWith(dir, "ours.json", [](auto& f) { setNote(f, 0, "ours' note"); });
    const auto theirs = sampleWith(dir, "theirs.json", [](auto& f) {
        setNote(f, 1, "theirs' note");
        f.annotations.erase(f.annotations.begin() + 9);
    });
    const auto out = dir / "out.json";

    const ProcessResult result =
        runCli({"merge", base.string(), ours.string(), theirs.string(), "-o", out.string()});
    INFO(result.err);
    CHECK(result.exitCode == 0);
    CHECK(result.err == "");
    CHECK(result.out == "merged 9 annotations into " + out.string() + ": 0 conflicts\n");
    const ann::AnnotationFile merged = ann::parseAnnotationFile(readText(out));
    REQUIRE(merged.annotations.size() == 9);
    CHECK(merged.annotations[0].note == "ours' note");
    CHECK(merged.annotations[1].note == "theirs' note");
    CHECK(readText(out).find("\"conflict\"") == std::string::npos);
    CHECK(runCli({"stats", out.string()}).exitCode == 0);
}

TEST_CASE("gloss-cli merge: one annotation changed differently is written as a conflict, exit 1") {
    const TempDir dir;
    const auto base = sample(dir, "base.json");
    const auto ours = sampleWith(dir, "ours.json", [](auto& f) { setNote(f, 2, "ours' note"); });
    const auto theirs = sampleWith(dir, "theirs.json", [](auto& f) { setNote(f, 2, "theirs' note"); });
    const std::string id = ann::parseAnnotationFile(readText(base)).annotations[2].id;
    const auto out = dir / "out.json";

    const ProcessResult result =
        runCli({"merge", base.string(), ours.string(), theirs.string(), "-o", out.string()});
    CHECK(result.exitCode == 1);
    CHECK(result.err == "conflict: annotation " + id + ": changed differently in ours and theirs\n");
    CHECK(result.out == "merged 10 annotations into " + out.string() + ": 1 conflicts\n");
    const Json merged = Json::parse(readText(out));
    const Json* record = recordWithId(merged, id);
    REQUIRE(record);
    CHECK((*record)["note"] == "ours' note");
    CHECK((*record)["conflict"]["ours"]["note"] == "ours' note");
    CHECK((*record)["conflict"]["theirs"]["note"] == "theirs' note");
    CHECK((*record)["conflict"]["base"]["note"] != "ours' note");
    // The conflicted file is a valid annotation file: Gloss opens it.
    CHECK(runCli({"stats", out.string()}).exitCode == 0);
}

TEST_CASE("gloss-cli merge: -o may be OURS, which is replaced by the result (git's driver contract)") {
    const TempDir dir;
    const auto base = sample(dir, "base.json");
    const auto ours = sampleWith(dir, "ours.json", [](auto& f) { setNote(f, 0, "ours' note"); });
    const auto theirs = sampleWith(dir, "theirs.json", [](auto& f) { setNote(f, 1, "theirs' note"); });

    const ProcessResult result =
        runCli({"merge", base.string(), ours.string(), theirs.string(), "-o", ours.string()});
    CHECK(result.exitCode == 0);
    const ann::AnnotationFile merged = ann::parseAnnotationFile(readText(ours));
    CHECK(merged.annotations[0].note == "ours' note");
    CHECK(merged.annotations[1].note == "theirs' note");
}

TEST_CASE(
    "gloss-cli merge: bad input is refused with exit 2, one line naming the file, and nothing written") {
    const TempDir dir;
    const auto base = sample(dir, "base.json");
    const auto ours = sampleWith(dir, "ours.json", [](auto& f) { setNote(f, 0, "ours' note"); });
    const auto theirs = sample(dir, "theirs.json");
    const std::string baseText = readText(base), theirsText = readText(theirs);
    const auto out = dir / "out.json";
    const auto refused = [&](std::vector<std::string> arguments) {
        arguments.insert(arguments.begin(), "merge");
        const ProcessResult result = runCli(arguments);
        CHECK(result.exitCode == 2);
        CHECK(result.out == "");
        CHECK(std::count(result.err.begin(), result.err.end(), '\n') == 1);
        CHECK_FALSE(std::filesystem::exists(out));
        CHECK(readText(base) == baseText);
        CHECK(readText(theirs) == theirsText);
        return result.err;
    };

    SUBCASE("truncated JSON in any of the three") {
        const std::string broken = baseText.substr(0, baseText.size() / 2);
        const auto bad = dir.write("bad.json", broken);
        CHECK(refused({bad.string(), ours.string(), theirs.string(), "-o", out.string()})
                  .starts_with(bad.string() + ": line "));
        CHECK(refused({base.string(), bad.string(), theirs.string(), "-o", out.string()})
                  .starts_with(bad.string() + ": line "));
        CHECK(refused({base.string(), ours.string(), bad.string(), "-o", out.string()})
                  .starts_with(bad.string() + ": line "));
    }
    SUBCASE("a newer version") {
        Json newer = Json::parse(theirsText);
        newer["version"] = 99;
        const auto bad = dir.write("v99.json", newer.dump(2));
        CHECK(refused({base.string(), ours.string(), bad.string(), "-o", out.string()}) ==
              bad.string() +
                  ": version: 99 is newer than this Gloss reads (1); update Gloss to open this file\n");
    }
    SUBCASE("a record with a problem") {
        Json broken = Json::parse(theirsText);
        broken["annotations"][3]["end"] = 1;
        const auto bad = dir.write("record.json", broken.dump(2));
        CHECK(refused({base.string(), bad.string(), theirs.string(), "-o", out.string()}) ==
              bad.string() + ": annotations[3].end: 1 is not after start (8308)\n");
    }
    SUBCASE("a missing file") {
        const auto missing = dir / "missing.json";
        CHECK(refused({base.string(), ours.string(), missing.string(), "-o", out.string()})
                  .starts_with(missing.string() + ": "));
    }
    SUBCASE("-o naming BASE or THEIRS") {
        const auto asBase = refused({base.string(), ours.string(), theirs.string(), "-o", base.string()});
        CHECK(asBase.find("is one of the input files") != std::string::npos);
        refused({base.string(), ours.string(), theirs.string(), "-o", theirs.string()});
    }
    SUBCASE("usage: not three files, or no -o") {
        CHECK(refused({base.string(), ours.string(), "-o", out.string()}).find("expected BASE OURS THEIRS") !=
              std::string::npos);
        refused({base.string(), ours.string(), theirs.string()});
    }
}
