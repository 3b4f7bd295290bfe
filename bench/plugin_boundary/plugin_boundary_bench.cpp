// Plugin boundary benchmark (docs/architecture.md, "Tests and benchmarks").
//
// The cost of emitting spans through the plugin boundary. In one run:
//   host    the bench_spans plugin, loaded by core::PluginHost, emits N spans
//           with gloss::plugin::SpanWriter (default batch, 1024);
//           PluginHost::highlight validates each one (range, code-point
//           boundaries, tag) and collects it into a HighlightResult;
//   vector  the same generator (span_pattern.hpp), in-process, pushes the same
//           spans as core::Span (start, end, tag index) into a std::vector.
// Neither side reserves: the host's collector grows result.spans by
// push_back, and so does the baseline. Each time is the best of N runs of
// the whole call (the host's includes finding the plugin and locking it);
// freeing the spans is outside both. Both are measured twice: with fresh
// pages (glibc's default, every run's vectors are new memory) and with
// reused pages (the heap keeps freed memory). The figure is the ratio
// host / vector (target <= 3x), the larger of the two; the benchmark reports
// it and fails only when a span is dropped or the two sides disagree. The
// same plugin with a batch of 1 (one boundary crossing per span) is reported
// as extra information.
//
// Index of this file:
// [SECTION] Options
// [SECTION] Document text
// [SECTION] Measuring
// [SECTION] Main

#include "gloss/core/document.hpp"
#include "gloss/core/plugin_host.hpp"
#include "harness.hpp"
#include "rng.hpp"
#include "span_pattern.hpp"

#include <algorithm>
#include <array>
#include <climits>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <malloc.h>
#include <string>
#include <string_view>
#include <vector>

namespace core = gloss::core;

