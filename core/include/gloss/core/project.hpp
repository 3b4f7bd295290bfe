#pragma once

#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

// A project: a corpus of reports coded with one codebook (docs/formats.md,
// "The project file"). The file lists paths; nothing here opens a report.
namespace gloss::core {

inline constexpr std::string_view kProjectFormat = "gloss.project";
inline constexpr int kProjectFormatVersion = 1;
inline constexpr std::string_view kProjectFileName = "gloss-project.json";

// One report of the project. Paths are as the file holds them: relative to
// the project's folder, with '/' between folders, so a project folder can be
// moved or cloned with git.
struct ProjectReport {
    std::string path;        // the report; may lie outside the project folder
    std::string annotations; // its annotation file, inside the project folder
    std::string encoding;    // "" (UTF-8, or what a source plugin extracts) or "windows-1252"
    // Cases and variables: region, year, interviewee role...
    std::map<std::string, std::string> attributes;
    nlohmann::ordered_json extra = nlohmann::ordered_json::object();

    bool operator==(const ProjectReport&) const = default;
};

struct Project {
    std::string name;
    std::string codebook; // the codebook file, inside the project folder
    std::vector<ProjectReport> reports;
    nlohmann::ordered_json extra = nlohmann::ordered_json::object();
    // The gloss-project.json it was read from or is saved to; not in the file.
    std::filesystem::path file;

    std::filesystem::path folder() const { return file.parent_path(); }
    // A path of the file (a report, an annotation file, the codebook) on disk.
    std::filesystem::path resolve(std::string_view listed) const;
    // The report that is the file `path` (absolute, or relative to the
    // working folder), or null.
    const ProjectReport* findReport(const std::filesystem::path& path) const;
    // `path` (absolute, or relative to the working folder) as the project
    // lists it: relative to the project's folder, '/' separated.
    std::string listedPath(const std::filesystem::path& path) const;
};

// Reads a project file's text. Every problem is an annotations::FormatError
// located by JSON path ("reports[2].annotations"): a project is small, and a
// wrong one must be fixed, not half-used.
Project parseProject(std::string_view text);
// Deterministic text: the fixed key order of docs/formats.md, attributes
// sorted by name, 2-space indent, trailing newline.
std::string serializeProject(const Project& project);

// FOLDER/gloss-project.json for a folder, else `path` itself.
std::filesystem::path projectFilePath(const std::filesystem::path& folderOrFile);
// True for a folder holding gloss-project.json, or a file of that name.
bool isProjectPath(const std::filesystem::path& path);
// Reads FOLDER or FOLDER/gloss-project.json; an InputError names the file.
Project loadProject(const std::filesystem::path& folderOrFile);
// Writes project.file atomically.
void saveProject(const Project& project);

// Lists `reportPath` in the project (it is not opened, copied or changed),
// with an annotation file "annotations/NAME.gloss.json" that no other report
// uses; a report already listed keeps its entry. `attributes` are set on it.
// Returns the entry.
ProjectReport& addReport(Project& project, const std::filesystem::path& reportPath,
                         const std::map<std::string, std::string>& attributes);

} // namespace gloss::core
