// CIEDE2000 against the published test pairs, and new codes' colours.

#include "gloss/core/color_distance.hpp"

#include <doctest/doctest.h>

using namespace gloss::core;

TEST_CASE("colour distance: CIEDE2000 gives the 34 differences of Sharma, Wu and Dalal's table") {
    // G. Sharma, W. Wu, E. N. Dalal, "The CIEDE2000 color-difference formula:
    // implementation notes, supplementary test data, and mathematical
    // observations", Color Research and Application 30(1), 2005, table 1.
    const double pairs[34][7] = {
        {50.0000, 2.6772, -79.7751, 50.0000, 0.0000, -82.7485, 2.0425},
        {50.0000, 3.1571, -77.2803, 50.0000, 0.0000, -82.7485, 2.8615},
        {50.0000, 2.8361, -74.0200, 50.0000, 0.0000, -82.7485, 3.4412},
        {50.0000, -1.3802, -84.2814, 50.0000, 0.0000, -82.7485, 1.0000},
        {50.0000, -1.1848, -84.8006, 50.0000, 0.0000, -82.7485, 1.0000},
        {50.0000, -0.9009, -85.5211, 50.0000, 0.0000, -82.7485, 1.0000},
        {50.0000, 0.0000, 0.0000, 50.0000, -1.0000, 2.0000, 2.3669},
        {50.0000, -1.0000, 2.0000, 50.0000, 0.0000, 0.0000, 2.3669},
        {50.0000, 2.4900, -0.0010, 50.0000, -2.4900, 0.0009, 7.1792},
        {50.0000, 2.4900, -0.0010, 50.0000, -2.4900, 0.0010, 7.1792},
        {50.0000, 2.4900, -0.0010, 50.0000, -2.4900, 0.0011, 7.2195},
        {50.0000, 2.4900, -0.0010, 50.0000, -2.4900, 0.0012, 7.2195},
        {50.0000, -0.0010, 2.4900, 50.0000, 0.0009, -2.4900, 4.8045},
        {50.0000, -0.0010, 2.4900, 50.0000, 0.0010, -2.4900, 4.8045},
        {50.0000, -0.0010, 2.4900, 50.0000, 0.0011, -2.4900, 4.7461},
        {50.0000, 2.5000, 0.0000, 50.0000, 0.0000, -2.5000, 4.3065},
        {50.0000, 2.5000, 0.0000, 73.0000, 25.0000, -18.0000, 27.1492},
        {50.0000, 2.5000, 0.0000, 61.0000, -5.0000, 29.0000, 22.8977},
        {50.0000, 2.5000, 0.0000, 56.0000, -27.0000, -3.0000, 31.9030},
        {50.0000, 2.5000, 0.0000, 58.0000, 24.0000, 15.0000, 19.4535},
        {50.0000, 2.5000, 0.0000, 50.0000, 3.1736, 0.5854, 1.0000},
        {50.0000, 2.5000, 0.0000, 50.0000, 3.2972, 0.0000, 1.0000},
        {50.0000, 2.5000, 0.0000, 50.0000, 1.8634, 0.5757, 1.0000},
        {50.0000, 2.5000, 0.0000, 50.0000, 3.2592, 0.3350, 1.0000},
        {60.2574, -34.0099, 36.2677, 60.4626, -34.1751, 39.4387, 1.2644},
        {63.0109, -31.0961, -5.8663, 62.8187, -29.7946, -4.0864, 1.2630},
        {61.2901, 3.7196, -5.3901, 61.4292, 2.2480, -4.9620, 1.8731},
        {35.0831, -44.1164, 3.7933, 35.0232, -40.0716, 1.5901, 1.8645},
        {22.7233, 20.0904, -46.6940, 23.0331, 14.9730, -42.5619, 2.0373},
        {36.4612, 47.8580, 18.3852, 36.2715, 50.5065, 21.2231, 1.4146},
        {90.8027, -2.0831, 1.4410, 91.1528, -1.6435, 0.0447, 1.4441},
        {90.9257, -0.5406, -0.9208, 88.6381, -0.8985, -0.7239, 1.5381},
        {6.7747, -0.2908, -2.4247, 5.8714, -0.0985, -2.2286, 0.6377},
        {2.0776, 0.0795, -1.1350, 0.9033, -0.0636, -0.5514, 0.9082},
    };
    for (const auto& p : pairs) {
        const Lab first{p[0], p[1], p[2]}, second{p[3], p[4], p[5]};
        CAPTURE(p[6]);
        CHECK(ciede2000(first, second) == doctest::Approx(p[6]).epsilon(5e-5 / p[6]));
        CHECK(ciede2000(second, first) == doctest::Approx(p[6]).epsilon(5e-5 / p[6])); // symmetric
    }
    CHECK(ciede2000(Lab{40, 10, -20}, Lab{40, 10, -20}) == 0);
}

TEST_CASE("colour distance: sRGB to CIELAB at the white point and the primaries") {
    const Lab white = labFromHex("#ffffff");
    CHECK(white.l == doctest::Approx(100).epsilon(1e-4));
    CHECK(white.a == doctest::Approx(0).scale(1).epsilon(1e-3));
    CHECK(white.b == doctest::Approx(0).scale(1).epsilon(1e-3));
    const Lab red = labFromHex("#ff0000"); // CIELAB of sRGB red (D65): 53.24, 80.09, 67.20
    CHECK(red.l == doctest::Approx(53.24).epsilon(1e-3));
    CHECK(red.a == doctest::Approx(80.09).epsilon(1e-3));
    CHECK(red.b == doctest::Approx(67.20).epsilon(1e-3));
}

TEST_CASE("colour distance: a new code's colour is the candidate furthest from those in use") {
    // The examples codebook's colours (a Tableau palette).
    const std::vector<std::string> inUse = {"#d62728", "#1f77b4", "#17becf", "#9467bd", "#2ca02c",
                                            "#ff7f0e", "#e377c2", "#bcbd22", "#8c564b", "#7f7f7f"};
    const auto nearest = [&](const std::string& color) {
        double best = 1e9;
        for (const auto& other : inUse)
            best = std::min(best, ciede2000(labFromHex(color), labFromHex(other)));
        return best;
    };
    const std::string picked = mostDistinctColor(inUse);
    CAPTURE(picked);
    for (const std::string& candidate : newCodeCandidates()) CHECK(nearest(picked) >= nearest(candidate));
    // Far clearer than a fixed palette's next entry beside the red in use.
    CHECK(ciede2000(labFromHex("#e6194b"), labFromHex("#d62728")) < 10);
    CHECK(nearest(picked) > 15);
    // Each pick joins the colours in use: the next one differs from it too.
    std::vector<std::string> more = inUse;
    more.push_back(picked);
    CHECK(mostDistinctColor(more) != picked);
    CHECK(labFromHex("not a colour").l == 0);
}
