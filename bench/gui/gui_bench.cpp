// Editor benchmark (docs/architecture.md, "Tests and benchmarks"): the `gloss` editor on a generated 100 MB
// report beside the same editor on a 3 KB seed report, measured in the same
// run and printed side by side.
//
// Inputs (generated into a temporary folder removed afterwards): a report of
// prose in paragraphs, a codebook whose themes the themes plugin matches
// about --spans times in it, and --annotations annotations on it; the seed
// report is read where it is, with the same codebook and annotations at the
// same density. Figures:
//   launch  (a) in-process: App construction + load(), the font atlas for the
//           report's characters built on the CPU, and the first App::frame()
//           with ImGui::Render() (no GPU); wall and process CPU time.
//           (b) the real `gloss --screenshot PNG --frames 1` under xvfb-run:
//           spawn to exit, so it includes the GLFW window, the OpenGL context
//           (Mesa's software renderer), the theme matches (a screenshot waits
//           for them), glReadPixels and the PNG written.
//           (c) the real interactive window: spawn to its first frame, the
//           figure the launch target is about.
//   frames  this thread's CPU time in App::frame() + ImGui::Render(), per
//           frame, headless: idle, scrolling by one mouse-wheel notch a frame
//           over the report, and jumping to random bytes (ReportViewState::
//           scrollTo; the asking frame and the showing frame are both timed).
//   memory  VmRSS and VmHWM after load, after scrolling and after jumping,
//           each measured in a fresh process per report, as a multiple of the
//           report's size.
//   idle    the real window's CPU use, left alone (bench/gui/window_bench.py).
// Each report is measured in a child process of its own (this program run
// with --measure), so that neither report's memory shows in the other's.
// Headless, the reports are measured with every plugin of the build tree, as
// gloss loads them (panels included), and the generated one again with only
// the themes plugin: the editor's own cost. A phase whose frames take more
// than --phase-seconds of CPU stops early; the frame counts are printed.
// The benchmark reports the targets and never fails on them.
//
// Index of this file:
// [SECTION] Options
// [SECTION] Child processes
// [SECTION] Inputs
// [SECTION] Table
// [SECTION] Main

#include "bench_inputs.hpp"
#include "gloss/annotations/codebook.hpp"
#include "gloss/core/document.hpp"
#include "gloss/core/file_io.hpp"
#include "gloss/core/files.hpp"
#include "gloss/core/plugin_host.hpp"
#include "headless_editor.hpp"
#include "rng.hpp"

#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <stdexcept>
#include <string>
#include <string_view>
#include <sys/wait.h>
#include <unistd.h>
#include <vector>

namespace fs = std::filesystem;
namespace core = gloss::core;
using gloss::bench::EditorFigures;
using gloss::bench::EditorRun;
using Figures = std::map<std::string, double>;

