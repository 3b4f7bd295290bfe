#include "gloss/core/segments.hpp"

#include "gloss/core/file_io.hpp"
#include "gloss/core/files.hpp"

#include <algorithm>

namespace gloss::core {

SegmentQuery segmentQueryFor(const annotations::Codebook& codebook, const std::string& tag, bool exact) {
    SegmentQuery query;
    if (exact)
        query.tags.insert(tag);
    else
        for (std::string& id : codebook.withDescendants(tag)) query.tags.insert(std::move(id));
    return query;
}

bool reportMatches(const ProjectReport& report, const SegmentQuery& query) {
    return std::all_of(query.attributes.begin(), query.attributes.end(), [&](const auto& wanted) {
        const auto it = report.attributes.find(wanted.first);
        return it != report.attributes.end() && it->second == wanted.second;
    });
}

bool annotationMatches(const annotations::Annotation& annotation, const SegmentQuery& query) {
    if (!query.author.empty() && annotation.author != query.author) return false;
    return std::any_of(annotation.tags.begin(), annotation.tags.end(),
                       [&](const std::string& tag) { return query.tags.contains(tag); });
}

SegmentResults collectSegments(const Project& project, const SegmentQuery& query) {
    SegmentResults results;
    for (const ProjectReport& report : project.reports) {
        if (!reportMatches(report, query)) continue;
        const std::filesystem::path path = project.resolve(report.annotations);
        std::error_code error;
        if (!std::filesystem::exists(path, error)) continue;
        try {
            annotations::AnnotationFile file = loadAnnotationFile(path);
            for (const auto& problem : file.problems)
                results.problems.push_back(path.string() + ": " + problem.text());
            for (annotations::Annotation& annotation : file.annotations)
                if (annotationMatches(annotation, query))
                    results.segments.push_back({report.path, std::move(annotation)});
        } catch (const std::exception& e) { // IoError, InputError: this report's file only
            results.problems.emplace_back(e.what());
        }
    }
    return results;
}

} // namespace gloss::core
