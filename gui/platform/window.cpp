// The window and its loop: GLFW, glad, the ImGui backends, fonts, HiDPI, and
// the framebuffer read back for --screenshot.

#include "platform/window.hpp"

#include "platform/fonts.hpp"
#include "platform/glyph_texture.hpp"
#include "platform/key_queue.hpp"

#include <glad/gl.h>
// glad first: it provides the GL declarations GLFW would otherwise include.
#include <GLFW/glfw3.h>
#include <backends/imgui_impl_glfw.h>
#include <backends/imgui_impl_opengl3.h>
#include <cmath>
#include <cstdio>
#include <stb_image_write.h>
#include <vector>

namespace gloss::gui {

namespace {

// Set by any input callback: the loop then draws a few frames, else it waits.
bool gActivity = true;

// Keys and characters wait here until their frame (key_queue.hpp).
KeyQueue gKeys;

void onKey(GLFWwindow*, int key, int, int action, int) {
    gActivity = true;
    gKeys.push({KeyEvent::Kind::Key, key, action, 0});
}

void onChar(GLFWwindow*, unsigned character) {
    gActivity = true;
    gKeys.push({KeyEvent::Kind::Character, 0, 0, character});
}
void onMouseButton(GLFWwindow*, int, int, int) {
    gActivity = true;
}
void onCursor(GLFWwindow*, double, double) {
    gActivity = true;
}
void onScroll(GLFWwindow*, double, double) {
    gActivity = true;
}
void onSize(GLFWwindow*, int, int) {
    gActivity = true;
}
void onFocus(GLFWwindow*, int) {
    gActivity = true;
}

// The close button asks the editor first: unsaved changes get a question.
void onClose(GLFWwindow* window) {
    App& app = *static_cast<App*>(glfwGetWindowUserPointer(window));
    if (!app.dirty()) return;
    glfwSetWindowShouldClose(window, GLFW_FALSE);
    app.requestClose();
    gActivity = true;
}

void onDrop(GLFWwindow* window, int count, const char** paths) {
    std::vector<std::filesystem::path> dropped(paths, paths + count);
    static_cast<App*>(glfwGetWindowUserPointer(window))->openDropped(dropped);
    gActivity = true;
}

// The atlas keeps pointers to `ranges` and into `fonts` until it is built:
// the caller owns them. The glyphs are those of the report and of what the
// sidebar shows beside it: code labels, notes, authors.
void buildFonts(ImGuiIO& io, const App& app, float scale, std::vector<ImWchar>& ranges, LoadedFonts& fonts) {
    io.Fonts->Clear();
    std::string labels;
    for (const annotations::Tag& tag : app.codebook().tags) labels += tag.label + tag.description;
    for (const annotations::Annotation& annotation : app.annotationSet().all())
        labels += annotation.note + annotation.author;
    ranges = glyphRangesFor(app.document() ? app.document()->utf8() : std::string_view(), labels);
    fonts = loadFonts(*io.Fonts, std::round(app.settings().fontSize * scale), ranges);
}

bool writeScreenshot(const std::filesystem::path& path, int width, int height) {
    std::vector<unsigned char> pixels(static_cast<size_t>(width) * static_cast<size_t>(height) * 4);
    glPixelStorei(GL_PACK_ALIGNMENT, 1);
    glReadBuffer(GL_BACK);
    glReadPixels(0, 0, width, height, GL_RGBA, GL_UNSIGNED_BYTE, pixels.data());
    for (size_t i = 3; i < pixels.size(); i += 4) pixels[i] = 255;
    stbi_flip_vertically_on_write(1);
    return stbi_write_png(path.c_str(), width, height, 4, pixels.data(), width * 4) != 0;
}

} // namespace

int runWindow(App& app, const Options& options, const std::function<void()>& finishLoading) {
    glfwSetErrorCallback(
        [](int code, const char* text) { std::fprintf(stderr, "gloss: GLFW error %d: %s\n", code, text); });
    if (!glfwInit()) {
        std::fprintf(stderr, "gloss: cannot open a window (no display?)\n");
        return 1;
    }
    glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
    glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 3);
    glfwWindowHint(GLFW_OPENGL_PROFILE, GLFW_OPENGL_CORE_PROFILE);
    glfwWindowHint(GLFW_OPENGL_FORWARD_COMPAT, GLFW_TRUE);
    glfwWindowHint(GLFW_SCALE_TO_MONITOR, GLFW_TRUE);
    // GLFW scales the size by the monitor's content scale. --size is taken
    // as asked; the kept size is fitted to this screen.
    WindowSize size{options.width, options.height};
    if (options.width <= 0) {
        int workX = 0, workY = 0, workWidth = 0, workHeight = 0;
        float scale = 1, unusedScaleY = 1;
        if (GLFWmonitor* monitor = glfwGetPrimaryMonitor()) {
            glfwGetMonitorWorkarea(monitor, &workX, &workY, &workWidth, &workHeight);
            glfwGetMonitorContentScale(monitor, &scale, &unusedScaleY);
        }
        size = fitWindowToScreen({app.settings().windowWidth, app.settings().windowHeight}, workWidth,
                                 workHeight, scale);
    }
    // The title names the report once it is loaded; the loop keeps it current.
    GLFWwindow* window = glfwCreateWindow(size.width, size.height, "Gloss", nullptr, nullptr);
    if (!window) {
        std::fprintf(stderr, "gloss: cannot create an OpenGL 3.3 window\n");
        glfwTerminate();
        return 1;
    }
    glfwMakeContextCurrent(window);
    glfwSwapInterval(options.screenshot.empty() ? 1 : 0);
    if (!gladLoadGL(glfwGetProcAddress)) {
        std::fprintf(stderr, "gloss: cannot load OpenGL 3.3 functions\n");
        glfwDestroyWindow(window);
        glfwTerminate();
        return 1;
    }

