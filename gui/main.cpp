// gloss: the editor (docs/architecture.md).

#include "app.hpp"
#include "platform/crash_marker.hpp"
#include "platform/options.hpp"
#include "platform/window.hpp"

#include <cstdio>
#include <future>

int main(int argc, char** argv) {
    std::string error;
    const auto options = gloss::gui::parseOptions(argc, argv, error);
    if (!options) {
        if (!error.empty()) std::fprintf(stderr, "gloss: %s\n", error.c_str());
        std::fputs(gloss::gui::kUsage, error.empty() ? stdout : stderr);
        return error.empty() ? 0 : 2;
    }
    // A plugin that crashes the editor is named, and left disabled at the next start.
    gloss::gui::recordPluginCrashes();
    gloss::gui::App app(*options);
    // The report is read while the window and its OpenGL context are made.
    std::future<void> loading = std::async(std::launch::async, [&app] { app.load(); });
    return gloss::gui::runWindow(app, *options, [&] {
        loading.get();
        for (const auto& message : app.messages()) std::fprintf(stderr, "gloss: %s\n", message.c_str());
    });
}
