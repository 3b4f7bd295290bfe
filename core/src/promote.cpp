#include "gloss/core/promote.hpp"

#include "gloss/annotations/ids.hpp"
#include "gloss/annotations/utf8.hpp"

#include <algorithm>
#include <set>
#include <tuple>

namespace gloss::core {

Promoted promoteSpans(const annotations::AnnotationFile& file, const Document& document,
                      const HighlightResult& result, std::string_view pluginId) {
    // The file's own (range, tag) pairs, by tag name; usually none.
    std::set<std::tuple<uint64_t, uint64_t, std::string_view>> present;
    for (const auto& annotation : file.annotations)
        for (const auto& tag : annotation.tags) present.emplace(annotation.start, annotation.end, tag);

    // The spans' ranges as code points, with the tag's index: small keys,
    // sorted once to drop repeats, instead of a tree node per span.
    struct Key {
        uint64_t start, end;
        uint32_t tag;
        auto operator<=>(const Key&) const = default;
    };
    std::vector<Key> keys;
    keys.reserve(result.spans.size());
    size_t alreadyPresent = 0;
    for (const Span& span : result.spans) {
        // The end counted on from the start: a span is short, the index's
        // stride is not.
        const uint64_t start = document.codepointOffset(span.start);
        const uint64_t end = start + annotations::utf8::countCodepoints(
                                         document.utf8().substr(span.start, span.end - span.start));
        const Key key{start, end, static_cast<uint32_t>(span.tag)};
        if (!present.empty() && present.contains({key.start, key.end, result.tags[key.tag]}))
            ++alreadyPresent;
        else
            keys.push_back(key);
    }
    std::sort(keys.begin(), keys.end());
    const auto repeats = std::unique(keys.begin(), keys.end());
    alreadyPresent += static_cast<size_t>(keys.end() - repeats);
    keys.erase(repeats, keys.end());

    Promoted promoted{annotations::MatchAnnotations(document, result.tags, "plugin:" + std::string(pluginId),
                                                    annotations::nowUtc()),
                      alreadyPresent};
    promoted.added.reserve(keys.size());
    for (const Key& key : keys) promoted.added.add(key.start, key.end, key.tag);
    promoted.added.sort();
    return promoted;
}

} // namespace gloss::core
