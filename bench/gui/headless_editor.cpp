// The editor's App in headless ImGui frames, timed (see headless_editor.hpp).

#include "headless_editor.hpp"

#include "app.hpp"
#include "platform/fonts.hpp"
#include "rng.hpp"

#include <algorithm>
#include <cfloat>
#include <chrono>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <fstream>
#include <imgui.h>
#include <string_view>

namespace gloss::bench {

namespace {

double clockSeconds(clockid_t clock) {
    timespec now{};
    ::clock_gettime(clock, &now);
    return static_cast<double>(now.tv_sec) + static_cast<double>(now.tv_nsec) * 1e-9;
}

double wallSeconds() {
    return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

// Wall and process CPU time since construction: loading may use threads.
class Stopwatch {
  public:
    void record(EditorFigures& figures, const std::string& name) const {
        figures.values[name + ".wall"] = wallSeconds() - wall_;
        figures.values[name + ".cpu"] = clockSeconds(CLOCK_PROCESS_CPUTIME_ID) - cpu_;
    }

  private:
    double wall_ = wallSeconds();
    double cpu_ = clockSeconds(CLOCK_PROCESS_CPUTIME_ID);
};

// VmRSS and VmHWM of this process, in kB, as `name`.rss and `name`.hwm.
void recordMemory(EditorFigures& figures, const std::string& name) {
    std::ifstream status("/proc/self/status");
    std::string line;
    while (std::getline(status, line)) {
        for (const char* field : {"VmRSS:", "VmHWM:"}) {
            if (!line.starts_with(field)) continue;
            const std::string key = name + (field[2] == 'R' ? ".rss_kb" : ".hwm_kb");
            figures.values[key] = std::strtod(line.c_str() + std::strlen(field), nullptr);
        }
    }
}

// p50, p99 and max of per-frame CPU times, as `name`.p50 etc.
void recordFrames(EditorFigures& figures, const std::string& name, std::vector<double> seconds) {
    if (seconds.empty()) return;
    std::sort(seconds.begin(), seconds.end());
    const auto rank = [&](double p) {
        const auto index = static_cast<size_t>(std::ceil(p * static_cast<double>(seconds.size()))) - 1;
        return seconds[std::min(index, seconds.size() - 1)];
    };
    figures.values[name + ".p50"] = rank(0.50);
    figures.values[name + ".p99"] = rank(0.99);
    figures.values[name + ".max"] = seconds.back();
    figures.values[name + ".frames"] = static_cast<double>(seconds.size());
}

double sum(const std::vector<double>& seconds) {
    double total = 0;
    for (double s : seconds) total += s;
    return total;
}

// One frame as window.cpp draws it, without the GL part; returns this
// thread's CPU time spent in App::frame() + ImGui::Render().
double frame(gui::App& app) {
    ImGui::NewFrame();
    const double start = clockSeconds(CLOCK_THREAD_CPUTIME_ID);
    app.frame();
    ImGui::Render();
    return clockSeconds(CLOCK_THREAD_CPUTIME_ID) - start;
}

// The last code-point boundary at or before `byte`.
size_t codepointStart(std::string_view text, size_t byte) {
    while (byte > 0 && (static_cast<unsigned char>(text[byte]) & 0xC0) == 0x80) --byte;
    return byte;
}

} // namespace

EditorFigures measureEditor(const EditorRun& run) {
    EditorFigures figures;
    recordMemory(figures, "start");

    // Launch, in window.cpp's order: the App loads, then the context and the
    // fonts for the report's characters are made, then the first frame.
    const Stopwatch launch;
    gui::Options options;
    options.report = run.report;
    options.codebook = run.codebook;
    options.annotations = run.annotations;
    options.pluginDirs = {run.pluginDir};
    gui::App app(options);
    app.load();
    launch.record(figures, "load");
    recordMemory(figures, "loaded");
    const Stopwatch fonts;
    ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;
    io.DisplaySize = ImVec2(1280, 800); // the default window
    io.DeltaTime = 1.0f / 60;
    ImGui::StyleColorsLight();
    const std::vector<ImWchar> ranges = gui::glyphRangesFor(app.document() ? app.document()->utf8() : "");
    const gui::LoadedFonts loaded = gui::loadFonts(*io.Fonts, 16, ranges);
    unsigned char* pixels = nullptr;
    int width = 0, height = 0;
    io.Fonts->GetTexDataAsRGBA32(&pixels, &width, &height);
    fonts.record(figures, "fonts");
    const Stopwatch first;
    frame(app);
    first.record(figures, "first_frame");
    launch.record(figures, "launch");
    recordMemory(figures, "first_frame");
    figures.messages = app.messages();
    if (!app.document()) {
        ImGui::DestroyContext();
        return figures;
    }
    const std::string_view text = app.document()->utf8();
    figures.values["report.bytes"] = static_cast<double>(text.size());
    figures.values["annotations.loaded"] = static_cast<double>(app.annotationSet().size());

    // Idle: no input at all, the mouse outside the window.
    io.MousePos = ImVec2(-FLT_MAX, -FLT_MAX);
    for (int i = 0; i < 3; ++i) frame(app); // focus and layout settle
    std::vector<double> times;
    for (size_t i = 0; i < run.idleFrames && sum(times) < run.phaseSeconds; ++i) times.push_back(frame(app));
    recordFrames(figures, "idle", std::move(times));

    // Scrolling: one wheel notch per frame (ImGui scrolls 5 lines of text)
    // with the mouse over the report, turning round at either end.
    const gui::ReportViewState& view = app.view();
    io.MousePos = ImVec2(view.viewOrigin.x + 200, view.viewOrigin.y + 200);
    float wheel = -1; // down
    size_t bytesScrolled = 0;
    size_t turns = 0;
    times.clear();
    for (size_t i = 0; i < run.scrollFrames && sum(times) < run.phaseSeconds; ++i) {
        const size_t before = view.firstVisibleByte;
        io.MouseWheel = wheel;
        times.push_back(frame(app));
        const size_t after = view.firstVisibleByte;
        bytesScrolled += after > before ? after - before : before - after;
        if ((wheel < 0 && view.lastVisibleByte >= text.size()) || (wheel > 0 && after == 0)) {
            wheel = -wheel;
            ++turns;
        }
    }
    io.MouseWheel = 0;
    recordFrames(figures, "scroll", std::move(times));
    figures.values["scroll.bytes"] = static_cast<double>(bytesScrolled);
    figures.values["scroll.turns"] = static_cast<double>(turns);
    recordMemory(figures, "scrolled");

    // Jumping: scrollTo a random byte; the frame that asks and the frame that
    // shows it are both timed. A jump lands when the byte is on screen.
    io.MousePos = ImVec2(-FLT_MAX, -FLT_MAX);
    Rng rng(run.seed);
    size_t landed = 0;
    times.clear();
    for (size_t i = 0; i < run.jumps && sum(times) < run.phaseSeconds; ++i) {
        const size_t target = codepointStart(text, rng.below(text.size()));
        app.view().scrollTo = target;
        times.push_back(frame(app));
        times.push_back(frame(app));
        landed += view.firstVisibleByte <= target && target <= view.lastVisibleByte;
    }
    recordFrames(figures, "jump", std::move(times));
    figures.values["jump.landed"] = static_cast<double>(landed);
    recordMemory(figures, "jumped");

    ImGui::DestroyContext();
    return figures;
}

} // namespace gloss::bench
