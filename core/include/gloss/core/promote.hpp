#pragma once

#include "gloss/annotations/annotation_file.hpp"
#include "gloss/core/document.hpp"
#include "gloss/core/plugin_host.hpp"

#include <string_view>

namespace gloss::core {

struct PromoteCounts {
    size_t added = 0;
    size_t alreadyPresent = 0;
};

// Turns highlighter spans into annotations of `file` (DESIGN §3): one per
// span, tagged with the span's tag, origin "plugin:<pluginId>". A span whose
// range already carries that tag in the file is not added twice.
PromoteCounts promoteSpans(annotations::AnnotationFile& file, const Document& document,
                           const HighlightResult& result, std::string_view pluginId);

} // namespace gloss::core
