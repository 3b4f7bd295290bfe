// Merge benchmark (docs/sharing.md): gloss-cli merge beside git merge-file.
//
// Generates, deterministically and in a temporary folder removed afterwards,
// an annotation file of 100,000 annotations (BASE) and two descendants: OURS
// and THEIRS each change 10% of the annotations (a note or the tags), delete
// 0.5% and add 1%. Where both changed one annotation, half the time they
// made the same change (kept once) and half the time different ones (a
// conflict): about 500 conflicts. The three files are written as Gloss
// writes them. Then, in the same run, each a child process:
//   gloss  gloss-cli merge BASE OURS THEIRS -o OUT (read, check, merge, write)
//   git    git merge-file SCRATCH BASE THEIRS, SCRATCH a fresh copy of OURS
//          (git's line merge of the same three texts, result written in place)
// Times are wall clock, best of N; memory is the child's peak resident set
// (wait4's ru_maxrss), the largest of the N. A spawned child's ru_maxrss
// starts from its parent's (the kernel keeps the high-water mark across
// exec), so the children are started by a small process forked before the
// files are generated, and a child that does nothing (/bin/true) shows the
// floor that remains. The figures are the ratios
// Gloss / git. Gloss's own steps (parse the three, merge, serialize) are
// timed in this process too, without a peer. Nothing fails on a ratio; the
// benchmark fails when gloss-cli's exit code or conflict count is not the one
// the generator planned.
//
// Index of this file:
// [SECTION] Options
// [SECTION] Files
// [SECTION] Children
// [SECTION] Main

#include "gloss/annotations/annotation_file.hpp"
#include "gloss/annotations/merge.hpp"
#include "gloss/core/file_io.hpp"
#include "harness.hpp"
#include "rng.hpp"

#include <algorithm>
#include <array>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fcntl.h>
#include <filesystem>
#include <spawn.h>
#include <string>
#include <string_view>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>
#include <vector>

extern char** environ;

namespace fs = std::filesystem;
namespace ann = gloss::annotations;
using gloss::bench::bestOf;
using gloss::bench::CpuClock;
using gloss::bench::Rng;

