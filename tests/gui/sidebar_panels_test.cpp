// The sidebar's panels on their own, without the App: what the annotations
// panel lists under a filter.

#include "panels/sidebar_panels.hpp"

#include <doctest/doctest.h>

using namespace gloss::gui;
using gloss::annotations::AnchorStatus;
using gloss::annotations::Annotation;

namespace {

gloss::annotations::Tag tag(const std::string& id, const std::string& parent = "") {
    gloss::annotations::Tag t;
    t.id = id;
    t.label = id;
    t.color = "#1f77b4";
    t.parent = parent;
    return t;
}

gloss::annotations::Codebook codebook() {
    gloss::annotations::Codebook book;
    book.tags = {tag("voice"), tag("speaking-up", "voice"), tag("pay")};
    return book;
}

// Empty strings, -1 and false let everything through.
AnnotationFilter where(std::string code, std::string author = "", std::string origin = "", int status = -1,
                       bool conflictsOnly = false) {
    return {std::move(code), std::move(author), std::move(origin), status, conflictsOnly};
}

Annotation annotation(const std::string& id, uint64_t start, std::vector<std::string> tags,
                      std::string author, std::string origin = "manual",
                      AnchorStatus status = AnchorStatus::Anchored) {
    Annotation a;
    a.id = id;
    a.start = start;
    a.end = start + 5;
    a.tags = std::move(tags);
    a.author = std::move(author);
    a.origin = std::move(origin);
    a.status = status;
    return a;
}

// The ids `filter` lets through, in list order.
std::vector<std::string> listed(const gloss::annotations::AnnotationSet& set,
                                const AnnotationFilter& filter) {
    std::vector<std::string> ids;
    for (const size_t i : filterAnnotations(set, codebook(), filter)) ids.push_back(set.all()[i].id);
    return ids;
}

} // namespace

TEST_CASE("annotations panel: the filter lets through by code with its sub-codes, author, origin, status "
          "and conflict") {
    Annotation conflicted = annotation("e", 40, {"pay"}, "ana");
    conflicted.conflict = {{"base", nullptr}, {"ours", nullptr}, {"theirs", nullptr}};
    const gloss::annotations::AnnotationSet set(
        {annotation("a", 0, {"voice"}, "ana"), annotation("b", 10, {"speaking-up"}, "ben"),
         annotation("c", 20, {"pay", "speaking-up"}, "ana", "plugin:tagging"),
         annotation("d", 30, {}, "ben", "manual", AnchorStatus::Orphaned), conflicted});

    CHECK(listed(set, where("")) == std::vector<std::string>{"a", "b", "c", "d", "e"});
    CHECK(listed(set, where("voice")) == std::vector<std::string>{"a", "b", "c"});  // its sub-code too
    CHECK(listed(set, where("speaking-up")) == std::vector<std::string>{"b", "c"}); // not its parent
    CHECK(listed(set, where("pay")) == std::vector<std::string>{"c", "e"});
    CHECK(listed(set, where("", "ben")) == std::vector<std::string>{"b", "d"});
    CHECK(listed(set, where("", "", "plugin:tagging")) == std::vector<std::string>{"c"});
    CHECK(listed(set, where("", "", "", static_cast<int>(AnchorStatus::Orphaned))) ==
          std::vector<std::string>{"d"});
    CHECK(listed(set, where("", "", "", -1, true)) == std::vector<std::string>{"e"});
    // The conditions hold together.
    CHECK(listed(set, where("voice", "ana")) == std::vector<std::string>{"a", "c"});
    CHECK(listed(set, where("voice", "ana", "manual")) == std::vector<std::string>{"a"});
}
