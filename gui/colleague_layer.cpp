// A colleague's annotations as a layer over one's own.

#include "colleague_layer.hpp"

#include "gloss/annotations/anchoring.hpp"
#include "gloss/core/file_io.hpp"
#include "gloss/core/files.hpp"

#include <algorithm>

namespace gloss::gui {

namespace {

bool sameCodes(const annotations::Annotation& a, const annotations::Annotation& b) {
    return a.tags.size() == b.tags.size() &&
           std::is_permutation(a.tags.begin(), a.tags.end(), b.tags.begin(), b.tags.end());
}

// What a colleague's version must match to count as the same annotation.
bool sameContent(const annotations::Annotation& a, const annotations::Annotation& b) {
    return a.start == b.start && a.end == b.end && sameCodes(a, b) && a.note == b.note;
}

// One's own annotation to compare `theirs` with: the same id, else one on
// the same span, else one overlapping it with the same codes.
const annotations::Annotation* counterpart(const annotations::AnnotationSet& own,
                                           const annotations::Annotation& theirs) {
    if (const annotations::Annotation* mine = own.find(theirs.id)) return mine;
    const annotations::Annotation* sameCodesElsewhere = nullptr;
    for (const annotations::Annotation* a : own.overlapping(theirs.start, theirs.end)) {
        if (a->start == theirs.start && a->end == theirs.end) return a;
        if (!sameCodesElsewhere && sameCodes(*a, theirs)) sameCodesElsewhere = a;
    }
    return sameCodesElsewhere;
}

std::string describeDifference(const annotations::Annotation* mine, const annotations::Annotation& theirs) {
    if (!mine) return "only theirs";
    std::string parts;
    const auto add = [&](const char* part) { parts += (parts.empty() ? "" : ", ") + std::string(part); };
    if (mine->start != theirs.start || mine->end != theirs.end) add("span");
    if (!sameCodes(*mine, theirs)) add("codes");
    if (mine->note != theirs.note) add("note");
    return parts;
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
    annotations::anchorAll(layer.file.annotations, document, core::anchorOptions(layer.file, document));
    for (const auto& a : layer.file.annotations)
        if (std::find(layer.authors.begin(), layer.authors.end(), a.author) == layer.authors.end())
            layer.authors.push_back(a.author);
    return layer;
}

const annotations::Annotation* sameCoding(const annotations::AnnotationSet& own,
                                          const annotations::Annotation& theirs) {
    if (const annotations::Annotation* mine = own.find(theirs.id)) return mine;
    for (const annotations::Annotation* a : own.overlapping(theirs.start, theirs.end))
        if (a->start == theirs.start && a->end == theirs.end && sameCodes(*a, theirs)) return a;
    return nullptr;
}

void compareWithOwn(ColleagueLayer& layer, const annotations::AnnotationSet& own) {
    std::vector<annotations::Annotation> differing;
    layer.whatDiffers.clear();
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
        layer.whatDiffers[theirs.id] = describeDifference(mine ? mine : counterpart(own, theirs), theirs);
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
