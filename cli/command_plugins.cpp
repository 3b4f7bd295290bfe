// gloss-cli plugins: what the plugin folders hold, loaded or refused.

#include "commands.hpp"
#include "gloss/core/plugin_host.hpp"

#include <cstdio>

namespace gloss::cli {

std::vector<std::filesystem::path> pluginFolders(const Arguments& arguments) {
    std::vector<std::filesystem::path> extra;
    for (const auto& folder : arguments.values("--plugin-dir")) extra.emplace_back(folder);
    return core::PluginHost::searchPath(extra);
}

int runPlugins(std::span<char* const> words) {
    const Arguments arguments("plugins", words, {kPluginDirOption});
    if (!arguments.positionals().empty())
        arguments.fail("unexpected argument '" + arguments.positionals()[0] + "'");
    core::PluginHost host;
    host.loadFolders(pluginFolders(arguments));

    for (const auto& plugin : host.plugins()) {
        std::string capabilities;
        for (const auto& capability : plugin.capabilities)
            capabilities += (capabilities.empty() ? "" : ",") + capability;
        std::printf("%s\t%s\t%s\t%s\n", plugin.id.c_str(), plugin.version.c_str(),
                    capabilities.empty() ? "-" : capabilities.c_str(), plugin.path.c_str());
    }
    const auto refusals = host.refusals();
    for (const auto& refusal : refusals)
        std::printf("refused\t%s: %s\n", refusal.path.c_str(), refusal.reason.c_str());
    return refusals.empty() ? 0 : 1;
}

} // namespace gloss::cli
