// Reading the files a command is given, with the CLI's error policy applied.

#include "commands.hpp"
#include "gloss/core/files.hpp"
#include "gloss/limits.hpp"

namespace gloss::cli {

std::optional<core::Encoding> encodingOption(const Arguments& arguments) {
    const auto name = arguments.value("--encoding");
    if (!name) return std::nullopt;
    const auto encoding = core::encodingFromName(*name);
    if (!encoding) arguments.fail("unknown encoding '" + *name + "' (expected utf-8 or windows-1252)");
    return encoding;
}

std::string importOptions(const Arguments& arguments) {
    const auto positions = arguments.value("--positions");
    if (!positions) return "{}";
    if (*positions != "codepoints" && *positions != "utf16")
        arguments.fail("--positions: expected codepoints or utf16, not '" + *positions + "'");
    return nlohmann::json{{"positions", *positions}}.dump();
}

annotations::AnnotationFile loadCleanAnnotationFile(const std::string& path) {
    auto file = core::loadAnnotationFile(path);
    if (file.problems.empty()) return file;
    // A command that went on would drop the bad records from its output.
    constexpr size_t kShown = 20;
    std::string lines;
    for (size_t i = 0; i < file.problems.size() && i < kShown; ++i)
        lines += (i ? "\n" : "") + path + ": " + file.problems[i].text();
    if (file.problems.size() > kShown)
        lines += "\n" + path + ": and " + std::to_string(file.problems.size() - kShown) + " more problems";
    throw core::InputError(lines);
}

annotations::Codebook embedTags(const annotations::AnnotationFile& file, const annotations::Codebook& source,
                                const std::vector<std::string>& ids) {
    annotations::Codebook embedded = file.codebook.value_or(annotations::Codebook{});
    embedded.addMissingTags(source, ids);
    return embedded;
}

void refuseOverwritingInputs(const Arguments& arguments, const std::filesystem::path& output,
                             const std::vector<std::filesystem::path>& inputs) {
    std::error_code error;
    for (const auto& input : inputs)
        if (std::filesystem::equivalent(output, input, error))
            arguments.fail("-o " + output.string() + " is one of the input files; choose another output");
}

Reanchored reanchorOnReport(const Arguments& arguments, annotations::AnnotationFile& file,
                            const std::filesystem::path& reportPath, core::PluginHost& plugins) {
    const auto encoding = encodingOption(arguments).value_or(
        core::encodingFromName(file.report.encoding).value_or(core::Encoding::Utf8));
    Reanchored result{core::loadReport(reportPath, encoding, &plugins), {}, false};
    result.counts =
        annotations::anchorAll(file.annotations, result.report, core::anchorOptions(file, result.report));
    result.reportChanged = result.report.sha256() != file.report.sha256;
    file.report = core::describeReport(result.report);
    return result;
}

std::string describeCounts(const annotations::AnchorCounts& counts) {
    std::string text = "anchored " + std::to_string(counts.anchored) + ", moved " +
                       std::to_string(counts.moved) + ", orphaned " + std::to_string(counts.orphaned);
    if (counts.unsearched > 0)
        text += " (" + std::to_string(counts.unsearched) +
                " without a fuzzy search: " + gloss::limits::exceeded(gloss::limits::kFuzzyAnchorWork) + ")";
    return text;
}

annotations::Codebook codebookOption(const Arguments& arguments) {
    const auto path = arguments.value("--codebook");
    return core::loadCodebook(path ? std::filesystem::path(*path)
                                   : core::examplesDirectory() / "codebook.json");
}

annotations::Codebook projectCodebook(const core::Project& project) {
    return core::loadCodebook(project.resolve(project.codebook));
}

core::Encoding projectReportEncoding(const Arguments& arguments, const core::ProjectReport& report) {
    return encodingOption(arguments).value_or(
        core::encodingFromName(report.encoding).value_or(core::Encoding::Utf8));
}

std::map<std::string, std::string> attributeOptions(const Arguments& arguments) {
    std::map<std::string, std::string> attributes;
    for (const std::string& text : arguments.values("--attribute")) {
        const auto equals = text.find('=');
        if (equals == std::string::npos || equals == 0)
            arguments.fail("--attribute: expected KEY=VALUE, found '" + text + "'");
        attributes[text.substr(0, equals)] = text.substr(equals + 1);
    }
    return attributes;
}

} // namespace gloss::cli
