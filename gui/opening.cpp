// Reading the files of a piece of work, away from the UI thread.

#include "opening.hpp"

#include "gloss/core/files.hpp"

namespace gloss::gui {

OpenedWork readWork(const OpenRequest& request, core::PluginHost* plugins) {
    OpenedWork work;
    work.request = request;
    const std::filesystem::path annotationsPath =
        request.annotations.empty() ? std::filesystem::path(request.report.string() + ".gloss.json")
                                    : request.annotations;
    work.saveTo = annotationsPath;
    try {
        work.codebook = core::loadCodebook(request.codebook);
    } catch (const std::exception& e) {
        work.messages.push_back(e.what());
    }
    // The annotation file first: it records how the report was decoded.
    std::error_code error;
    const std::filesystem::path readFrom = request.readFrom.empty() ? annotationsPath : request.readFrom;
    if (std::filesystem::exists(readFrom, error)) {
        try {
            work.file = core::loadAnnotationFile(readFrom);
            const auto& problems = work.file.problems;
            for (size_t i = 0; i < problems.size() && i < 5; ++i)
                work.messages.push_back(readFrom.string() + ": " + problems[i].text());
            if (problems.size() > 5)
                work.messages.push_back(readFrom.string() + ": and " + std::to_string(problems.size() - 5) +
                                        " more problems");
            if (!work.file.codebook.is_null()) {
                const core::Codebook own = core::codebookFromJson(work.file.codebook, "codebook");
                std::vector<std::string> ids;
                for (const auto& tag : own.tags) ids.push_back(tag.id);
                work.codebook.addMissingTags(own, ids);
            }
        } catch (const std::exception& e) {
            work.messages.push_back(e.what());
            // Saving over a file we could not read would lose it.
            work.file = {};
            work.saveTo = annotationsPath.string() + ".recovered.json";
            work.messages.push_back("Annotations will be saved to " + work.saveTo.string());
        }
    }
    const auto encoding = core::encodingFromName(work.file.report.encoding).value_or(core::Encoding::Utf8);
    try {
        work.document.emplace(core::loadReport(request.report, encoding, plugins));
    } catch (const std::exception& e) {
        work.messages.push_back(e.what());
        return work;
    }
    const auto counts = annotations::anchorAll(work.file.annotations, *work.document);
    if (counts.moved || counts.orphaned)
        work.messages.push_back(std::to_string(counts.moved) + " annotations moved and " +
                                std::to_string(counts.orphaned) +
                                " orphaned: the report changed since they were made");
    return work;
}

} // namespace gloss::gui
