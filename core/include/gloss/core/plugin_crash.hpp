#pragma once

#include <cstddef>
#include <initializer_list>
#include <string_view>

// Plugins run in the host's process, so a plugin's crash is the host's
// (docs/plugin-guide.md, "When a plugin crashes"). What the host can still do
// is name the plugin: each call into a plugin's code is marked on its thread,
// and a fatal signal's handler reads the mark.
namespace gloss::core {

// The bytes of a mark: a plugin id (at most 64 bytes) and a word for what it does.
inline constexpr size_t kPluginCallMarkBytes = 160;

// Marks, for its lifetime, that the calling thread runs code of `plugin` (its
// id, or its file name before the id is known) doing `what` ("highlight",
// "init", "loading"). Marks nest: the previous one is back at destruction.
class PluginCallMark {
  public:
    PluginCallMark(std::string_view plugin, std::string_view what);
    PluginCallMark(const PluginCallMark&) = delete;
    PluginCallMark& operator=(const PluginCallMark&) = delete;
    ~PluginCallMark();

  private:
    char previous_[kPluginCallMarkBytes];
};

// What a fatal signal's handler is told: the signal's name ("SIGSEGV") and
// the mark of the thread that received it, "PLUGIN" and "WHAT" (empty
// strings when no plugin code was running). It runs inside the signal
// handler, so it may only make async-signal-safe calls (write(2) to
// descriptors opened in advance, open/close, no allocation, no locks).
using FatalSignalReport = void (*)(const char* signal, const char* plugin, const char* what);

// Writes `parts`, NUL-terminated texts, one after another to `fd` with
// write(2) alone: what a FatalSignalReport may use to write its lines.
void writeInSignalHandler(int fd, std::initializer_list<const char*> parts);

// Installs a handler for SIGSEGV, SIGBUS, SIGABRT, SIGFPE and SIGILL that
// calls `report`, then lets the signal end the process as it would have
// (the exit status still says which signal, and a core dump is still made).
void reportFatalSignals(FatalSignalReport report);

} // namespace gloss::core
