#include "plugin_services.hpp"

#include "gloss/core/plugin_abi.hpp"
#include "loaded_plugin.hpp"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <optional>

namespace gloss::core {

namespace {

LoadedPlugin& pluginOf(gloss_host* host) {
    return *reinterpret_cast<LoadedPlugin*>(host);
}

void serviceLog(gloss_host* host, int32_t level, const char* message, size_t size) {
    const LoadedPlugin& plugin = pluginOf(host);
    const std::string text = message ? std::string(message, std::min<size_t>(size, 4096)) : std::string();
    if (plugin.options->log) {
        plugin.options->log(level, plugin.id, text);
        return;
    }
    // Without a logger only warnings and errors are shown, unless
    // GLOSS_PLUGIN_LOG=debug asks for everything (for plugin authors).
    static const bool verbose = [] {
        const char* setting = std::getenv("GLOSS_PLUGIN_LOG");
        return setting && std::string_view(setting) == "debug";
    }();
    if (level < GLOSS_LOG_WARNING && !verbose) return;
    static constexpr const char* kLevels[] = {"debug", "info", "warning", "error"};
    std::fprintf(stderr, "gloss: plugin %s: %s: %s\n", plugin.id.c_str(), kLevels[std::clamp(level, 0, 3)],
                 text.c_str());
}

void serviceSetError(gloss_host* host, const char* message, size_t size) {
    pluginOf(host).lastError = message ? std::string(message, std::min<size_t>(size, 4096)) : std::string();
}

uint64_t serviceCodepointOffset(gloss_host*, const gloss_document* document, uint64_t byte) {
    return reinterpret_cast<const HostDocument*>(document)->document->codepointOffset(
        static_cast<size_t>(byte));
}

uint64_t serviceByteOffset(gloss_host*, const gloss_document* document, uint64_t codepoint) {
    return reinterpret_cast<const HostDocument*>(document)->document->byteOffset(codepoint);
}

// Copies a capability table the plugin registers, as large as this host's
// layout, after checking it is one this host can read (plugin_abi.hpp). Only
// init may register.
template <typename Table>
std::optional<Table> copyRegistration(gloss_host* host, const Table* table, const char* kind) {
    LoadedPlugin& plugin = pluginOf(host);
    if (!plugin.initializing) {
        plugin.lastError = std::string(kind) + " registered outside init";
        return std::nullopt;
    }
    return copyTable(table, plugin.lastError);
}

gloss_status registerHighlighter(gloss_host* host, const gloss_highlighter* table) {
    const auto t = copyRegistration(host, table, "highlighter");
    if (!t || !t->highlight) return GLOSS_ERROR;
    pluginOf(host).highlighters.push_back({copyString(t->name), t->state, t->highlight});
    return GLOSS_OK;
}

gloss_status registerTagger(gloss_host* host, const gloss_tagger* table) {
    const auto t = copyRegistration(host, table, "tagger");
    if (!t || !t->suggest) return GLOSS_ERROR;
    pluginOf(host).taggers.push_back({copyString(t->name), t->state, t->suggest, t->edit});
    return GLOSS_OK;
}

gloss_status registerExporter(gloss_host* host, const gloss_exporter* table) {
    const auto t = copyRegistration(host, table, "exporter");
    if (!t || !t->export_annotations || !t->format || !*t->format) return GLOSS_ERROR;
    LoadedPlugin& plugin = pluginOf(host);
    plugin.exporters.push_back({{plugin.id, t->format, copyString(t->extension), copyString(t->description)},
                                t->state,
                                t->export_annotations});
    return GLOSS_OK;
}

gloss_status registerImporter(gloss_host* host, const gloss_importer* table) {
    const auto t = copyRegistration(host, table, "importer");
    if (!t || !t->import_annotations || !t->format || !*t->format) return GLOSS_ERROR;
    LoadedPlugin& plugin = pluginOf(host);
    plugin.importers.push_back({{plugin.id, t->format, copyString(t->extension), copyString(t->description)},
                                t->state,
                                t->import_annotations});
    return GLOSS_OK;
}

gloss_status registerPanel(gloss_host* host, const gloss_panel* table) {
    const auto t = copyRegistration(host, table, "panel");
    if (!t || !t->draw || !t->title) return GLOSS_ERROR;
    LoadedPlugin& plugin = pluginOf(host);
    const int32_t hostVersion = plugin.options->imguiVersion;
    if (hostVersion != 0 && t->imgui_version != hostVersion) {
        plugin.lastError = "panel built with Dear ImGui " + std::to_string(t->imgui_version) +
                           ", the editor has " + std::to_string(hostVersion);
        return GLOSS_ERROR;
    }
    plugin.panels.push_back({t->title, t->state, t->draw});
    return GLOSS_OK;
}

// "htm html" -> {"htm", "html"}, lowercased.
std::vector<std::string> splitExtensions(const char* list) {
    std::vector<std::string> extensions;
    std::string current;
    for (const char* c = list; c && *c; ++c) {
        if (*c == ' ') {
            if (!current.empty()) extensions.push_back(std::move(current));
            current.clear();
        } else {
            current += asciiLower(*c);
        }
    }
    if (!current.empty()) extensions.push_back(std::move(current));
    return extensions;
}

gloss_status registerSource(gloss_host* host, const gloss_source* table) {
    const auto t = copyRegistration(host, table, "source");
    if (!t || !t->extract || !t->format || !*t->format || !t->extractor || !*t->extractor ||
        !t->extractor_version || (t->magic_size > 0 && !t->magic) || t->magic_size > 64)
        return GLOSS_ERROR;
    LoadedPlugin& plugin = pluginOf(host);
    SourceInfo info{plugin.id,
                    t->format,
                    {t->extractor, t->extractor_version},
                    splitExtensions(t->extensions),
                    copyString(t->mime_type),
                    std::string(t->magic ? t->magic : "", t->magic_size)};
    if (info.extensions.empty() && info.magic.empty()) {
        plugin.lastError = "source " + info.format + " claims no extension and no magic";
        return GLOSS_ERROR;
    }
    plugin.sources.push_back({std::move(info), t->state, t->extract});
    return GLOSS_OK;
}

} // namespace

bool initialize(LoadedPlugin& plugin, std::string& reason) {
    gloss_host_services& s = plugin.services;
    s.struct_size = sizeof(gloss_host_services);
    s.abi_version = GLOSS_PLUGIN_ABI_VERSION;
    s.host = reinterpret_cast<gloss_host*>(&plugin);
    s.log = serviceLog;
    s.set_error = serviceSetError;
    s.settings_json = plugin.settings.data();
    s.settings_size = plugin.settings.size();
    s.register_highlighter = registerHighlighter;
    s.register_tagger = registerTagger;
    s.register_exporter = registerExporter;
    s.register_importer = registerImporter;
    s.register_panel = registerPanel;
    s.codepoint_offset = serviceCodepointOffset;
    s.byte_offset = serviceByteOffset;
    s.register_source = registerSource;

    plugin.initializing = true;
    gloss_status status = GLOSS_ERROR;
    try {
        const PluginCallMark mark(plugin.id, "init");
        status = plugin.info.init(&s, &plugin.state);
    } catch (const std::exception& e) {
        plugin.lastError = std::string("threw an exception: ") + e.what();
    } catch (...) {
        plugin.lastError = "threw an exception";
    }
    plugin.initializing = false;
    if (status != GLOSS_OK) {
        reason = "init failed: " + (plugin.lastError.empty() ? "no reason given" : plugin.lastError);
        return false;
    }
    plugin.initialized = true;
    return true;
}

} // namespace gloss::core
