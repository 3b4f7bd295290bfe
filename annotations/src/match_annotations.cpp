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
    // By id as bits, which orders as the ids' text (ids.hpp), so as precedes() does.
    std::sort(matches_.begin(), matches_.end(), [](const Match& a, const Match& b) {
        return std::tie(a.start, a.end, a.id) < std::tie(b.start, b.end, b.id);
    });
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
