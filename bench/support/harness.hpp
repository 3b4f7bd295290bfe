#pragma once

// What every benchmark does around its own measurements: read its command
// line, and time repeated runs by the wall clock with a CPU clock beside it.
//
// Index of this file:
// [SECTION] Command line
// [SECTION] Timing

#include <algorithm>
#include <charconv>
#include <chrono>
#include <cmath>
#include <concepts>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <functional>
#include <limits>
#include <string>
#include <string_view>
#include <sys/resource.h>
#include <system_error>
#include <vector>

namespace gloss::bench {

// [SECTION] Command line
// Options are `--name VALUE` or a flag `--name`. A mistake prints one line that
// names it, then the benchmark's synopsis, and exits with 2, so that a typo is
// never measured with a default in its place and scripts tell it from a failed
// run (1).

class CommandLine {
  public:
    // `synopsis`: the usage lines printed under a mistake, each ending in "\n".
    CommandLine(int argc, char** argv, const char* program, const char* synopsis)
        : argc_(argc), argv_(argv), program_(program), synopsis_(synopsis) {}

    // Moves to the next option; false after the last.
    bool next() { return ++at_ < argc_; }

    // Whether the current option is `name`.
    bool is(std::string_view name) const { return name == argv_[at_]; }

    // The word after the current option, which it consumes.
    std::string value() {
        if (at_ + 1 >= argc_) usage("missing value after " + std::string(argv_[at_]));
        return argv_[++at_];
    }

    // The value as a count of type T: digits only, so that "12x", "-3", "abc"
    // and a number past T's range are refused, not read as 12, a huge size, 0
    // or whatever the conversion wraps to.
    template <std::integral T>
    T wholeNumber() {
        const std::string option = argv_[at_];
        const std::string text = value();
        unsigned long long parsed = 0;
        const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), parsed);
        if (error != std::errc() || end != text.data() + text.size() ||
            parsed > static_cast<unsigned long long>(std::numeric_limits<T>::max()))
            usage(option + " takes a whole number, not '" + text + "'");
        return static_cast<T>(parsed);
    }

    // The value as a decimal number ("0.5", "2e3"); every such option is a size
    // or a time, so a negative or non-finite one is refused too.
    double number() {
        const std::string option = argv_[at_];
        const std::string text = value();
        double parsed = 0;
        const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), parsed);
        if (error != std::errc() || end != text.data() + text.size() || !std::isfinite(parsed) || parsed < 0)
            usage(option + " takes a number of 0 or more, not '" + text + "'");
        return parsed;
    }

    [[noreturn]] void unknownOption() const { usage("unknown option " + std::string(argv_[at_])); }

    [[noreturn]] void usage(const std::string& message) const {
        std::fprintf(stderr, "%s: %s\n%s", program_, message.c_str(), synopsis_);
        std::exit(2);
    }

  private:
    int argc_;
    char** argv_;
    int at_ = 0; // argv_[0] is the program
    const char* program_;
    const char* synopsis_;
};

// [SECTION] Timing
// Each run is timed by the wall clock, the figure, and by a CPU clock, which
// other work on a busy machine inflates far less. Which CPU clock depends on
// where the measured work runs.

enum class CpuClock {
    Thread,             // this thread only: the work runs on the calling thread
    Process,            // every thread of this process
    ProcessAndChildren, // and the child processes waited for: the work runs commands
};

// User plus system time in `usage`.
inline double cpuSeconds(const rusage& usage) {
    return static_cast<double>(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) +
           static_cast<double>(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) * 1e-6;
}

inline double cpuSeconds(CpuClock clock) {
    if (clock == CpuClock::ProcessAndChildren) {
        double total = 0;
        for (const int who : {RUSAGE_SELF, RUSAGE_CHILDREN}) {
            rusage usage{};
            ::getrusage(who, &usage);
            total += cpuSeconds(usage);
        }
        return total;
    }
    timespec now{};
    ::clock_gettime(clock == CpuClock::Thread ? CLOCK_THREAD_CPUTIME_ID : CLOCK_PROCESS_CPUTIME_ID, &now);
    return static_cast<double>(now.tv_sec) + static_cast<double>(now.tv_nsec) * 1e-9;
}

// Seconds of one run, or the best of several: each figure the least of its
// kind, so the two may come from different runs. They start above any run so
// that the first one kept is the best so far.
struct Times {
    double wall = 1e300;
    double cpu = 1e300;
    void keepBest(const Times& run) {
        wall = std::min(wall, run.wall);
        cpu = std::min(cpu, run.cpu);
    }
};

class Stopwatch {
  public:
    explicit Stopwatch(CpuClock clock)
        : clock_(clock), wall_(std::chrono::steady_clock::now()), cpu_(cpuSeconds(clock)) {}
    Times elapsed() const {
        return {std::chrono::duration<double>(std::chrono::steady_clock::now() - wall_).count(),
                cpuSeconds(clock_) - cpu_};
    }

  private:
    CpuClock clock_;
    std::chrono::steady_clock::time_point wall_;
    double cpu_;
};

struct Timing {
    Times best;
    std::vector<double> wallTimes; // every run's, in order: the spread behind the best
};

// `repeats` runs of `run`, each after an untimed `prepare` (to copy or free
// what the previous run used or left).
inline Timing bestOf(int repeats, CpuClock clock, const std::function<void()>& run,
                     const std::function<void()>& prepare = {}) {
    Timing timing;
    for (int i = 0; i < repeats; ++i) {
        if (prepare) prepare();
        const Stopwatch watch(clock);
        run();
        const Times times = watch.elapsed();
        timing.best.keepBest(times);
        timing.wallTimes.push_back(times.wall);
    }
    return timing;
}

} // namespace gloss::bench
