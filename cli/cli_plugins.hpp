#pragma once

#include "arguments.hpp"
#include "gloss/core/plugin_host.hpp"

#include <atomic>

namespace gloss::cli {

// The plugins a command uses: the standard folders plus --plugin-dir. Their
// warnings and errors go to stderr as "gloss-cli: plugin ID: message" and
// are counted, so a command can report them in its exit code.
class CliPlugins {
  public:
    explicit CliPlugins(const Arguments& arguments);
    core::PluginHost& host() { return host_; }
    size_t errorsLogged() const { return errorsLogged_; }

  private:
    // Before host_, which logs into it, from whichever thread calls a plugin.
    std::atomic<size_t> errorsLogged_ = 0;
    core::PluginHost host_;
};

} // namespace gloss::cli
