// gloss-cli export and import: annotations to and from other formats, through
// the exporter and importer plugins chosen by --format.

#include "cli_plugins.hpp"
#include "commands.hpp"
#include "gloss/annotations/anchoring.hpp"
#include "gloss/core/files.hpp"

#include <algorithm>
#include <cstdio>

namespace gloss::cli {

namespace {

const std::vector<OptionSpec> kExportOptions{{"--report"},     {"--format"},    {"-o"},
                                             kPluginDirOption, kEncodingOption, {"--excel", false},
                                             kPositionsOption};
const std::vector<OptionSpec> kImportOptions{{"--report"},     {"--format"},    {"-o"},
                                             kPluginDirOption, kEncodingOption, kPositionsOption};

// Options that only some formats define; given with another, they would be
// silently ignored, so they are refused.
void requireOptionFormat(const Arguments& arguments, const std::string& option, const std::string& format,
                         const std::vector<std::string>& formats) {
    if (!arguments.has(option) || std::find(formats.begin(), formats.end(), format) != formats.end()) return;
    std::string names;
    for (const std::string& name : formats) names += (names.empty() ? "" : ", ") + name;
    arguments.fail(option + " applies to --format " + names + " only");
}

std::string knownFormats(const std::vector<core::FormatInfo>& formats) {
    std::string names;
    for (const auto& format : formats) names += (names.empty() ? "" : ", ") + format.format;
    return names.empty() ? "none: no plugin provides one" : names;
}

void requireFormat(const Arguments& arguments, const std::vector<core::FormatInfo>& formats,
                   const std::string& name) {
    for (const auto& format : formats)
        if (format.format == name) return;
    arguments.fail("--format: no plugin provides '" + name + "' (available: " + knownFormats(formats) + ")");
}

// The arguments export and import share: an input file, --report,
// --format and -o, which may not be one of the inputs.
struct Conversion {
    std::filesystem::path input;
    std::filesystem::path report;
    std::string format;
    std::filesystem::path output;
};

Conversion readConversion(const Arguments& arguments, const std::string& inputName) {
    Conversion conversion{arguments.onlyPositional(inputName), arguments.required("--report"),
                          arguments.required("--format"), arguments.required("-o")};
    refuseOverwritingInputs(arguments, conversion.output, {conversion.input, conversion.report});
    return conversion;
}

} // namespace

int runExport(std::span<char* const> words) {
    const Arguments arguments("export", words, kExportOptions);
    const auto [annotationsPath, reportPath, format, output] = readConversion(arguments, "ANNOTATIONS");
    requireOptionFormat(arguments, "--excel", format, {"csv"});
    requireOptionFormat(arguments, "--positions", format, {"labelstudio", "doccano"});
    nlohmann::json options = nlohmann::json::parse(importOptions(arguments));
    if (arguments.has("--excel")) options["excel"] = true;

    CliPlugins plugins(arguments);
    requireFormat(arguments, plugins.host().exporters(), format);
    annotations::AnnotationFile file = loadCleanAnnotationFile(annotationsPath);
    const auto encoding = encodingOption(arguments).value_or(
        core::encodingFromName(file.report.encoding).value_or(core::Encoding::Utf8));
    const core::Document report = core::loadReport(reportPath, encoding, &plugins.host());
    annotations::anchorAll(file.annotations, report);
    file.report = core::describeReport(report);

    std::string bytes;
    try {
        bytes = plugins.host().exportAnnotations(format, report, annotations::serializeAnnotationFile(file),
                                                 options.dump());
    } catch (const core::PluginError& e) {
        throw core::InputError(annotationsPath.string() + ": export as " + format + " failed: " + e.what());
    }
    core::writeFileAtomically(output, bytes);
    std::printf("%zu annotations exported as %s to %s\n", file.annotations.size(), format.c_str(),
                output.c_str());
    if (format == "brat") // brat pairs an .ann with the text file of the same name
        std::printf(
            "brat and INCEpTION read it beside the report's text as %s: UTF-8, no byte order mark, line "
            "ends as in the report (docs/formats.md §11.1)\n",
            std::filesystem::path(output).replace_extension(".txt").c_str());
    return 0;
}

int runImport(std::span<char* const> words) {
    const Arguments arguments("import", words, kImportOptions);
    const auto [inputPath, reportPath, format, output] = readConversion(arguments, "FILE");
    requireOptionFormat(arguments, "--positions", format, {"qdpx", "labelstudio", "doccano"});
    const std::string options = importOptions(arguments);

    CliPlugins plugins(arguments);
    requireFormat(arguments, plugins.host().importers(), format);
    const core::Document report = core::loadReport(
        reportPath, encodingOption(arguments).value_or(core::Encoding::Utf8), &plugins.host());
    const std::string input = core::readFile(inputPath);

    std::string converted;
    try {
        converted = plugins.host().importAnnotations(format, report, input, options);
    } catch (const core::PluginError& e) {
        throw core::InputError(inputPath.string() + ": import as " + format + " failed: " + e.what());
    }
    // What a plugin produces is checked like any file a user opens.
    annotations::AnnotationFile file;
    const std::string label = inputPath.string() + " (imported as " + format + ")";
    try {
        file = annotations::parseAnnotationFile(converted);
    } catch (const annotations::FormatError& e) {
        throw core::InputError(label + ": " + e.what());
    }
    if (!file.problems.empty()) throw core::InputError(label + ": " + file.problems.front().text());
    file.report = core::describeReport(report);
    const annotations::AnchorCounts counts = annotations::anchorAll(file.annotations, report);
    core::saveAnnotationFile(output, file);
    std::printf("%zu annotations imported from %s: %zu anchored, %zu moved, %zu orphaned\n",
                file.annotations.size(), format.c_str(), counts.anchored, counts.moved, counts.orphaned);
    return 0;
}

} // namespace gloss::cli
