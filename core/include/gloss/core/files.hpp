#pragma once

#include "gloss/annotations/anchoring.hpp"
#include "gloss/annotations/annotation_file.hpp"
#include "gloss/annotations/codebook.hpp"
#include "gloss/core/document.hpp"
#include "gloss/core/file_io.hpp"
#include "gloss/core/plugin_host.hpp"

#include <filesystem>

// Loading and saving the files Gloss works with, with every content error
// turned into an InputError that names the file.
namespace gloss::core {

// A report file whose extension or magic a source of `plugins` claims is
// turned into text by that source (`encoding` then does not apply); any
// other is read as text. A source's failure is an InputError naming the file.
Document loadReport(const std::filesystem::path& path, Encoding encoding, PluginHost* plugins = nullptr);
annotations::Codebook loadCodebook(const std::filesystem::path& path);
// Writes a codebook file atomically, laid out as docs/formats.md says.
void saveCodebook(const std::filesystem::path& path, const annotations::Codebook& codebook);

// Problems in single records do not throw: they are in `problems`, for the
// caller to show (and, in the CLI, to refuse to go on).
annotations::AnnotationFile loadAnnotationFile(const std::filesystem::path& path);
// Writes atomically (file_io.hpp), in pieces; `matches` (if any) are written
// among the file's annotations.
void saveAnnotationFile(const std::filesystem::path& path, const annotations::AnnotationFile& file,
                        const annotations::MatchAnnotations* matches = nullptr);

// How to anchor `file`'s annotations on `document`: with the fuzzy search's
// work limit in force (limits.hpp), and keeping its orphans as they are when
// the file records this very text (docs/formats.md, "Anchoring").
annotations::AnchorOptions anchorOptions(const annotations::AnnotationFile& file, const Document& document);

// The report facts an annotation file records (docs/formats.md, "`report`").
annotations::ReportInfo describeReport(const Document& document);

// Folder of the bundled sample report and codebook: share/gloss/examples next
// to an installed binary, else the source tree's examples/.
std::filesystem::path examplesDirectory();

} // namespace gloss::core
