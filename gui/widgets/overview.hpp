#pragma once

#include "gloss/core/plugin_host.hpp"

#include <imgui.h>
#include <optional>
#include <vector>

namespace gloss::gui {

// The report in one column beside the scroll bar: a grey strip whose shade is
// the density of theme matches, and a mark in the tag's colour wherever an
// annotation is. Bucket b covers bytes [b, b + 1) * size / buckets.
struct OverviewMarks {
    std::vector<float> themeDensity; // 0..1 per bucket; empty until theme matches are in
    std::vector<ImU32> annotation;   // per bucket: the colour of one annotation there, 0 for none
    size_t reportBytes = 0;

    size_t buckets() const { return annotation.size(); }
};

inline constexpr size_t kOverviewBuckets = 1024;

// The grey strip for `reportBytes` from the theme spans (in bytes). A long
// report has a million of them: it is computed with the matches, on their
// worker, not with each edit.
std::vector<float> themeDensity(size_t reportBytes, const std::vector<core::Span>& themeSpans,
                                size_t buckets = kOverviewBuckets);

// The marks for `reportBytes` from the starts of annotations (in bytes) with
// their colours.
std::vector<ImU32> annotationMarks(size_t reportBytes,
                                   const std::vector<std::pair<size_t, ImU32>>& annotationStarts,
                                   size_t buckets = kOverviewBuckets);

// Draws the strip at the cursor, `width` x `height`, with the visible part of
// the report [firstVisible, lastVisible) framed. Returns the byte to jump to
// when it is clicked or dragged.
std::optional<size_t> Overview(const char* id, const OverviewMarks& marks, ImVec2 size, size_t firstVisible,
                               size_t lastVisible);

} // namespace gloss::gui
