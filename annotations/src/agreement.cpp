#include "gloss/annotations/agreement.hpp"

#include <algorithm>
#include <set>
#include <stdexcept>

namespace gloss::annotations {

// [SECTION] Cohen's kappa

CharacterTable& CharacterTable::operator+=(const CharacterTable& other) {
    both += other.both;
    onlyA += other.onlyA;
    onlyB += other.onlyB;
    neither += other.neither;
    return *this;
}

std::optional<double> cohensKappa(const CharacterTable& table) {
    // (p_o - p_e) / (1 - p_e) with both terms multiplied by N^2, which leaves
    // integers: 2 (ad - bc) / ((a + b)(b + d) + (a + c)(c + d)). The
    // denominator is 0 exactly when p_e = 1 (or the table is empty). Long
    // double holds the products of a 100 MB report's counts exactly.
    const long double a = table.both, b = table.onlyA, c = table.onlyB, d = table.neither;
    const long double denominator = (a + b) * (b + d) + (a + c) * (c + d);
    if (denominator == 0) return std::nullopt;
    return static_cast<double>(2 * (a * d - b * c) / denominator);
}

// [SECTION] Nominal alpha

NominalAlpha nominalAlpha(std::span<const CodedUnit> units) {
    NominalAlpha result;
    const auto pairableValues = [](const CodedUnit& unit) {
        return static_cast<size_t>(std::count_if(unit.values.begin(), unit.values.end(),
                                                 [](const auto& v) { return v.has_value(); }));
    };
    std::set<int> distinct;
    for (const auto& unit : units)
        if (unit.count > 0 && pairableValues(unit) >= 2)
            for (const auto& value : unit.values)
                if (value) distinct.insert(*value);
    result.values.assign(distinct.begin(), distinct.end());
    const size_t v = result.values.size();
    const auto indexOf = [&](int value) {
        return static_cast<size_t>(std::lower_bound(result.values.begin(), result.values.end(), value) -
                                   result.values.begin());
    };

    result.coincidences.assign(v, std::vector<double>(v, 0.0));
    for (const auto& unit : units) {
        const size_t m = pairableValues(unit);
        if (unit.count == 0 || m < 2) continue;
        const double weight = static_cast<double>(unit.count) / static_cast<double>(m - 1);
        for (size_t i = 0; i < unit.values.size(); ++i)
            for (size_t j = 0; j < unit.values.size(); ++j)
                if (i != j && unit.values[i] && unit.values[j])
                    result.coincidences[indexOf(*unit.values[i])][indexOf(*unit.values[j])] += weight;
    }

    result.marginals.assign(v, 0.0);
    long double disagreeing = 0;
    for (size_t c = 0; c < v; ++c)
        for (size_t k = 0; k < v; ++k) {
            result.marginals[c] += result.coincidences[c][k];
            if (c != k) disagreeing += result.coincidences[c][k];
        }
    for (const auto& unit : units)
        if (const size_t m = pairableValues(unit); m >= 2) result.pairable += unit.count * m;
    const auto n = static_cast<long double>(result.pairable);
    long double expectedPairs = 0;
    for (size_t c = 0; c < v; ++c)
        for (size_t k = 0; k < v; ++k)
            if (c != k) expectedPairs += static_cast<long double>(result.marginals[c]) * result.marginals[k];
    if (n < 2) return result; // nothing to pair: no disagreement of either kind is defined
    result.observed = static_cast<double>(disagreeing / n);
    result.expected = static_cast<double>(expectedPairs / (n * (n - 1)));
    if (expectedPairs > 0) result.alpha = static_cast<double>(1 - (n - 1) * disagreeing / expectedPairs);
    return result;
}

NominalAlpha nominalAlpha(const CharacterTable& table) {
    const CodedUnit units[] = {
        {{1, 1}, table.both}, {{1, 0}, table.onlyA}, {{0, 1}, table.onlyB}, {{0, 0}, table.neither}};
    return nominalAlpha(std::span<const CodedUnit>(units));
}

// [SECTION] Unitizing alpha

namespace {

// One piece of a coder's partition of the continuum for one category.
struct Piece {
    long double begin;
    long double length;
    bool unit; // false: a gap
};

std::vector<Piece> partition(std::span<const Segment> units, uint64_t begin, uint64_t length,
                             const char* coder) {
    std::vector<Piece> pieces;
    uint64_t at = begin;
    for (const Segment& s : units) {
        if (s.end <= s.start || s.start < at || s.end > begin + length)
            throw std::invalid_argument(std::string("unitizing alpha: coder ") + coder +
                                        "'s units must be non-empty, sorted, inside the continuum and not "
                                        "overlap");
        if (s.start > at)
            pieces.push_back({static_cast<long double>(at), static_cast<long double>(s.start - at), false});
        pieces.push_back(
            {static_cast<long double>(s.start), static_cast<long double>(s.end - s.start), true});
        at = s.end;
    }
    if (at < begin + length)
        pieces.push_back(
            {static_cast<long double>(at), static_cast<long double>(begin + length - at), false});
    return pieces;
}

// Krippendorff's (2004) distance between coder i's segment g and coder j's
// segment h: two overlapping units differ by their squared boundary
// differences; a unit lying inside the other coder's gap is missed entirely
// (its length squared); everything else is agreement.
long double squaredDistance(const Piece& g, const Piece& h) {
    const long double startDifference = g.begin - h.begin;
    const long double endDifference = (g.begin + g.length) - (h.begin + h.length);
    if (g.unit && h.unit && -g.length < startDifference && startDifference < h.length)
        return startDifference * startDifference + endDifference * endDifference;
    if (g.unit && !h.unit && startDifference >= 0 && endDifference <= 0) return g.length * g.length;
    if (!g.unit && h.unit && startDifference <= 0 && endDifference >= 0) return h.length * h.length;
    return 0;
}

} // namespace

UnitizingAlpha unitizingAlpha(std::span<const Segment> a, std::span<const Segment> b, uint64_t begin,
                              uint64_t length) {
    const std::vector<Piece> piecesA = partition(a, begin, length, "A");
    const std::vector<Piece> piecesB = partition(b, begin, length, "B");
    UnitizingAlpha result;
    result.unitsA = a.size();
    result.unitsB = b.size();
    const long double units = static_cast<long double>(a.size() + b.size());
    if (units == 0) return result;
    const long double L = static_cast<long double>(length);

    // D_o = sum over i != j, g, h of delta^2 / (m (m - 1) L^2); with m = 2
    // the two orders give the same sum. Only segments that overlap can
    // differ, so walking both partitions side by side visits every pair
    // that counts.
    long double observed = 0;
    for (size_t i = 0, j = 0; i < piecesA.size() && j < piecesB.size();) {
        observed += squaredDistance(piecesA[i], piecesB[j]);
        const long double endA = piecesA[i].begin + piecesA[i].length;
        const long double endB = piecesB[j].begin + piecesB[j].length;
        if (endA <= endB) ++i;
        if (endB <= endA) ++j;
    }
    result.observed = static_cast<double>(observed / (L * L));

    // D_e = (2/L) sum over units of [(N - 1)/3 (2l^3 - 3l^2 + l)
    //         + l^2 sum over every coder's gaps of length >= l of (gap - l + 1)]
    //       / (m L (m L - 1) - sum over units of l (l - 1)).
    // The gap sums come from the gap lengths sorted longest first, with
    // running totals, so each unit costs a binary search.
    std::vector<long double> gaps;
    for (const auto* pieces : {&piecesA, &piecesB})
        for (const Piece& p : *pieces)
            if (!p.unit) gaps.push_back(p.length);
    std::sort(gaps.begin(), gaps.end(), std::greater<>());
    std::vector<long double> gapTotals(gaps.size() + 1, 0);
    for (size_t i = 0; i < gaps.size(); ++i) gapTotals[i + 1] = gapTotals[i] + gaps[i];

    long double numerator = 0, selfPairs = 0;
    for (const auto* pieces : {&piecesA, &piecesB})
        for (const Piece& p : *pieces) {
            if (!p.unit) continue;
            const long double l = p.length;
            const size_t longEnough = static_cast<size_t>(
                std::upper_bound(gaps.begin(), gaps.end(), l, std::greater<>()) - gaps.begin());
            const long double placements =
                gapTotals[longEnough] - static_cast<long double>(longEnough) * (l - 1);
            numerator += (units - 1) / 3 * (2 * l * l * l - 3 * l * l + l) + l * l * placements;
            selfPairs += l * (l - 1);
        }
    const long double m = 2;
    const long double expected = 2 / L * numerator / (m * L * (m * L - 1) - selfPairs);
    result.expected = static_cast<double>(expected);
    if (expected > 0) result.alpha = static_cast<double>(1 - observed / (L * L) / expected);
    return result;
}

std::vector<Segment> unitsOfTag(std::span<const Annotation> annotations, const std::string& tag) {
    std::vector<Segment> ranges;
    for (const Annotation& annotation : annotations)
        if (annotation.status != AnchorStatus::Orphaned &&
            std::find(annotation.tags.begin(), annotation.tags.end(), tag) != annotation.tags.end())
            ranges.push_back({annotation.start, annotation.end});
    std::sort(ranges.begin(), ranges.end(), [](const Segment& x, const Segment& y) {
        return x.start < y.start || (x.start == y.start && x.end < y.end);
    });
    std::vector<Segment> units;
    for (const Segment& range : ranges) {
        if (!units.empty() && range.start < units.back().end)
            units.back().end = std::max(units.back().end, range.end);
        else
            units.push_back(range);
    }
    return units;
}

// [SECTION] Two coders, per tag and overall

namespace {

uint64_t coveredLength(const std::vector<Segment>& units) {
    uint64_t total = 0;
    for (const Segment& s : units) total += s.end - s.start;
    return total;
}

uint64_t sharedLength(const std::vector<Segment>& a, const std::vector<Segment>& b) {
    uint64_t shared = 0;
    for (size_t i = 0, j = 0; i < a.size() && j < b.size();) {
        const uint64_t from = std::max(a[i].start, b[j].start), to = std::min(a[i].end, b[j].end);
        if (from < to) shared += to - from;
        if (a[i].end <= b[j].end)
            ++i;
        else
            ++j;
    }
    return shared;
}

CharacterTable characterTable(const std::vector<Segment>& a, const std::vector<Segment>& b, uint64_t length) {
    CharacterTable table;
    table.both = sharedLength(a, b);
    table.onlyA = coveredLength(a) - table.both;
    table.onlyB = coveredLength(b) - table.both;
    table.neither = length - table.both - table.onlyA - table.onlyB;
    return table;
}

uint64_t annotationsWithTag(std::span<const Annotation> annotations, const std::string& tag) {
    return static_cast<uint64_t>(
        std::count_if(annotations.begin(), annotations.end(), [&](const Annotation& x) {
            return x.status != AnchorStatus::Orphaned &&
                   std::find(x.tags.begin(), x.tags.end(), tag) != x.tags.end();
        }));
}

uint64_t checkPlaced(std::span<const Annotation> annotations, uint64_t length, const char* coder) {
    uint64_t orphaned = 0;
    for (const Annotation& x : annotations) {
        if (x.status == AnchorStatus::Orphaned)
            ++orphaned;
        else if (x.end > length || x.end <= x.start)
            throw std::invalid_argument(std::string("coder ") + coder + "'s annotation " + x.id + " (" +
                                        std::to_string(x.start) + ".." + std::to_string(x.end) +
                                        ") is not inside the report's " + std::to_string(length) +
                                        " code points");
    }
    return orphaned;
}

void addToMean(std::optional<double>& sum, size_t& count, const std::optional<double>& value) {
    if (!value) return;
    sum = sum.value_or(0) + *value;
    ++count;
}

} // namespace

AgreementSummary compareCoders(std::span<const Annotation> a, std::span<const Annotation> b, uint64_t length,
                               const std::vector<std::string>& alsoTags) {
    AgreementSummary summary;
    summary.length = length;
    summary.orphanedA = checkPlaced(a, length, "A");
    summary.orphanedB = checkPlaced(b, length, "B");

    std::set<std::string> tags(alsoTags.begin(), alsoTags.end());
    for (const auto* annotations : {&a, &b})
        for (const Annotation& x : *annotations) tags.insert(x.tags.begin(), x.tags.end());

    std::optional<double> kappaSum, alphaSum;
    long double observedSum = 0, expectedSum = 0;
    for (const std::string& tag : tags) {
        TagAgreement row;
        row.tag = tag;
        row.annotationsA = annotationsWithTag(a, tag);
        row.annotationsB = annotationsWithTag(b, tag);
        const std::vector<Segment> unitsA = unitsOfTag(a, tag), unitsB = unitsOfTag(b, tag);
        row.characters = characterTable(unitsA, unitsB, length);
        row.kappa = cohensKappa(row.characters);
        row.nominal = nominalAlpha(row.characters);
        row.unitizing = unitizingAlpha(unitsA, unitsB, 0, length);

        summary.pooled += row.characters;
        addToMean(kappaSum, summary.tagsWithKappa, row.kappa);
        addToMean(alphaSum, summary.tagsWithNominalAlpha, row.nominal.alpha);
        if (row.unitizing.alpha) {
            observedSum += row.unitizing.observed;
            expectedSum += row.unitizing.expected;
            ++summary.tagsWithUnitizingAlpha;
        }
        summary.tags.push_back(std::move(row));
    }

    summary.pooledKappa = cohensKappa(summary.pooled);
    summary.pooledNominal = nominalAlpha(summary.pooled);
    if (kappaSum) summary.meanKappa = *kappaSum / static_cast<double>(summary.tagsWithKappa);
    if (alphaSum) summary.meanNominalAlpha = *alphaSum / static_cast<double>(summary.tagsWithNominalAlpha);
    summary.unitizingObserved = static_cast<double>(observedSum);
    summary.unitizingExpected = static_cast<double>(expectedSum);
    if (expectedSum > 0) summary.unitizingAlpha = static_cast<double>(1 - observedSum / expectedSum);
    return summary;
}

} // namespace gloss::annotations
