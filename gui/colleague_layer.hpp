#pragma once

#include "gloss/annotations/annotation_file.hpp"
#include "gloss/annotations/annotation_set.hpp"
#include "gloss/core/document.hpp"

#include <filesystem>
#include <imgui.h>
#include <map>
#include <set>
#include <string>
#include <vector>

namespace gloss::gui {

// A colleague's annotation file over one's own: read-only, anchored to the
// open report, shown as outlines in one colour per author. What differs from
// one's own work can be accepted into it or rejected (hidden).
struct ColleagueLayer {
    std::filesystem::path path;
    annotations::AnnotationFile file; // anchored; every annotation of the file
    std::vector<std::string> authors; // in order of first appearance: the colour order
    std::set<std::string> hiddenAuthors;
    std::set<std::string> rejected; // ids hidden for this session
    bool visible = true;
    // The annotations that one's own set lacks, or has otherwise (range,
    // tags, note), minus the rejected ones: what is drawn and listed.
    annotations::AnnotationSet differences;
    // For each of `differences` by id, what differs from one's own
    // counterpart: "only theirs", or which of "span, codes, note" differ.
    std::map<std::string, std::string> whatDiffers;
};

// One's own annotation that is the same coding as `theirs`: the same id, else
// the same span with the same codes (in any order). Null when none.
const annotations::Annotation* sameCoding(const annotations::AnnotationSet& own,
                                          const annotations::Annotation& theirs);

// Reads and anchors the file. Throws core::InputError / core::IoError, and an
// InputError listing the first problem when the file has any (a layer that
// silently left records out would mislead the comparison).
ColleagueLayer loadColleagueLayer(const std::filesystem::path& path, const core::Document& document);

// Recomputes `layer.differences` against one's own annotations.
void compareWithOwn(ColleagueLayer& layer, const annotations::AnnotationSet& own);

// The colour of an author of the layer: distinct from each other, and dark
// enough to read as an outline on the report's background.
ImU32 authorColor(const ColleagueLayer& layer, const std::string& author);

} // namespace gloss::gui
