// gloss-cli reanchor ANNOTATIONS --report REPORT -o OUT: a file made for one
// version of a report, re-anchored on another and written as a file for it.

#include "cli_plugins.hpp"
#include "commands.hpp"
#include "gloss/annotations/utf8.hpp"
#include "gloss/core/files.hpp"

#include <cstdio>

namespace gloss::cli {

namespace {

// The first `codepoints` code points of `text`, with "..." when cut.
std::string shortened(const std::string& text, uint64_t codepoints) {
    const size_t cut = annotations::utf8::advanceCodepoints(text, 0, codepoints);
    return cut < text.size() ? text.substr(0, cut) + "..." : text;
}

} // namespace

int runReanchor(std::span<char* const> words) {
    const Arguments arguments("reanchor", words, {{"--report"}, {"-o"}, kEncodingOption, kPluginDirOption});
    const std::filesystem::path annotationsPath = arguments.onlyPositional("ANNOTATIONS");
    const std::filesystem::path reportPath = arguments.required("--report");
    const std::filesystem::path output = arguments.required("-o");
    refuseOverwritingInputs(arguments, output, {annotationsPath, reportPath});

    annotations::AnnotationFile file = loadCleanAnnotationFile(annotationsPath);
    CliPlugins plugins(arguments);
    const Reanchored reanchored = reanchorOnReport(arguments, file, reportPath, plugins.host());
    core::saveAnnotationFile(output, file);

    std::printf("%zu annotations re-anchored on %s (%s): %s\n", file.annotations.size(), reportPath.c_str(),
                reanchored.reportChanged ? "a different version of the report" : "the same report",
                describeCounts(reanchored.counts).c_str());
    // Orphans stay in the file with their old range and quote; list them so
    // that someone can place them by hand.
    for (const auto& annotation : file.annotations)
        if (annotation.status == annotations::AnchorStatus::Orphaned)
            std::printf("orphaned %s %llu:%llu \"%s\"\n", annotation.id.c_str(),
                        static_cast<unsigned long long>(annotation.start),
                        static_cast<unsigned long long>(annotation.end),
                        shortened(annotation.quote, 60).c_str());
    std::printf("written to %s\n", output.c_str());
    return 0;
}

} // namespace gloss::cli