namespace {

// [SECTION] Options

struct Options {
    int repeats = 3;
    size_t annotations = 100'000;
    std::string git = "/usr/bin/git";
    std::string cli = GLOSS_BENCH_CLI;
    bool keep = false;
};

Options parseOptions(int argc, char** argv) {
    gloss::bench::CommandLine commandLine(
        argc, argv, "gloss_bench_merge",
        "usage: gloss_bench_merge [--repeats N] [--annotations N] [--git EXE] [--cli GLOSS_CLI] [--keep]\n");
    Options options;
    while (commandLine.next()) {
        if (commandLine.is("--repeats"))
            options.repeats = std::max(1, commandLine.wholeNumber<int>());
        else if (commandLine.is("--annotations"))
            options.annotations = commandLine.wholeNumber<size_t>();
        else if (commandLine.is("--git"))
            options.git = commandLine.value();
        else if (commandLine.is("--cli"))
            options.cli = commandLine.value();
        else if (commandLine.is("--keep"))
            options.keep = true;
        else
            commandLine.unknownOption();
    }
    if (options.annotations < 100) commandLine.usage("--annotations must be at least 100");
    return options;
}

// [SECTION] Files
// The report itself is never opened by a merge, so the files describe a
// report of kReportCodepoints ASCII code points drawn from a small
// vocabulary; each quote, prefix and suffix is a slice of that text.

constexpr uint64_t kReportCodepoints = 20'000'000;
constexpr std::array<std::string_view, 12> kTags = {
    "discrimination",   "speaking-up", "representation",  "senior-representation",
    "accountability",   "pay-gap",     "data-monitoring", "belonging",
    "flexible-working", "disability",  "networks",        "recruitment"};
constexpr std::array<std::string_view, 16> kWords = {
    "the ",   "board ", "staff ",   "reported ", "that ",    "concerns ", "were ",   "not ",
    "acted ", "upon ",  "leaders ", "equality ", "network ", "data ",     "review ", "across "};
constexpr std::array<std::string_view, 5> kCoders = {"Aoife Ní Bhriain", "Tomasz Wójcik", "Priya Raman",
                                                     "Kwame Mensah", "Léa Moreau"};

std::string reportText(Rng& rng) {
    std::string text;
    text.reserve(kReportCodepoints + 16);
    while (text.size() < kReportCodepoints) text += rng.pick(kWords);
    text.resize(kReportCodepoints);
    return text;
}

std::string uuid(Rng& rng) {
    char text[37];
    const uint64_t high = rng.next(), low = rng.next();
    std::snprintf(text, sizeof text, "%08x-%04x-4%03x-%04x-%012llx", static_cast<unsigned>(high >> 32),
                  static_cast<unsigned>((high >> 16) & 0xFFFF), static_cast<unsigned>(high & 0xFFF),
                  static_cast<unsigned>(0x8000 | ((low >> 48) & 0x3FFF)),
                  static_cast<unsigned long long>(low & 0xFFFFFFFFFFFFull));
    return text;
}

std::string sentence(Rng& rng) {
    std::string note;
    for (size_t i = 0, words = rng.between(6, 20); i < words; ++i) note += rng.pick(kWords);
    note.back() = '.';
    return note;
}

std::vector<std::string> someTags(Rng& rng) {
    std::vector<std::string> tags;
    const size_t count = rng.chance(0.7) ? 1 : rng.between(2, 3);
    while (tags.size() < count) {
        std::string tag(rng.pick(kTags));
        if (std::find(tags.begin(), tags.end(), tag) == tags.end()) tags.push_back(std::move(tag));
    }
    return tags;
}

ann::Annotation newAnnotation(const std::string& text, Rng& rng) {
    ann::Annotation a;
    a.id = uuid(rng);
    a.start = rng.below(kReportCodepoints - 400) + 32;
    a.end = a.start + rng.between(5, 300);
    a.quote = text.substr(a.start, a.end - a.start);
    a.prefix = text.substr(a.start - 32, 32);
    a.suffix = text.substr(a.end, 32);
    a.tags = someTags(rng);
    if (rng.chance(0.3)) a.note = sentence(rng);
    a.author = rng.pick(kCoders);
    a.created = a.modified = "2026-03-14T09:26:53Z";
    return a;
}

// One side's edit of an annotation: a new note, or new tags.
void edit(ann::Annotation& a, Rng& rng) {
    if (rng.chance(0.5))
        a.note = sentence(rng);
    else
        a.tags = someTags(rng);
    a.modified = "2026-04-01T12:00:00Z";
}

struct Generated {
    ann::AnnotationFile base, ours, theirs;
    size_t plannedConflicts = 0;
};

Generated generate(size_t count) {
    Rng rng(20260314);
    const std::string text = reportText(rng);
    Generated g;
    g.base.report.name = "report.txt";
    g.base.report.sha256 = std::string(64, '7');
    g.base.report.codepoints = kReportCodepoints;
    gloss::annotations::Codebook codebook;
    for (const auto tag : kTags) {
        gloss::annotations::Tag entry;
        entry.id = entry.label = tag;
        entry.color = "#1f77b4";
        codebook.tags.push_back(std::move(entry));
    }
    g.base.codebook = std::move(codebook);
    for (size_t i = 0; i < count; ++i) g.base.annotations.push_back(newAnnotation(text, rng));
    g.ours = g.theirs = g.base;
    g.ours.annotations.clear();
    g.theirs.annotations.clear();

    for (const ann::Annotation& original : g.base.annotations) {
        ann::Annotation ours = original, theirs = original;
        const bool oursEdits = rng.chance(0.10), theirsEdits = rng.chance(0.10);
        if (oursEdits) edit(ours, rng);
        if (theirsEdits) {
            if (oursEdits && rng.chance(0.5))
                theirs = ours; // the same change on both sides
            else
                edit(theirs, rng);
        }
        if (oursEdits && theirsEdits && !(ours == theirs)) ++g.plannedConflicts;
        // Deletions only of annotations the other side left alone: no conflict.
        const bool oursDeletes = !oursEdits && !theirsEdits && rng.chance(0.005);
        const bool theirsDeletes = !oursEdits && !theirsEdits && !oursDeletes && rng.chance(0.005);
        if (!oursDeletes) g.ours.annotations.push_back(std::move(ours));
        if (!theirsDeletes) g.theirs.annotations.push_back(std::move(theirs));
    }
    for (size_t i = 0; i < count / 100; ++i) g.ours.annotations.push_back(newAnnotation(text, rng));
    for (size_t i = 0; i < count / 100; ++i) g.theirs.annotations.push_back(newAnnotation(text, rng));
    return g;
}

// [SECTION] Children

struct ChildRun {
    double seconds = 0;
    long maxRssKiB = 0;
    int exitCode = -1;
};

// Runs `argv` with stdout and stderr to /dev/null; wall time from spawn to
// reaped, peak memory from wait4's rusage of this child alone.
ChildRun runChild(const std::vector<std::string>& argv) {
    std::vector<char*> args;
    for (const std::string& arg : argv) args.push_back(const_cast<char*>(arg.c_str()));
    args.push_back(nullptr);
    posix_spawn_file_actions_t actions;
    ::posix_spawn_file_actions_init(&actions);
    ::posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, "/dev/null", O_WRONLY, 0);
    ::posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, "/dev/null", O_WRONLY, 0);
    ChildRun run;
    const auto start = std::chrono::steady_clock::now();
    pid_t child = 0;
    const int spawned = ::posix_spawn(&child, args[0], &actions, nullptr, args.data(), environ);
    ::posix_spawn_file_actions_destroy(&actions);
    if (spawned != 0) {
        std::fprintf(stderr, "gloss_bench_merge: cannot run %s\n", args[0]);
        std::exit(2);
    }
    int status = 0;
    rusage usage{};
    while (::wait4(child, &status, 0, &usage) < 0 && errno == EINTR) {
    }
    run.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    run.maxRssKiB = usage.ru_maxrss;
    run.exitCode = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    return run;
}

