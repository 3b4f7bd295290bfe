#include "gloss/core/promote.hpp"

#include "gloss/annotations/anchoring.hpp"
#include "gloss/annotations/ids.hpp"

#include <set>
#include <tuple>

namespace gloss::core {

PromoteCounts promoteSpans(annotations::AnnotationFile& file, const Document& document,
                           const HighlightResult& result, std::string_view pluginId) {
    using Key = std::tuple<uint64_t, uint64_t, std::string>;
    std::set<Key> present;
    for (const auto& annotation : file.annotations)
        for (const auto& tag : annotation.tags) present.emplace(annotation.start, annotation.end, tag);

    PromoteCounts counts;
    const std::string origin = "plugin:" + std::string(pluginId);
    const std::string now = annotations::nowUtc();
    for (const Span& span : result.spans) {
        const uint64_t start = document.codepointOffset(span.start);
        const uint64_t end = document.codepointOffset(span.end);
        const std::string& tag = result.tags[span.tag];
        if (!present.emplace(start, end, tag).second) {
            ++counts.alreadyPresent;
            continue;
        }
        annotations::Annotation annotation;
        annotation.id = annotations::newUuid();
        annotations::setSelectors(annotation, document, start, end);
        annotation.tags = {tag};
        annotation.created = annotation.modified = now;
        annotation.origin = origin;
        file.annotations.push_back(std::move(annotation));
        ++counts.added;
    }
    return counts;
}

} // namespace gloss::core
