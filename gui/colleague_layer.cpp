// A colleague's annotations as a layer over one's own.

#include "colleague_layer.hpp"

#include "gloss/annotations/anchoring.hpp"
#include "gloss/core/file_io.hpp"
#include "gloss/core/files.hpp"

#include <algorithm>

namespace gloss::gui {

namespace {

// What a colleague's version must match to count as the same annotation.
bool sameContent(const annotations::Annotation& a, const annotations::Annotation& b) {
    return a.start == b.start && a.end == b.end && a.tags == b.tags && a.note == b.note;
}

constexpr ImU32 kAuthorColors[] = {IM_COL32(200, 30, 30, 255), IM_COL32(20, 110, 200, 255),
                                   IM_COL32(20, 140, 60, 255), IM_COL32(150, 60, 180, 255),
                                   IM_COL32(210, 110, 0, 255), IM_COL32(0, 140, 140, 255),
                                   IM_COL32(120, 80, 30, 255), IM_COL32(90, 90, 90, 255)};

} // namespace

ColleagueLayer loadColleagueLayer(const std::filesystem::path& path, const core::Document& document) {
    ColleagueLayer layer;
    layer.path = path;
    layer.file = core::loadAnnotationFile(path);
    if (!layer.file.problems.empty())
        throw core::InputError(
            path.string() + ": " + layer.file.problems.front().text() +
            (layer.file.problems.size() > 1
                 ? " (and " + std::to_string(layer.file.problems.size() - 1) + " more problems)"
                 : ""));
    annotations::anchorAll(layer.file.annotations, document);
    for (const auto& a : layer.file.annotations)
        if (std::find(layer.authors.begin(), layer.authors.end(), a.author) == layer.authors.end())
            layer.authors.push_back(a.author);
    return layer;
}

void compareWithOwn(ColleagueLayer& layer, const annotations::AnnotationSet& own) {
    std::vector<annotations::Annotation> differing;
    for (const auto& theirs : layer.file.annotations) {
        if (layer.rejected.count(theirs.id)) continue;
        const annotations::Annotation* mine = own.find(theirs.id);
        if (mine && sameContent(*mine, theirs)) continue;
        // The same passage with the same tags under another id is the same coding.
        if (!mine) {
            const auto overlapping = own.overlapping(theirs.start, theirs.end);
            if (std::any_of(overlapping.begin(), overlapping.end(),
                            [&](const annotations::Annotation* a) { return sameContent(*a, theirs); }))
                continue;
        }
        differing.push_back(theirs);
    }
    layer.differences = annotations::AnnotationSet(std::move(differing));
}

ImU32 authorColor(const ColleagueLayer& layer, const std::string& author) {
    const auto it = std::find(layer.authors.begin(), layer.authors.end(), author);
    const size_t index = it == layer.authors.end() ? 0 : static_cast<size_t>(it - layer.authors.begin());
    return kAuthorColors[index % std::size(kAuthorColors)];
}

} // namespace gloss::gui
