#pragma once

#include "gloss/annotations/codebook.hpp"
#include "gloss/core/plugin_host.hpp"
#include "gloss/core/text_encoding.hpp"

#include <filesystem>
#include <optional>
#include <string>

namespace gloss::cli {

struct HighlightJob {
    std::filesystem::path report;
    // How to decode a text report; unset: as `input` records, else UTF-8.
    std::optional<core::Encoding> encoding;
    std::optional<std::filesystem::path> input; // annotations to merge the matches into
    std::filesystem::path output;
};

struct HighlightCounts {
    size_t matches = 0;
    size_t added = 0;
    size_t alreadyPresent = 0;
    size_t dropped = 0; // invalid spans the host refused
};

// One report's theme matches as annotations (origin plugin:HIGHLIGHTER),
// merged into `job.input` and written atomically to `job.output`: a pure
// function of the report, the codebook and the input file, so a corpus can
// be split across workers or machines. Throws InputError naming the file.
HighlightCounts highlightReport(core::PluginHost& plugins, const std::string& highlighter,
                                const annotations::Codebook& codebook, const HighlightJob& job);

} // namespace gloss::cli
