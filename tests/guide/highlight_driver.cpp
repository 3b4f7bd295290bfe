// gloss_guide_highlight: runs one plugin's highlighter through the real
// PluginHost, for the plugin-guide test. gloss-cli has no command that runs a
// highlighter, and none that passes settings, so this driver does both.
//
//   gloss_guide_highlight PLUGIN_FILE PLUGIN_ID SETTINGS_JSON TEXT
//
// Prints one line per span, "START END TAG TEXT" (bytes, half-open), then
// "dropped N". Exit 0 on success, 2 when the plugin is refused or fails.

#include "gloss/core/document.hpp"
#include "gloss/core/plugin_host.hpp"

#include <cstdio>
#include <exception>
#include <string>

int main(int argc, char** argv) {
    if (argc != 5) {
        std::fprintf(stderr, "usage: gloss_guide_highlight PLUGIN_FILE PLUGIN_ID SETTINGS_JSON TEXT\n");
        return 2;
    }
    try {
        const std::string id = argv[2];
        gloss::core::PluginHost::Options options;
        options.settingsJson[id] = argv[3];
        gloss::core::PluginHost host(options);
        if (!host.loadFile(argv[1])) {
            for (const auto& refusal : host.refusals())
                std::fprintf(stderr, "refused\t%s: %s\n", refusal.path.c_str(), refusal.reason.c_str());
            return 2;
        }
        const auto document = gloss::core::Document::fromBytes(argv[4], gloss::core::Encoding::Utf8, "text");
        const auto result = host.highlight(id, document, "{}");
        for (const auto& span : result.spans) {
            const auto text = document.utf8().substr(span.start, span.end - span.start);
            std::printf("%llu %llu %s %.*s\n", static_cast<unsigned long long>(span.start),
                        static_cast<unsigned long long>(span.end), result.tags[span.tag].c_str(),
                        static_cast<int>(text.size()), text.data());
        }
        std::printf("dropped %zu\n", result.dropped);
        return 0;
    } catch (const std::exception& e) {
        std::fprintf(stderr, "gloss_guide_highlight: %s\n", e.what());
        return 2;
    }
}
