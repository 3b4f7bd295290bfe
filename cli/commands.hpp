#pragma once

#include "arguments.hpp"
#include "gloss/annotations/anchoring.hpp"
#include "gloss/annotations/annotation_file.hpp"
#include "gloss/annotations/codebook.hpp"
#include "gloss/core/document.hpp"
#include "gloss/core/plugin_host.hpp"
#include "gloss/core/project.hpp"
#include "gloss/core/text_encoding.hpp"

#include <filesystem>
#include <optional>
#include <span>
#include <vector>

namespace gloss::cli {

// Each command returns the process exit code (docs/architecture.md, "Data flow"): 0 success,
// 1 findings, 2 bad input or usage (thrown, and reported by main).
int runInfo(std::span<char* const> words);
int runStats(std::span<char* const> words);
int runTag(std::span<char* const> words);
int runPlugins(std::span<char* const> words);
int runHighlight(std::span<char* const> words);
int runExport(std::span<char* const> words);
int runImport(std::span<char* const> words);
int runMerge(std::span<char* const> words);
int runAgree(std::span<char* const> words);
int runReanchor(std::span<char* const> words);
int runProject(std::span<char* const> words);
// `project import` and `project export`: REFI-QDA (command_project_qdpx.cpp).
int runProjectImport(std::span<char* const> words);
int runProjectExport(std::span<char* const> words);
int runSegments(std::span<char* const> words);
int runCooccur(std::span<char* const> words);
// `highlight --project`: every report of a project (command_highlight_project.cpp).
int runHighlightProject(const Arguments& arguments);

// The --encoding option shared by every command that reads a report.
inline const OptionSpec kEncodingOption{"--encoding", true};
// --plugin-dir, repeatable, shared by every command that loads plugins.
inline const OptionSpec kPluginDirOption{"--plugin-dir", true};

// --positions codepoints|utf16: the unit of the positions a format holds, for
// formats whose producers count in either (REFI-QDA, docs/formats.md §9.3;
// Label Studio and doccano, §11).
inline const OptionSpec kPositionsOption{"--positions", true};
// The options as a plugin receives them (a JSON object): {"positions":
// "utf16"} from --positions, {} without it.
std::string importOptions(const Arguments& arguments);

// The folders plugins are loaded from: the standard ones, then --plugin-dir.
std::vector<std::filesystem::path> pluginFolders(const Arguments& arguments);
std::optional<core::Encoding> encodingOption(const Arguments& arguments);

// An annotation file with no problems at all; otherwise an InputError listing
// them, one line each, since going on would drop the records in question.
annotations::AnnotationFile loadCleanAnnotationFile(const std::string& path);

// A file's annotations re-anchored on REPORT (docs/formats.md, "Anchoring"): the report as read
// (with --encoding, else the encoding the file records; a source plugin of
// `plugins` reads PDF, DOCX and HTML), how many annotations are anchored,
// moved and orphaned, and whether it differs from the report the file was
// made for. `file.report` then describes REPORT.
struct Reanchored {
    core::Document report;
    annotations::AnchorCounts counts;
    bool reportChanged = false;
};
Reanchored reanchorOnReport(const Arguments& arguments, annotations::AnnotationFile& file,
                            const std::filesystem::path& reportPath, core::PluginHost& plugins);

// "anchored N, moved N, orphaned N"
std::string describeCounts(const annotations::AnchorCounts& counts);

// `file`'s own codebook with the tags `ids` (and their ancestors) added from
// `source`, so the file stands alone.
annotations::Codebook embedTags(const annotations::AnnotationFile& file, const annotations::Codebook& source,
                                const std::vector<std::string>& ids);

// A usage error when `output` is the same file as one of `inputs`.
void refuseOverwritingInputs(const Arguments& arguments, const std::filesystem::path& output,
                             const std::vector<std::filesystem::path>& inputs);

// --codebook FILE, else the bundled sample codebook.
annotations::Codebook codebookOption(const Arguments& arguments);

// The codebook file a project names.
annotations::Codebook projectCodebook(const core::Project& project);
// How a project's report is decoded: --encoding, else what the project says.
core::Encoding projectReportEncoding(const Arguments& arguments, const core::ProjectReport& report);
// Every --attribute KEY=VALUE.
std::map<std::string, std::string> attributeOptions(const Arguments& arguments);
inline const OptionSpec kAttributeOption{"--attribute", true};

} // namespace gloss::cli
