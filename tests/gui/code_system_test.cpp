// The code system's tree and its edits on a codebook alone.

#include "code_system.hpp"

#include <doctest/doctest.h>

using namespace gloss::gui;

namespace {

gloss::annotations::Codebook
codebookOf(const std::vector<std::pair<std::string, std::string>>& idsAndParents) {
    gloss::annotations::Codebook codebook;
    for (const auto& [id, parent] : idsAndParents) {
        gloss::annotations::Tag tag;
        tag.id = id;
        tag.label = id;
        tag.parent = parent;
        codebook.tags.push_back(tag);
    }
    return codebook;
}

std::vector<std::string> treeOf(const gloss::annotations::Codebook& codebook) {
    std::vector<std::string> rows;
    for (const CodeRow& row : codeTree(codebook))
        rows.push_back(std::string(static_cast<size_t>(row.depth), '.') + codebook.tags[row.index].id);
    return rows;
}

} // namespace

TEST_CASE("code system: the tree lists every code once, under its parent, orphans at the top") {
    const auto codebook = codebookOf({{"b1", "b"},
                                      {"a", ""},
                                      {"b", ""},
                                      {"b2", "b"},
                                      {"x", "missing"},
                                      {"b1i", "b1"},
                                      {"loop1", "loop2"},
                                      {"loop2", "loop1"}});
    CHECK(treeOf(codebook) ==
          std::vector<std::string>{"a", "b", ".b1", "..b1i", ".b2", "x", "loop1", ".loop2"});
    CHECK(isWithin(codebook, "b1i", "b"));
    CHECK(isWithin(codebook, "b", "b"));
    CHECK(!isWithin(codebook, "b", "b1"));
    CHECK(!isWithin(codebook, "loop1", "a")); // a cycle ends the walk
}

TEST_CASE(
    "code system: a chain of 50,000 sub-codes is one tree, each a level deeper, listed child before parent") {
    // Listed children first, so each code's parent comes later in the codebook.
    std::vector<std::pair<std::string, std::string>> chain;
    constexpr int kDepth = 50'000;
    for (int i = kDepth - 1; i >= 0; --i)
        chain.push_back({"c" + std::to_string(i), i ? "c" + std::to_string(i - 1) : ""});
    const auto codebook = codebookOf(chain);
    const std::vector<CodeRow> rows = codeTree(codebook);
    REQUIRE(rows.size() == kDepth);
    bool inOrder = true;
    for (int i = 0; i < kDepth; ++i)
        inOrder = inOrder && rows[static_cast<size_t>(i)].depth == i &&
                  codebook.tags[rows[static_cast<size_t>(i)].index].id == "c" + std::to_string(i);
    CHECK(inOrder);
}

TEST_CASE("code system: reparenting refuses to put a code under itself; removing lifts its sub-codes") {
    auto codebook = codebookOf({{"a", ""}, {"b", ""}, {"b1", "b"}, {"b1i", "b1"}});
    CHECK(!reparentCode(codebook, "b", "b1i")); // under its own sub-code
    CHECK(!reparentCode(codebook, "b", "b"));
    CHECK(!reparentCode(codebook, "b", "nowhere"));
    CHECK(!reparentCode(codebook, "b1", "b")); // already there
    CHECK(reparentCode(codebook, "b", "a"));
    CHECK(treeOf(codebook) == std::vector<std::string>{"a", ".b", "..b1", "...b1i"});
    CHECK(reparentCode(codebook, "b1", ""));
    CHECK(treeOf(codebook) == std::vector<std::string>{"a", ".b", "b1", ".b1i"});

    CHECK(removeCode(codebook, "b1"));
    CHECK(treeOf(codebook) == std::vector<std::string>{"a", ".b", "b1i"});
    CHECK(!removeCode(codebook, "b1"));
}

TEST_CASE("code system: a quick key moves to the code it is given to; defaults only when none has one") {
    auto codebook = codebookOf({{"a", ""}, {"a1", "a"}, {"b", ""}});
    assignDefaultQuickKeys(codebook);
    CHECK(codebook.find("a")->key == "1");
    CHECK(codebook.find("a1")->key.empty());
    CHECK(codebook.find("b")->key == "2");
    CHECK(setQuickKey(codebook, "a1", "2"));
    CHECK(codebook.find("a1")->key == "2");
    CHECK(codebook.find("b")->key.empty());
    CHECK(!setQuickKey(codebook, "a1", "2"));
    CHECK(setQuickKey(codebook, "a", ""));
    assignDefaultQuickKeys(codebook); // a codebook with a key keeps its keys as they are
    CHECK(codebook.find("a")->key.empty());
    CHECK(codebook.find("a1")->key == "2");
}
