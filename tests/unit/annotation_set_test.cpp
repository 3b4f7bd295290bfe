#include "gloss/annotations/annotation_set.hpp"

#include <doctest/doctest.h>
#include <random>

using namespace gloss::annotations;

namespace {

Annotation make(std::string id, uint64_t start, uint64_t end) {
    Annotation a;
    a.id = std::move(id);
    a.start = start;
    a.end = end;
    return a;
}

std::vector<std::string> ids(const std::vector<const Annotation*>& found) {
    std::vector<std::string> out;
    for (const Annotation* a : found) out.push_back(a->id);
    return out;
}

} // namespace

TEST_CASE("annotation set: annotations are kept sorted by start, end and id") {
    const AnnotationSet set({make("c", 5, 9), make("b", 1, 4), make("a", 5, 9), make("d", 5, 6)});
    std::vector<std::string> order;
    for (const auto& a : set.all()) order.push_back(a.id);
    CHECK(order == std::vector<std::string>{"b", "d", "a", "c"});
}

TEST_CASE("annotation set: overlap queries agree with a linear scan") {
    std::mt19937 random(7);
    std::vector<Annotation> items;
    for (int i = 0; i < 2000; ++i) {
        const uint64_t start = random() % 10000;
        items.push_back(make("id" + std::to_string(i), start, start + 1 + random() % 300));
    }
    const AnnotationSet set(items);
    for (int q = 0; q < 300; ++q) {
        const uint64_t start = random() % 10400;
        const uint64_t end = start + 1 + random() % 500;
        std::vector<std::string> expected;
        for (const auto& a : set.all())
            if (a.start < end && a.end > start) expected.push_back(a.id);
        CHECK(ids(set.overlapping(start, end)) == expected);
    }
}

TEST_CASE("annotation set: touching ranges do not overlap") {
    const AnnotationSet set({make("left", 0, 5), make("right", 10, 15)});
    CHECK(set.overlapping(5, 10).empty());
    CHECK(ids(set.overlapping(4, 11)) == std::vector<std::string>{"left", "right"});
}

TEST_CASE("annotation set: every edit can be undone and redone") {
    AnnotationSet set;
    REQUIRE(set.add(make("a", 0, 5)));
    REQUIRE(set.add(make("b", 3, 8)));
    CHECK_FALSE(set.add(make("a", 9, 10))); // ids are unique
    Annotation changed = make("a", 1, 5);
    changed.note = "edited";
    REQUIRE(set.replace(changed));
    REQUIRE(set.remove("b"));
    CHECK(set.size() == 1);
    CHECK(set.overlapping(6, 7).empty());

    REQUIRE(set.undo()); // remove b
    CHECK(set.find("b") != nullptr);
    CHECK(ids(set.overlapping(6, 7)) == std::vector<std::string>{"b"});
    REQUIRE(set.undo()); // replace a
    CHECK(set.find("a")->note.empty());
    CHECK(set.find("a")->start == 0);
    REQUIRE(set.redo());
    CHECK(set.find("a")->note == "edited");
    REQUIRE(set.undo());
    REQUIRE(set.undo());
    REQUIRE(set.undo());
    CHECK(set.size() == 0);
    CHECK_FALSE(set.undo());
    REQUIRE(set.redo());
    CHECK(set.size() == 1);
    SUBCASE("a new edit clears what could be redone") {
        REQUIRE(set.add(make("c", 2, 3)));
        CHECK_FALSE(set.canRedo());
    }
}
