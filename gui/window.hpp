#pragma once

#include "app.hpp"
#include "options.hpp"

namespace gloss::gui {

// Opens the GLFW window with an OpenGL 3.3 core context, runs the
// event-driven loop until the window closes (or, with --screenshot, until the
// picture is written) and returns the exit code.
int runWindow(App& app, const Options& options);

} // namespace gloss::gui
