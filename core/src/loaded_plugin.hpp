// The plugin host's own record of one loaded plugin, shared by the files of
// the host: loading (plugin_loading.cpp), the services a plugin calls
// (plugin_services.cpp), the sinks (plugin_sinks.cpp) and the calls into
// plugins (plugin_calls.cpp). Not part of the core's interface.
#pragma once

#include "gloss/core/plugin_crash.hpp"
#include "gloss/core/plugin_host.hpp"

#include <cstdint>
#include <dlfcn.h>
#include <filesystem>
#include <mutex>
#include <string>
#include <vector>

namespace gloss::core {

// What identifies one build of a plugin file: a rebuild changes at least one.
struct FileStamp {
    uint64_t size = 0;
    int64_t modifiedNs = 0;
    uint64_t inode = 0;
    bool operator==(const FileStamp&) const = default;
};

// The file's stamp, or an empty one when it cannot be read.
FileStamp stampOf(const std::filesystem::path& path);

// The document the host passes a plugin, with the Document behind it, so the
// offset services can use its index. `view` comes first: plugins see only it.
struct HostDocument {
    gloss_document view;
    const Document* document;
};

HostDocument describe(const Document& document);

inline std::string copyString(const char* text) {
    return text ? std::string(text) : std::string();
}

inline char asciiLower(char c) {
    return static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
}

// Everything the host knows of one loaded library. The services table's
// `host` pointer is this object, so each host function finds its plugin.
struct LoadedPlugin {
    struct Highlighter {
        std::string name;
        void* state;
        decltype(gloss_highlighter::highlight) call;
    };
    struct Tagger {
        std::string name;
        void* state;
        decltype(gloss_tagger::suggest) call;
        decltype(gloss_tagger::edit) edit; // may be null
    };
    struct Exporter {
        FormatInfo info;
        void* state;
        decltype(gloss_exporter::export_annotations) call;
    };
    struct Importer {
        FormatInfo info;
        void* state;
        decltype(gloss_importer::import_annotations) call;
    };
    struct Source {
        SourceInfo info;
        void* state;
        decltype(gloss_source::extract) call;
    };
    struct Panel {
        std::string title;
        void* state;
        decltype(gloss_panel::draw) call;
    };

    LoadedPlugin() = default;
    LoadedPlugin(const LoadedPlugin&) = delete;
    LoadedPlugin& operator=(const LoadedPlugin&) = delete;
    ~LoadedPlugin() {
        const PluginCallMark mark(id.empty() ? path.filename().string() : id, "shutdown"); // and destructors
        if (initialized && info.shutdown) {
            try {
                info.shutdown(state);
            } catch (...) {
                // Nothing can be done about it any more; the library still unloads.
            }
        }
        if (handle) ::dlclose(handle);
        for (void* dependency : dependencies) ::dlclose(dependency);
    }

    const PluginHost::Options* options = nullptr;
    std::filesystem::path path;
    FileStamp stamp;
    FileStamp lastReloadAttempt;
    void* handle = nullptr;
    std::vector<void*> dependencies; // libraries found through the original's $ORIGIN
    gloss_plugin_info info{};        // the descriptor, copied (plugin_abi.hpp)
    std::string id, name, version, description, settings;
    gloss_host_services services{};
    void* state = nullptr;
    bool initialized = false;
    bool initializing = false;

    std::vector<Highlighter> highlighters;
    std::vector<Tagger> taggers;
    std::vector<Exporter> exporters;
    std::vector<Importer> importers;
    std::vector<Source> sources;
    std::vector<Panel> panels;

    std::mutex callMutex; // serializes calls into this plugin; guards lastError
    std::string lastError;
    // Guards what follows. Never held during a call, so that the host can
    // answer about a plugin (plugins(), setEnabled) while a call is inside it.
    std::mutex statusMutex;
    bool failed = false;
    std::string failure;
    bool userEnabled = true;
};

} // namespace gloss::core
