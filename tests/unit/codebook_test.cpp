#include "gloss/annotations/codebook.hpp"
#include "gloss/annotations/format_error.hpp"
#include "gloss/core/files.hpp"

#include <doctest/doctest.h>
#include <string>

using namespace gloss::annotations;

namespace {

std::string errorOf(std::string_view text) {
    try {
        (void)parseCodebook(text);
    } catch (const gloss::annotations::FormatError& e) {
        return e.what();
    }
    return "no error";
}

constexpr std::string_view kTwoTags = R"json({"format": "gloss.codebook", "version": 1, "tags": [
  {"id": "parent", "label": "Parent", "color": "#112233", "key": "1",
   "patterns": [{"literal": "lead", "whole_word": true}, {"regex": "equit(y|ies)", "case_sensitive": true}]},
  {"id": "child", "color": "#445566", "parent": "parent", "colour_name": "teal"}]})json";

} // namespace

TEST_CASE("codebook: tags, themes and hierarchy are read") {
    const Codebook codebook = parseCodebook(kTwoTags);
    REQUIRE(codebook.tags.size() == 2);
    const Tag& parent = codebook.tags[0];
    CHECK(parent.isTheme());
    CHECK(parent.key == "1");
    REQUIRE(parent.patterns.size() == 2);
    CHECK(parent.patterns[0].kind == Pattern::Kind::Literal);
    CHECK(parent.patterns[0].wholeWord);
    CHECK_FALSE(parent.patterns[0].caseSensitive);
    CHECK(parent.patterns[1].kind == Pattern::Kind::Regex);
    CHECK(parent.patterns[1].caseSensitive);
    const Tag& child = codebook.tags[1];
    CHECK(child.label == "child");
    CHECK(child.parent == "parent");
    CHECK_FALSE(child.isTheme());
}

TEST_CASE("codebook: a subset keeps the ancestors of the tags asked for") {
    const Codebook subset = parseCodebook(kTwoTags).subset({"child"});
    REQUIRE(subset.tags.size() == 2);
    CHECK(subset.tags[0].id == "parent");
}

TEST_CASE("codebook: writing and reading back gives the same codebook, unknown fields included") {
    const Codebook codebook = parseCodebook(kTwoTags);
    const Codebook again = codebookFromJson(codebookToJson(codebook));
    CHECK(again.tags == codebook.tags);
    CHECK(again.tags[1].extra["colour_name"] == "teal");
}

TEST_CASE("codebook: the bundled sample codebook is valid and has 8 to 12 themes") {
    const Codebook codebook = gloss::core::loadCodebook(gloss::core::examplesDirectory() / "codebook.json");
    size_t themes = 0;
    for (const Tag& tag : codebook.tags) themes += tag.isTheme();
    CHECK(themes >= 8);
    CHECK(themes <= 12);
}

TEST_CASE("codebook: problems are located by JSON path") {
    SUBCASE("a bad colour") {
        CHECK(errorOf(R"({"format":"gloss.codebook","version":1,"tags":[{"id":"a","color":"red"}]})") ==
              "tags[0].color: expected \"#rrggbb\", found \"red\"");
    }
    SUBCASE("a duplicate id") {
        CHECK(errorOf(R"({"format":"gloss.codebook","version":1,"tags":[{"id":"a","color":"#000000"},)"
                      R"({"id":"a","color":"#000000"}]})") ==
              "tags[1].id: \"a\" is the id of an earlier tag");
    }
    SUBCASE("a missing parent") {
        CHECK(
            errorOf(
                R"({"format":"gloss.codebook","version":1,"tags":[{"id":"a","color":"#000000","parent":"x"}]})") ==
            "tags[0].parent: no tag has the id \"x\"");
    }
    SUBCASE("a cycle of parents") {
        CHECK(
            errorOf(
                R"({"format":"gloss.codebook","version":1,"tags":[{"id":"a","color":"#000000","parent":"b"},)"
                R"({"id":"b","color":"#000000","parent":"a"}]})")
                .find("form a cycle") != std::string::npos);
    }
    SUBCASE("a pattern with both literal and regex") {
        CHECK(errorOf(R"({"format":"gloss.codebook","version":1,"tags":[{"id":"a","color":"#000000",)"
                      R"("patterns":[{"literal":"x","regex":"y"}]}]})") ==
              "tags[0].patterns[0]: expected exactly one of \"literal\" and \"regex\"");
    }
    SUBCASE("a key taken twice") {
        CHECK(errorOf(
                  R"({"format":"gloss.codebook","version":1,"tags":[{"id":"a","color":"#000000","key":"1"},)"
                  R"({"id":"b","color":"#000000","key":"1"}]})") ==
              "tags[1].key: key 1 is already taken by an earlier tag");
    }
    SUBCASE("a newer version") {
        CHECK(errorOf(R"({"format":"gloss.codebook","version":2,"tags":[]})")
                  .starts_with("version: 2 is newer"));
    }
}

TEST_CASE("codebook: a chain of sub-codes is checked, subset and searched down whole") {
    // t0 > t1 > ... > t299, then u0 on top and u1 under t150.
    const auto tag = [](const std::string& id, const std::string& parent) {
        nlohmann::ordered_json json = {{"id", id}, {"color", "#000000"}};
        if (!parent.empty()) json["parent"] = parent;
        return json;
    };
    nlohmann::ordered_json json = {
        {"format", "gloss.codebook"}, {"version", 1}, {"tags", nlohmann::ordered_json::array()}};
    for (int i = 0; i < 300; ++i)
        json["tags"].push_back(tag("t" + std::to_string(i), i ? "t" + std::to_string(i - 1) : ""));
    json["tags"].push_back(tag("u0", ""));
    json["tags"].push_back(tag("u1", "t150"));
    const Codebook codebook = codebookFromJson(json);

    const std::vector<std::string> below = codebook.withDescendants("t297");
    CHECK(below == std::vector<std::string>{"t297", "t298", "t299"});
    CHECK(codebook.withDescendants("t149").size() == 152); // t149..t299 and u1
    CHECK(codebook.withDescendants("u0") == std::vector<std::string>{"u0"});
    CHECK(codebook.withDescendants("none") == std::vector<std::string>{"none"});
    const Codebook up = codebook.subset({"u1", "t2"});
    REQUIRE(up.tags.size() == 152); // t0..t150 and u1
    CHECK(up.tags.front().id == "t0");
    CHECK(up.tags.back().id == "u1");

    SUBCASE("a cycle at the chain's far end is named from the first tag that reaches it") {
        json["tags"][0]["parent"] = "t299";
        CHECK_THROWS_WITH(codebookFromJson(json), "tags[0].parent: the parents of \"t0\" form a cycle");
    }
    SUBCASE("a missing parent is named from the first tag whose way up meets it") {
        json["tags"][0]["parent"] = "gone";
        CHECK_THROWS_WITH(codebookFromJson(json), "tags[0].parent: no tag has the id \"gone\"");
    }
    SUBCASE("a cycle off the chain is named at its first tag") {
        json["tags"][300]["parent"] = "u1";
        json["tags"][301]["parent"] = "u0";
        CHECK_THROWS_WITH(codebookFromJson(json), "tags[300].parent: the parents of \"u0\" form a cycle");
    }
}
