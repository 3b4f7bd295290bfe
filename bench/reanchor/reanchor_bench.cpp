// Re-anchoring benchmark (docs/formats.md, "Anchoring").
//
// Generates a 10 MB report and 10,000 annotations on it (deterministically, in
// a temporary folder removed afterwards), revises the report with insertions,
// deletions and rewordings spread through it, then measures in the same run:
//   unchanged  annotations::anchorAll on the report as it was (every position
//              holds its quote): the baseline, same binary
//   revised    annotations::anchorAll on the revision              vs the peer
// The peer, exact_peer.py, re-anchors by exact search only: Python's str.find
// of each quote within 64 Ki code points of its old start, then in the whole
// text. It does less than Gloss (no context scoring, no fuzzy step, no
// update of the file) and is the floor a plain script would reach. Times are
// the best of N runs; the benchmark reports them and never fails on them.
//
// Index of this file:
// [SECTION] Options
// [SECTION] Annotations and the revision
// [SECTION] Measuring
// [SECTION] Main

#include "gloss/annotations/anchoring.hpp"
#include "gloss/core/document.hpp"
#include "gloss/core/files.hpp"
#include "harness.hpp"
#include "report_prose.hpp"
#include "rng.hpp"

#include <algorithm>
#include <array>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <functional>
#include <map>
#include <sstream>
#include <stdexcept>
#include <string>
#include <string_view>
#include <unistd.h>
#include <vector>

namespace fs = std::filesystem;
namespace ann = gloss::annotations;
namespace core = gloss::core;
using gloss::bench::Rng;

