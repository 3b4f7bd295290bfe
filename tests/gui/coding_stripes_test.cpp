// Coding stripes without ImGui frames: lanes by the rows each bar spans, and
// which bar a point is on.

#include "widgets/coding_stripes.hpp"

#include <doctest/doctest.h>

using namespace gloss::gui;

namespace {

Stripe rows(uint64_t first, uint64_t end, std::string tag = "") {
    Stripe stripe;
    stripe.firstRow = first;
    stripe.endRow = end;
    stripe.tag = std::move(tag);
    return stripe;
}

std::vector<int> lanesOf(const std::vector<Stripe>& stripes) {
    std::vector<int> lanes;
    for (const Stripe& stripe : stripes) lanes.push_back(stripe.lane);
    return lanes;
}

} // namespace

TEST_CASE("coding stripes: bars that share a row get different lanes, the lowest free one") {
    // Two codes of one passage (rows 0-2), a passage inside it, one after
    // the first ends, and one that starts on the row where another ends.
    std::vector<Stripe> stripes = {rows(0, 3, "a"), rows(0, 3, "b"), rows(1, 2, "c"), rows(3, 5, "d"),
                                   rows(4, 6, "e")};
    assignLanes(stripes);
    CHECK(lanesOf(stripes) == std::vector<int>{0, 1, 2, 0, 1});
    // Every pair sharing a row is apart.
    for (size_t i = 0; i < stripes.size(); ++i)
        for (size_t j = i + 1; j < stripes.size(); ++j)
            if (stripes[i].firstRow < stripes[j].endRow && stripes[j].firstRow < stripes[i].endRow)
                CHECK(stripes[i].lane != stripes[j].lane);

    std::vector<Stripe> none;
    assignLanes(none);
    CHECK(none.empty());
}

TEST_CASE("coding stripes: a point hits the bar of its lane and rows, gaps included, and nothing else") {
    StripeMargin margin;
    margin.left = 100;
    margin.laneWidth = 6;
    margin.lanes = 3; // lanes 0, 1, 2 at x 112-118, 106-112, 100-106
    CHECK(margin.width() == 18);
    CHECK(margin.barLeft(0) == 112);
    CHECK(margin.barLeft(2) == 100);

    std::vector<Stripe> stripes = {rows(0, 2, "a"), rows(0, 2, "b"), rows(5, 6, "c"), rows(0, 9, "far")};
    assignLanes(stripes);
    REQUIRE(lanesOf(stripes) == std::vector<int>{0, 1, 0, 2});
    const float tops[] = {10, 10, 70, 10}, bottoms[] = {40, 40, 85, 130};
    for (size_t i = 0; i < stripes.size(); ++i) {
        stripes[i].top = tops[i];
        stripes[i].bottom = bottoms[i];
    }
    CHECK(stripeAt(stripes, margin, ImVec2(114, 20)) == 0);
    CHECK(stripeAt(stripes, margin, ImVec2(117.9f, 20)) == 0); // the gap after the bar is the bar's
    CHECK(stripeAt(stripes, margin, ImVec2(108, 39)) == 1);
    CHECK(stripeAt(stripes, margin, ImVec2(114, 75)) == 2);
    CHECK(stripeAt(stripes, margin, ImVec2(101, 120)) == 3);
    CHECK(stripeAt(stripes, margin, ImVec2(114, 50)) == -1); // between two bars of lane 0
    CHECK(stripeAt(stripes, margin, ImVec2(108, 75)) == -1); // lane 1 has nothing there
    CHECK(stripeAt(stripes, margin, ImVec2(99, 20)) == -1);  // left of the margin
    CHECK(stripeAt(stripes, margin, ImVec2(118, 20)) == -1); // right of it: the text
    margin.lanes = 2;                                        // lane 2 no longer shown
    CHECK(stripeAt(stripes, margin, ImVec2(108, 120)) == -1);
}
