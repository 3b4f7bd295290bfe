#include "gloss/annotations/match_annotations.hpp"

#include "gloss/annotations/anchoring.hpp"

#include <algorithm>
#include <tuple>

namespace gloss::annotations {

MatchAnnotations::MatchAnnotations(const ReportText& report, std::vector<std::string> tags,
                                   std::string origin, std::string time)
    : report_(report), tags_(std::move(tags)), origin_(std::move(origin)), time_(std::move(time)) {}

void MatchAnnotations::add(uint64_t start, uint64_t end, uint32_t tag) {
    matches_.push_back({start, end, newUuidBits(), tag});
}

void MatchAnnotations::sort() {
    // By id as bits, which orders as the ids' text (ids.hpp), so as precedes()
    // does. Matches usually come by range already, so only the ids of each
    // range's matches are left to order.
    const auto byRange = [](const Match& a, const Match& b) {
        return std::tie(a.start, a.end) < std::tie(b.start, b.end);
    };
    if (!std::is_sorted(matches_.begin(), matches_.end(), byRange))
        std::sort(matches_.begin(), matches_.end(), byRange);
    for (auto run = matches_.begin(); run != matches_.end();) {
        const auto next = std::find_if(run, matches_.end(), [&](const Match& m) { return byRange(*run, m); });
        if (next - run > 1) std::sort(run, next, [](const Match& a, const Match& b) { return a.id < b.id; });
        run = next;
    }
}

Annotation MatchAnnotations::annotation(size_t index) const {
    const Match& match = matches_[index];
    Annotation a;
    char id[kUuidLength];
    formatUuid(match.id, id);
    a.id.assign(id, kUuidLength);
    setSelectors(a, report_, match.start, match.end);
    a.tags = {tags_[match.tag]};
    a.created = a.modified = time_;
    a.origin = origin_;
    return a;
}

} // namespace gloss::annotations
