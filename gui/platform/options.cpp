#include "platform/options.hpp"

#include <charconv>
#include <string_view>

namespace gloss::gui {

const char* const kUsage =
    "usage: gloss [REPORT | PROJECT] [--annotations F] [--codebook F] [--encoding utf-8|windows-1252]\n"
    "             [--plugin-dir D]...\n"
    "             [--screenshot PNG [--frames N] [--size WxH]]\n";

namespace {

bool parseInt(std::string_view text, int& value) {
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    return error == std::errc() && end == text.data() + text.size() && value > 0;
}

} // namespace

std::optional<Options> parseOptions(int argc, char** argv, std::string& error) {
    Options options;
    bool haveReport = false;
    for (int i = 1; i < argc; ++i) {
        const std::string_view word = argv[i];
        const auto value = [&]() -> const char* {
            if (i + 1 >= argc) {
                error = std::string(word) + " needs a value";
                return nullptr;
            }
            return argv[++i];
        };
        if (word == "--annotations" || word == "--codebook" || word == "--encoding" ||
            word == "--plugin-dir" || word == "--screenshot" || word == "--frames" || word == "--size") {
            const char* v = value();
            if (!v) return std::nullopt;
            if (word == "--annotations")
                options.annotations = v;
            else if (word == "--codebook")
                options.codebook = v;
            else if (word == "--encoding") {
                const auto encoding = core::encodingFromName(v);
                if (!encoding) {
                    error = "--encoding: unknown encoding '" + std::string(v) +
                            "' (expected utf-8 or windows-1252)";
                    return std::nullopt;
                }
                options.encoding = *encoding;
            } else if (word == "--plugin-dir")
                options.pluginDirs.emplace_back(v);
            else if (word == "--screenshot")
                options.screenshot = v;
            else if (word == "--frames") {
                if (!parseInt(v, options.frames)) {
                    error = "--frames: expected a positive number, found '" + std::string(v) + "'";
                    return std::nullopt;
                }
            } else {
                const std::string_view size = v;
                const size_t x = size.find('x');
                if (x == std::string_view::npos || !parseInt(size.substr(0, x), options.width) ||
                    !parseInt(size.substr(x + 1), options.height)) {
                    error = "--size: expected WIDTHxHEIGHT, found '" + std::string(v) + "'";
                    return std::nullopt;
                }
            }
        } else if (word == "--help" || word == "-h") {
            error.clear();
            return std::nullopt;
        } else if (word.starts_with("-")) {
            error = "unknown option " + std::string(word);
            return std::nullopt;
        } else if (haveReport) {
            error = "more than one REPORT given";
            return std::nullopt;
        } else {
            options.report = word;
            haveReport = true;
        }
    }
    return options;
}

} // namespace gloss::gui
