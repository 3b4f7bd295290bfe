// What gloss-cli's saves do to the path they write (docs/formats.md, "Writing"):
// through the real binary on real files, each refusal with exit code 2, one
// line naming the file, and the file as it was.

#include "process.hpp"
#include "temp_dir.hpp"

#include <algorithm>
#include <doctest/doctest.h>
#include <nlohmann/json.hpp>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

using namespace gloss::test;
using Json = nlohmann::ordered_json;

namespace {

// A copy of the sample report and an annotation file gloss-cli made on it.
struct Tagged {
    TempDir dir;
    std::filesystem::path report =
        dir.write("report.txt", readText(sourcePath("examples/sample-report.txt")));
    std::filesystem::path annotations = dir / "report.gloss.json";

    Tagged() { REQUIRE(tag(annotations, "0:10").exitCode == 0); }

    ProcessResult tag(const std::filesystem::path& file, const std::string& range,
                      const std::vector<std::string>& more = {}) const {
        std::vector<std::string> arguments{"tag",     report.string(), "--annotations", file.string(),
                                           "--range", range,           "--tag",         "discrimination"};
        arguments.insert(arguments.end(), more.begin(), more.end());
        return runCli(arguments);
    }
};

void checkRefused(const ProcessResult& result, const std::string& expected) {
    INFO(result.err);
    CHECK(result.exitCode == 2);
    CHECK(result.err.find(expected) != std::string::npos);
    CHECK(std::count(result.err.begin(), result.err.end(), '\n') == 1);
}

} // namespace

TEST_CASE("saving: export to a pipe is refused and the pipe stays a pipe") {
    const Tagged files;
    const auto pipe = files.dir / "out.json";
    REQUIRE(::mkfifo(pipe.c_str(), 0600) == 0);
    checkRefused(runCli({"export", files.annotations.string(), "--report", files.report.string(), "--format",
                         "json", "-o", pipe.string()}),
                 "out.json: is not a regular file");
    CHECK(std::filesystem::is_fifo(pipe));
}

TEST_CASE("saving: tag through a symbolic link updates the file it points to") {
    const Tagged files;
    const auto link = files.dir / "link.gloss.json";
    std::filesystem::create_symlink(files.annotations.filename(), link);
    const ProcessResult result = files.tag(link, "20:30");
    INFO(result.err);
    CHECK(result.exitCode == 0);
    CHECK(std::filesystem::is_symlink(link));
    CHECK(readText(files.annotations).find("\"start\": 20") != std::string::npos);
}

TEST_CASE("saving: tag on a read-only file is refused and leaves it unchanged") {
    const Tagged files;
    ::chmod(files.annotations.c_str(), 0444);
    const std::string before = readText(files.annotations);
    checkRefused(files.tag(files.annotations, "20:30"), "report.gloss.json: is read-only");
    CHECK(readText(files.annotations) == before);
}

TEST_CASE("saving: tag on a hard-linked file is refused and both names keep the same contents") {
    const Tagged files;
    const auto other = files.dir / "other.gloss.json";
    std::filesystem::create_hard_link(files.annotations, other);
    checkRefused(files.tag(files.annotations, "20:30"), "report.gloss.json: has 2 hard links");
    CHECK(std::filesystem::equivalent(files.annotations, other));
}

TEST_CASE("saving: tag keeps the file's mode, and its owner where the saver may give it") {
    const Tagged files;
    ::chmod(files.annotations.c_str(), 0640);
    const bool root = ::geteuid() == 0;
    if (root) REQUIRE(::chown(files.annotations.c_str(), 65534, 65534) == 0);
    const ProcessResult result = files.tag(files.annotations, "20:30");
    INFO(result.err);
    CHECK(result.exitCode == 0);
    struct stat info {};
    REQUIRE(::stat(files.annotations.c_str(), &info) == 0);
    CHECK((info.st_mode & 0777) == 0640);
    if (root) CHECK(info.st_uid == 65534u);
}

TEST_CASE("saving: two processes tagging one file 50 times each lose none of the 100 annotations") {
    const Tagged files;
    std::vector<pid_t> children;
    for (int process = 0; process < 2; ++process) {
        const pid_t child = ::fork();
        REQUIRE(child >= 0);
        if (child == 0) {
            int failures = 0;
            for (int i = 0; i < 50; ++i) {
                const int start = 100 + process * 1000 + i * 10;
                failures +=
                    files.tag(files.annotations, std::to_string(start) + ":" + std::to_string(start + 5))
                        .exitCode != 0;
            }
            ::_exit(failures == 0 ? 0 : 1);
        }
        children.push_back(child);
    }
    for (const pid_t child : children) {
        int status = 0;
        ::waitpid(child, &status, 0);
        CHECK(WIFEXITED(status));
        CHECK(WEXITSTATUS(status) == 0);
    }
    const std::string text = readText(files.annotations);
    size_t quotes = 0;
    for (size_t at = 0; (at = text.find("\"quote\":", at)) != std::string::npos; ++at) ++quotes;
    CHECK(quotes == 101);
}

// Gloss never writes a file it would refuse to read: each limit of the reader is checked before saving.

TEST_CASE("saving: an --author over the reader's 1,024 bytes is refused before anything is written") {
    const Tagged files;
    const std::string before = readText(files.annotations);
    checkRefused(files.tag(files.annotations, "20:30", {"--author", std::string(1025, 'a')}),
                 "report.gloss.json: annotations[1].author: 1025 bytes is longer than the limit of 1024");
    CHECK(readText(files.annotations) == before);
    const auto fresh = files.dir / "fresh.gloss.json";
    checkRefused(files.tag(fresh, "20:30", {"--author", std::string(1025, 'a')}), "annotations[0].author");
    CHECK_FALSE(std::filesystem::exists(fresh));
}

TEST_CASE("saving: a quote over the reader's 16 MiB from tag --range is refused before anything is written") {
    const TempDir dir;
    std::string text;
    while (text.size() <= (16u << 20)) text += "Staff told the review that they felt heard.\n";
    const auto report = dir.write("long.txt", text);
    const auto out = dir / "long.gloss.json";
    checkRefused(runCli({"tag", report.string(), "--annotations", out.string(), "--range",
                         "0:" + std::to_string(text.size()), "--tag", "discrimination"}),
                 "long.gloss.json: annotations[0].quote: " + std::to_string(text.size()) +
                     " bytes is longer than the limit of 16777216");
    CHECK_FALSE(std::filesystem::exists(out));
}

TEST_CASE("saving: merge stops with exit 2 where another level of conflict would pass the reader's depth") {
    const Tagged files;
    // Every merge conflicts on the same note, nesting the unresolved conflict one level deeper.
    const auto withNote = [&](const std::string& name, const std::string& note) {
        Json file = Json::parse(readText(files.annotations));
        file["annotations"][0]["note"] = note;
        return files.dir.write(name, file.dump(2));
    };
    const auto base = files.dir.write("base.json", readText(files.annotations));
    const auto merged = withNote("merged.json", "ours");
    ProcessResult result;
    int merges = 0;
    for (; merges < 40; ++merges) {
        const auto theirs = withNote("theirs.json", "theirs " + std::to_string(merges));
        result = runCli({"merge", base.string(), merged.string(), theirs.string(), "-o", merged.string()});
        if (result.exitCode != 1) break;
    }
    INFO(result.err);
    CHECK(merges < 40);
    checkRefused(result, "merged.json: annotations[0].conflict: nesting deeper than 64 levels");
    // What the merges before wrote can still be read.
    CHECK(runCli({"stats", merged.string()}).exitCode == 0);
}
