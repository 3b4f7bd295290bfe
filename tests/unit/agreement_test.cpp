#include "gloss/annotations/agreement.hpp"

#include <doctest/doctest.h>
#include <random>
#include <stdexcept>

using namespace gloss::annotations;

namespace {

Annotation tagged(uint64_t start, uint64_t end, std::vector<std::string> tags, std::string id = "x") {
    Annotation a;
    a.id = std::move(id);
    a.start = start;
    a.end = end;
    a.tags = std::move(tags);
    return a;
}

// Offsets and lengths as the examples print them (begin, length).
using Printed = std::vector<std::pair<uint64_t, uint64_t>>;

std::vector<Segment> segments(const Printed& pairs, uint64_t stretch = 1) {
    std::vector<Segment> result;
    for (const auto& [begin, length] : pairs) result.push_back({begin * stretch, (begin + length) * stretch});
    return result;
}

} // namespace

// [SECTION] Cohen's kappa

TEST_CASE("agreement: Cohen's kappa of the 2x2 worked example is 0.40") {
    // Wikipedia, "Cohen's kappa", simple example: 50 grant proposals, both
    // readers say yes to 20, both no to 15, A yes and B no 5, A no and B yes
    // 10; p_o = 0.7, p_e = 0.5, kappa = 0.4.
    const CharacterTable table{.both = 20, .onlyA = 5, .onlyB = 10, .neither = 15};
    REQUIRE(cohensKappa(table));
    CHECK(*cohensKappa(table) == doctest::Approx(0.40).epsilon(1e-12));
}

TEST_CASE("agreement: kappa is undefined when both coders give one value to every unit") {
    CHECK_FALSE(cohensKappa(CharacterTable{.neither = 100}));
    CHECK_FALSE(cohensKappa(CharacterTable{.both = 100}));
    CHECK_FALSE(cohensKappa(CharacterTable{}));
    // One coder varying is enough: kappa is 0, not undefined.
    REQUIRE(cohensKappa(CharacterTable{.onlyA = 10, .neither = 90}));
    CHECK(*cohensKappa(CharacterTable{.onlyA = 10, .neither = 90}) == 0.0);
}

// [SECTION] Nominal alpha

TEST_CASE("agreement: nominal alpha of Krippendorff's 4-coder example with missing values is 0.743") {
    // Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability",
    // section C: 4 observers, 12 units, values 1-5, "." missing.
    //   A: 1 2 3 3 2 1 4 1 2 . . .
    //   B: 1 2 3 3 2 2 4 1 2 5 . 3
    //   C: . 3 3 3 2 3 4 2 2 5 1 .
    //   D: 1 2 3 3 2 4 4 1 2 5 1 .
    // The paper gives n = 40, n_c = 9, 13, 10, 5, 3 and alpha = 0.743.
    const std::optional<int> _;
    const std::vector<std::vector<std::optional<int>>> byCoder = {
        {1, 2, 3, 3, 2, 1, 4, 1, 2, _, _, _},
        {1, 2, 3, 3, 2, 2, 4, 1, 2, 5, _, 3},
        {_, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, _},
        {1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, _},
    };
    std::vector<CodedUnit> units(12);
    for (size_t u = 0; u < 12; ++u)
        for (const auto& coder : byCoder) units[u].values.push_back(coder[u]);

    const NominalAlpha result = nominalAlpha(units);
    CHECK(result.values == std::vector<int>{1, 2, 3, 4, 5});
    CHECK(result.pairable == 40);
    const std::vector<double> marginals = {9, 13, 10, 5, 3};
    for (size_t c = 0; c < 5; ++c) CHECK(result.marginals[c] == doctest::Approx(marginals[c]));
    // Two entries of the paper's coincidence matrix: o_11 = 7, o_12 = 4/3.
    CHECK(result.coincidences[0][0] == doctest::Approx(7));
    CHECK(result.coincidences[0][1] == doctest::Approx(4.0 / 3));
    REQUIRE(result.alpha);
    CHECK(*result.alpha == doctest::Approx(0.743).epsilon(0.0005));
}

TEST_CASE("agreement: nominal alpha is undefined without variation or pairable values") {
    SUBCASE("every value the same") {
        const std::vector<CodedUnit> units = {{{1, 1}, 5}, {{1, std::nullopt}, 3}};
        const NominalAlpha result = nominalAlpha(units);
        CHECK(result.pairable == 10);
        CHECK_FALSE(result.alpha);
    }
    SUBCASE("no unit with two values") {
        const std::vector<CodedUnit> units = {{{1, std::nullopt}, 5}, {{std::nullopt, 2}, 3}};
        const NominalAlpha result = nominalAlpha(units);
        CHECK(result.pairable == 0);
        CHECK(result.values.empty());
        CHECK_FALSE(result.alpha);
    }
}

