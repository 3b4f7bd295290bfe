// Import benchmark: the pdf source's extraction of a generated 300-page PDF,
// beside pdftotext (poppler-utils) on the same file in the same run.
//
//   gloss_bench_import [--pages N] [--repeats N] [--keep]
//
// Gloss is timed twice: in-process (core::loadReport through the pdf plugin:
// read, extract, check, index) and end to end (`gloss-cli info`, a process
// that also loads every plugin and counts words). The peer is
// `pdftotext -enc UTF-8 FILE OUT`. Each figure is the best of the repeats.

#include "gloss/core/files.hpp"
#include "gloss/core/plugin_host.hpp"
#include "harness.hpp"
#include "pdf_writer.hpp"
#include "rng.hpp"

#include <array>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <filesystem>
#include <functional>
#include <spawn.h>
#include <stdexcept>
#include <string>
#include <sys/wait.h>
#include <unistd.h>
#include <vector>

extern char** environ;

namespace {

namespace fs = std::filesystem;
using gloss::bench::Rng;

struct Options {
    int pages = 300;
    int repeats = 5;
    bool keep = false;
};

Options parse(int argc, char** argv) {
    gloss::bench::CommandLine commandLine(argc, argv, "gloss_bench_import",
                                          "usage: gloss_bench_import [--pages N] [--repeats N] [--keep]\n");
    Options options;
    while (commandLine.next()) {
        if (commandLine.is("--pages"))
            options.pages = commandLine.wholeNumber<int>();
        else if (commandLine.is("--repeats"))
            options.repeats = commandLine.wholeNumber<int>();
        else if (commandLine.is("--keep"))
            options.keep = true;
        else
            commandLine.unknownOption();
    }
    return options;
}

// Pages of report-like prose; every tenth page is set in two columns, and
// words with "fi" and "fl" come out of the font as ligature glyphs.
std::vector<gloss::test::PdfPage> reportPages(int count) {
    static constexpr std::array<const char*, 24> kWords{
        "staff",   "leadership", "equality",  "diversity", "inclusion", "board", "review", "said",
        "felt",    "unheard",    "\uFB01nal", "\uFB02ow",  "report",    "trust", "nurses", "managers",
        "culture", "evidence",   "the",       "of",        "and",       "to",    "in",     "was"};
    Rng rng(20261126);
    std::vector<gloss::test::PdfPage> pages(static_cast<size_t>(count));
    for (size_t p = 0; p < pages.size(); ++p) {
        auto& page = pages[p];
        page.columns = p % 10 == 9 ? 2 : 1;
        const size_t lines = page.columns == 2 ? 90 : 46;
        const size_t wordsPerLine = page.columns == 2 ? 5 : 11;
        for (size_t l = 0; l < lines; ++l) {
            std::string line;
            for (size_t w = 0; w < wordsPerLine; ++w) line += std::string(w ? " " : "") + rng.pick(kWords);
            page.lines.push_back(line + (rng.chance(0.2) ? "." : ""));
        }
    }
    return pages;
}

// Runs a program with stdout and stderr to /dev/null; throws unless it exits 0.
void runQuietly(const std::vector<std::string>& command) {
    std::vector<char*> argv;
    for (const auto& word : command) argv.push_back(const_cast<char*>(word.c_str()));
    argv.push_back(nullptr);
    posix_spawn_file_actions_t actions;
    ::posix_spawn_file_actions_init(&actions);
    ::posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, "/dev/null", O_WRONLY, 0);
    ::posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, "/dev/null", O_WRONLY, 0);
    pid_t child = 0;
    const int spawned = ::posix_spawnp(&child, argv[0], &actions, nullptr, argv.data(), environ);
    ::posix_spawn_file_actions_destroy(&actions);
    if (spawned != 0) throw std::runtime_error("cannot start " + command[0] + ": " + std::strerror(spawned));
    int status = 0;
    ::waitpid(child, &status, 0);
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) throw std::runtime_error(command[0] + " failed");
}

using gloss::bench::Times;

// The best wall and the best CPU time of the repeats: on a busy machine the
// CPU time is the steadier figure. It counts the children waited for, as two
// of the three measured run as commands.
Times best(int repeats, const std::function<void()>& work) {
    return gloss::bench::bestOf(repeats, gloss::bench::CpuClock::ProcessAndChildren, work).best;
}

