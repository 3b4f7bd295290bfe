#include "gloss/core/file_io.hpp"
#include "temp_dir.hpp"

#include <csignal>
#include <doctest/doctest.h>
#include <stdexcept>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

using namespace gloss::core;
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