TEST_CASE("agreement: the 2x2 form of nominal alpha equals the coincidence matrix of its units") {
    // Krippendorff (1995, p. 57) example A digitized, as its characters:
    // kappa 0.385 and alpha 0.329 (the values DKPro Statistics' tests of
    // the same example assert).
    const CharacterTable table{.both = 6, .onlyA = 8, .onlyB = 0, .neither = 10};
    REQUIRE(nominalAlpha(table).alpha);
    CHECK(*nominalAlpha(table).alpha == doctest::Approx(0.329).epsilon(0.0005 / 0.329));
    CHECK(*cohensKappa(table) == doctest::Approx(0.385).epsilon(0.0005 / 0.385));

    std::vector<CodedUnit> oneByOne;
    for (int i = 0; i < 6; ++i) oneByOne.push_back({{1, 1}});
    for (int i = 0; i < 8; ++i) oneByOne.push_back({{1, 0}});
    for (int i = 0; i < 10; ++i) oneByOne.push_back({{0, 0}});
    CHECK(*nominalAlpha(oneByOne).alpha == doctest::Approx(*nominalAlpha(table).alpha).epsilon(1e-12));
}

// [SECTION] Unitizing alpha

TEST_CASE("agreement: unitizing alpha of Krippendorff's (2004) worked example") {
    // Krippendorff (2004), Content Analysis, 2nd ed., p. 254 (section 12.4):
    // a continuum from 150 of length 300, two observers. Category c:
    // observer i units (225, 70), (370, 30); observer j (220, 80),
    // (355, 20), (400, 20), as (begin, length). Printed results:
    // D_o = 0.0144, D_e = 0.0532, alpha_c = 0.7286. Category k: both
    // observers (180, 60), (300, 50): alpha_k = 1. Across both: 0.8591,
    // computed in the book from the rounded D values; unrounded 0.8587.
    const auto cI = segments({{225, 70}, {370, 30}});
    const auto cJ = segments({{220, 80}, {355, 20}, {400, 20}});
    const UnitizingAlpha c = unitizingAlpha(cI, cJ, 150, 300);
    CHECK(c.unitsA == 2);
    CHECK(c.unitsB == 3);
    CHECK(c.observed == doctest::Approx(0.0144).epsilon(0.00005 / 0.0144));
    CHECK(c.expected == doctest::Approx(0.0532).epsilon(0.00005 / 0.0532));
    REQUIRE(c.alpha);
    CHECK(*c.alpha == doctest::Approx(0.7286).epsilon(0.00005 / 0.7286));

    const auto k = segments({{180, 60}, {300, 50}});
    const UnitizingAlpha kk = unitizingAlpha(k, k, 150, 300);
    CHECK(kk.observed == 0);
    REQUIRE(kk.alpha);
    CHECK(*kk.alpha == 1.0);
    CHECK(kk.expected == doctest::Approx(0.0490).epsilon(0.00005 / 0.0490));

    const double across = 1 - (c.observed + kk.observed) / (c.expected + kk.expected);
    CHECK(across == doctest::Approx(0.8591).epsilon(0.0005 / 0.8591));
}