std::string readAll(const fs::path& path) {
    std::FILE* file = std::fopen(path.c_str(), "rb");
    if (!file) throw std::runtime_error("cannot read " + path.string());
    std::string bytes;
    char buffer[1 << 16];
    for (size_t got; (got = std::fread(buffer, 1, sizeof buffer, file)) > 0;) bytes.append(buffer, got);
    std::fclose(file);
    return bytes;
}

int run(const Options& options) {
    const fs::path folder = fs::temp_directory_path() / ("gloss-bench-import-" + std::to_string(::getpid()));
    fs::create_directories(folder);
    const fs::path pdf = folder / "report.pdf";
    const fs::path peerText = folder / "report.txt";

    const auto generating = std::chrono::steady_clock::now();
    gloss::test::writePdf(pdf, reportPages(options.pages));
    const double generated =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - generating).count();

    gloss::core::PluginHost host;
    if (!host.loadFile(GLOSS_BENCH_PDF_PLUGIN)) {
        for (const auto& refusal : host.refusals())
            std::fprintf(stderr, "gloss_bench_import: %s: %s\n", refusal.path.c_str(),
                         refusal.reason.c_str());
        return 2;
    }

    std::string glossText;
    size_t pages = 0;
    const Times inProcess = best(options.repeats, [&] {
        const auto document = gloss::core::loadReport(pdf, gloss::core::Encoding::Utf8, &host);
        pages = document.pageCount();
        glossText = std::string(document.utf8());
    });
    const Times cli = best(options.repeats, [&] { runQuietly({GLOSS_BENCH_CLI, "info", pdf.string()}); });
    const Times peer = best(options.repeats, [&] {
        runQuietly({"pdftotext", "-enc", "UTF-8", pdf.string(), peerText.string()});
    });

    // The same text but for the ligatures, which Gloss spells out.
    std::string expected = readAll(peerText);
    for (const auto& [glyph, letters] : {std::pair{"\uFB01", "fi"}, std::pair{"\uFB02", "fl"}})
        for (size_t at = 0; (at = expected.find(glyph, at)) != std::string::npos; at += 2)
            expected.replace(at, 3, letters);

    std::printf("import benchmark: best of %d, wall clock (cpu beside it)\n", options.repeats);
    std::printf("  report   %d pages, %.2f MB PDF (generated with cairo in %.1f s), %.2f MB of text\n",
                options.pages, static_cast<double>(fs::file_size(pdf)) / 1e6, generated,
                static_cast<double>(glossText.size()) / 1e6);
    std::printf("  peer     pdftotext -enc UTF-8 report.pdf report.txt (poppler-utils)\n");
    std::printf("  %-40s %10s %10s\n", "", "wall ms", "cpu ms");
    const auto row = [](const char* what, const Times& times) {
        std::printf("  %-40s %10.1f %10.1f\n", what, times.wall * 1e3, times.cpu * 1e3);
    };
    row("gloss loadReport via pdf plugin", inProcess);
    row("gloss-cli info report.pdf", cli);
    row("pdftotext", peer);
    const double ratio = inProcess.wall / peer.wall;
    std::printf("  %-40s %10.3f x  (cpu %.3f x)  target <= 1.2x  %s\n", "ratio gloss loadReport / pdftotext",
                ratio, inProcess.cpu / peer.cpu, ratio <= 1.2 ? "met" : "MISSED");
    std::printf("  %-40s %10.3f x  (cpu %.3f x)\n", "ratio gloss-cli info / pdftotext", cli.wall / peer.wall,
                cli.cpu / peer.cpu);
    std::printf("  %-40s %10zu\n", "pages extracted by gloss", pages);
    std::printf("  %-40s %10s\n", "text identical to pdftotext's", glossText == expected ? "yes" : "NO");

    if (options.keep)
        std::printf("  files    kept in %s\n", folder.c_str());
    else
        fs::remove_all(folder);
    return glossText == expected ? 0 : 1;
}

} // namespace

int main(int argc, char** argv) {
    try {
        return run(parse(argc, argv));
    } catch (const std::exception& e) {
        std::fprintf(stderr, "gloss_bench_import: %s\n", e.what());
        return 2;
    }
}