namespace {

// [SECTION] Options

struct Options {
    fs::path seed = GLOSS_BENCH_SEED_REPORT;
    size_t reportBytes = 100'000'000;
    size_t spans = 1'000'000;
    size_t annotations = 100'000;
    EditorRun run; // frame counts and the plugin folder; files per report
    std::string gloss = GLOSS_BENCH_GLOSS;
    std::string windowScript = GLOSS_BENCH_WINDOW_SCRIPT;
    std::string python = "python3";
    int screenshotRepeats = 3;
    double idleSeconds = 10;
    bool window = true;
    bool keep = false;
    bool measure = false; // child mode: measure run.report and print figures
};

[[noreturn]] void usage(const std::string& message) {
    std::fprintf(
        stderr,
        "gloss_bench_gui: %s\n"
        "usage: gloss_bench_gui [--seed REPORT] [--report-mb MB] [--spans N] [--annotations N]\n"
        "                       [--scroll-frames N] [--jumps N] [--idle-frames N] [--phase-seconds S]\n"
        "                       [--plugin-dir DIR] [--gloss EXE] [--window-script PY] [--python EXE]\n"
        "                       [--screenshot-repeats N] [--idle-seconds S] [--no-window] [--keep]\n"
        "       gloss_bench_gui --measure REPORT CODEBOOK ANNOTATIONS [frame and plugin options]\n",
        message.c_str());
    std::exit(2);
}

size_t count(const std::string& text) {
    char* end = nullptr;
    const unsigned long long value = std::strtoull(text.c_str(), &end, 10);
    if (text.empty() || *end) usage("expected a whole number, found '" + text + "'");
    return static_cast<size_t>(value);
}

Options parseOptions(int argc, char** argv) {
    Options options;
    options.run.pluginDir = GLOSS_BENCH_PLUGIN_DIR;
    for (int i = 1; i < argc; ++i) {
        const std::string_view arg = argv[i];
        auto value = [&]() -> std::string {
            if (i + 1 >= argc) usage("missing value after " + std::string(arg));
            return argv[++i];
        };
        if (arg == "--seed")
            options.seed = value();
        else if (arg == "--report-mb")
            options.reportBytes = static_cast<size_t>(std::atof(value().c_str()) * 1e6);
        else if (arg == "--spans")
            options.spans = count(value());
        else if (arg == "--annotations")
            options.annotations = count(value());
        else if (arg == "--scroll-frames")
            options.run.scrollFrames = count(value());
        else if (arg == "--jumps")
            options.run.jumps = count(value());
        else if (arg == "--idle-frames")
            options.run.idleFrames = count(value());
        else if (arg == "--phase-seconds")
            options.run.phaseSeconds = std::atof(value().c_str());
        else if (arg == "--plugin-dir")
            options.run.pluginDir = value();
        else if (arg == "--gloss")
            options.gloss = value();
        else if (arg == "--window-script")
            options.windowScript = value();
        else if (arg == "--python")
            options.python = value();
        else if (arg == "--screenshot-repeats")
            options.screenshotRepeats = static_cast<int>(std::max<size_t>(1, count(value())));
        else if (arg == "--idle-seconds")
            options.idleSeconds = std::atof(value().c_str());
        else if (arg == "--no-window")
            options.window = false;
        else if (arg == "--keep")
            options.keep = true;
        else if (arg == "--measure") {
            options.measure = true;
            options.run.report = value();
            options.run.codebook = value();
            options.run.annotations = value();
        } else
            usage("unknown option " + std::string(arg));
    }
    if (options.reportBytes < 100'000) usage("--report-mb must be at least 0.1");
    if (options.spans == 0 || options.annotations == 0) usage("--spans and --annotations must be at least 1");
    return options;
}

// [SECTION] Child processes

std::string quoted(const std::string& word) {
    std::string out = "'";
    for (char c : word) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return out + "'";
}

std::string commandLine(const std::vector<std::string>& words) {
    std::string line;
    for (const std::string& word : words) {
        if (!line.empty()) line += ' ';
        line += quoted(word);
    }
    return line;
}

// Runs `words` through the shell; its stdout's `KEY VALUE` lines become
// figures, its `message TEXT` lines messages. Its stderr passes through.
EditorFigures runChild(const std::vector<std::string>& words) {
    const std::string line = commandLine(words);
    FILE* pipe = ::popen(line.c_str(), "r");
    if (!pipe) throw std::runtime_error("cannot run " + line);
    EditorFigures figures;
    char buffer[4096];
    while (std::fgets(buffer, sizeof buffer, pipe)) {
        std::string_view text = buffer;
        while (!text.empty() && text.back() == '\n') text.remove_suffix(1);
        const size_t space = text.find(' ');
        if (space == std::string_view::npos) continue;
        const std::string key(text.substr(0, space));
        const std::string value(text.substr(space + 1));
        if (key == "message")
            figures.messages.push_back(value);
        else
            figures.values[key] = std::strtod(value.c_str(), nullptr);
    }
    const int status = ::pclose(pipe);
    if (status == -1 || !WIFEXITED(status) || WEXITSTATUS(status) != 0)
        throw std::runtime_error("failed (status " + std::to_string(status) + "): " + line);
    return figures;
}

int measureChild(const Options& options) {
    const EditorFigures figures = gloss::bench::measureEditor(options.run);
    for (const auto& [key, value] : figures.values) std::printf("%s %.9g\n", key.c_str(), value);
    for (const std::string& message : figures.messages) std::printf("message %s\n", message.c_str());
    return 0;
}

// [SECTION] Inputs

struct Case {
    std::string name;
    fs::path report, codebook, annotations;
    fs::path pluginDir;
    bool window = true; // also timed as the real window (which loads every built plugin)
    size_t bytes = 0;
    size_t annotationCount = 0;
    size_t spans = 0; // what the themes plugin finds with the codebook
};

EditorFigures measureInChild(const Options& options, const Case& c) {
    const std::string self = fs::read_symlink("/proc/self/exe").string();
    return runChild({self, "--measure", c.report.string(), c.codebook.string(), c.annotations.string(),
                     "--plugin-dir", c.pluginDir.string(), "--scroll-frames",
                     std::to_string(options.run.scrollFrames), "--jumps", std::to_string(options.run.jumps),
                     "--idle-frames", std::to_string(options.run.idleFrames), "--phase-seconds",
                     std::to_string(options.run.phaseSeconds)});
}

class TempFolder {
  public:
    explicit TempFolder(bool keep) : keep_(keep) {
        std::string pattern = (fs::temp_directory_path() / "gloss-bench-gui-XXXXXX").string();
        if (!::mkdtemp(pattern.data())) throw std::runtime_error("cannot create a temporary folder");
        path_ = pattern;
    }
    ~TempFolder() {
        std::error_code ignored;
        if (!keep_) fs::remove_all(path_, ignored);
    }
    const fs::path& path() const { return path_; }

  private:
    fs::path path_;
    bool keep_;
};

size_t themeSpans(const fs::path& pluginDir, const core::Document& document,
                  const std::string& codebookJson) {
    core::PluginHost host;
    host.loadFolders({pluginDir});
    return host.highlight("themes", document, codebookJson).spans.size();
}

// The generated report and its files, then the seed's annotations beside
// them; both with every built plugin (as gloss runs), and the generated
// report once more with only the themes plugin: the editor's own cost.
std::vector<Case> makeInputs(const Options& options, const fs::path& folder, const fs::path& seed) {
    using gloss::bench::Rng;
    Rng rng(0x6755'1b0c);
    const gloss::annotations::Codebook codebook = gloss::bench::makeBenchCodebook();
    const std::string codebookJson = gloss::annotations::codebookToJson(codebook).dump(2) + "\n";
    const fs::path codebookPath = folder / "codebook.json";
    core::writeFileAtomically(codebookPath, codebookJson);

    Case big{"generated", folder / "report.txt", codebookPath, folder / "report.gloss.json",
             options.run.pluginDir};
    core::writeFileAtomically(big.report, gloss::bench::makeBenchReport(
                                              options.reportBytes, options.reportBytes / options.spans, rng));
    Case small{"seed", seed, codebookPath, folder / "seed.gloss.json", options.run.pluginDir};
    for (Case* c : {&small, &big}) {
        const core::Document document = core::loadReport(c->report, core::Encoding::Utf8);
        c->bytes = document.utf8().size();
        // The same density of annotations as the generated report, at least one.
        c->annotationCount = c == &big
                                 ? options.annotations
                                 : std::max<size_t>(1, c->bytes * options.annotations / options.reportBytes);
        gloss::bench::writeBenchAnnotations(c->annotations, document, codebook, c->annotationCount, rng);
        c->spans = themeSpans(options.run.pluginDir, document, codebookJson);
    }
    const fs::path themesOnly = folder / "themes-only-plugins";
    fs::create_directory(themesOnly);
    const fs::path themes = options.run.pluginDir / ("themes" GLOSS_PLUGIN_SUFFIX);
    fs::create_symlink(themes, themesOnly / themes.filename());
    Case editorOnly = big;
    editorOnly.name = "gen, themes only";
    editorOnly.pluginDir = themesOnly;
    editorOnly.window = false;
    return {small, big, editorOnly};
}

// [SECTION] Table

std::string format(const Figures& figures, const std::string& key, double scale, const char* unit,
                   int decimals) {
    const auto found = figures.find(key);
    if (found == figures.end()) return "-";
    char text[64];
    std::snprintf(text, sizeof text, "%.*f%s", decimals, found->second * scale, unit);
    return text;
}

double get(const Figures& figures, const std::string& key) {
    const auto found = figures.find(key);
    return found == figures.end() ? NAN : found->second;
}

class Table {
  public:
    Table(const std::vector<Case>& cases, std::vector<Figures> figures)
        : cases_(cases), figures_(std::move(figures)) {}

    void heading(const char* text) { std::printf("\n%s\n", text); }
    // A row: the same figure of each case, the ratio generated / seed, and
    // the target with met or MISSED for each generated-report column.
    void row(const char* label, const std::string& key, double scale, const char* unit, int decimals,
             const char* target = nullptr, double limit = 0) {
        std::printf("  %-46s", label);
        for (const Figures& figures : figures_)
            std::printf(" %16s", format(figures, key, scale, unit, decimals).c_str());
        const double seed = get(figures_[0], key), big = get(figures_[1], key);
        // Multiples of each report's own size are compared with the target, not each other.
        if (seed > 0 && big >= 0 && std::string_view(unit) != "x")
            std::printf(" %9.1fx", big / seed);
        else
            std::printf(" %10s", "");
        if (target) {
            std::printf("   %s:", target);
            for (size_t i = 1; i < figures_.size(); ++i) {
                const double value = get(figures_[i], key);
                if (!std::isnan(value)) std::printf(" %s", value * scale <= limit ? "met" : "MISSED");
            }
        }
        std::printf("\n");
    }
    void header() {
        std::printf("  %-46s", "");
        for (const Case& c : cases_) std::printf(" %16s", c.name.c_str());
        std::printf(" %10s   %s\n", "gen/seed", "target: generated column(s)");
    }

  private:
    const std::vector<Case>& cases_;
    std::vector<Figures> figures_;
};

// Memory figures as multiples of the report's size, added to the figures.
void addMultiples(Figures& figures, size_t bytes) {
    const double start = get(figures, "start.rss_kb");
    for (const char* phase : {"loaded", "first_frame", "scrolled", "jumped"}) {
        const std::string name = phase;
        for (const char* field : {".rss_kb", ".hwm_kb"})
            figures[name + field + ".x"] = get(figures, name + field) * 1024 / static_cast<double>(bytes);
        figures[name + ".growth.x"] =
            (get(figures, name + ".rss_kb") - start) * 1024 / static_cast<double>(bytes);
    }
}

void printTable(const std::vector<Case>& cases, std::vector<Figures> figures, bool window) {
    for (size_t i = 0; i < cases.size(); ++i) addMultiples(figures[i], cases[i].bytes);
    Table table(cases, std::move(figures));
    table.heading("1. Launch to first frame (seconds)");
    table.header();
    table.row("(a) in-process: App() + load()  wall", "load.wall", 1, " s", 3);
    table.row("                                 cpu", "load.cpu", 1, " s", 3);
    table.row("    font atlas (glyph ranges + bake)  wall", "fonts.wall", 1, " s", 3);
    table.row("                                       cpu", "fonts.cpu", 1, " s", 3);
    table.row("    first frame() + Render()  wall", "first_frame.wall", 1, " s", 3);
    table.row("                              cpu", "first_frame.cpu", 1, " s", 3);
    table.row("    launch to first frame  wall", "launch.wall", 1, " s", 3, "<= 1 s", 1);
    table.row("                           cpu (process)", "launch.cpu", 1, " s", 3);
    if (window) {
        table.row("(b) gloss --screenshot --frames 1  wall", "screenshot.wall", 1, " s", 3);
        table.row("    (themes + PNG incl.; best of N)  cpu", "screenshot.cpu", 1, " s", 3);
        table.row("(c) interactive gloss: spawn to 1st frame", "window.first_frame", 1, " s", 3, "<= 1 s", 1);
    }
    table.heading("2. CPU per frame, App::frame() + ImGui::Render(), this thread (ms)");
    table.header();
    for (const auto& [phase, label] : std::vector<std::pair<std::string, std::string>>{
             {"idle", "idle (no input)"},
             {"scroll", "scrolling (1 wheel notch a frame)"},
             {"jump", "jumping (random scrollTo, 2 frames each)"}}) {
        const bool target = phase != "idle";
        table.row((label + "  p50").c_str(), phase + ".p50", 1e3, "", 3);
        table.row("  p99", phase + ".p99", 1e3, "", 3, target ? "p99 <= 4 ms" : nullptr, 4);
        table.row("  max", phase + ".max", 1e3, "", 3);
        table.row("  frames", phase + ".frames", 1, "", 0);
    }
    table.row("bytes scrolled past (turning at the ends)", "scroll.bytes", 1, "", 0);
    table.row("jumps that landed on screen", "jump.landed", 1, "", 0);
    table.heading("3. Resident memory (MB, and x the report's size)");
    table.header();
    table.row("before load (libraries only)  VmRSS", "start.rss_kb", 1.0 / 1024, "", 1);
    for (const auto& [phase, label] :
         std::vector<std::pair<std::string, std::string>>{{"loaded", "after load()"},
                                                          {"first_frame", "after the first frame"},
                                                          {"scrolled", "after the scroll run"},
                                                          {"jumped", "after the jump run"}}) {
        table.row((label + "  VmRSS").c_str(), phase + ".rss_kb", 1.0 / 1024, "", 1);
        table.row("  VmRSS / report", phase + ".rss_kb.x", 1, "x", 2, "<= 3x", 3);
        table.row("  VmHWM / report", phase + ".hwm_kb.x", 1, "x", 2, "<= 3x", 3);
        table.row("  (VmRSS - before load) / report", phase + ".growth.x", 1, "x", 2);
    }
    if (window) {
        table.heading("4. Idle CPU of the real window under Xvfb (% of one core)");
        table.header();
        table.row("utime + stime over the idle period", "idle.percent", 1, " %", 2, "<= 1 %", 1);
    }
    std::fflush(stdout);
}

// [SECTION] Main

fs::path resolveSeed(const Options& options) {
    std::error_code error;
    if (fs::is_regular_file(options.seed, error)) return options.seed;
    const fs::path fallback = core::examplesDirectory() / "sample-report.txt";
    std::printf("note: the seed report %s is not there; the baseline is %s instead\n", options.seed.c_str(),
                fallback.c_str());
    return fallback;
}

int run(const Options& options) {
    const auto started = std::chrono::steady_clock::now();
    const fs::path seed = resolveSeed(options);
    TempFolder folder(options.keep);
    // The editors measured read and write their settings, recent files and
    // recovery journal here, and find no plugins the user installed: the
    // user's own are neither used nor changed.
    for (const char* variable : {"XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME"}) {
        const fs::path home = folder.path() / "home" / variable;
        fs::create_directories(home);
        ::setenv(variable, home.c_str(), 1);
    }
    // A named coder, so that no first-start question covers the report.
    ::setenv("GLOSS_AUTHOR", "bench", 1);
    std::printf("Generating a %.0f MB report, its codebook and %zu annotations in %s ...\n",
                static_cast<double>(options.reportBytes) / 1e6, options.annotations, folder.path().c_str());
    std::fflush(stdout);
    const std::vector<Case> cases = makeInputs(options, folder.path(), seed);
    for (const Case& c : cases)
        std::printf("  %-9s %s: %zu bytes, %zu annotations, %zu theme spans\n", c.name.c_str(),
                    c.report.c_str(), c.bytes, c.annotationCount, c.spans);
    std::printf(
        "  plugins   every one in %s (as gloss loads them); '%s': only themes\n  set-up took %.1f s\n",
        options.run.pluginDir.c_str(), cases.back().name.c_str(),
        std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count());
    std::fflush(stdout);

    std::vector<Figures> figures;
    for (const Case& c : cases) {
        std::printf("Measuring the editor headless on %s ...\n", c.name.c_str());
        std::fflush(stdout);
        EditorFigures measured = measureInChild(options, c);
        for (const std::string& message : measured.messages)
            std::printf("  editor message: %s\n", message.c_str());
        figures.push_back(std::move(measured.values));
    }
    const bool window = options.window && std::system("command -v xvfb-run >/dev/null") == 0;
    if (options.window && !window)
        std::printf("note: xvfb-run is not installed (Debian package xvfb); the real window is not timed\n");
    if (window) {
        std::printf("Timing the real gloss window under xvfb-run ...\n");
        std::fflush(stdout);
        std::vector<std::string> words = {"xvfb-run",
                                          "-a",
                                          "-s",
                                          "-screen 0 1400x900x24",
                                          options.python,
                                          options.windowScript,
                                          "--gloss",
                                          options.gloss,
                                          "--repeats",
                                          std::to_string(options.screenshotRepeats),
                                          "--idle-seconds",
                                          std::to_string(options.idleSeconds)};
        for (const Case& c : cases)
            if (c.window)
                words.insert(words.end(), {"--case", c.name, c.report.string(), c.codebook.string(),
                                           c.annotations.string()});
        const EditorFigures timed = runChild(words);
        for (size_t i = 0; i < cases.size(); ++i)
            for (const auto& [key, value] : timed.values)
                if (key.starts_with(cases[i].name + "."))
                    figures[i][key.substr(cases[i].name.size() + 1)] = value;
    }
    printTable(cases, std::move(figures), window);
    std::printf("\n(total %.0f s)\n",
                std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count());
    return 0;
}

} // namespace

int main(int argc, char** argv) {
    try {
        const Options options = parseOptions(argc, argv);
        return options.measure ? measureChild(options) : run(options);
    } catch (const std::exception& e) {
        std::fprintf(stderr, "gloss_bench_gui: %s\n", e.what());
        return 1;
    }
}