namespace {

// [SECTION] Options

struct Options {
    int repeats = 5;
    uint64_t spans = 10'000'000;
    size_t documentBytes = 64u << 20; // 64 MiB
    std::string plugin = GLOSS_BENCH_SPANS_PLUGIN;
};

Options parseOptions(int argc, char** argv) {
    gloss::bench::CommandLine commandLine(
        argc, argv, "gloss_bench_plugin_boundary",
        "usage: gloss_bench_plugin_boundary [--repeats N] [--spans N] [--document-mib MIB]\n"
        "                                   [--plugin PATH]\n");
    Options options;
    while (commandLine.next()) {
        if (commandLine.is("--repeats"))
            options.repeats = std::max(1, commandLine.wholeNumber<int>());
        else if (commandLine.is("--spans"))
            options.spans = commandLine.wholeNumber<uint64_t>();
        else if (commandLine.is("--document-mib"))
            options.documentBytes = static_cast<size_t>(commandLine.number() * (1 << 20));
        else if (commandLine.is("--plugin"))
            options.plugin = commandLine.value();
        else
            commandLine.unknownOption();
    }
    if (options.spans == 0) commandLine.usage("--spans must be at least 1");
    if (options.documentBytes < 4096) commandLine.usage("--document-mib must be at least 0.004");
    return options;
}

// [SECTION] Document text
// Lines of words, about one character in nine multi-byte (2, 3 and 4 bytes),
// so that many span ends land inside a character and are moved to the next
// boundary; the generator (bench/support/rng.hpp) keeps it the same everywhere.

using gloss::bench::Rng;

constexpr std::array<std::string_view, 24> kWords = {
    "the",    "board",      "staff",   "reported", "that",     "café",     "naïve",  "Zürich",
    "Straße", "leadership", "review",  "—",        "“quoted”", "trust’s",  "日本語", "équipe",
    "résumé", "🙂",       "culture", "of",       "and",      "Ångström", "señora", "recommendation",
};

std::string makeText(size_t bytes) {
    std::string text;
    text.reserve(bytes + 64);
    Rng rng(20240607);
    size_t lineLength = 0;
    while (text.size() < bytes) {
        const std::string_view word = kWords[rng.below(kWords.size())];
        text.append(word);
        lineLength += word.size() + 1;
        if (lineLength > 72) {
            text.push_back('\n');
            lineLength = 0;
        } else {
            text.push_back(' ');
        }
    }
    return text;
}

// [SECTION] Measuring
// Each run is timed twice: by the wall clock and by the thread's CPU clock
// (user + system time of this thread only). Other processes on a busy machine
// inflate the first, hardly the second; both are reported, and the ratio uses
// CPU time.

using gloss::bench::CpuClock;
using gloss::bench::Stopwatch;
using gloss::bench::Times;

std::string settingsFor(uint64_t spans, size_t batch) {
    return "{\"spans\": " + std::to_string(spans) + ", \"batch\": " + std::to_string(batch) + "}";
}

// A host with the plugin loaded, its writer set to `batch` (0: the SDK default).
struct LoadedHost {
    LoadedHost(const Options& options, size_t batch) : host(makeOptions(options, batch)) {
        if (!host.loadFile(options.plugin)) {
            const auto refusals = host.refusals();
            std::fprintf(stderr, "gloss_bench_plugin_boundary: %s was refused: %s\n", options.plugin.c_str(),
                         refusals.empty() ? "?" : refusals.back().reason.c_str());
            std::exit(1);
        }
    }
    static core::PluginHost::Options makeOptions(const Options& options, size_t batch) {
        core::PluginHost::Options hostOptions;
        hostOptions.settingsJson["bench-spans"] = settingsFor(options.spans, batch);
        return hostOptions;
    }
    core::PluginHost host;
};

// The host's result holds the vector's spans, with tags given by name.
bool sameSpans(const core::HighlightResult& result, const std::vector<core::Span>& spans) {
    if (result.spans.size() != spans.size()) return false;
    std::vector<uint32_t> hostTagOf(gloss::bench::kSpanTags.size(), UINT32_MAX);
    for (size_t i = 0; i < result.tags.size(); ++i)
        for (size_t t = 0; t < gloss::bench::kSpanTags.size(); ++t)
            if (result.tags[i] == gloss::bench::kSpanTags[t]) hostTagOf[t] = static_cast<uint32_t>(i);
    for (size_t i = 0; i < spans.size(); ++i) {
        const core::Span& a = result.spans[i];
        const core::Span& b = spans[i];
        if (a.start != b.start || a.end != b.end || a.tag != hostTagOf[b.tag]) return false;
    }
    return true;
}

struct Round {
    Times host, vector, single; // batched host, in-process vector, host with a batch of 1
    size_t dropped = 0, singleDropped = 0;
    bool identical = true;
};

// Best of `repeats` runs of each side, interleaved so that a slow spell of the
// machine hits both. Results are freed outside the timing.
Round measure(const Options& options, const core::Document& document, LoadedHost& batched,
              LoadedHost& single) {
    Round round;
    for (int r = 0; r < options.repeats; ++r) {
        {
            const Stopwatch watch(CpuClock::Thread);
            const core::HighlightResult result = batched.host.highlight("bench-spans", document, "{}");
            round.host.keepBest(watch.elapsed());

            const Stopwatch vectorWatch(CpuClock::Thread);
            std::vector<core::Span> spans;
            gloss::bench::forEachSpan(document.utf8(), options.spans,
                                      [&](uint64_t start, uint64_t end, uint32_t tag) {
                                          spans.push_back({start, end, tag});
                                          return true;
                                      });
            round.vector.keepBest(vectorWatch.elapsed());

            round.dropped = std::max(round.dropped, result.dropped);
            round.identical = round.identical && spans.size() == options.spans && sameSpans(result, spans);
        }
        {
            const Stopwatch watch(CpuClock::Thread);
            const core::HighlightResult result = single.host.highlight("bench-spans", document, "{}");
            round.single.keepBest(watch.elapsed());
            round.singleDropped = std::max(round.singleDropped, result.dropped);
            round.identical = round.identical && result.spans.size() == options.spans;
        }
    }
    return round;
}

double nsPerSpan(double seconds, uint64_t spans) {
    return seconds * 1e9 / static_cast<double>(spans);
}

void printRound(const char* title, const Round& round, uint64_t spans) {
    auto row = [&](const char* what, const Times& times) {
        std::printf("  %-42s %10.2f %10.2f %10.1f\n", what, nsPerSpan(times.cpu, spans),
                    nsPerSpan(times.wall, spans), times.wall * 1e3);
    };
    std::printf("\n%s\n  %-42s %10s %10s %10s\n", title, "", "cpu ns", "wall ns", "wall ms");
    row("through the host (SpanWriter default batch)", round.host);
    row("into a std::vector, in-process", round.vector);
    std::printf("  %-42s %10.2f x  (cpu; wall %.2f x)  target <= 3x\n", "ratio host / vector",
                round.host.cpu / round.vector.cpu, round.host.wall / round.vector.wall);
    std::printf("  %-42s %10zu\n", "dropped spans (must be 0)", round.dropped);
    row("extra: host, batch 1 (a crossing per span)", round.single);
    std::printf("  %-42s %10.2f x  (cpu; wall %.2f x)\n", "ratio host batch 1 / vector",
                round.single.cpu / round.vector.cpu, round.single.wall / round.vector.wall);
    std::printf("  %-42s %10zu\n", "dropped spans, batch 1", round.singleDropped);
    std::fflush(stdout);
}

// [SECTION] Main

int run(const Options& options) {
    std::printf("plugin boundary benchmark: %llu spans, best of %d\n",
                static_cast<unsigned long long>(options.spans), options.repeats);
    std::printf("  plugin   %s\n", options.plugin.c_str());
    const auto document =
        core::Document::fromBytes(makeText(options.documentBytes), core::Encoding::Utf8, "bench.txt");
    const std::string_view text = document.utf8();
    const auto ascii = static_cast<uint64_t>(
        std::count_if(text.begin(), text.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; }));
    std::printf("  document %.1f MiB, %llu code points, %llu of them multi-byte\n",
                static_cast<double>(text.size()) / (1 << 20),
                static_cast<unsigned long long>(document.codepointCount()),
                static_cast<unsigned long long>(document.codepointCount() - ascii));
    std::fflush(stdout);

