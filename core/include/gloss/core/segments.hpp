#pragma once

#include "gloss/annotations/annotation.hpp"
#include "gloss/annotations/codebook.hpp"
#include "gloss/core/project.hpp"

#include <map>
#include <set>
#include <string>
#include <vector>

// Retrieving coded segments across a project's reports: every passage of a
// code (and its sub-codes), as qualitative researchers read them.
namespace gloss::core {

struct SegmentQuery {
    std::set<std::string> tags;                    // a passage with any of them
    std::string author;                            // empty: any coder
    std::map<std::string, std::string> attributes; // reports with all of these
};

// The query for `tag`: with its sub-codes from `codebook` unless `exact`.
SegmentQuery segmentQueryFor(const annotations::Codebook& codebook, const std::string& tag, bool exact);

bool reportMatches(const ProjectReport& report, const SegmentQuery& query);
bool annotationMatches(const annotations::Annotation& annotation, const SegmentQuery& query);

struct Segment {
    std::string report; // as the project lists it
    annotations::Annotation annotation;
};

struct SegmentResults {
    std::vector<Segment> segments; // in project order, then by position
    // One line per annotation file that could not be read ("PATH: reason");
    // the other reports' segments are still there. A report not coded yet
    // (no annotation file) is not a problem.
    std::vector<std::string> problems;
};

SegmentResults collectSegments(const Project& project, const SegmentQuery& query);

} // namespace gloss::core
