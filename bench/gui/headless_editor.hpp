#pragma once

// The editor's App driven headless: a Dear ImGui context with a font atlas
// built on the CPU and no GPU, fed input through ImGuiIO, timed frame by frame.

#include <cstddef>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

namespace gloss::bench {

struct EditorRun {
    std::filesystem::path report;
    std::filesystem::path codebook;
    std::filesystem::path annotations;
    std::filesystem::path pluginDir;
    size_t idleFrames = 300;
    size_t scrollFrames = 2000;
    size_t jumps = 1000;
    // A phase (idle, scroll, jump) stops early once its frames have taken
    // this much CPU time, so a slow editor still finishes; the figures say
    // how many frames were measured.
    double phaseSeconds = 120;
    uint64_t seed = 1;
};

// Figures by name (seconds, kilobytes, counts), and the App's messages.
struct EditorFigures {
    std::map<std::string, double> values;
    std::vector<std::string> messages;
};

// Launches the App on the run's files in this process and measures: launch
// (App + load(), font atlas, first frame), frames while idle, while scrolling
// with the mouse wheel over the report and while jumping to random bytes
// (this thread's CPU time around App::frame() + ImGui::Render()), and
// VmRSS/VmHWM after each phase. Call it in a fresh process: the memory
// figures are the process's.
EditorFigures measureEditor(const EditorRun& run);

} // namespace gloss::bench
