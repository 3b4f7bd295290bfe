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
