// Annotation file I/O benchmark (docs/architecture.md, "Tests and benchmarks").
//
// Generates a 50 MB report and 100,000 annotations on it (deterministically,
// in a temporary folder removed afterwards), then measures in the same run:
//   load   core::loadAnnotationFile (read + parse + validate)  vs  Python json.load
//   save   core::saveAnnotationFile (atomic, fsync)            vs  Python json.dump(indent=2)
//   memory peak RSS growth of one load in a fresh process      vs  the same for json.load
//   anchor annotations::anchorAll over every annotation (no peer; an extra figure)
// Times are the best of N runs. The figure is the ratio Gloss / Python; the
// benchmark reports it and never fails on it.
//
// Index of this file:
// [SECTION] Options
// [SECTION] Deterministic generator
// [SECTION] Annotations
// [SECTION] Measuring
// [SECTION] Python peer
// [SECTION] Report table
// [SECTION] Main

#include "gloss/annotations/anchoring.hpp"
#include "gloss/annotations/annotation_file.hpp"
#include "gloss/annotations/bounded_json.hpp"
#include "gloss/annotations/codebook.hpp"
#include "gloss/core/document.hpp"
#include "gloss/core/files.hpp"
#include "harness.hpp"
#include "report_prose.hpp"
#include "rng.hpp"

#include <algorithm>
#include <array>
#include <chrono>
#include <csignal>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <span>
#include <sstream>
#include <stdexcept>
#include <string>
#include <string_view>
#include <sys/wait.h>
#include <unistd.h>
#include <vector>

namespace fs = std::filesystem;
namespace ann = gloss::annotations;
namespace core = gloss::core;

