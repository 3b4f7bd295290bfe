#pragma once

#include "gloss/core/text_encoding.hpp"

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace gloss::gui {

// The command line (README.md, "The editor"):
// gloss [REPORT | PROJECT] [--annotations F] [--codebook F] [--encoding E] [--plugin-dir D]...
//       [--screenshot PNG [--frames N] [--size WxH]]
struct Options {
    std::filesystem::path report;      // empty: the bundled sample; a project's folder or file opens it
    std::filesystem::path annotations; // empty: <report>.gloss.json
    std::filesystem::path codebook;    // empty: the bundled codebook
    // How REPORT's bytes are read until its annotation file says otherwise.
    core::Encoding encoding = core::Encoding::Utf8;
    std::vector<std::filesystem::path> pluginDirs;
    std::filesystem::path screenshot;
    int frames = 5;
    int width = 0; // 0: the size kept in the settings
    int height = 0;
};

// Parses argv; on a usage error returns nullopt with `error` set.
std::optional<Options> parseOptions(int argc, char** argv, std::string& error);

extern const char* const kUsage;

} // namespace gloss::gui