    LoadedHost batched(options, 0);
    LoadedHost single(options, 1);

    // Fresh pages: glibc maps each large vector anew, so every run also pays
    // the kernel for the pages it touches, as the first highlight of a
    // process does. On a VM these faults can dominate both sides.
    const Round fresh = measure(options, document, batched, single);
    printRound("fresh pages (each run's vectors are new memory from the kernel)", fresh, options.spans);

    // Reused pages: the heap keeps freed memory (no mmap, no trimming), so
    // after one warm-up round the runs measure the work, not page faults.
    ::mallopt(M_MMAP_MAX, 0);
    ::mallopt(M_TRIM_THRESHOLD, INT_MAX);
    Options warmUp = options;
    warmUp.repeats = 1;
    (void)measure(warmUp, document, batched, single);
    const Round reused = measure(options, document, batched, single);
    printRound("reused pages (freed memory stays in the heap; warmed up once)", reused, options.spans);

    const double figure = std::max(fresh.host.cpu / fresh.vector.cpu, reused.host.cpu / reused.vector.cpu);
    const bool identical = fresh.identical && reused.identical;
    const size_t dropped = fresh.dropped + fresh.singleDropped + reused.dropped + reused.singleDropped;
    std::printf("\nratio host / vector: %.2f x (the larger of the two; target <= 3x)\n", figure);
    std::printf("dropped spans: %zu; spans identical on both sides: %s\n", dropped, identical ? "yes" : "NO");
    return dropped == 0 && identical ? 0 : 1;
}

} // namespace

int main(int argc, char** argv) {
    try {
        return run(parseOptions(argc, argv));
    } catch (const std::exception& e) {
        std::fprintf(stderr, "gloss_bench_plugin_boundary: %s\n", e.what());
        return 1;
    }
}
