#pragma once

#include "app.hpp"
#include "platform/options.hpp"

#include <functional>

namespace gloss::gui {

// Opens the GLFW window with an OpenGL 3.3 core context, runs the
// event-driven loop until the window closes (or, with --screenshot, until the
// picture is written) and returns the exit code. `finishLoading` returns once
// App::load() is done; it is called after the window is made, before the
// fonts, which need the report's characters.
int runWindow(App& app, const Options& options, const std::function<void()>& finishLoading);

} // namespace gloss::gui
