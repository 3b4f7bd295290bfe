#include "gloss/core/file_io.hpp"
#include "gloss/limits.hpp"
#include "scoped_env.hpp"
#include "temp_dir.hpp"

#include <csignal>
#include <doctest/doctest.h>
#include <stdexcept>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

using namespace gloss::core;
using gloss::test::ScopedEnv;
using gloss::test::TempDir;

namespace {

size_t filesIn(const std::filesystem::path& folder) {
    size_t count = 0;
    for ([[maybe_unused]] const auto& entry : std::filesystem::directory_iterator(folder)) ++count;
    return count;
}

} // namespace

TEST_CASE("file io: an atomic write creates or replaces the file and leaves no temporary") {
    const TempDir dir;
    const auto path = dir / "out.json";
    writeFileAtomically(path, "first");
    CHECK(readFile(path) == "first");
    writeFileAtomically(path, "second, longer");
    CHECK(readFile(path) == "second, longer");
    CHECK(filesIn(dir.path()) == 1);
}

TEST_CASE("file io: an atomic write keeps the permissions of the file it replaces") {
    const TempDir dir;
    const auto path = dir.write("private.json", "old");
    ::chmod(path.c_str(), 0600);
    writeFileAtomically(path, "new");
    struct stat info {};
    REQUIRE(::stat(path.c_str(), &info) == 0);
    CHECK((info.st_mode & 0777) == 0600);
}

TEST_CASE("file io: a new file gets 0666 less the umask, and the umask is left as it was") {
    TempDir dir;
    const mode_t before = ::umask(027);
    writeFileAtomically(dir / "group.json", "{}");
    ::umask(077);
    writeFileAtomically(dir / "private.json", "{}");
    const mode_t during = ::umask(before);
    struct stat group {
    }, own{};
    REQUIRE(::stat((dir / "group.json").c_str(), &group) == 0);
    REQUIRE(::stat((dir / "private.json").c_str(), &own) == 0);
    CHECK((group.st_mode & 07777) == 0640);
    CHECK((own.st_mode & 07777) == 0600);
    CHECK(during == 077);
}

TEST_CASE("file io: a write that fails part-way leaves the old file intact") {
    const TempDir dir;
    const auto path = dir.write("keep.json", "the old contents");
    // A child process with a 1 KiB file-size limit: its write of 64 KiB fails
    // with EFBIG mid-way, exactly like a full disk.
    const pid_t child = ::fork();
    REQUIRE(child >= 0);
    if (child == 0) {
        std::signal(SIGXFSZ, SIG_IGN);
        const rlimit limit{1024, 1024};
        ::setrlimit(RLIMIT_FSIZE, &limit);
        try {
            writeFileAtomically(path, std::string(65536, 'x'));
        } catch (const IoError&) {
            ::_exit(3);
        }
        ::_exit(0);
    }
    int status = 0;
    ::waitpid(child, &status, 0);
    CHECK(WIFEXITED(status));
    CHECK(WEXITSTATUS(status) == 3);
    CHECK(readFile(path) == "the old contents");
    CHECK(filesIn(dir.path()) == 1);
}

TEST_CASE("file io: contents written in pieces arrive whole and in order") {
    const TempDir dir;
    const auto path = dir / "pieces.txt";
    // More pieces than wait at once for the writing thread, of every size.
    std::string expected;
    writeFileAtomically(path, [&](const PieceWriter& write) {
        for (size_t i = 0; i < 200; ++i) {
            const std::string piece(i * 97 % 5000, static_cast<char>('a' + i % 26));
            write(piece);
            expected += piece;
        }
    });
    CHECK(readFile(path) == expected);
    CHECK(filesIn(dir.path()) == 1);
}

TEST_CASE("file io: contents whose making fails part-way leave the old file intact") {
    const TempDir dir;
    const auto path = dir.write("keep.json", "the old contents");
    CHECK_THROWS_AS(writeFileAtomically(path,
                                        [](const PieceWriter& write) {
                                            for (int i = 0; i < 10; ++i) write(std::string(100000, 'x'));
                                            throw std::runtime_error("made no further");
                                        }),
                    std::runtime_error);
    CHECK(readFile(path) == "the old contents");
    CHECK(filesIn(dir.path()) == 1);
}

TEST_CASE("file io: errors name the path") {
    const TempDir dir;
    CHECK_THROWS_WITH_AS(readFile(dir / "missing.txt"), doctest::Contains("missing.txt: cannot open"),
                         IoError);
    CHECK_THROWS_WITH_AS(readFile(dir.path()), doctest::Contains("is a folder"), IoError);
    CHECK_THROWS_WITH_AS(writeFileAtomically(dir / "no-such-folder" / "x.json", "x"),
                         doctest::Contains("cannot create a temporary file"), IoError);
}

TEST_CASE("file io: a save through a symbolic link writes the file it points to and keeps the link") {
    const TempDir dir;
    const auto real = dir.write("shared/real.json", "old");
    const auto link = dir / "link.json";
    std::filesystem::create_symlink("shared/../shared/real.json", link);
    writeFileAtomically(link, "new");
    CHECK(std::filesystem::is_symlink(link));
    CHECK(readFile(real) == "new");
    CHECK(filesIn(dir / "shared") == 1);
    // A link to a missing file creates it.
    const auto dangling = dir / "dangling.json";
    std::filesystem::create_symlink("created.json", dangling);
    writeFileAtomically(dangling, "made");
    CHECK(std::filesystem::is_symlink(dangling));
    CHECK(readFile(dir / "created.json") == "made");
}

