#pragma once

#include "gloss/annotations/anchoring.hpp"
#include "gloss/annotations/annotation_file.hpp"
#include "gloss/annotations/codebook.hpp"
#include "gloss/core/document.hpp"
#include "gloss/core/plugin_host.hpp"
#include "platform/file_stamp.hpp"

#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace gloss::gui {

// What to open: a report, the annotations file it is saved to (empty: beside
// the report as REPORT.gloss.json) and the codebook.
struct OpenRequest {
    std::filesystem::path report;
    std::filesystem::path annotations;
    std::filesystem::path codebook;
    // How the report is decoded until its annotation file says otherwise: a
    // project names the encoding of a report not coded yet.
    core::Encoding encoding = core::Encoding::Utf8;
    // Read the annotations from here instead, still saving to `annotations`:
    // the bundled sample starts from its example annotations.
    std::filesystem::path readFrom;
    // `report` as it is already open: other annotations for it are anchored
    // on it instead of reading (or extracting) the report again, unless they
    // say it was decoded another way.
    std::shared_ptr<const core::Document> openReport;
    // Anchor the annotations even when their file was made for another report.
    bool anchorAnyway = false;
};

// Everything read for an OpenRequest, before the editor takes it over.
struct OpenedWork {
    OpenRequest request;
    std::shared_ptr<const core::Document> document; // null: the report could not be opened
    annotations::Codebook codebook;                 // with the annotation file's own tags added
    annotations::AnnotationFile file;               // anchored to `document`
    std::filesystem::path saveTo;                   // where the annotations will be saved
    FileStamp saveToStamp;                          // of `saveTo` before it was read: what a save may replace
    std::vector<std::string> messages;              // for the window, one line each
    // The report could not be read as UTF-8 but looks like text: it may be
    // Windows-1252, and the last message says so.
    bool mayBeWindows1252 = false;
    // The annotation file names another report, whose content differs too:
    // its name, for the question whether to anchor it here anyway.
    std::string madeForOther;
};

// Reads the codebook, the annotation file and the report (through a source
// plugin of `plugins` when one claims the file: PDF, DOCX, HTML), and anchors
// the annotations. Touches no editor state and never throws, so it can run on
// a worker thread while the window shows progress.
OpenedWork readWork(const OpenRequest& request, core::PluginHost* plugins);

} // namespace gloss::gui
