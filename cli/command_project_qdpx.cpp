// gloss-cli project import / export: a whole project to and from one
// REFI-QDA archive (.qdpx). The project travels to the qdpx plugin as a
// project bundle (docs/formats.md §9.6), so the plugin ABI stays one report
// or one JSON text per call.

#include "cli_plugins.hpp"
#include "commands.hpp"
#include "gloss/annotations/bounded_json.hpp"
#include "gloss/core/files.hpp"

#include <cstdio>
#include <set>

namespace gloss::cli {

namespace {

using Json = nlohmann::ordered_json;

constexpr std::string_view kBundleFormat = "gloss.project-bundle";
constexpr int kBundleVersion = 1;
constexpr std::string_view kFormat = "qdpx";
constexpr size_t kMaxFileNameBytes = 120;

void requireQdpx(const Arguments& arguments, const std::vector<core::FormatInfo>& formats) {
    for (const auto& format : formats)
        if (format.format == kFormat) return;
    arguments.fail("no plugin provides the qdpx format (see gloss-cli plugins)");
}

// One report of the project as the bundle holds it; nullopt (with the
// reason on stderr) when the report cannot be read, so the rest still go.
std::optional<Json> bundleReport(const Arguments& arguments, const core::Project& project,
                                 const core::ProjectReport& report, core::PluginHost& plugins) {
    try {
        const core::Document document = core::loadReport(project.resolve(report.path),
                                                         projectReportEncoding(arguments, report), &plugins);
        annotations::AnnotationFile file;
        std::error_code error;
        const std::filesystem::path annotationsPath = project.resolve(report.annotations);
        if (std::filesystem::exists(annotationsPath, error)) file = loadCleanAnnotationFile(annotationsPath);
        annotations::anchorAll(file.annotations, document, core::anchorOptions(file, document));
        file.report = core::describeReport(document);
        Json attributes = Json::object();
        for (const auto& [name, value] : report.attributes) attributes[name] = value;
        return Json{{"name", report.path},
                    {"text", document.utf8()},
                    {"attributes", std::move(attributes)},
                    {"annotations", Json::parse(annotations::serializeAnnotationFile(file))}};
    } catch (const std::exception& e) {
        std::fprintf(stderr, "%s: not exported: %s\n", report.path.c_str(), e.what());
        return std::nullopt;
    }
}

// A file name for a source's text from the name the archive gives it: no
// folder separators, no leading dot (so never "." or ".."), no control
// characters, at most kMaxFileNameBytes, ending in ".txt", and unused in
// `taken` (compared without case, for case-insensitive file systems).
std::string reportFileName(std::string name, std::set<std::string>& taken) {
    for (char& c : name)
        if (c == '/' || c == '\\' || c == ':' || static_cast<unsigned char>(c) < 0x20 || c == 0x7F) c = '_';
    while (!name.empty() && (name.front() == '.' || name.front() == ' ')) name.erase(0, 1);
    auto lower = [](std::string text) {
        for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        return text;
    };
    if (lower(name).ends_with(".txt")) name.resize(name.size() - 4);
    if (name.size() > kMaxFileNameBytes) {
        name.resize(kMaxFileNameBytes);
        while (!name.empty() && (static_cast<unsigned char>(name.back()) & 0xC0) == 0x80) name.pop_back();
        if (!name.empty() && static_cast<unsigned char>(name.back()) >= 0xC0) name.pop_back();
    }
    if (name.empty()) name = "source";
    std::string candidate = name + ".txt";
    for (int n = 2; !taken.insert(lower(candidate)).second; ++n)
        candidate = name + "-" + std::to_string(n) + ".txt";
    return candidate;
}

struct ImportedReport {
    std::string name;
    std::string text;
    std::map<std::string, std::string> attributes;
    annotations::AnnotationFile file;
};

struct ImportedProject {
    std::string name;
    annotations::Codebook codebook;
    std::vector<ImportedReport> reports;
};

[[noreturn]] void bundleError(const std::string& where, const std::string& message) {
    throw annotations::FormatError(where, message);
}

const Json& bundleMember(const Json& object, const std::string& path, std::string_view key,
                         Json::value_t type, const char* expected) {
    const auto it = object.find(key);
    const std::string where = path.empty() ? std::string(key) : path + "." + std::string(key);
    if (it == object.end() || it->type() != type) bundleError(where, std::string("expected ") + expected);
    return *it;
}

// What the plugin wrote, checked like any file a user opens.
ImportedProject readBundle(std::string_view text) {
    const Json root = annotations::parseBoundedJson(text);
    if (!root.is_object()) bundleError("top level", "expected an object");
    const std::string format = bundleMember(root, "", "format", Json::value_t::string, "a string");
    if (format != kBundleFormat) bundleError("format", "expected \"" + std::string(kBundleFormat) + "\"");
    const auto version = root.find("version");
    if (version == root.end() || !version->is_number_integer() || version->get<int64_t>() != kBundleVersion)
        bundleError("version", "expected 1");
    ImportedProject project;
    project.name = bundleMember(root, "", "name", Json::value_t::string, "a string");
    project.codebook = annotations::codebookFromJson(
        bundleMember(root, "", "codebook", Json::value_t::object, "an object"), "codebook");
    const Json& reports = bundleMember(root, "", "reports", Json::value_t::array, "an array");
    for (size_t i = 0; i < reports.size(); ++i) {
        const std::string path = "reports[" + std::to_string(i) + "]";
        const Json& report = reports[i];
        if (!report.is_object()) bundleError(path, "expected an object");
        ImportedReport read;
        read.name = bundleMember(report, path, "name", Json::value_t::string, "a string");
        read.text = bundleMember(report, path, "text", Json::value_t::string, "a string");
        for (const auto& [name, value] :
             bundleMember(report, path, "attributes", Json::value_t::object, "an object").items()) {
            if (name.empty() || !value.is_string())
                bundleError(path + ".attributes", "expected names and string values");
            read.attributes[name] = value.get<std::string>();
        }
        const std::string annotationsPath = path + ".annotations";
        read.file = annotations::parseAnnotationFile(
            bundleMember(report, path, "annotations", Json::value_t::object, "an object").dump());
        if (!read.file.problems.empty()) bundleError(annotationsPath, read.file.problems.front().text());
        project.reports.push_back(std::move(read));
    }
    return project;
}

// The project folder is made beside DIR and moved into place at the end, so
// a failure leaves no half project; removed unless release() was called.
class StagingFolder {
  public:
    explicit StagingFolder(const std::filesystem::path& target) {
        std::filesystem::path folder = std::filesystem::absolute(target).lexically_normal();
        if (!folder.has_filename()) folder = folder.parent_path(); // "DIR/"
        std::filesystem::create_directories(folder.parent_path());
        for (int n = 0;; ++n) {
            // Appended, not concatenated: GCC 12 at -O3 warns falsely on the latter (bug 105329).
            std::string name = ".";
            name.append(folder.filename().string()).append(".import-").append(std::to_string(n));
            path_ = folder.parent_path() / name;
            std::error_code error;
            if (std::filesystem::create_directory(path_, error)) return;
            if (error) throw core::IoError(path_.string() + ": " + error.message());
        }
    }
    ~StagingFolder() {
        std::error_code error;
        if (!path_.empty()) std::filesystem::remove_all(path_, error);
    }
    StagingFolder(const StagingFolder&) = delete;
    StagingFolder& operator=(const StagingFolder&) = delete;
    const std::filesystem::path& path() const { return path_; }

