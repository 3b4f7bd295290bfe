// gloss-cli info REPORT: the facts of a report, for people and scripts.

#include "cli_plugins.hpp"
#include "commands.hpp"
#include "gloss/core/files.hpp"

#include <cstdio>
#include <nlohmann/json.hpp>

namespace gloss::cli {

int runInfo(std::span<char* const> words) {
    const Arguments arguments("info", words, {kEncodingOption, kPluginDirOption, {"--json", false}});
    const std::string path = arguments.onlyPositional("REPORT");
    const auto encoding = encodingOption(arguments).value_or(core::Encoding::Utf8);
    CliPlugins plugins(arguments); // sources open reports that are not text
    const core::Document document = core::loadReport(path, encoding, &plugins.host());

    nlohmann::ordered_json facts;
    facts["report"] = path;
    facts["bytes"] = document.fileSize();
    facts["codepoints"] = document.codepointCount();
    facts["lines"] = document.lineCount();
    facts["words"] = document.wordCount();
    facts["pages"] = document.pageCount();
    facts["sha256"] = document.sha256();
    facts["encoding"] = core::encodingName(document.encoding());
    facts["bom"] = document.hadByteOrderMark();
    if (const auto& extractor = document.extractor())
        facts["extractor"] = extractor->name + " " + extractor->version;

    if (arguments.has("--json")) {
        std::printf("%s\n", facts.dump(2).c_str());
        return 0;
    }
    for (const auto& [key, value] : facts.items()) {
        const std::string shown = value.is_string()    ? value.get<std::string>()
                                  : value.is_boolean() ? (value.get<bool>() ? "yes" : "no")
                                                       : value.dump();
        std::printf("%-11s %s\n", key.c_str(), shown.c_str());
    }
    return 0;
}

} // namespace gloss::cli
