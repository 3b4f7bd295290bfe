#include "process.hpp"
#include "temp_dir.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

using namespace gloss::test;

TEST_CASE("cli: info on the seed report counts 2,885 code points") {
    if (!std::filesystem::exists(seedReport())) {
        MESSAGE("seed report not found at " << seedReport() << "; skipped");
        return;
    }
    const ProcessResult result = runCli({"info", seedReport().string(), "--json"});
    REQUIRE(result.exitCode == 0);
    const auto facts = nlohmann::json::parse(result.out);
    CHECK(facts["codepoints"] == 2885);
    CHECK(facts["bytes"] == std::filesystem::file_size(seedReport()));
    CHECK(facts["encoding"] == "utf-8");
}

TEST_CASE("cli: tag --quote writes the code-point offsets Python's str.index gives") {
    if (!std::filesystem::exists(seedReport())) {
        MESSAGE("seed report not found; skipped");
        return;
    }
    const TempDir dir;
    const auto annotations = dir / "coding.json";
    const ProcessResult tagged = runCli({"tag", seedReport().string(), "--annotations", annotations.string(),
                                         "--quote", "triple lens", "--tag", "leadership-development"});
    REQUIRE(tagged.exitCode == 0);
    const ProcessResult python =
        run("/usr/bin/env", {"python3", "-c",
                             "import sys; t = open(sys.argv[1], encoding='utf-8').read();"
                             "i = t.index('triple lens'); print(i, i + len('triple lens'))",
                             seedReport().string()});
    REQUIRE(python.exitCode == 0);
    const auto file = nlohmann::json::parse(readText(annotations));
    REQUIRE(file["annotations"].size() == 1);
    const auto& a = file["annotations"][0];
    CHECK(std::to_string(a["start"].get<int>()) + " " + std::to_string(a["end"].get<int>()) + "\n" ==
          python.out);
    CHECK(a["quote"] == "triple lens");
    CHECK(a["tags"] == nlohmann::json::array({"leadership-development"}));
    CHECK(file["codebook"]["tags"][0]["id"] == "leadership-development");
}
