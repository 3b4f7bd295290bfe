#pragma once

// Files a test needs from outside the repository (the seed reports beside the
// checkout, GLOSS_SEEDS_DIR). Such test cases belong to the doctest test
// suite "shared", which ctest runs as a test of its own that reports skipped,
// never passed, when a file is missing (gloss_add_doctest in
// tests/CMakeLists.txt).

#include <filesystem>

namespace gloss::test {

// The exit code of a test program that skipped a test case and failed none;
// ctest's SKIP_RETURN_CODE.
constexpr int kSkipped = 77;

// True, with a line saying so, when `file` is missing: the test case returns
// at once and the program exits with kSkipped (doctest_main.cpp).
bool missingSharedFile(const std::filesystem::path& file);

} // namespace gloss::test
