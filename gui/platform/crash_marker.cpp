#include "platform/crash_marker.hpp"

#include "gloss/core/file_io.hpp"
#include "gloss/core/plugin_crash.hpp"
#include "platform/recovery.hpp"

#include <cstring>
#include <fcntl.h>
#include <unistd.h>

namespace gloss::gui {

namespace {

// The record's path, NUL-terminated, filled before any handler can run.
char recordPath[4096] = {};

std::filesystem::path recordFile() {
    return recoveryFolder() / "crashed-plugin";
}

// Inside the signal handler: only open, write, fsync, close and rename.
// Whatever crashed, the unsaved work goes to the recovery journal first.
void record(const char* signal, const char* plugin, const char* what) {
    writeCrashJournal();
    if (!*plugin) return;
    if (recordPath[0]) {
        const int fd = ::open(recordPath, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
        if (fd >= 0) {
            core::writeInSignalHandler(fd, {plugin, "\t", what, "\t", signal, "\n"});
            ::close(fd);
        }
    }
    core::writeInSignalHandler(STDERR_FILENO, {"gloss: plugin ", plugin, " crashed (", signal, ") in ", what,
                                               "; the next start offers recovery and leaves it out\n"});
}

} // namespace

void recordPluginCrashes() {
    std::error_code error;
    std::filesystem::create_directories(recoveryFolder(), error);
    const std::string path = recordFile().string();
    if (path.size() < sizeof recordPath) std::memcpy(recordPath, path.c_str(), path.size() + 1);
    core::reportFatalSignals(record);
}

std::optional<PluginCrash> takePluginCrash() {
    const auto path = recordFile();
    std::error_code error;
    if (!std::filesystem::exists(path, error)) return std::nullopt;
    std::string text;
    try {
        text = core::readFile(path);
    } catch (const core::IoError&) {
        return std::nullopt;
    }
    std::filesystem::remove(path, error);
    PluginCrash crash;
    const size_t first = text.find('\t');
    const size_t second = first == std::string::npos ? first : text.find('\t', first + 1);
    if (second == std::string::npos) return std::nullopt;
    crash.plugin = text.substr(0, first);
    crash.what = text.substr(first + 1, second - first - 1);
    crash.signal = text.substr(second + 1, text.find('\n', second) - second - 1);
    return crash;
}

} // namespace gloss::gui
