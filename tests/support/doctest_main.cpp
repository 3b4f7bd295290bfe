// The main of every doctest program: doctest's, except that a run in which a
// test case found a shared file missing (shared_files.hpp) and nothing failed
// exits with kSkipped, so ctest reports it skipped rather than passed.
#define DOCTEST_CONFIG_IMPLEMENT
#include "shared_files.hpp"

#include <cstdio>
#include <doctest/doctest.h>

namespace gloss::test {

namespace {
bool anyMissing = false;
} // namespace

bool missingSharedFile(const std::filesystem::path& file) {
    std::error_code error;
    if (std::filesystem::exists(file, error)) return false;
    std::printf("skipped: %s is missing\n", file.c_str());
    anyMissing = true;
    return true;
}

} // namespace gloss::test

int main(int argc, char** argv) {
    doctest::Context context(argc, argv);
    const int failed = context.run();
    if (context.shouldExit() || failed != 0) return failed;
    return gloss::test::anyMissing ? gloss::test::kSkipped : 0;
}