    // Ours first: ImGui's backend chains to the callbacks it finds installed.
    glfwSetMouseButtonCallback(window, onMouseButton);
    glfwSetCursorPosCallback(window, onCursor);
    glfwSetScrollCallback(window, onScroll);
    glfwSetWindowSizeCallback(window, onSize);
    glfwSetWindowFocusCallback(window, onFocus);
    glfwSetWindowUserPointer(window, &app);
    glfwSetWindowCloseCallback(window, onClose);
    glfwSetDropCallback(window, onDrop);

    IMGUI_CHECKVERSION();
    ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;
    ImGui::StyleColorsLight();
    float xscale = 1, yscale = 1;
    glfwGetWindowContentScale(window, &xscale, &yscale);
    const float scale = std::max(1.0f, yscale);
    ImGui::GetStyle().ScaleAllSizes(scale);
    finishLoading();
    std::vector<ImWchar> ranges;
    LoadedFonts fonts;
    buildFonts(io, app, scale, ranges, fonts);
    app.takeFontsChanged();

    ImGui_ImplGlfw_InitForOpenGL(window, true);
    ImGui_ImplOpenGL3_Init("#version 330 core");
    createGlyphTexture();
    // Keys and characters go through the queue instead of the backend's callbacks.
    glfwSetKeyCallback(window, onKey);
    glfwSetCharCallback(window, onChar);

    int framesLeft = options.frames;
    int busyFrames = 3;
    int exitCode = 0;
    std::string title = "Gloss";
    while (!glfwWindowShouldClose(window) && !app.quitRequested()) {
        // Idle: sleep until input arrives, or until the editor has something
        // timed to do. ImGui needs a couple of frames after an event to
        // settle (hover, key release), so a few more are drawn.
        if (busyFrames > 0 || !options.screenshot.empty())
            glfwPollEvents();
        else if (const double wait = app.idleWait(); wait >= 0)
            glfwWaitEventsTimeout(wait);
        else
            glfwWaitEvents();
        gKeys.deliver(io, io.WantTextInput);
        if (app.takeFontsChanged()) {
            // Another report may need other scripts' glyphs.
            buildFonts(io, app, scale, ranges, fonts);
            ImGui_ImplOpenGL3_DestroyFontsTexture();
            ImGui_ImplOpenGL3_CreateFontsTexture();
        }
        if (gActivity) {
            busyFrames = 3;
            gActivity = false;
        }
        ImGui_ImplOpenGL3_NewFrame();
        ImGui_ImplGlfw_NewFrame();
        ImGui::NewFrame();
        app.frame();
        ImGui::Render();
        updateGlyphTexture(); // the glyphs this frame added to the report's atlas
        int width = 0, height = 0;
        glfwGetFramebufferSize(window, &width, &height);
        glViewport(0, 0, width, height);
        glClearColor(0.94f, 0.94f, 0.94f, 1.0f);
        glClear(GL_COLOR_BUFFER_BIT);
        ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
        // A screenshot shows the finished picture: frames count once work on
        // workers (theme matches) is in.
        if (!options.screenshot.empty() && !app.working() && --framesLeft <= 0) {
            if (!writeScreenshot(options.screenshot, width, height)) {
                std::fprintf(stderr, "gloss: cannot write %s\n", options.screenshot.c_str());
                exitCode = 1;
            }
            break;
        }
        glfwSwapBuffers(window);
        if (const std::string now = app.title(); now != title) {
            title = now;
            glfwSetWindowTitle(window, title.c_str());
        }
        busyFrames = app.busy() || io.MouseDown[0] || gKeys.pending() ? 3 : busyFrames - 1;
    }
    if (options.screenshot.empty()) {
        int width = 0, height = 0;
        glfwGetWindowSize(window, &width, &height);
        app.rememberWindowSize(static_cast<int>(std::lround(static_cast<float>(width) / scale)),
                               static_cast<int>(std::lround(static_cast<float>(height) / scale)));
    }
    destroyGlyphTexture();
    ImGui_ImplOpenGL3_Shutdown();
    ImGui_ImplGlfw_Shutdown();
    ImGui::DestroyContext();
    glfwDestroyWindow(window);
    glfwTerminate();
    return exitCode;
}

} // namespace gloss::gui