// The best time and the largest peak memory of `repeats` runs; `before`
// runs untimed ahead of each.
template <typename Before>
ChildRun measure(int repeats, const std::vector<std::string>& argv, Before before) {
    ChildRun best;
    best.seconds = 1e300;
    for (int i = 0; i < repeats; ++i) {
        before();
        const ChildRun run = runChild(argv);
        best.seconds = std::min(best.seconds, run.seconds);
        best.maxRssKiB = std::max(best.maxRssKiB, run.maxRssKiB);
        best.exitCode = run.exitCode;
    }
    return best;
}

// The children are measured by a process forked at start-up, while this
// one is still small: it waits for the files, runs the children and sends
// back their figures.
struct Figures {
    ChildRun floor, gloss, git;
};

class Measurer {
  public:
    Measurer(const Options& options, const fs::path& dir) {
        int toChild[2], toParent[2];
        if (::pipe(toChild) != 0 || ::pipe(toParent) != 0) {
            std::perror("gloss_bench_merge: pipe");
            std::exit(2);
        }
        pid_ = ::fork();
        if (pid_ < 0) {
            std::perror("gloss_bench_merge: fork");
            std::exit(2);
        }
        if (pid_ == 0) {
            ::close(toChild[1]);
            ::close(toParent[0]);
            char go = 0;
            if (::read(toChild[0], &go, 1) != 1) ::_exit(1);
            const Figures figures = measureAll(options, dir);
            const bool sent = ::write(toParent[1], &figures, sizeof figures) == sizeof figures;
            ::_exit(sent ? 0 : 1);
        }
        ::close(toChild[0]);
        ::close(toParent[1]);
        goFd_ = toChild[1];
        resultFd_ = toParent[0];
    }

    Figures run() {
        Figures figures;
        const char go = 1;
        if (::write(goFd_, &go, 1) != 1 || ::read(resultFd_, &figures, sizeof figures) != sizeof figures) {
            std::fprintf(stderr, "gloss_bench_merge: the measuring process failed\n");
            std::exit(2);
        }
        ::waitpid(pid_, nullptr, 0);
        return figures;
    }

  private:
    static Figures measureAll(const Options& options, const fs::path& dir) {
        const std::string base = dir / "base.json", ours = dir / "ours.json", theirs = dir / "theirs.json",
                          out = dir / "out.json", scratch = dir / "scratch.json";
        Figures figures;
        figures.floor = measure(options.repeats, {"/bin/true"}, [] {});
        figures.gloss =
            measure(options.repeats, {options.cli, "merge", base, ours, theirs, "-o", out}, [] {});
        figures.git = measure(options.repeats, {options.git, "merge-file", scratch, base, theirs},
                              [&] { fs::copy_file(ours, scratch, fs::copy_options::overwrite_existing); });
        return figures;
    }

