#include "gloss/core/project.hpp"

#include "gloss/annotations/bounded_json.hpp"
#include "gloss/annotations/json_fields.hpp"
#include "gloss/annotations/utf8.hpp"
#include "gloss/core/file_io.hpp"
#include "gloss/core/text_encoding.hpp"

#include <algorithm>
#include <optional>
#include <set>

namespace gloss::core {

using Json = nlohmann::ordered_json;
using namespace annotations::json_fields;

namespace {

constexpr std::string_view kAnnotationsFolder = "annotations/";
constexpr std::string_view kAnnotationSuffix = ".gloss.json";

// Files Gloss writes (annotation files, the codebook) must stay inside the
// project folder: a shared project file is data, and must not be able to
// point a save at ~/.bashrc.
bool staysInside(std::string_view listed) {
    const std::filesystem::path path(listed);
    if (listed.empty() || path.is_absolute() || path.has_root_name()) return false;
    // No ".." at all, even one that would come back in: a rule simple enough
    // for the JSON Schema to state as well.
    return std::none_of(path.begin(), path.end(),
                        [](const std::filesystem::path& part) { return part == ".."; }) &&
           path.lexically_normal() != ".";
}

std::string readInsidePath(const Json& object, std::string_view key, const std::string& path) {
    const std::string listed = readString(object, key, path, true);
    require(staysInside(listed), join(path, key),
            annotations::excerpt(listed) + " is not a path inside the project folder");
    return listed;
}

std::map<std::string, std::string> readAttributes(const Json& object, const std::string& path) {
    std::map<std::string, std::string> attributes;
    const auto it = object.find("attributes");
    if (it == object.end() || it->is_null()) return attributes;
    const std::string where = join(path, "attributes");
    require(it->is_object(), where, "expected an object of names and string values");
    for (const auto& [name, value] : it->items()) {
        require(!name.empty(), where, "an attribute name is empty");
        require(value.is_string(), join(where, name),
                "expected a string, found " + annotations::excerptJson(value));
        attributes[name] = value.get<std::string>();
    }
    return attributes;
}

ProjectReport readReport(const Json& json, const std::string& path) {
    require(json.is_object(), path, "expected an object");
    ProjectReport report;
    report.path = readString(json, "path", path, true);
    require(!report.path.empty(), join(path, "path"), "is empty");
    report.annotations = readInsidePath(json, "annotations", path);
    report.encoding = readString(json, "encoding", path, false);
    require(report.encoding.empty() || encodingFromName(report.encoding).has_value(), join(path, "encoding"),
            "expected \"utf-8\" or \"windows-1252\", found " + annotations::excerpt(report.encoding));
    if (report.encoding == "utf-8") report.encoding.clear();
    report.attributes = readAttributes(json, path);
    report.extra = unknownFields(json, {"path", "annotations", "encoding", "attributes"});
    return report;
}

// "annotations/NAME.gloss.json", with ".2", ".3"... before the suffix when
// another report of the same file name has it already.
std::string freeAnnotationPath(const Project& project, const std::string& reportName) {
    std::set<std::string> taken;
    for (const ProjectReport& report : project.reports)
        taken.insert(std::filesystem::path(report.annotations).lexically_normal().generic_string());
    for (int n = 1;; ++n) {
        // Appended, not concatenated: GCC 12 at -O3 warns falsely on the latter (bug 105329).
        std::string candidate(kAnnotationsFolder);
        candidate += reportName;
        if (n > 1) candidate.append(".").append(std::to_string(n));
        candidate += kAnnotationSuffix;
        if (!taken.contains(candidate)) return candidate;
    }
}

bool samePath(const std::filesystem::path& a, const std::filesystem::path& b) {
    std::error_code error;
    if (std::filesystem::equivalent(a, b, error)) return true;
    return std::filesystem::weakly_canonical(a, error) == std::filesystem::weakly_canonical(b, error);
}

std::optional<size_t> indexOfReport(const Project& project, const std::filesystem::path& path) {
    for (size_t i = 0; i < project.reports.size(); ++i)
        if (samePath(project.resolve(project.reports[i].path), path)) return i;
    return std::nullopt;
}

} // namespace

std::filesystem::path Project::resolve(std::string_view listed) const {
    const std::filesystem::path path(listed);
    return path.is_absolute() ? path : folder() / path;
}

const ProjectReport* Project::findReport(const std::filesystem::path& path) const {
    const auto index = indexOfReport(*this, path);
    return index ? &reports[*index] : nullptr;
}

std::string Project::listedPath(const std::filesystem::path& path) const {
    std::error_code error;
    const auto absolute = std::filesystem::weakly_canonical(std::filesystem::absolute(path), error);
    const auto base = std::filesystem::weakly_canonical(std::filesystem::absolute(folder()), error);
    return absolute.lexically_relative(base).generic_string();
}

Project parseProject(std::string_view text) {
    const Json json = annotations::parseBoundedJson(text);
    require(json.is_object(), "top level", "expected a project object");
    checkFormatAndVersion(json, "", kProjectFormat, kProjectFormatVersion, "this project");
    Project project;
    project.name = readString(json, "name", "", false);
    project.codebook = readInsidePath(json, "codebook", "");
    const auto reports = json.find("reports");
    require(reports != json.end() && reports->is_array(), "reports", "expected an array of reports");
    std::set<std::string> paths, annotationFiles;
    for (size_t i = 0; i < reports->size(); ++i) {
        const std::string where = "reports[" + std::to_string(i) + "]";
        ProjectReport report = readReport((*reports)[i], where);
        require(paths.insert(std::filesystem::path(report.path).lexically_normal().generic_string()).second,
                where + ".path", annotations::excerpt(report.path) + " is listed by an earlier report");
        require(annotationFiles
                    .insert(std::filesystem::path(report.annotations).lexically_normal().generic_string())
                    .second,
                where + ".annotations",
                annotations::excerpt(report.annotations) + " is the annotation file of an earlier report");
        project.reports.push_back(std::move(report));
    }
    project.extra = unknownFields(json, {"format", "version", "name", "codebook", "reports"});
    return project;
}

std::string serializeProject(const Project& project) {
    Json json = Json::object();
    json["format"] = kProjectFormat;
    json["version"] = kProjectFormatVersion;
    json["name"] = project.name;
    json["codebook"] = project.codebook;
    Json reports = Json::array();
    for (const ProjectReport& report : project.reports) {
        Json out = Json::object();
        out["path"] = report.path;
        out["annotations"] = report.annotations;
        if (!report.encoding.empty()) out["encoding"] = report.encoding;
        Json attributes = Json::object();
        for (const auto& [name, value] : report.attributes) attributes[name] = value;
        out["attributes"] = std::move(attributes);
        for (const auto& [key, value] : report.extra.items()) out[key] = value;
        reports.push_back(std::move(out));
    }
    json["reports"] = std::move(reports);
    for (const auto& [key, value] : project.extra.items()) json[key] = value;
    return json.dump(2) + "\n";
}

std::filesystem::path projectFilePath(const std::filesystem::path& folderOrFile) {
    std::error_code error;
    return std::filesystem::is_directory(folderOrFile, error) ? folderOrFile / kProjectFileName
                                                              : folderOrFile;
}

bool isProjectPath(const std::filesystem::path& path) {
    std::error_code error;
    if (std::filesystem::is_directory(path, error))
        return std::filesystem::exists(path / kProjectFileName, error);
    return path.filename() == kProjectFileName;
}

Project loadProject(const std::filesystem::path& folderOrFile) {
    const std::filesystem::path file = projectFilePath(folderOrFile);
    const std::string text = readFile(file);
    try {
        Project project = parseProject(text);
        project.file = file;
        return project;
    } catch (const annotations::FormatError& e) {
        throw InputError(file.string() + ": " + e.what());
    }
}

void saveProject(const Project& project) {
    writeFileAtomically(project.file, serializeProject(project));
}

ProjectReport& addReport(Project& project, const std::filesystem::path& reportPath,
                         const std::map<std::string, std::string>& attributes) {
    auto index = indexOfReport(project, reportPath);
    if (!index) {
        ProjectReport report;
        report.path = project.listedPath(reportPath);
        if (annotations::utf8::firstInvalidByte(report.path))
            throw InputError(reportPath.string() +
                             ": the path is not UTF-8, and a project lists paths as UTF-8");
        report.annotations = freeAnnotationPath(project, reportPath.filename().string());
        project.reports.push_back(std::move(report));
        index = project.reports.size() - 1;
    }
    ProjectReport& entry = project.reports[*index];
    for (const auto& [name, value] : attributes) {
        if (annotations::utf8::firstInvalidByte(name) || annotations::utf8::firstInvalidByte(value))
            throw InputError(reportPath.string() + ": the attribute " + name + " is not UTF-8");
        entry.attributes[name] = value;
    }
    return entry;
}

} // namespace gloss::core
