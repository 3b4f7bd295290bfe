#include "highlight_report.hpp"

#include "commands.hpp"
#include "gloss/annotations/anchoring.hpp"
#include "gloss/core/files.hpp"
#include "gloss/core/promote.hpp"

namespace gloss::cli {

HighlightCounts highlightReport(core::PluginHost& plugins, const std::string& highlighter,
                                const annotations::Codebook& codebook, const HighlightJob& job) {
    // Held from reading IN to saving OUT, so that concurrent updates of one file take turns.
    const core::FileLock lock(job.output);
    annotations::AnnotationFile file;
    if (job.input) file = loadCleanAnnotationFile(*job.input);
    const auto encoding = job.encoding.value_or(
        job.input ? core::encodingFromName(file.report.encoding).value_or(core::Encoding::Utf8)
                  : core::Encoding::Utf8);
    const core::Document report = core::loadReport(job.report, encoding, &plugins);
    annotations::anchorAll(file.annotations, report);
    file.report = core::describeReport(report);

    core::HighlightResult result;
    try {
        result = plugins.highlight(highlighter, report, annotations::codebookToJson(codebook).dump());
    } catch (const core::PluginError& e) {
        throw core::InputError(job.report.string() + ": " + e.what());
    }
    for (const std::string& tag : result.tags)
        if (!codebook.find(tag))
            throw core::InputError("plugin " + highlighter + " used the tag \"" + tag +
                                   "\", which is not in the codebook");

    const core::Promoted promoted = core::promoteSpans(file, report, result, highlighter);
    file.codebook = embedTags(file, codebook, result.tags);
    core::saveAnnotationFile(job.output, file, &promoted.added);
    return {result.spans.size(), promoted.added.size(), promoted.alreadyPresent, result.dropped};
}

} // namespace gloss::cli