    pid_t pid_ = -1;
    int goFd_ = -1, resultFd_ = -1;
};

// [SECTION] Main

fs::path makeTempDir() {
    std::string pattern = (fs::temp_directory_path() / "gloss-merge-bench-XXXXXX").string();
    if (!::mkdtemp(pattern.data())) {
        std::perror("gloss_bench_merge: mkdtemp");
        std::exit(2);
    }
    return pattern;
}

} // namespace

int main(int argc, char** argv) {
    const Options options = parseOptions(argc, argv);
    const fs::path dir = makeTempDir();
    Measurer measurer(options, dir);
    const Generated g = generate(options.annotations);
    const fs::path base = dir / "base.json", ours = dir / "ours.json", theirs = dir / "theirs.json";
    std::vector<std::string> texts = {ann::serializeAnnotationFile(g.base),
                                      ann::serializeAnnotationFile(g.ours),
                                      ann::serializeAnnotationFile(g.theirs)};
    gloss::core::writeFileAtomically(base, texts[0]);
    gloss::core::writeFileAtomically(ours, texts[1]);
    gloss::core::writeFileAtomically(theirs, texts[2]);
    std::printf(
        "merge benchmark: %zu annotations in BASE (%.1f MB), OURS %zu (%.1f MB), THEIRS %zu (%.1f MB)\n",
        g.base.annotations.size(), static_cast<double>(texts[0].size()) / 1e6, g.ours.annotations.size(),
        static_cast<double>(texts[1].size()) / 1e6, g.theirs.annotations.size(),
        static_cast<double>(texts[2].size()) / 1e6);
    std::printf(
        "planned: 10%% changed on each side, %zu changed differently on both (conflicts); best of %d\n\n",
        g.plannedConflicts, options.repeats);

    const auto [floor, gloss, git] = measurer.run();

    // Gloss's steps in this process: what the child's time is made of.
    const auto bestSeconds = [&](const auto& step) {
        return bestOf(options.repeats, CpuClock::Process, step).best.wall;
    };
    ann::AnnotationFile parsed[3];
    const double parseSeconds = bestSeconds([&] {
        for (int i = 0; i < 3; ++i) parsed[i] = ann::parseAnnotationFile(texts[static_cast<size_t>(i)]);
    });
    ann::MergeResult result;
    const double mergeSeconds =
        bestSeconds([&] { result = ann::mergeAnnotationFiles(parsed[0], parsed[1], parsed[2]); });
    std::string merged;
    const double writeSeconds = bestSeconds([&] { merged = ann::serializeAnnotationFile(result.file); });

    std::printf("%-44s %10s %12s\n", "", "time (s)", "peak RSS (MB)");
    std::printf("%-44s %10.3f %12.1f\n", "gloss-cli merge (read 3, merge, write)", gloss.seconds,
                static_cast<double>(gloss.maxRssKiB) / 1024.0);
    std::printf("%-44s %10.3f %12.1f\n", "git merge-file (line merge of the texts)", git.seconds,
                static_cast<double>(git.maxRssKiB) / 1024.0);
    std::printf("%-44s %10.3f %12.1f\n", "floor: /bin/true from the same parent", floor.seconds,
                static_cast<double>(floor.maxRssKiB) / 1024.0);
    std::printf("%-44s %9.2fx %11.2fx\n", "ratio gloss / git", gloss.seconds / git.seconds,
                static_cast<double>(gloss.maxRssKiB) / static_cast<double>(git.maxRssKiB));
    std::printf("\nin this process: parse the three %.3f s, merge %.3f s, serialize %.3f s\n", parseSeconds,
                mergeSeconds, writeSeconds);
    std::printf("conflicts: gloss %zu (exit %d), git merge-file %d conflicting hunks (its exit code; "
                "capped at 127)\n",
                result.conflicts.size(), gloss.exitCode, git.exitCode);

    const bool asPlanned =
        gloss.exitCode == (g.plannedConflicts ? 1 : 0) && result.conflicts.size() == g.plannedConflicts;
    if (!asPlanned) std::fprintf(stderr, "gloss_bench_merge: the merge did not find the planned conflicts\n");
    if (options.keep)
        std::printf("files kept in %s\n", dir.c_str());
    else
        fs::remove_all(dir);
    return asPlanned ? 0 : 1;
}
