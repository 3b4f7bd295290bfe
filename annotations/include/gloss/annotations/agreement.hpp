#pragma once

#include "gloss/annotations/annotation.hpp"

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

// Inter-coder agreement between two coders' annotations of the same report.
// Every coefficient comes with the counts behind it, and a coefficient that
// the data cannot define (no variation, a tag nobody used) is std::nullopt,
// never NaN. docs/agreement.md gives the formulas and their sources.
namespace gloss::annotations {

// [SECTION] Cohen's kappa over a 2x2 table

// For one tag, every code point of the report coded 1 (inside an annotation
// with the tag) or 0 by each coder, and the cells of the resulting table.
struct CharacterTable {
    uint64_t both = 0;
    uint64_t onlyA = 0;
    uint64_t onlyB = 0;
    uint64_t neither = 0;

    uint64_t total() const { return both + onlyA + onlyB + neither; }
    CharacterTable& operator+=(const CharacterTable& other);
    bool operator==(const CharacterTable&) const = default;
};

// Cohen (1960): (p_o - p_e) / (1 - p_e). Undefined when p_e = 1, that is
// when both coders gave every code point the same single value.
std::optional<double> cohensKappa(const CharacterTable& table);

// [SECTION] Krippendorff's alpha, nominal, through the coincidence matrix

// One unit of reliability data: each coder's value, std::nullopt where that
// coder gave none, and how many identical units this one stands for (so a
// report's code points can be counted in a few patterns, not one by one).
struct CodedUnit {
    std::vector<std::optional<int>> values;
    uint64_t count = 1;
};

// Krippendorff (2011, "Computing Krippendorff's Alpha-Reliability"): units
// with fewer than two values are not pairable and are left out; each
// pairable unit u with m_u values adds 1/(m_u - 1) to o[c][k] for every
// ordered pair of values (c, k) from different coders.
struct NominalAlpha {
    std::vector<int> values;                       // distinct values, ascending
    std::vector<std::vector<double>> coincidences; // o[c][k], indexed like values
    std::vector<double> marginals;                 // n_c = sum over k of o[c][k]
    uint64_t pairable = 0;       // n = sum of n_c: the values in units that have two or more
    double observed = 0;         // D_o = sum_{c != k} o[c][k] / n
    double expected = 0;         // D_e = sum_{c != k} n_c n_k / (n (n - 1))
    std::optional<double> alpha; // 1 - D_o / D_e; undefined when D_e = 0
};

NominalAlpha nominalAlpha(std::span<const CodedUnit> units);

// The same for one tag's 2x2 table: each code point is a unit with two
// values, present (1) or absent (0).
NominalAlpha nominalAlpha(const CharacterTable& table);

// [SECTION] Krippendorff's unitizing alpha (_u alpha)

// A half-open range of a continuum, [start, end).
struct Segment {
    uint64_t start = 0;
    uint64_t end = 0;
    bool operator==(const Segment&) const = default;
};

// Krippendorff (2004, Content Analysis, 2nd ed., section 12.4) for two
// coders and one category on the continuum [begin, begin + length): each
// coder's units of the category and the gaps between them partition the
// continuum; D_o sums the squared boundary differences of overlapping
// segments, D_e the same over all ways the units could have been placed.
struct UnitizingAlpha {
    uint64_t unitsA = 0;
    uint64_t unitsB = 0;
    double observed = 0;         // _u D_o
    double expected = 0;         // _u D_e
    std::optional<double> alpha; // 1 - D_o / D_e; undefined when neither coder has a unit
};

// Each coder's units must be sorted, inside the continuum and not overlap
// (adjacent units are distinct units); std::invalid_argument otherwise.
UnitizingAlpha unitizingAlpha(std::span<const Segment> a, std::span<const Segment> b, uint64_t begin,
                              uint64_t length);

// A coder's units of `tag`: the annotations carrying it, sorted, with
// overlapping ones merged into their union (one coder's units of one
// category may not overlap for _u alpha); orphaned annotations left out.
std::vector<Segment> unitsOfTag(std::span<const Annotation> annotations, const std::string& tag);

// [SECTION] Agreement between two annotation sets, per tag and overall

struct TagAgreement {
    std::string tag;
    uint64_t annotationsA = 0; // annotations with the tag, orphans left out
    uint64_t annotationsB = 0;
    CharacterTable characters;
    std::optional<double> kappa;
    NominalAlpha nominal;
    UnitizingAlpha unitizing;
};

struct AgreementSummary {
    uint64_t length = 0;    // code points of the report
    uint64_t orphanedA = 0; // annotations left out: no place in the report
    uint64_t orphanedB = 0;
    std::vector<TagAgreement> tags; // sorted by tag id

    // Pooled: every (tag, code point) pair is one unit of one table.
    CharacterTable pooled;
    std::optional<double> pooledKappa;
    NominalAlpha pooledNominal;
    // Unweighted means over the tags whose coefficient is defined.
    std::optional<double> meanKappa;
    std::optional<double> meanNominalAlpha;
    size_t tagsWithKappa = 0;
    size_t tagsWithNominalAlpha = 0;
    // Krippendorff (2004) across categories: 1 - sum D_o / sum D_e over the
    // tags at least one coder used.
    double unitizingObserved = 0;
    double unitizingExpected = 0;
    std::optional<double> unitizingAlpha;
    size_t tagsWithUnitizingAlpha = 0;
};

// Compares coder A's and coder B's annotations of a report of `length` code
// points, for every tag either of them used and every tag in `alsoTags`
// (a codebook's, so that unused tags are listed as undefined). Annotations
// past `length` that are not orphaned are a std::invalid_argument.
AgreementSummary compareCoders(std::span<const Annotation> a, std::span<const Annotation> b, uint64_t length,
                               const std::vector<std::string>& alsoTags = {});

} // namespace gloss::annotations