namespace {

// [SECTION] Options

struct Options {
    int repeats = 5;
    size_t reportBytes = 50'000'000;
    size_t annotationCount = 100'000;
    std::string python = "python3";
    std::string peerScript = GLOSS_BENCH_PEER_SCRIPT;
    bool keep = false; // keep the temporary folder (its path is printed)
};

Options parseOptions(int argc, char** argv) {
    gloss::bench::CommandLine commandLine(
        argc, argv, "gloss_bench_annotation_io",
        "usage: gloss_bench_annotation_io [--repeats N] [--report-mb MB] [--annotations N]\n"
        "                                 [--python EXE] [--python-script PATH] [--keep]\n");
    Options options;
    while (commandLine.next()) {
        if (commandLine.is("--repeats"))
            options.repeats = std::max(1, commandLine.wholeNumber<int>());
        else if (commandLine.is("--report-mb"))
            options.reportBytes = static_cast<size_t>(commandLine.number() * 1e6);
        else if (commandLine.is("--annotations"))
            options.annotationCount = commandLine.wholeNumber<size_t>();
        else if (commandLine.is("--python"))
            options.python = commandLine.value();
        else if (commandLine.is("--python-script"))
            options.peerScript = commandLine.value();
        else if (commandLine.is("--keep"))
            options.keep = true;
        else
            commandLine.unknownOption();
    }
    if (options.reportBytes < 100'000) commandLine.usage("--report-mb must be at least 0.1");
    if (options.annotationCount == 0) commandLine.usage("--annotations must be at least 1");
    return options;
}

// [SECTION] Deterministic generator (bench/support/rng.hpp) and prose (report_prose.hpp)

using gloss::bench::appendSentence;
using gloss::bench::generateReport;
using gloss::bench::Rng;
using gloss::bench::Words;

// [SECTION] Annotations

std::string uuidFrom(Rng& rng) {
    uint64_t high = rng.next();
    uint64_t low = rng.next();
    high = (high & ~0xF000ull) | 0x4000ull;
    low = (low & ~(0xC000ull << 48)) | (0x8000ull << 48);
    char text[37];
    std::snprintf(text, sizeof text, "%08x-%04x-%04x-%04x-%012llx", static_cast<unsigned>(high >> 32),
                  static_cast<unsigned>((high >> 16) & 0xFFFF), static_cast<unsigned>(high & 0xFFFF),
                  static_cast<unsigned>(low >> 48), static_cast<unsigned long long>(low & 0xFFFFFFFFFFFFull));
    return text;
}

// A time in 2025 as RFC 3339, `seconds` after 2025-01-01T00:00:00Z (< 360 days).
std::string timestamp(uint64_t seconds) {
    const uint64_t day = seconds / 86400;
    const uint64_t rest = seconds % 86400;
    char text[32];
    std::snprintf(text, sizeof text, "2025-%02u-%02uT%02u:%02u:%02uZ", static_cast<unsigned>(day / 30 + 1),
                  static_cast<unsigned>(day % 28 + 1), static_cast<unsigned>(rest / 3600),
                  static_cast<unsigned>(rest / 60 % 60), static_cast<unsigned>(rest % 60));
    return text;
}

constexpr std::array<Words, 5> kCoders = {"Aoife Ní Bhriain", "Tomasz Wójcik", "Priya Raman", "Kwame Mensah",
                                          "Léa Moreau"};

ann::AnnotationFile generateAnnotations(const core::Document& report, const ann::Codebook& codebook,
                                        size_t count, Rng& rng) {
    ann::AnnotationFile file;
    file.report = core::describeReport(report);
    file.codebook = codebook;
    file.annotations.reserve(count);
    const uint64_t codepoints = report.codepointCount();
    for (size_t i = 0; i < count; ++i) {
        ann::Annotation a;
        a.id = uuidFrom(rng);
        const uint64_t length = std::min<uint64_t>(rng.between(5, 300), codepoints);
        const uint64_t start = rng.below(codepoints - length + 1);
        ann::setSelectors(a, report, start, start + length);
        const size_t tagCount = rng.chance(0.7) ? 1 : rng.between(2, 3);
        while (a.tags.size() < tagCount) {
            const std::string& tag = codebook.tags[rng.below(codebook.tags.size())].id;
            if (std::find(a.tags.begin(), a.tags.end(), tag) == a.tags.end()) a.tags.push_back(tag);
        }
        if (rng.chance(0.3)) {
            std::string note;
            appendSentence(note, rng);
            if (rng.chance(0.3)) {
                note += ' ';
                appendSentence(note, rng);
            }
            a.note = std::move(note);
        }
        a.author = rng.pick(kCoders);
        const uint64_t created = rng.below(300 * 86400);
        a.created = timestamp(created);
        a.modified = rng.chance(0.4) ? timestamp(created + rng.below(30 * 86400)) : a.created;
        a.origin = rng.chance(0.15) ? "plugin:themes" : "manual";
        file.annotations.push_back(std::move(a));
    }
    return file;
}

// [SECTION] Measuring

using Clock = std::chrono::steady_clock;
using gloss::bench::bestOf;
using gloss::bench::CpuClock;
using gloss::bench::Timing;

// Value of a "Name:   1234 kB" line of /proc/self/status, in bytes.
size_t procStatusBytes(std::string_view name) {
    std::ifstream status("/proc/self/status");
    std::string line;
    while (std::getline(status, line))
        if (line.starts_with(name) && line.size() > name.size() && line[name.size()] == ':')
            return static_cast<size_t>(std::strtoull(line.c_str() + name.size() + 1, nullptr, 10)) * 1024;
    return 0;
}

// Runs `argv` with its standard output captured; throws when it fails.
std::string runAndCapture(const std::vector<std::string>& args) {
    int pipeFds[2];
    if (::pipe(pipeFds) != 0) throw std::runtime_error("pipe failed");
    const pid_t pid = ::fork();
    if (pid < 0) throw std::runtime_error("fork failed");
    if (pid == 0) {
        ::dup2(pipeFds[1], STDOUT_FILENO);
        ::close(pipeFds[0]);
        ::close(pipeFds[1]);
        std::vector<char*> argv;
        for (const std::string& arg : args) argv.push_back(const_cast<char*>(arg.c_str()));
        argv.push_back(nullptr);
        ::execvp(argv[0], argv.data());
        std::fprintf(stderr, "cannot run %s: %s\n", argv[0], std::strerror(errno));
        ::_exit(127);
    }
    ::close(pipeFds[1]);
    std::string output;
    char buffer[4096];
    for (ssize_t got; (got = ::read(pipeFds[0], buffer, sizeof buffer)) != 0;) {
        if (got < 0) {
            if (errno == EINTR) continue;
            break;
        }
        output.append(buffer, static_cast<size_t>(got));
    }
    ::close(pipeFds[0]);
    int status = 0;
    while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
        throw std::runtime_error(args[0] + " " + (args.size() > 1 ? args[1] : "") + " failed");
    return output;
}

// "key value" lines, as json_peer.py and --measure-load print them.
std::map<std::string, std::string> parsePairs(const std::string& text) {
    std::map<std::string, std::string> pairs;
    std::istringstream lines(text);
    std::string key, value;
    while (lines >> key >> value) pairs[key] = value;
    return pairs;
}

double number(const std::map<std::string, std::string>& pairs, const std::string& key) {
    const auto it = pairs.find(key);
    if (it == pairs.end()) throw std::runtime_error("peer output has no " + key);
    return std::strtod(it->second.c_str(), nullptr);
}

// The child side of the memory figure: a fresh process loads the file once
// and reports its peak resident set before and after.
int measureLoad(const char* path) {
    const size_t baseline = procStatusBytes("VmHWM");
    const ann::AnnotationFile file = core::loadAnnotationFile(path);
    const size_t peak = procStatusBytes("VmHWM");
    std::printf("annotations %zu\nbaseline_bytes %zu\npeak_bytes %zu\n", file.annotations.size(), baseline,
                peak);
    return 0;
}

// [SECTION] Python peer

struct PeerFigures {
    double loadSeconds = 0;
    double dumpSeconds = 0;
    double loadCpuSeconds = 0;
    double dumpCpuSeconds = 0;
    std::string loadAll, dumpAll;
    double memoryGrowth = 0; // bytes
};

PeerFigures runPython(const Options& options, const fs::path& file, const fs::path& out) {
    PeerFigures peer;
    const auto timing = parsePairs(runAndCapture({options.python, options.peerScript, "time", file.string(),
                                                  out.string(), std::to_string(options.repeats)}));
    peer.loadSeconds = number(timing, "load_seconds");
    peer.dumpSeconds = number(timing, "dump_seconds");
    peer.loadCpuSeconds = number(timing, "load_cpu_seconds");
    peer.dumpCpuSeconds = number(timing, "dump_cpu_seconds");
    peer.loadAll = timing.at("load_all");
    peer.dumpAll = timing.at("dump_all");
    const auto memory =
        parsePairs(runAndCapture({options.python, options.peerScript, "memory", file.string()}));
    peer.memoryGrowth = number(memory, "peak_bytes") - number(memory, "baseline_bytes");
    return peer;
}

// [SECTION] Report table

std::string seconds(double s) {
    char text[32];
    std::snprintf(text, sizeof text, "%.3f s", s);
    return text;
}

// Long estimates in minutes or hours, so that they read at a glance.
std::string duration(double s) {
    if (s < 120) return seconds(s);
    char text[32];
    if (s < 7200)
        std::snprintf(text, sizeof text, "~%.0f min", s / 60);
    else
        std::snprintf(text, sizeof text, "~%.1f h", s / 3600);
    return text;
}

std::string multiple(double x, const char* unit = "x") {
    char text[32];
    std::snprintf(text, sizeof text, "%.2f%s", x, unit);
    return text;
}

std::string megabytes(double bytes) {
    char text[32];
    std::snprintf(text, sizeof text, "%.1f MB", bytes / 1e6);
    return text;
}

std::string joinTimes(const std::vector<double>& all) {
    std::string out;
    for (double t : all) {
        char text[32];
        std::snprintf(text, sizeof text, "%s%.3f", out.empty() ? "" : ",", t);
        out += text;
    }
    return out;
}

void row(const std::string& what, const std::string& gloss, const std::string& peer, const std::string& ratio,
         const std::string& target) {
    std::printf("  %-28s %14s %14s %9s   %s\n", what.c_str(), gloss.c_str(), peer.c_str(), ratio.c_str(),
                target.c_str());
}

// Paths the signal handler removes, so that Ctrl-C does not leave a few
// hundred MB behind. Written before the handler is installed, then only read.
std::vector<std::string> gPathsToRemoveOnSignal;

extern "C" void removeAndReraise(int signal) {
    // Only async-signal-safe calls here; the folder's last entry goes last.
    for (const std::string& path : gPathsToRemoveOnSignal)
        if (::unlink(path.c_str()) != 0) ::rmdir(path.c_str());
    ::signal(signal, SIG_DFL);
    ::raise(signal);
}

// A temporary folder, removed when the benchmark ends (unless --keep).
class TempFolder {
  public:
    explicit TempFolder(bool keep) : keep_(keep) {
        std::string pattern = (fs::temp_directory_path() / "gloss-bench-XXXXXX").string();
        if (!::mkdtemp(pattern.data())) throw std::runtime_error("cannot create a temporary folder");
        path_ = pattern;
    }
    TempFolder(const TempFolder&) = delete;
    TempFolder& operator=(const TempFolder&) = delete;
    ~TempFolder() {
        std::error_code error;
        if (keep_)
            std::printf("kept %s\n", path_.c_str());
        else
            fs::remove_all(path_, error);
    }
    const fs::path& path() const { return path_; }

    // Also removes `files` and the folder on SIGINT, SIGTERM and SIGHUP.
    void removeOnSignal(std::initializer_list<fs::path> files) {
        if (keep_) return;
        for (const fs::path& file : files) gPathsToRemoveOnSignal.push_back(file.string());
        gPathsToRemoveOnSignal.push_back(path_.string());
        for (int signal : {SIGINT, SIGTERM, SIGHUP}) std::signal(signal, removeAndReraise);
    }

  private:
    fs::path path_;
    bool keep_;
};

// [SECTION] Main

int run(const Options& options, const char* self) {
    const auto started = Clock::now();
    TempFolder folder(options.keep);
    const fs::path reportPath = folder.path() / "report.txt";
    const fs::path annotationsPath = folder.path() / "report.gloss.json";
    const fs::path savedPath = folder.path() / "saved.gloss.json";
    const fs::path pythonOut = folder.path() / "python-dump.json";
    folder.removeOnSignal({reportPath, annotationsPath, savedPath, pythonOut});

    // Set-up: not timed beyond a progress line.
    std::printf("Generating a %s report and %zu annotations in %s ...\n",
                megabytes(static_cast<double>(options.reportBytes)).c_str(), options.annotationCount,
                folder.path().c_str());
    std::fflush(stdout);
    Rng rng(0x61055'2026ull);
    {
        std::string text = generateReport(options.reportBytes, rng);
        std::ofstream(reportPath, std::ios::binary)
            .write(text.data(), static_cast<std::streamsize>(text.size()));
    }
    const core::Document report = core::loadReport(reportPath, core::Encoding::Utf8);
    const ann::Codebook codebook = core::loadCodebook(core::examplesDirectory() / "codebook.json");
    {
        const ann::AnnotationFile generated =
            generateAnnotations(report, codebook, options.annotationCount, rng);
        core::saveAnnotationFile(annotationsPath, generated);
    }
    const auto fileBytes = static_cast<double>(fs::file_size(annotationsPath));
    size_t nonAscii = 0;
    for (char c : report.utf8()) nonAscii += (static_cast<unsigned char>(c) & 0xC0) == 0xC0;
    std::printf("report: %s, %llu code points, %zu lines, %zu non-ASCII characters\n",
                megabytes(static_cast<double>(report.fileSize())).c_str(),
                static_cast<unsigned long long>(report.codepointCount()), report.lineCount(), nonAscii);
    std::printf("annotation file: %s, %zu annotations (set-up took %.1f s)\n\n", megabytes(fileBytes).c_str(),
                options.annotationCount, std::chrono::duration<double>(Clock::now() - started).count());
    std::fflush(stdout);

    // Gloss: load, save, anchor.
    ann::AnnotationFile loaded;
    const Timing load = bestOf(
        options.repeats, CpuClock::Process, [&] { loaded = core::loadAnnotationFile(annotationsPath); },
        [&] { loaded = ann::AnnotationFile{}; });
    if (loaded.annotations.size() != options.annotationCount || !loaded.problems.empty())
        throw std::runtime_error(
            "the generated file did not load cleanly: " +
            (loaded.problems.empty() ? std::string("wrong count") : loaded.problems.front().text()));
    const Timing save =
        bestOf(options.repeats, CpuClock::Process, [&] { core::saveAnnotationFile(savedPath, loaded); });
    const bool roundTripIdentical = core::readFile(savedPath) == core::readFile(annotationsPath);

    // Anchoring on the report as it was (every annotation holds), and on the
    // report with a paragraph inserted near the start (every one has moved and
    // is searched for by its quote). The second is timed on a sample spread
    // over the file: each search may scan the whole report (see Details).
    std::vector<ann::Annotation> anchored;
    ann::AnchorCounts counts, movedCounts;
    const Timing anchorTime = bestOf(
        options.repeats, CpuClock::Process, [&] { counts = ann::anchorAll(anchored, report); },
        [&] { anchored = loaded.annotations; });
    const core::Document edited = core::Document::fromBytes(
        "A paragraph added after the annotations were made.\n\n" + std::string(report.utf8()));
    const size_t movedSample = std::min<size_t>(20, loaded.annotations.size());
    const Timing movedTime = bestOf(
        1, CpuClock::Process, [&] { movedCounts = ann::anchorAll(anchored, edited); },
        [&] {
            anchored.clear();
            for (size_t i = 0; i < movedSample; ++i)
                anchored.push_back(loaded.annotations[i * loaded.annotations.size() / movedSample]);
        });
    const double movedPerAnnotation = movedTime.best.wall / static_cast<double>(movedSample);
    anchored = {};

    // Where a load's time goes (each step timed on its own).
    const int stepRepeats = std::min(options.repeats, 3);
    std::string text;
    const Timing readStep =
        bestOf(stepRepeats, CpuClock::Process, [&] { text = core::readFile(annotationsPath); });
    const Timing jsonStep =
        bestOf(stepRepeats, CpuClock::Process, [&] { (void)ann::parseBoundedJson(text); });
    const Timing parseStep = bestOf(
        stepRepeats, CpuClock::Process, [&] { loaded = ann::parseAnnotationFile(text); },
        [&] { loaded = ann::AnnotationFile{}; });
    std::string serialized;
    const Timing serializeStep =
        bestOf(stepRepeats, CpuClock::Process, [&] { serialized = ann::serializeAnnotationFile(loaded); });
    text.clear();
    text.shrink_to_fit();
    serialized.clear();
    serialized.shrink_to_fit();

    // Memory: one load in a fresh process of this same binary.
    const auto memory = parsePairs(runAndCapture({self, "--measure-load", annotationsPath.string()}));
    const double glossGrowth = number(memory, "peak_bytes") - number(memory, "baseline_bytes");

    // The peer, on the same file, in one Python process (plus one for memory).
    std::printf("Running the Python peer (%s) ...\n\n", options.python.c_str());
    std::fflush(stdout);
    const PeerFigures peer = runPython(options, annotationsPath, pythonOut);
    std::string pythonText = core::readFile(pythonOut);
    const bool sameBytes = pythonText + "\n" == core::readFile(annotationsPath);
    pythonText.clear();

    std::printf("Best of %d runs (wall time); ratio = Gloss / Python\n\n", options.repeats);
    row("", "Gloss", "Python json", "ratio", "target");
    row("load (read+parse+validate)", seconds(load.best.wall), seconds(peer.loadSeconds),
        multiple(load.best.wall / peer.loadSeconds), "<= 1.0x Python");
    row("save (serialize+write)", seconds(save.best.wall), seconds(peer.dumpSeconds),
        multiple(save.best.wall / peer.dumpSeconds), "<= 1.0x Python");
    row("load peak memory / file", multiple(glossGrowth / fileBytes), multiple(peer.memoryGrowth / fileBytes),
        multiple(glossGrowth / peer.memoryGrowth), "<= 5x the file (Gloss)");
    row("anchor all (report as was)", seconds(anchorTime.best.wall), "-", "-", "(extra; no peer)");
    row("anchor all (text inserted)",
        duration(movedPerAnnotation * static_cast<double>(loaded.annotations.size())), "-", "-",
        "(extra; estimated from a sample)");
    std::printf("\n");
    std::printf("CPU time of the same runs (best of %d), less disturbed by other work on the machine\n\n",
                options.repeats);
    row("load (CPU)", seconds(load.best.cpu), seconds(peer.loadCpuSeconds),
        multiple(load.best.cpu / peer.loadCpuSeconds), "");
    row("save (CPU; no fsync wait)", seconds(save.best.cpu), seconds(peer.dumpCpuSeconds),
        multiple(save.best.cpu / peer.dumpCpuSeconds), "");
    std::printf("\n");
    std::printf("Details\n");
    std::printf("  all runs (s): gloss load %s; save %s; anchor %s\n", joinTimes(load.wallTimes).c_str(),
                joinTimes(save.wallTimes).c_str(), joinTimes(anchorTime.wallTimes).c_str());
    std::printf("                python load %s; dump %s\n", peer.loadAll.c_str(), peer.dumpAll.c_str());
    std::printf("  gloss load steps: readFile %s, parseAnnotationFile %s; for reference, a generic nlohmann\n"
                "    DOM of the same text (parseBoundedJson, as codebooks are read) takes %s\n",
                seconds(readStep.best.wall).c_str(), seconds(parseStep.best.wall).c_str(),
                seconds(jsonStep.best.wall).c_str());
    std::printf("  gloss save steps: serializeAnnotationFile %s; the rest is the atomic write with fsync\n",
                seconds(serializeStep.best.wall).c_str());
    std::printf("  load peak memory growth: gloss %s, python %s (file %s)\n", megabytes(glossGrowth).c_str(),
                megabytes(peer.memoryGrowth).c_str(), megabytes(fileBytes).c_str());
    std::printf("  anchoring, report as was: %zu anchored, %zu moved, %zu orphaned\n", counts.anchored,
                counts.moved, counts.orphaned);
    std::printf(
        "  anchoring, text inserted: a sample of %zu took %s (%.2f ms each): %zu anchored, %zu moved, "
        "%zu orphaned\n",
        movedSample, seconds(movedTime.best.wall).c_str(), movedPerAnnotation * 1e3, movedCounts.anchored,
        movedCounts.moved, movedCounts.orphaned);
    std::printf("  gloss load+save round trip byte-identical: %s\n", roundTripIdentical ? "yes" : "NO");
    std::printf("  python json.dump output identical to the gloss file (but its final newline): %s\n",
                sameBytes ? "yes" : "no");
    std::printf("  total time %.1f s\n", std::chrono::duration<double>(Clock::now() - started).count());
    return 0;
}

} // namespace

int main(int argc, char** argv) {
    try {
        if (argc == 3 && std::string_view(argv[1]) == "--measure-load") return measureLoad(argv[2]);
        return run(parseOptions(argc, argv), "/proc/self/exe");
    } catch (const std::exception& e) {
        std::fprintf(stderr, "gloss_bench_annotation_io: %s\n", e.what());
        return 1;
    }
}
