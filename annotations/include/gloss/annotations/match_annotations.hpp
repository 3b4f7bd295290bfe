#pragma once

#include "gloss/annotations/annotation.hpp"
#include "gloss/annotations/ids.hpp"
#include "gloss/annotations/report_text.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace gloss::annotations {

// Annotations made from a highlighter's matches, held compact until they are
// written: each is a range, a tag and an id (40 bytes), where an Annotation
// with its quote, context, id and times takes several hundred bytes in seven
// allocations, and a plugin may find hundreds of thousands of matches. All
// share their origin and time and have no note or author; the quote, prefix
// and suffix are cut from the report when one is written or made an
// Annotation, exactly as setSelectors cuts them.
class MatchAnnotations {
  public:
    struct Match {
        uint64_t start = 0; // code points, half-open
        uint64_t end = 0;
        UuidBits id;
        uint32_t tag = 0; // index into tags()
    };

    MatchAnnotations(const ReportText& report, std::vector<std::string> tags, std::string origin,
                     std::string time);

    void reserve(size_t count) { matches_.reserve(count); }
    // Adds one with a new random id.
    void add(uint64_t start, uint64_t end, uint32_t tag);
    // Puts them in file order: start, end, id.
    void sort();

    size_t size() const { return matches_.size(); }
    const Match& operator[](size_t index) const { return matches_[index]; }
    const ReportText& report() const { return report_; }
    const std::vector<std::string>& tags() const { return tags_; }
    const std::string& origin() const { return origin_; }
    const std::string& time() const { return time_; }

    // The one at `index` as a whole Annotation.
    Annotation annotation(size_t index) const;

  private:
    const ReportText& report_;
    std::vector<std::string> tags_;
    std::string origin_;
    std::string time_;
    std::vector<Match> matches_;
};

} // namespace gloss::annotations
