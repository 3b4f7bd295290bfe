#include "process.hpp"
#include "temp_dir.hpp"

#include <algorithm>
#include <doctest/doctest.h>

using namespace gloss::test;

TEST_CASE("hostile input: a truncated annotation file is refused with one line and exit 2") {
    const TempDir dir;
    const std::string truncated = R"({"format": "gloss.annotations", "version": 1, "annotations": [)";
    const auto path = dir.write("truncated.json", truncated);
    const ProcessResult result = runCli({"stats", path.string()});
    CHECK(result.exitCode == 2);
    CHECK(result.out.empty());
    CHECK(result.err.starts_with(path.string() + ": line 1, column "));
    CHECK(std::count(result.err.begin(), result.err.end(), '\n') == 1);
    CHECK(readText(path) == truncated);
}
