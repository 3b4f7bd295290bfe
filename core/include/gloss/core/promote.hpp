#pragma once

#include "gloss/annotations/annotation_file.hpp"
#include "gloss/annotations/match_annotations.hpp"
#include "gloss/core/document.hpp"
#include "gloss/core/plugin_host.hpp"

#include <string_view>

namespace gloss::core {

// Highlighter spans made annotations (docs/architecture.md, "Data flow"): one
// per span, tagged with the span's tag, origin "plugin:<pluginId>", held
// compact (match_annotations.hpp) and in file order until saved beside
// `file`'s.
struct Promoted {
    annotations::MatchAnnotations added;
    // Spans whose range already carries their tag, in the file or in an
    // earlier span, and so are not added twice.
    size_t alreadyPresent = 0;
};

Promoted promoteSpans(const annotations::AnnotationFile& file, const Document& document,
                      const HighlightResult& result, std::string_view pluginId);

} // namespace gloss::core