TEST_CASE("agreement: unitizing alpha of Krippendorff's (1995) four pairs of coders") {
    // Krippendorff (1995), "On the reliability of unitizing continuous
    // data", p. 57: four pairs of observers on a continuum of 24, as
    // transcribed in DKPro Statistics' Krippendorff1995Test. D_o does not
    // depend on the scale and is printed as 0.03125, 2.26736, 0.02777,
    // 0.38715. The paper's alphas (A 0.553, B -0.926, D 0.066) treat the
    // continuum as continuous; the discrete (2004) D_e approaches them as
    // the same pattern is stretched over many code points. For C the 1995
    // paper prints 0.679 where the 2004 formula gives 0.693 (DKPro notes an
    // error in the 1995 D_e), so C's alpha is not compared.
    struct Pair {
        const char* name;
        Printed i, j;
        double observed;
        std::optional<double> alpha;
    };
    const std::vector<Pair> pairs = {
        {"A", {{2, 8}, {14, 6}}, {{4, 4}, {15, 2}}, 0.03125, 0.553},
        {"B", {{0, 18}}, {{0, 2}, {2, 1}, {3, 1}, {4, 1}, {5, 1}, {6, 3}, {9, 1}}, 2.26736, -0.926},
        {"C",
         {{2, 6}, {10, 2}, {14, 4}, {20, 2}},
         {{0, 2}, {4, 4}, {10, 4}, {16, 2}, {20, 2}},
         0.02777,
         std::nullopt},
        {"D",
         {{0, 2}, {2, 8}, {10, 4}, {14, 6}, {20, 4}},
         {{0, 4}, {4, 4}, {8, 7}, {15, 2}, {17, 7}},
         0.38715,
         0.066},
    };
    for (const Pair& pair : pairs) {
        CAPTURE(pair.name);
        const UnitizingAlpha unstretched = unitizingAlpha(segments(pair.i, 1), segments(pair.j, 1), 0, 24);
        CHECK(unstretched.observed == doctest::Approx(pair.observed).epsilon(0.00001 / pair.observed));
        constexpr uint64_t kStretch = 50000;
        const UnitizingAlpha stretched =
            unitizingAlpha(segments(pair.i, kStretch), segments(pair.j, kStretch), 0, 24 * kStretch);
        CHECK(stretched.observed == doctest::Approx(unstretched.observed).epsilon(1e-9));
        REQUIRE(stretched.alpha);
        if (pair.alpha)
            CHECK(*stretched.alpha == doctest::Approx(*pair.alpha).epsilon(0.005 / std::abs(*pair.alpha)));
    }
}

TEST_CASE("agreement: unitizing alpha refuses units that overlap, leave the continuum or are empty") {
    const auto ok = segments({{0, 2}});
    CHECK_THROWS_AS(unitizingAlpha(segments({{0, 5}, {3, 4}}), ok, 0, 24), std::invalid_argument);
    CHECK_THROWS_AS(unitizingAlpha(ok, segments({{20, 5}}), 0, 24), std::invalid_argument);
    CHECK_THROWS_AS(unitizingAlpha(ok, std::vector<Segment>{{4, 4}}, 0, 24), std::invalid_argument);
    CHECK_THROWS_AS(unitizingAlpha(segments({{5, 1}, {0, 2}}), ok, 0, 24), std::invalid_argument);
    // Adjacent units are distinct units, as in the 1995 example's pair B.
    CHECK_NOTHROW(unitizingAlpha(segments({{0, 2}, {2, 1}}), ok, 0, 24));
}

TEST_CASE("agreement: unitizing alpha is undefined when neither coder has a unit") {
    const UnitizingAlpha none = unitizingAlpha({}, {}, 0, 100);
    CHECK(none.unitsA == 0);
    CHECK(none.unitsB == 0);
    CHECK_FALSE(none.alpha);
    CHECK(none.observed == 0);
    CHECK(none.expected == 0);
}

// [SECTION] Two annotation sets

TEST_CASE("agreement: a coder's overlapping annotations of one tag become one unit, adjacent ones stay two") {
    const std::vector<Annotation> annotations = {tagged(10, 20, {"t"}), tagged(15, 30, {"t", "u"}),
                                                 tagged(30, 35, {"t"}), tagged(0, 5, {"u"})};
    CHECK(unitsOfTag(annotations, "t") == std::vector<Segment>{{10, 30}, {30, 35}});
    CHECK(unitsOfTag(annotations, "u") == std::vector<Segment>{{0, 5}, {15, 30}});
    CHECK(unitsOfTag(annotations, "v").empty());
}

TEST_CASE("agreement: counts per tag come from the code points each coder covered") {
    const std::vector<Annotation> a = {tagged(0, 10, {"t"}), tagged(5, 15, {"t"}), tagged(40, 50, {"u"})};
    const std::vector<Annotation> b = {tagged(10, 20, {"t"}), tagged(90, 100, {"t"})};
    const AgreementSummary summary = compareCoders(a, b, 100, {"unused"});
    REQUIRE(summary.tags.size() == 3);
    CHECK(summary.tags[0].tag == "t");
    CHECK(summary.tags[0].annotationsA == 2);
    CHECK(summary.tags[0].annotationsB == 2);
    // A covers 0..15, B 10..20 and 90..100.
    CHECK(summary.tags[0].characters == CharacterTable{.both = 5, .onlyA = 10, .onlyB = 15, .neither = 70});
    CHECK(summary.tags[0].unitizing.unitsA == 1);
    CHECK(summary.tags[0].unitizing.unitsB == 2);
    CHECK(summary.tags[1].tag == "u");
    CHECK(summary.tags[1].characters == CharacterTable{.both = 0, .onlyA = 10, .onlyB = 0, .neither = 90});
    CHECK(summary.tags[2].tag == "unused");
    CHECK(summary.tags[2].characters == CharacterTable{.neither = 100});
    CHECK_FALSE(summary.tags[2].kappa);
    CHECK_FALSE(summary.tags[2].nominal.alpha);
    CHECK_FALSE(summary.tags[2].unitizing.alpha);

    CHECK(summary.pooled == CharacterTable{.both = 5, .onlyA = 20, .onlyB = 15, .neither = 260});
    CHECK(summary.tagsWithKappa == 2);
    CHECK(summary.tagsWithNominalAlpha == 2);
    CHECK(summary.tagsWithUnitizingAlpha == 2);
    CHECK(*summary.meanKappa == doctest::Approx((*summary.tags[0].kappa + *summary.tags[1].kappa) / 2));
    CHECK(summary.unitizingExpected ==
          doctest::Approx(summary.tags[0].unitizing.expected + summary.tags[1].unitizing.expected));
}

