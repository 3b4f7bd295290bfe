// gloss-cli highlight: theme matches of a highlighter plugin, promoted to
// annotations and merged into an annotation file.

#include "cli_plugins.hpp"
#include "commands.hpp"
#include "gloss/annotations/anchoring.hpp"
#include "gloss/core/files.hpp"
#include "gloss/core/promote.hpp"

#include <cstdio>

namespace gloss::cli {

int runHighlight(std::span<char* const> words) {
    const Arguments arguments(
        "highlight", words,
        {{"--codebook"}, {"--annotations"}, {"-o"}, {"--highlighter"}, kPluginDirOption, kEncodingOption});
    const std::filesystem::path reportPath = arguments.onlyPositional("REPORT");
    const std::filesystem::path output = arguments.required("-o");
    const auto input = arguments.value("--annotations");
    std::vector<std::filesystem::path> inputs{reportPath};
    if (const auto codebookPath = arguments.value("--codebook")) inputs.emplace_back(*codebookPath);
    refuseOverwritingInputs(arguments, output, inputs);

    annotations::AnnotationFile file;
    if (input) file = loadCleanAnnotationFile(*input);
    const auto encoding = encodingOption(arguments).value_or(
        input ? core::encodingFromName(file.report.encoding).value_or(core::Encoding::Utf8)
              : core::Encoding::Utf8);
    CliPlugins plugins(arguments);
    const core::Document report = core::loadReport(reportPath, encoding, &plugins.host());
    const core::Codebook codebook = codebookOption(arguments);
    annotations::anchorAll(file.annotations, report);
    file.report = core::describeReport(report);

    const std::string highlighter = arguments.value("--highlighter").value_or("themes");
    core::HighlightResult result;
    try {
        result = plugins.host().highlight(highlighter, report, core::codebookToJson(codebook).dump());
    } catch (const core::PluginError& e) {
        throw core::InputError(e.what());
    }
    for (const std::string& tag : result.tags)
        if (!codebook.find(tag))
            throw core::InputError("plugin " + highlighter + " used the tag \"" + tag +
                                   "\", which is not in the codebook");

    const core::Promoted promoted = core::promoteSpans(file, report, result, highlighter);
    file.codebook = embedTags(file, codebook, result.tags);
    core::saveAnnotationFile(output, file, &promoted.added);
    std::printf("%zu matches: %zu new annotations, %zu already present", result.spans.size(),
                promoted.added.size(), promoted.alreadyPresent);
    if (result.dropped) std::printf(", %zu invalid spans dropped", result.dropped);
    std::printf("\n");
    return plugins.errorsLogged() > 0 ? 1 : 0;
}

} // namespace gloss::cli
