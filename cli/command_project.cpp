// gloss-cli project: make a project, list reports in it, and see how far
// their coding has come.

#include "cli_plugins.hpp"
#include "commands.hpp"
#include "gloss/annotations/utf8.hpp"
#include "gloss/core/files.hpp"

#include <cstdio>

namespace gloss::cli {

namespace {

using Json = nlohmann::ordered_json;

constexpr std::string_view kDefaultCodebookName = "codebook.json";

// Where the new project's codebook file is, relative to DIR: --codebook when
// it lies inside DIR, else a copy of it (the project writes its codebook, and
// writes only inside its folder), else an empty codebook.
std::string initCodebook(const Arguments& arguments, const std::filesystem::path& folder) {
    const std::filesystem::path target = folder / kDefaultCodebookName;
    const auto given = arguments.value("--codebook");
    std::error_code error;
    if (given) {
        const annotations::Codebook codebook =
            core::loadCodebook(*given); // refuses a bad one before anything is written
        const auto inside = std::filesystem::weakly_canonical(*given, error)
                                .lexically_relative(std::filesystem::weakly_canonical(folder, error));
        if (!inside.empty() && *inside.begin() != "..") return inside.generic_string();
        if (std::filesystem::exists(target, error))
            arguments.fail(target.string() + " exists already; pass it as --codebook, or move it away");
        core::saveCodebook(target, codebook);
        std::printf("copied the codebook %s to %s\n", given->c_str(), target.string().c_str());
    } else if (std::filesystem::exists(target, error)) {
        core::loadCodebook(target);
    } else {
        core::saveCodebook(target, annotations::Codebook{});
    }
    return std::string(kDefaultCodebookName);
}

int runInit(std::span<char* const> words) {
    const Arguments arguments("project init", words, {{"--codebook"}, {"--name"}});
    const std::filesystem::path folder = arguments.onlyPositional("DIR");
    std::error_code error;
    if (std::filesystem::exists(folder, error) && !std::filesystem::is_directory(folder, error))
        arguments.fail(folder.string() + " is not a folder");
    core::Project project;
    project.file = folder / core::kProjectFileName;
    if (std::filesystem::exists(project.file, error))
        arguments.fail(project.file.string() + " exists already: " + folder.string() + " is a project");
    project.name = arguments.value("--name").value_or(
        std::filesystem::weakly_canonical(std::filesystem::absolute(folder), error).filename().string());
    if (const auto bad = annotations::utf8::firstInvalidByte(project.name))
        arguments.fail("--name: invalid UTF-8 at byte " + std::to_string(*bad));
    std::filesystem::create_directories(folder, error);
    if (error) throw core::IoError(folder.string() + ": " + error.message());
    project.codebook = initCodebook(arguments, folder);
    core::saveProject(project);
    std::printf("created %s (codebook %s)\n", project.file.string().c_str(), project.codebook.c_str());
    return 0;
}

int runAdd(std::span<char* const> words) {
    const Arguments arguments("project add", words,
                              {kAttributeOption, kEncodingOption, kPluginDirOption, {"--annotations"}});
    const auto& positionals = arguments.positionals();
    if (positionals.size() < 2) arguments.fail("expected PROJECT REPORT...");
    // Held from reading the project file to saving it, so that concurrent additions take turns.
    const core::FileLock lock(core::projectFilePath(positionals[0]));
    core::Project project = core::loadProject(positionals[0]);
    const auto attributes = attributeOptions(arguments);
    const auto encoding = encodingOption(arguments);
    const auto annotationsFile = arguments.value("--annotations");
    if (annotationsFile && positionals.size() != 2)
        arguments.fail("--annotations names the file of one report");

    // Every report is read before the project changes, so a wrong one leaves
    // the project as it was, and a report that cannot be opened is known now.
    CliPlugins plugins(arguments);
    std::vector<std::string> lines;
    for (size_t i = 1; i < positionals.size(); ++i) {
        const std::filesystem::path reportPath = positionals[i];
        std::error_code error;
        if (!std::filesystem::is_regular_file(reportPath, error))
            throw core::InputError(reportPath.string() + ": not a file");
        core::loadReport(reportPath, encoding.value_or(core::Encoding::Utf8), &plugins.host());
        const bool known = project.findReport(reportPath) != nullptr;
        core::ProjectReport& entry = core::addReport(project, reportPath, attributes);
        if (encoding) entry.encoding = *encoding == core::Encoding::Utf8 ? "" : core::encodingName(*encoding);
        if (annotationsFile) entry.annotations = project.listedPath(*annotationsFile);
        lines.push_back((known ? "updated " : "added ") + entry.path + " (annotations " + entry.annotations +
                        ")");
    }
    // The rules of a project file (annotation files inside the folder, one per
    // report) are checked as they are when it is read.
    try {
        core::parseProject(core::serializeProject(project));
    } catch (const annotations::FormatError& e) {
        arguments.fail(e.what());
    }
    core::saveProject(project);
    for (const std::string& line : lines) std::printf("%s\n", line.c_str());
    return 0;
}

// One report's state: whether it opens, its annotations, how they anchor.
Json describeProjectReport(const Arguments& arguments, const core::Project& project,
                           const core::ProjectReport& report, core::PluginHost& plugins) {
    Json row = Json::object();
    row["path"] = report.path;
    row["annotations"] = report.annotations;
    Json attributes = Json::object();
    for (const auto& [name, value] : report.attributes) attributes[name] = value;
    row["attributes"] = std::move(attributes);
    std::error_code error;
    const std::filesystem::path annotationsPath = project.resolve(report.annotations);
    const std::filesystem::path reportPath = project.resolve(report.path);
    annotations::AnnotationFile file;
    try {
        if (std::filesystem::exists(annotationsPath, error)) file = loadCleanAnnotationFile(annotationsPath);
    } catch (const std::exception& e) { // this report's file only; the rest go on
        row["status"] = "bad annotations";
        row["error"] = e.what();
        return row;
    }
    row["annotation_count"] = file.annotations.size();
    if (!std::filesystem::exists(reportPath, error)) {
        row["status"] = "missing";
        row["error"] = reportPath.string() + ": no such file";
        return row;
    }
    try {
        const core::Document document =
            core::loadReport(reportPath, projectReportEncoding(arguments, report), &plugins);
        const auto counts =
            annotations::anchorAll(file.annotations, document, core::anchorOptions(file, document));
        row["status"] = "ok";
        row["anchoring"] = {
            {"anchored", counts.anchored}, {"moved", counts.moved}, {"orphaned", counts.orphaned}};
    } catch (const std::exception& e) {
        row["status"] = "unreadable";
        row["error"] = e.what();
    }
    return row;
}

// One line per report for scripts (GNU parallel, a Slurm array): the report,
// its annotation file (both as paths from the working folder) and its
// encoding, separated by tabs. Nothing is opened.
int printPaths(const core::Project& project) {
    for (const core::ProjectReport& report : project.reports)
        std::printf("%s\t%s\t%s\n", project.resolve(report.path).c_str(),
                    project.resolve(report.annotations).c_str(),
                    report.encoding.empty() ? "utf-8" : report.encoding.c_str());
    return 0;
}

int runList(std::span<char* const> words) {
    const Arguments arguments("project list", words,
                              {{"--json", false}, {"--paths", false}, kEncodingOption, kPluginDirOption});
    const core::Project project = core::loadProject(arguments.onlyPositional("PROJECT"));
    if (arguments.has("--paths")) return printPaths(project);
    CliPlugins plugins(arguments);
    Json listing = Json::object();
    listing["name"] = project.name;
    listing["codebook"] = project.codebook;
    Json rows = Json::array();
    bool allOpen = true;
    for (const core::ProjectReport& report : project.reports) {
        rows.push_back(describeProjectReport(arguments, project, report, plugins.host()));
        allOpen = allOpen && rows.back()["status"] == "ok";
    }
    listing["reports"] = std::move(rows);
    if (arguments.has("--json")) {
        std::printf("%s\n", listing.dump(2).c_str());
        return allOpen ? 0 : 1;
    }
    std::printf("%s: %zu reports, codebook %s\n", project.name.c_str(), project.reports.size(),
                project.codebook.c_str());
    for (const auto& row : listing["reports"]) {
        std::string attributes;
        for (const auto& [name, value] : row["attributes"].items())
            attributes += "  " + name + "=" + value.get<std::string>();
        if (row["status"] == "ok") {
            const auto& anchoring = row["anchoring"];
            std::printf("%s  %zu annotations (anchored %zu, moved %zu, orphaned %zu)%s\n",
                        row["path"].get<std::string>().c_str(), row["annotation_count"].get<size_t>(),
                        anchoring["anchored"].get<size_t>(), anchoring["moved"].get<size_t>(),
                        anchoring["orphaned"].get<size_t>(), attributes.c_str());
        } else {
            std::printf("%s  %s: %s%s\n", row["path"].get<std::string>().c_str(),
                        row["status"].get<std::string>().c_str(), row["error"].get<std::string>().c_str(),
                        attributes.c_str());
        }
    }
    return allOpen ? 0 : 1;
}

} // namespace

int runProject(std::span<char* const> words) {
    if (words.empty()) throw UsageError("project: expected init, add, list, import or export");
    const std::string_view action = words.front();
    const auto rest = words.subspan(1);
    if (action == "init") return runInit(rest);
    if (action == "add") return runAdd(rest);
    if (action == "list") return runList(rest);
    if (action == "import") return runProjectImport(rest);
    if (action == "export") return runProjectExport(rest);
    throw UsageError("project: unknown action '" + std::string(action) +
                     "' (init, add, list, import, export)");
}

} // namespace gloss::cli
