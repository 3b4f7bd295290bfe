// gloss: the editor (DESIGN §6).

#include "app.hpp"
#include "options.hpp"
#include "window.hpp"

#include <cstdio>

int main(int argc, char** argv) {
    std::string error;
    const auto options = gloss::gui::parseOptions(argc, argv, error);
    if (!options) {
        if (!error.empty()) std::fprintf(stderr, "gloss: %s\n", error.c_str());
        std::fputs(gloss::gui::kUsage, error.empty() ? stdout : stderr);
        return error.empty() ? 0 : 2;
    }
    gloss::gui::App app(*options);
    app.load();
    for (const auto& message : app.messages()) std::fprintf(stderr, "gloss: %s\n", message.c_str());
    return gloss::gui::runWindow(app, *options);
}
