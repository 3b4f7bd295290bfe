// gloss-cli highlight: theme matches of a highlighter plugin, promoted to
// annotations and merged into an annotation file; with --project, for every
// report of a project (command_highlight_project.cpp).

#include "cli_plugins.hpp"
#include "commands.hpp"
#include "highlight_report.hpp"

#include <cstdio>

namespace gloss::cli {

int runHighlight(std::span<char* const> words) {
    const Arguments arguments("highlight", words,
                              {{"--codebook"},
                               {"--annotations"},
                               {"-o"},
                               {"--highlighter"},
                               {"--project"},
                               {"-j"},
                               kPluginDirOption,
                               kEncodingOption});
    if (arguments.has("--project")) return runHighlightProject(arguments);
    if (arguments.has("-j")) arguments.fail("-j applies to --project");
    HighlightJob job;
    job.report = arguments.onlyPositional("REPORT");
    job.output = arguments.required("-o");
    // IN may be OUT itself, to update a file in place, which is created when
    // missing: the form a corpus split across machines uses (docs/scale.md).
    if (const auto input = arguments.value("--annotations")) {
        std::error_code error;
        const bool inPlace =
            std::filesystem::path(*input).lexically_normal() == job.output.lexically_normal();
        if (!inPlace || std::filesystem::exists(*input, error)) job.input = *input;
    }
    job.encoding = encodingOption(arguments);
    std::vector<std::filesystem::path> inputs{job.report};
    if (const auto codebookPath = arguments.value("--codebook")) inputs.emplace_back(*codebookPath);
    refuseOverwritingInputs(arguments, job.output, inputs);

    CliPlugins plugins(arguments);
    const annotations::Codebook codebook = codebookOption(arguments);
    const std::string highlighter = arguments.value("--highlighter").value_or("themes");
    const HighlightCounts counts = highlightReport(plugins.host(), highlighter, codebook, job);
    std::printf("%zu matches: %zu new annotations, %zu already present", counts.matches, counts.added,
                counts.alreadyPresent);
    if (counts.dropped) std::printf(", %zu invalid spans dropped", counts.dropped);
    std::printf("\n");
    return plugins.errorsLogged() > 0 ? 1 : 0;
}

} // namespace gloss::cli