  private:
    std::filesystem::path path_;
};

// What the project folder holds once imported, moved from the staging folder.
const std::vector<std::string> kProjectEntries = {std::string(core::kProjectFileName), "codebook.json",
                                                  "reports", "annotations"};

// Moves the staged project into `folder`: a rename of the whole folder when
// `folder` does not exist or is empty, else entry by entry, none of which
// may exist there yet, undone when one fails.
void moveIntoPlace(const std::filesystem::path& staged, const std::filesystem::path& folder) {
    std::error_code error;
    if (!std::filesystem::exists(folder, error) || std::filesystem::is_empty(folder, error)) {
        std::filesystem::rename(staged, folder, error);
        if (error) throw core::IoError(folder.string() + ": " + error.message());
        return;
    }
    for (const std::string& entry : kProjectEntries)
        if (std::filesystem::exists(folder / entry, error))
            throw core::InputError((folder / entry).string() + " exists already; import into a new folder");
    std::vector<std::string> moved;
    for (const std::string& entry : kProjectEntries) {
        std::filesystem::rename(staged / entry, folder / entry, error);
        if (error) {
            const std::string message = (folder / entry).string() + ": " + error.message();
            for (const std::string& back : moved)
                std::filesystem::rename(folder / back, staged / back, error);
            throw core::IoError(message);
        }
        moved.push_back(entry);
    }
}

// Writes `imported` as a project in the (empty) folder `root`.
size_t writeProject(ImportedProject& imported, const std::filesystem::path& root) {
    std::filesystem::create_directories(root / "reports");
    std::filesystem::create_directories(root / "annotations");
    core::saveCodebook(root / "codebook.json", imported.codebook);
    core::Project project;
    project.name = imported.name;
    project.codebook = "codebook.json";
    project.file = root / core::kProjectFileName;
    std::set<std::string> taken;
    size_t annotationCount = 0;
    for (ImportedReport& report : imported.reports) {
        const std::filesystem::path reportPath = root / "reports" / reportFileName(report.name, taken);
        core::writeFileAtomically(reportPath, report.text);
        const core::Document document = core::Document::fromBytes(
            std::move(report.text), core::Encoding::Utf8, reportPath.filename().string());
        report.file.report = core::describeReport(document);
        annotations::anchorAll(report.file.annotations, document);
        const core::ProjectReport& entry = core::addReport(project, reportPath, report.attributes);
        core::saveAnnotationFile(project.resolve(entry.annotations), report.file);
        annotationCount += report.file.annotations.size();
    }
    core::saveProject(project);
    return annotationCount;
}

} // namespace

int runProjectExport(std::span<char* const> words) {
    const Arguments arguments("project export", words,
                              {{"--format"}, {"-o"}, kPluginDirOption, kEncodingOption});
    const core::Project project = core::loadProject(arguments.onlyPositional("PROJECT"));
    if (arguments.required("--format") != kFormat)
        arguments.fail("--format: a project exports as qdpx only (REFI-QDA), not '" +
                       *arguments.value("--format") + "'");
    const std::filesystem::path output = arguments.required("-o");
    std::vector<std::filesystem::path> inputs = {project.file, project.resolve(project.codebook)};
    for (const core::ProjectReport& report : project.reports) {
        inputs.push_back(project.resolve(report.path));
        inputs.push_back(project.resolve(report.annotations));
    }
    refuseOverwritingInputs(arguments, output, inputs);
    CliPlugins plugins(arguments);
    requireQdpx(arguments, plugins.host().exporters());

    Json reports = Json::array();
    size_t annotationCount = 0;
    for (const core::ProjectReport& report : project.reports)
        if (auto bundled = bundleReport(arguments, project, report, plugins.host())) {
            annotationCount += (*bundled)["annotations"]["annotations"].size();
            reports.push_back(std::move(*bundled));
        }
    const size_t left = project.reports.size() - reports.size();
    const Json bundle = {{"format", kBundleFormat},
                         {"version", kBundleVersion},
                         {"name", project.name},
                         {"codebook", annotations::codebookToJson(projectCodebook(project))},
                         {"reports", std::move(reports)}};
    std::string bytes;
    try {
        bytes = plugins.host().exportAnnotations(kFormat, core::Document::fromBytes({}), bundle.dump());
    } catch (const core::PluginError& e) {
        throw core::InputError(project.file.string() + ": export as qdpx failed: " + e.what());
    }
    core::writeFileAtomically(output, bytes);
    std::printf("%zu reports, %zu annotations exported as qdpx to %s\n", project.reports.size() - left,
                annotationCount, output.string().c_str());
    return left ? 1 : 0;
}

int runProjectImport(std::span<char* const> words) {
    const Arguments arguments("project import", words, {kPluginDirOption, kPositionsOption});
    const std::string options = importOptions(arguments);
    if (arguments.positionals().size() != 2) arguments.fail("expected FILE.qdpx DIR");
    const std::filesystem::path input = arguments.positionals()[0];
    const std::filesystem::path folder = arguments.positionals()[1];
    std::error_code error;
    if (std::filesystem::exists(folder, error) && !std::filesystem::is_directory(folder, error))
        arguments.fail(folder.string() + " is not a folder");
    if (std::filesystem::exists(folder / core::kProjectFileName, error))
        arguments.fail((folder / core::kProjectFileName).string() + " exists already: " + folder.string() +
                       " is a project");
    CliPlugins plugins(arguments);
    requireQdpx(arguments, plugins.host().importers());
    const std::string bytes = core::readFile(input);

    ImportedProject imported;
    try {
        // No report: the importer returns every text source as a bundle.
        imported = readBundle(
            plugins.host().importAnnotations(kFormat, core::Document::fromBytes({}), bytes, options));
    } catch (const core::PluginError& e) {
        throw core::InputError(input.string() + ": import as qdpx failed: " + e.what());
    } catch (const annotations::FormatError& e) {
        throw core::InputError(input.string() + " (imported as qdpx): " + e.what());
    }
    if (imported.name.empty()) imported.name = input.stem().string();
    size_t annotationCount = 0;
    {
        const StagingFolder staging(folder);
        try {
            annotationCount = writeProject(imported, staging.path());
        } catch (const annotations::FormatError& e) {
            throw core::InputError(input.string() + " (imported as qdpx): " + e.what());
        }
        moveIntoPlace(staging.path(), folder);
    }
    std::printf("%zu reports, %zu annotations, %zu codes imported from %s into %s\n", imported.reports.size(),
                annotationCount, imported.codebook.tags.size(), input.string().c_str(),
                folder.string().c_str());
    return 0;
}

} // namespace gloss::cli
