#include "gloss/annotations/cooccurrence.hpp"

#include <algorithm>
#include <map>

namespace gloss::annotations {

namespace {

struct Interval {
    uint64_t start = 0;
    uint64_t end = 0;
};

// Sorted, with overlapping and touching intervals joined: the text one code covers.
std::vector<Interval> unionOf(std::vector<Interval> intervals) {
    std::sort(intervals.begin(), intervals.end(),
              [](const Interval& a, const Interval& b) { return a.start < b.start; });
    std::vector<Interval> joined;
    for (const Interval& interval : intervals) {
        if (!joined.empty() && interval.start <= joined.back().end)
            joined.back().end = std::max(joined.back().end, interval.end);
        else
            joined.push_back(interval);
    }
    return joined;
}

// Both lists are unions, so there is a gap after each end and no two
// intersections touch: each intersection is one stretch.
Cooccurrence intersect(const std::vector<Interval>& a, const std::vector<Interval>& b) {
    Cooccurrence met;
    for (size_t i = 0, j = 0; i < a.size() && j < b.size();) {
        const uint64_t start = std::max(a[i].start, b[j].start);
        const uint64_t end = std::min(a[i].end, b[j].end);
        if (start < end) {
            ++met.passages;
            met.codepoints += end - start;
        }
        (a[i].end < b[j].end) ? ++i : ++j;
    }
    return met;
}

} // namespace

std::vector<Cooccurrence> cooccurrences(const std::vector<Annotation>& annotations) {
    std::map<std::string, std::vector<Interval>> byCode;
    for (const Annotation& annotation : annotations)
        if (annotation.end > annotation.start)
            for (const std::string& tag : annotation.tags)
                byCode[tag].push_back({annotation.start, annotation.end});
    for (auto& [code, intervals] : byCode) intervals = unionOf(std::move(intervals));

    std::vector<Cooccurrence> pairs;
    for (auto first = byCode.begin(); first != byCode.end(); ++first)
        for (auto second = std::next(first); second != byCode.end(); ++second) {
            Cooccurrence met = intersect(first->second, second->second);
            if (met.passages == 0) continue;
            met.first = first->first;
            met.second = second->first;
            pairs.push_back(std::move(met));
        }
    return pairs;
}

} // namespace gloss::annotations
