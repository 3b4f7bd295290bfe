#include "cli_plugins.hpp"

#include "commands.hpp"

#include <cstdio>

namespace gloss::cli {

namespace {

core::PluginHost::Options loggingOptions(std::atomic<size_t>& errors) {
    core::PluginHost::Options options;
    options.log = [&errors](int level, const std::string& pluginId, const std::string& message) {
        if (level < GLOSS_LOG_WARNING) return;
        if (level >= GLOSS_LOG_ERROR) ++errors;
        std::fprintf(stderr, "gloss-cli: plugin %s: %s\n", pluginId.c_str(), message.c_str());
    };
    return options;
}

} // namespace

CliPlugins::CliPlugins(const Arguments& arguments) : host_(loggingOptions(errorsLogged_)) {
    host_.loadFolders(pluginFolders(arguments));
}

} // namespace gloss::cli
