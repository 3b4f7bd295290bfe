#pragma once

#include "gloss/annotations/codebook.hpp"
#include "gloss/core/segments.hpp"

#include <string>
#include <vector>

// The Coded segments list as a file to keep or share: CSV for a spreadsheet,
// HTML to read in a browser or print.
namespace gloss::gui {

// One row per segment: report, start, end, quote, prefix, suffix, codes
// (labels, ';' between), coder, note; RFC 4180 with a header row.
std::string segmentsCsv(const std::vector<core::Segment>& segments, const annotations::Codebook& codebook);
// A page titled `title` with one table; every string from a report, the
// codebook or an annotation is escaped.
std::string segmentsHtml(const std::string& title, const std::vector<core::Segment>& segments,
                         const annotations::Codebook& codebook);
// The labels of `tags` from `codebook` (an id when the codebook lacks it).
std::string codeLabels(const annotations::Codebook& codebook, const std::vector<std::string>& tags,
                       std::string_view separator);

} // namespace gloss::gui
