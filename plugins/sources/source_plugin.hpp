// The part every source plugin shares: one source registered from init, and
// its extract callback turning the plugin's C++ extraction (which throws
// gloss::plugin::Failure with a message for the user) into plugin.h calls.
#pragma once

#include <cstdint>
#include <gloss/plugin.h>
#include <string>
#include <string_view>
#include <vector>

namespace gloss::sources {

// A report's text, the byte offset where each of its pages starts (empty for
// a format without pages) and its headings (in text order).
struct Extracted {
    std::string text;
    std::vector<uint64_t> pageStarts;
    std::vector<gloss_heading> headings;
};

struct SourceSpec {
    const char* format;
    const char* extractor;
    std::string extractorVersion;
    const char* extensions; // space-separated, without dots
    const char* mimeType;
    std::string_view magic;
    Extracted (*extract)(std::string_view bytes);
    void (*setUp)() = nullptr; // run once from init, before registering
};

// For a plugin's init: registers `spec` (which must live until shutdown).
gloss_status registerSource(const gloss_host_services* services, const SourceSpec& spec);

} // namespace gloss::sources

// Defines a plugin whose one capability is the source SPEC (a SourceSpec).
#define GLOSS_SOURCE_PLUGIN(SPEC, ID, NAME, DESCRIPTION)                                                     \
    namespace {                                                                                              \
    gloss_status sourcePluginInit(const gloss_host_services* services, void**) {                             \
        return gloss::sources::registerSource(services, SPEC);                                               \
    }                                                                                                        \
    const gloss_plugin_info sourcePluginInfo{sizeof(gloss_plugin_info), ID,     NAME, "1.0.0", DESCRIPTION,  \
                                             sourcePluginInit,          nullptr};                            \
    }                                                                                                        \
    GLOSS_PLUGIN_DEFINE(sourcePluginInfo)