TEST_CASE("file io: a pipe, a device or a folder is never replaced by a regular file") {
    const TempDir dir;
    const auto pipe = dir / "pipe";
    REQUIRE(::mkfifo(pipe.c_str(), 0600) == 0);
    CHECK_THROWS_WITH_AS(writeFileAtomically(pipe, "x"), doctest::Contains("pipe: is not a regular file"),
                         IoError);
    CHECK(std::filesystem::is_fifo(pipe));
    CHECK_THROWS_WITH_AS(writeFileAtomically(dir.path(), "x"), doctest::Contains("is not a regular file"),
                         IoError);
    // A link to a device is followed to the device, and refused there.
    const auto toNull = dir / "null.json";
    std::filesystem::create_symlink("/dev/null", toNull);
    CHECK_THROWS_WITH_AS(writeFileAtomically(toNull, "x"), doctest::Contains("is not a regular file"),
                         IoError);
    CHECK(std::filesystem::is_character_file("/dev/null"));
    CHECK(filesIn(dir.path()) == 2);
}

TEST_CASE("file io: a read-only file is refused, even for root") {
    const TempDir dir;
    const auto path = dir.write("locked.json", "old");
    ::chmod(path.c_str(), 0444);
    CHECK_THROWS_WITH_AS(writeFileAtomically(path, "new"), doctest::Contains("locked.json: is read-only"),
                         IoError);
    CHECK(readFile(path) == "old");
    CHECK(filesIn(dir.path()) == 1);
}

TEST_CASE("file io: a hard-linked file is refused rather than split from its other names") {
    const TempDir dir;
    const auto path = dir.write("one.json", "old");
    std::filesystem::create_hard_link(path, dir / "two.json");
    CHECK_THROWS_WITH_AS(writeFileAtomically(path, "new"), doctest::Contains("one.json: has 2 hard links"),
                         IoError);
    CHECK(readFile(dir / "two.json") == "old");
    CHECK(filesIn(dir.path()) == 2);
}

TEST_CASE("file io: a save keeps the file's owner and group") {
    const TempDir dir;
    const auto path = dir.write("theirs.json", "old");
    // Only root can give a file to someone else; anyone else can only check
    // that a file it cannot keep the owner of is refused.
    const bool root = ::geteuid() == 0;
    if (root) REQUIRE(::chown(path.c_str(), 65534, 65534) == 0);
    struct stat before {};
    REQUIRE(::stat(path.c_str(), &before) == 0);
    if (root) {
        writeFileAtomically(path, "new");
        struct stat after {};
        REQUIRE(::stat(path.c_str(), &after) == 0);
        CHECK(after.st_uid == 65534u);
        CHECK(after.st_gid == 65534u);
        CHECK(readFile(path) == "new");
    } else {
        writeFileAtomically(path, "new"); // our own file: nothing to keep
        CHECK(before.st_uid == ::geteuid());
    }
}

TEST_CASE("file io: a save removes temporaries left by killed saves of the same file, and only those") {
    const TempDir dir;
    const auto path = dir.write("report.json", "old");
    // The PID of a process that has ended.
    const pid_t gone = ::fork();
    REQUIRE(gone >= 0);
    if (gone == 0) ::_exit(0);
    ::waitpid(gone, nullptr, 0);
    const auto stale = dir.write(".report.json.gloss-" + std::to_string(gone) + "-abcdef", "half");
    const auto alive = dir.write(".report.json.gloss-" + std::to_string(::getpid()) + "-abcdef", "busy");
    const auto other = dir.write(".other.json.gloss-" + std::to_string(gone) + "-abcdef", "not ours");
    writeFileAtomically(path, "new");
    CHECK_FALSE(std::filesystem::exists(stale));
    CHECK(std::filesystem::exists(alive));
    CHECK(std::filesystem::exists(other));
    CHECK(readFile(path) == "new");
}

TEST_CASE("file io: the file size limit's setting counts only when it is a whole number") {
    TempDir dir;
    const auto file = dir.write("report.txt", std::string(2000, 'x'));
    const uint64_t fallback = gloss::limits::kFileBytes.value;
    {
        const ScopedEnv env("GLOSS_MAX_FILE_BYTES", "1000");
        CHECK(gloss::limits::valueOf(gloss::limits::kFileBytes) == 1000);
        CHECK_THROWS_AS(readFile(file), IoError);
    }
    // strtoull takes blanks and a sign: " -5" would be 2^64 - 5, no limit at all.
    for (const char* setting : {" -5", "-5", "+1000", " 1000", "1000 bytes", "lots", ""}) {
        INFO(std::string(setting));
        const ScopedEnv env("GLOSS_MAX_FILE_BYTES", setting);
        CHECK(gloss::limits::valueOf(gloss::limits::kFileBytes) == fallback);
    }
}
