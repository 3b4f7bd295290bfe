#include "gloss/core/plugin_crash.hpp"

#include <algorithm>
#include <csignal>
#include <cstring>
#include <unistd.h>

namespace gloss::core {

namespace {

// "PLUGIN\0WHAT\0", or empty. Thread-local in the executable's static TLS,
// which a signal handler on the same thread may read.
thread_local char running[kPluginCallMarkBytes] = {};

FatalSignalReport installedReport = nullptr;

const char* signalName(int signal) {
    switch (signal) {
    case SIGSEGV:
        return "SIGSEGV";
    case SIGBUS:
        return "SIGBUS";
    case SIGABRT:
        return "SIGABRT";
    case SIGFPE:
        return "SIGFPE";
    case SIGILL:
        return "SIGILL";
    default:
        return "a fatal signal";
    }
}

void onFatalSignal(int signal) {
    // SA_RESETHAND has put the default action back: a second fault, in the
    // report or after it, ends the process at once.
    if (installedReport) {
        const char* plugin = running;
        const char* what = running + std::strlen(running) + 1;
        installedReport(signalName(signal), plugin, what);
    }
    ::raise(signal);
}

} // namespace

PluginCallMark::PluginCallMark(std::string_view plugin, std::string_view what) {
    std::memcpy(previous_, running, kPluginCallMarkBytes);
    char mark[kPluginCallMarkBytes] = {};
    const size_t pluginSize = std::min(plugin.size(), size_t{kPluginCallMarkBytes / 2 - 1});
    const size_t whatSize = std::min(what.size(), size_t{kPluginCallMarkBytes / 2 - 1});
    std::memcpy(mark, plugin.data(), pluginSize);
    std::memcpy(mark + pluginSize + 1, what.data(), whatSize);
    // One copy, so that a signal never sees half of a mark of this thread.
    std::memcpy(running, mark, kPluginCallMarkBytes);
}

PluginCallMark::~PluginCallMark() {
    std::memcpy(running, previous_, kPluginCallMarkBytes);
}

void writeInSignalHandler(int fd, std::initializer_list<const char*> parts) {
    for (const char* part : parts) {
        for (size_t left = std::strlen(part); left > 0;) {
            const ssize_t written = ::write(fd, part, left);
            if (written <= 0) return;
            part += written;
            left -= static_cast<size_t>(written);
        }
    }
}

void reportFatalSignals(FatalSignalReport report) {
    installedReport = report;
    struct sigaction action {};
    action.sa_handler = onFatalSignal;
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_RESETHAND | SA_NODEFER;
    for (const int signal : {SIGSEGV, SIGBUS, SIGABRT, SIGFPE, SIGILL}) ::sigaction(signal, &action, nullptr);
}

} // namespace gloss::core