TEST_CASE("agreement: orphaned annotations are left out and counted") {
    Annotation orphan = tagged(500, 600, {"t"}, "orphan");
    orphan.status = AnchorStatus::Orphaned;
    const std::vector<Annotation> a = {tagged(0, 10, {"t"}), orphan};
    const std::vector<Annotation> b = {tagged(0, 10, {"t"})};
    const AgreementSummary summary = compareCoders(a, b, 100);
    CHECK(summary.orphanedA == 1);
    CHECK(summary.orphanedB == 0);
    CHECK(summary.tags[0].annotationsA == 1);
    CHECK(*summary.tags[0].kappa == 1.0);
}

TEST_CASE("agreement: an annotation past the report is refused") {
    const std::vector<Annotation> a = {tagged(90, 101, {"t"}, "late")};
    CHECK_THROWS_AS(compareCoders(a, {}, 100), std::invalid_argument);
}

TEST_CASE("agreement: identical annotation sets agree perfectly on every tag used") {
    std::mt19937_64 random(20261126);
    for (int round = 0; round < 50; ++round) {
        CAPTURE(round);
        const uint64_t length = 1 + random() % 5000;
        std::vector<Annotation> annotations;
        const int count = static_cast<int>(random() % 30);
        for (int i = 0; i < count; ++i) {
            const uint64_t start = random() % length;
            const uint64_t end = start + 1 + random() % (length - start);
            std::vector<std::string> tags = {std::string(1, static_cast<char>('a' + random() % 4))};
            if (random() % 3 == 0) tags.push_back("z");
            annotations.push_back(tagged(start, end, tags, std::to_string(i)));
        }
        const AgreementSummary summary = compareCoders(annotations, annotations, length);
        for (const TagAgreement& row : summary.tags) {
            CAPTURE(row.tag);
            CHECK(row.characters.onlyA == 0);
            CHECK(row.characters.onlyB == 0);
            CHECK(row.unitizing.observed == 0);
            REQUIRE(row.unitizing.alpha);
            CHECK(*row.unitizing.alpha == 1.0);
            // A tag covering the whole report has no variation to agree on.
            if (row.characters.neither == 0) {
                CHECK_FALSE(row.kappa);
                CHECK_FALSE(row.nominal.alpha);
            } else {
                CHECK(*row.kappa == 1.0);
                CHECK(*row.nominal.alpha == 1.0);
            }
        }
        if (!summary.tags.empty()) CHECK(*summary.unitizingAlpha == 1.0);
    }
}

TEST_CASE("agreement: swapping the coders changes no figure") {
    const std::vector<Annotation> a = {tagged(3, 40, {"t"}), tagged(50, 52, {"t"}), tagged(60, 90, {"u"})};
    const std::vector<Annotation> b = {tagged(0, 35, {"t"}), tagged(70, 95, {"u"}), tagged(96, 99, {"u"})};
    const AgreementSummary ab = compareCoders(a, b, 100), ba = compareCoders(b, a, 100);
    REQUIRE(ab.tags.size() == ba.tags.size());
    for (size_t i = 0; i < ab.tags.size(); ++i) {
        CHECK(ab.tags[i].characters.onlyA == ba.tags[i].characters.onlyB);
        CHECK(*ab.tags[i].kappa == doctest::Approx(*ba.tags[i].kappa).epsilon(1e-12));
        CHECK(*ab.tags[i].nominal.alpha == doctest::Approx(*ba.tags[i].nominal.alpha).epsilon(1e-12));
        CHECK(*ab.tags[i].unitizing.alpha == doctest::Approx(*ba.tags[i].unitizing.alpha).epsilon(1e-12));
    }
}
