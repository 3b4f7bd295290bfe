// gloss-cli highlight --project PROJECT [-j N]: every report's theme matches,
// merged into its annotation file, N reports at a time.

#include "cli_plugins.hpp"
#include "commands.hpp"
#include "highlight_report.hpp"

#include <atomic>
#include <charconv>
#include <cstdio>
#include <malloc.h>
#include <thread>

namespace gloss::cli {

namespace {

unsigned workerCount(const Arguments& arguments) {
    const auto text = arguments.value("-j");
    if (!text) return std::max(1u, std::thread::hardware_concurrency());
    unsigned count = 0;
    const auto [end, error] = std::from_chars(text->data(), text->data() + text->size(), count);
    if (error != std::errc() || end != text->data() + text->size() || count == 0 || count > 1024)
        arguments.fail("-j: expected a number of workers from 1 to 1024, found '" + *text + "'");
    return count;
}

struct Outcome {
    HighlightCounts counts;
    std::string error; // empty when the report was highlighted
};

} // namespace

int runHighlightProject(const Arguments& arguments) {
    if (!arguments.positionals().empty()) arguments.fail("give either REPORT or --project, not both");
    for (const char* option : {"-o", "--annotations", "--codebook"})
        if (arguments.has(option))
            arguments.fail(std::string(option) + " does not apply to --project: the project names each file");
    const core::Project project = core::loadProject(arguments.required("--project"));
    const annotations::Codebook codebook = projectCodebook(project);
    const std::string highlighter = arguments.value("--highlighter").value_or("themes");
    const size_t workers =
        std::min<size_t>(workerCount(arguments), std::max<size_t>(1, project.reports.size()));

    // One host for every worker: calls into one plugin are serialised by the
    // host (plugin.h), and matching is a small part of a report's work next
    // to reading it, anchoring and writing its file, which run in parallel.
    // A worker holds one report at a time, so memory is bounded by N reports.
    // Reports of like size come one after another: keep the pages freed after
    // one for the next (glibc would give each large buffer back to the system,
    // and the next report would fault them in and clear them again, a third
    // of the time in profiles). Memory stays at what N reports need at once.
    ::mallopt(M_MMAP_THRESHOLD, 1 << 30);
    ::mallopt(M_TRIM_THRESHOLD, 1 << 30);
    CliPlugins plugins(arguments);
    std::vector<Outcome> outcomes(project.reports.size());
    std::atomic<size_t> next{0};
    const auto work = [&] {
        for (size_t i = next++; i < project.reports.size(); i = next++) {
            const core::ProjectReport& report = project.reports[i];
            HighlightJob job;
            job.report = project.resolve(report.path);
            job.output = project.resolve(report.annotations);
            if (!report.encoding.empty() || arguments.has("--encoding"))
                job.encoding = projectReportEncoding(arguments, report);
            std::error_code error;
            if (std::filesystem::exists(job.output, error)) job.input = job.output;
            try {
                std::filesystem::create_directories(job.output.parent_path(), error);
                outcomes[i].counts = highlightReport(plugins.host(), highlighter, codebook, job);
            } catch (const std::exception& e) { // this report only; the others go on
                outcomes[i].error = e.what();
            }
        }
    };
    std::vector<std::jthread> pool;
    for (size_t w = 1; w < workers; ++w) pool.emplace_back(work);
    work();
    pool.clear(); // joins

    HighlightCounts total;
    size_t failed = 0;
    for (size_t i = 0; i < outcomes.size(); ++i) {
        const Outcome& outcome = outcomes[i];
        if (!outcome.error.empty()) {
            std::fprintf(stderr, "%s\n", outcome.error.c_str());
            ++failed;
            continue;
        }
        std::printf("%s: %zu matches: %zu new annotations, %zu already present\n",
                    project.reports[i].path.c_str(), outcome.counts.matches, outcome.counts.added,
                    outcome.counts.alreadyPresent);
        total.matches += outcome.counts.matches;
        total.added += outcome.counts.added;
        total.alreadyPresent += outcome.counts.alreadyPresent;
    }
    std::printf("%zu reports, %zu matches: %zu new annotations, %zu already present",
                outcomes.size() - failed, total.matches, total.added, total.alreadyPresent);
    if (failed) std::printf("; %zu reports could not be highlighted", failed);
    std::printf("\n");
    if (failed) return 2;
    return plugins.errorsLogged() > 0 ? 1 : 0;
}

} // namespace gloss::cli