namespace {

// [SECTION] Options

struct Options {
    int repeats = 3;
    size_t reportBytes = 10'000'000;
    size_t annotationCount = 10'000;
    size_t editSpacing = 5'000; // bytes between edits, on average
    std::string python = "python3";
    std::string peerScript = GLOSS_BENCH_PEER_SCRIPT;
};

Options parseOptions(int argc, char** argv) {
    gloss::bench::CommandLine commandLine(
        argc, argv, "gloss_bench_reanchor",
        "usage: gloss_bench_reanchor [--repeats N] [--report-mb MB] [--annotations N]\n"
        "                            [--edit-every BYTES] [--python EXE] [--python-script PATH]\n");
    Options options;
    while (commandLine.next()) {
        if (commandLine.is("--repeats"))
            options.repeats = std::max(1, commandLine.wholeNumber<int>());
        else if (commandLine.is("--report-mb"))
            options.reportBytes = static_cast<size_t>(commandLine.number() * 1e6);
        else if (commandLine.is("--annotations"))
            options.annotationCount = commandLine.wholeNumber<size_t>();
        else if (commandLine.is("--edit-every"))
            options.editSpacing = commandLine.wholeNumber<size_t>();
        else if (commandLine.is("--python"))
            options.python = commandLine.value();
        else if (commandLine.is("--python-script"))
            options.peerScript = commandLine.value();
        else
            commandLine.unknownOption();
    }
    if (options.reportBytes < 100'000) commandLine.usage("--report-mb must be at least 0.1");
    if (options.annotationCount == 0) commandLine.usage("--annotations must be at least 1");
    if (options.editSpacing < 100) commandLine.usage("--edit-every must be at least 100");
    return options;
}

// [SECTION] Annotations and the revision

std::vector<ann::Annotation> generateAnnotations(const core::Document& report, size_t count, Rng& rng) {
    std::vector<ann::Annotation> annotations(count);
    const uint64_t codepoints = report.codepointCount();
    for (size_t i = 0; i < count; ++i) {
        const uint64_t length = std::min<uint64_t>(rng.between(5, 300), codepoints);
        const uint64_t start = rng.below(codepoints - length + 1);
        annotations[i].id = "a" + std::to_string(i);
        ann::setSelectors(annotations[i], report, start, start + length);
    }
    return annotations;
}

constexpr std::array<std::string_view, 8> kRewordings = {"staff",      "leaders", "often", "rarely",
                                                         "colleagues", "many",    "some",  "managers"};

struct Revision {
    std::string text;
    size_t insertions = 0, deletions = 0, rewordings = 0;
};

// Edits about every `spacing` bytes, each at the start of a word (after an
// ASCII space, so the text stays valid UTF-8): a new sentence inserted, a run
// of 10 to 200 bytes of words deleted, or a word replaced.
Revision revise(std::string_view text, size_t spacing, Rng& rng) {
    Revision revision;
    revision.text.reserve(text.size() + text.size() / 20);
    size_t copied = 0;
    for (size_t at = rng.between(1, 2 * spacing); at < text.size(); at += rng.between(1, 2 * spacing)) {
        at = text.find(' ', at);
        if (at == std::string_view::npos || at + 1 >= text.size()) break;
        ++at;
        revision.text.append(text.substr(copied, at - copied));
        const size_t wordEnd = std::min(text.find_first_of(" \n", at), text.size());
        switch (rng.below(3)) {
        case 0:
            gloss::bench::appendSentence(revision.text, rng);
            revision.text += ' ';
            copied = at;
            ++revision.insertions;
            break;
        case 1: {
            const size_t end = text.find(' ', std::min(text.size(), at + rng.between(10, 200)));
            copied = end == std::string_view::npos ? text.size() : end + 1;
            ++revision.deletions;
            break;
        }
        default:
            revision.text += rng.pick(kRewordings);
            copied = wordEnd;
            ++revision.rewordings;
            break;
        }
        at = std::max(at, copied);
    }
    revision.text.append(text.substr(std::min(copied, text.size())));
    return revision;
}

// [SECTION] Measuring

using gloss::bench::CpuClock;
using gloss::bench::Times;

// anchorAll over a fresh copy of `annotations`, `repeats` times (the copy untimed).
Times timeAnchorAll(const std::vector<ann::Annotation>& annotations, const core::Document& report,
                    int repeats, ann::AnchorCounts& counts) {
    std::vector<ann::Annotation> copy;
    const auto anchorCopy = [&] { counts = ann::anchorAll(copy, report); };
    const auto freshCopy = [&] { copy = annotations; };
    return gloss::bench::bestOf(repeats, CpuClock::Process, anchorCopy, freshCopy).best;
}

struct PeerFigures {
    Times timing;
    size_t found = 0;
};

PeerFigures runPeer(const Options& options, const fs::path& report, const fs::path& annotations) {
    const std::string command = options.python + " '" + options.peerScript + "' '" + report.string() + "' '" +
                                annotations.string() + "' " + std::to_string(options.repeats);
    FILE* pipe = ::popen(command.c_str(), "r");
    if (!pipe) throw std::runtime_error("cannot run " + command);
    std::string output;
    char buffer[256];
    while (std::fgets(buffer, sizeof buffer, pipe)) output += buffer;
    if (::pclose(pipe) != 0) throw std::runtime_error("the peer failed: " + command);
    std::map<std::string, double> pairs;
    std::istringstream lines(output);
    std::string key;
    double value = 0;
    while (lines >> key >> value) pairs[key] = value;
    if (!pairs.contains("seconds") || !pairs.contains("found"))
        throw std::runtime_error("peer output: " + output);
    return {{pairs["seconds"], pairs["cpu_seconds"]}, static_cast<size_t>(pairs["found"])};
}

std::string seconds(double s) {
    char text[32];
    std::snprintf(text, sizeof text, "%.3f s", s);
    return text;
}

std::string ratio(double a, double b) {
    char text[32];
    std::snprintf(text, sizeof text, "%.2fx", a / b);
    return text;
}

void row(const std::string& what, const std::string& gloss, const std::string& peer, const std::string& x) {
    std::printf("  %-34s %10s %12s %9s\n", what.c_str(), gloss.c_str(), peer.c_str(), x.c_str());
}

std::string counted(const ann::AnchorCounts& c) {
    return std::to_string(c.anchored) + " anchored, " + std::to_string(c.moved) + " moved, " +
           std::to_string(c.orphaned) + " orphaned";
}

// [SECTION] Main

int run(const Options& options) {
    std::string pattern = (fs::temp_directory_path() / "gloss-reanchor-XXXXXX").string();
    if (!::mkdtemp(pattern.data())) throw std::runtime_error("cannot create a temporary folder");
    const fs::path folder = pattern;
    struct Cleanup {
        fs::path path;
        ~Cleanup() {
            std::error_code error;
            fs::remove_all(path, error);
        }
    } cleanup{folder};

    std::printf("Generating a %.1f MB report, %zu annotations and a revision in %s ...\n",
                static_cast<double>(options.reportBytes) / 1e6, options.annotationCount, folder.c_str());
    std::fflush(stdout);
    Rng rng(0x2e'a4c4'2026ull);
    const core::Document report =
        core::Document::fromBytes(gloss::bench::generateReport(options.reportBytes, rng));
    const std::vector<ann::Annotation> annotations =
        generateAnnotations(report, options.annotationCount, rng);
    const Revision revision = revise(report.utf8(), options.editSpacing, rng);
    const core::Document revised = core::Document::fromBytes(revision.text);
    const fs::path reportPath = folder / "report.txt";
    const fs::path revisedPath = folder / "revised.txt";
    const fs::path annotationsPath = folder / "annotations.gloss.json";
    core::writeFileAtomically(reportPath, report.utf8());
    core::writeFileAtomically(revisedPath, revised.utf8());
    ann::AnnotationFile file;
    file.report = core::describeReport(report);
    file.annotations = annotations;
    core::saveAnnotationFile(annotationsPath, file);
    std::printf("report %.1f MB; revision %.1f MB after %zu insertions, %zu deletions, %zu rewordings "
                "(one edit per %zu bytes on average)\n\n",
                static_cast<double>(report.utf8().size()) / 1e6,
                static_cast<double>(revised.utf8().size()) / 1e6, revision.insertions, revision.deletions,
                revision.rewordings, options.editSpacing);
    std::fflush(stdout);

    ann::AnchorCounts unchangedCounts, revisedCounts;
    const Times unchanged = timeAnchorAll(annotations, report, options.repeats, unchangedCounts);
    const Times after = timeAnchorAll(annotations, revised, options.repeats, revisedCounts);
    std::printf("Running the peer (%s %s) ...\n\n", options.python.c_str(), options.peerScript.c_str());
    std::fflush(stdout);
    const PeerFigures peerUnchanged = runPeer(options, reportPath, annotationsPath);
    const PeerFigures peerAfter = runPeer(options, revisedPath, annotationsPath);

    std::printf("Re-anchoring %zu annotations, best of %d runs (wall time); ratio = Gloss / peer\n\n",
                options.annotationCount, options.repeats);
    row("", "Gloss", "str.find", "ratio");
    row("report unchanged (baseline)", seconds(unchanged.wall), seconds(peerUnchanged.timing.wall),
        ratio(unchanged.wall, peerUnchanged.timing.wall));
    row("after the revision (target <= 1 s)", seconds(after.wall), seconds(peerAfter.timing.wall),
        ratio(after.wall, peerAfter.timing.wall));
    row("after the revision, CPU time", seconds(after.cpu), seconds(peerAfter.timing.cpu),
        ratio(after.cpu, peerAfter.timing.cpu));
    std::printf("\nDetails\n");
    std::printf("  gloss, unchanged: %s\n", counted(unchangedCounts).c_str());
    std::printf("  gloss, revised:   %s\n", counted(revisedCounts).c_str());
    std::printf("  peer found the exact quote of %zu (unchanged) and %zu (revised) of %zu annotations\n",
                peerUnchanged.found, peerAfter.found, options.annotationCount);
    return 0;
}

} // namespace

int main(int argc, char** argv) {
    try {
        return run(parseOptions(argc, argv));
    } catch (const std::exception& e) {
        std::fprintf(stderr, "gloss_bench_reanchor: %s\n", e.what());
        return 1;
    }
}
