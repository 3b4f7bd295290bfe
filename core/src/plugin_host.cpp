#include "gloss/core/plugin_host.hpp"

#include "gloss/annotations/utf8.hpp"
#include "gloss/core/elf_file.hpp"
#include "gloss/core/file_io.hpp"

#include <algorithm>
#include <array>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <dlfcn.h>
#include <functional>
#include <sys/stat.h>
#include <unistd.h>
#include <unordered_map>

namespace gloss::core {

// [SECTION] The loaded plugin
// Everything the host knows of one loaded library. The services table's
// `host` pointer is this object, so each host function finds its plugin.

namespace {

struct FileStamp {
    uint64_t size = 0;
    int64_t modifiedNs = 0;
    uint64_t inode = 0;
    bool operator==(const FileStamp&) const = default;
};

FileStamp stampOf(const std::filesystem::path& path) {
    struct stat info {};
    if (::stat(path.c_str(), &info) != 0) return {};
    return {static_cast<uint64_t>(info.st_size), info.st_mtim.tv_sec * 1000000000LL + info.st_mtim.tv_nsec,
            static_cast<uint64_t>(info.st_ino)};
}

// The document the host passes a plugin, with the Document behind it, so the
// offset services can use its index. `view` comes first: plugins see only it.
struct HostDocument {
    gloss_document view;
    const Document* document;
};

HostDocument describe(const Document& document) {
    HostDocument host{};
    host.view.struct_size = sizeof(gloss_document);
    host.view.text = document.utf8().data();
    host.view.text_size = document.utf8().size();
    host.view.name = document.name().data();
    host.view.name_size = document.name().size();
    host.view.codepoints = document.codepointCount();
    host.view.page_starts = document.pageStarts().data();
    host.view.page_count = document.pageStarts().size();
    host.document = &document;
    return host;
}

std::string copyString(const char* text) {
    return text ? std::string(text) : std::string();
}

} // namespace

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
        if (initialized && info->shutdown) {
            try {
                info->shutdown(state);
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
    const gloss_plugin_info* info = nullptr;
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

// [SECTION] Host services

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

// Copies a capability table the plugin registers, after checking it is one
// this host can read. Only init may register.
template <typename Table>
const Table* acceptTable(gloss_host* host, const Table* table, const char* kind) {
    LoadedPlugin& plugin = pluginOf(host);
    if (!plugin.initializing) {
        plugin.lastError = std::string(kind) + " registered outside init";
        return nullptr;
    }
    if (!table || table->struct_size < sizeof(Table)) {
        plugin.lastError = std::string(kind) + " table is missing or too small for this ABI";
        return nullptr;
    }
    return table;
}

gloss_status registerHighlighter(gloss_host* host, const gloss_highlighter* table) {
    const auto* t = acceptTable(host, table, "highlighter");
    if (!t || !t->highlight) return GLOSS_ERROR;
    pluginOf(host).highlighters.push_back({copyString(t->name), t->state, t->highlight});
    return GLOSS_OK;
}

gloss_status registerTagger(gloss_host* host, const gloss_tagger* table) {
    const auto* t = acceptTable(host, table, "tagger");
    if (!t || !t->suggest) return GLOSS_ERROR;
    pluginOf(host).taggers.push_back({copyString(t->name), t->state, t->suggest, t->edit});
    return GLOSS_OK;
}

gloss_status registerExporter(gloss_host* host, const gloss_exporter* table) {
    const auto* t = acceptTable(host, table, "exporter");
    if (!t || !t->export_annotations || !t->format || !*t->format) return GLOSS_ERROR;
    LoadedPlugin& plugin = pluginOf(host);
    plugin.exporters.push_back({{plugin.id, t->format, copyString(t->extension), copyString(t->description)},
                                t->state,
                                t->export_annotations});
    return GLOSS_OK;
}

gloss_status registerImporter(gloss_host* host, const gloss_importer* table) {
    const auto* t = acceptTable(host, table, "importer");
    if (!t || !t->import_annotations || !t->format || !*t->format) return GLOSS_ERROR;
    LoadedPlugin& plugin = pluginOf(host);
    plugin.importers.push_back({{plugin.id, t->format, copyString(t->extension), copyString(t->description)},
                                t->state,
                                t->import_annotations});
    return GLOSS_OK;
}

gloss_status registerPanel(gloss_host* host, const gloss_panel* table) {
    const auto* t = acceptTable(host, table, "panel");
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

char asciiLower(char c) {
    return static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
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
    const auto* t = acceptTable(host, table, "source");
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

// [SECTION] Sinks

constexpr size_t kMaxTagBytes = 256;
constexpr size_t kMaxOutputBytes = size_t{1} << 30; // an export larger than 1 GiB is a runaway plugin

bool onBoundary(std::string_view text, uint64_t offset) {
    return offset == text.size() || (offset < text.size() && !annotations::utf8::isContinuationByte(
                                                                 static_cast<unsigned char>(text[offset])));
}

// Hashes a tag by value, so that a lookup needs no std::string.
struct TagHash {
    using is_transparent = void;
    size_t operator()(std::string_view tag) const noexcept { return std::hash<std::string_view>{}(tag); }
};

struct SpanCollector {
    SpanCollector(std::string_view documentText, HighlightResult& output)
        : text(documentText), result(output) {}

    std::string_view text;
    HighlightResult& result;
    std::unordered_map<std::string, uint32_t, TagHash, std::equal_to<>> indexOfTag;
    // Plugins pass the same few tag strings over and over, so the last tags
    // accepted are remembered by address and size. Within one emit call the
    // bytes at an address cannot change; once a call returns the plugin may
    // reuse the memory for another tag, so an entry from an earlier call is
    // trusted only after its bytes are compared again.
    struct SeenTag {
        const char* tag;
        size_t size;
        uint64_t call; // the emit call that last confirmed the bytes
        uint32_t index;
    };
    static constexpr size_t kSeenTags = 8;
    std::array<SeenTag, kSeenTags> seen{};
    size_t seenCount = 0; // valid entries of `seen`
    size_t nextSeen = 0;  // the entry replaced next once all are valid
    uint64_t call = 0;    // numbers the emit calls

    bool tagIndex(const char* tag, size_t size, uint32_t& index) {
        SeenTag* slot = nullptr;
        for (size_t i = 0; i < seenCount; ++i) {
            SeenTag& entry = seen[i];
            if (entry.tag != tag || entry.size != size) continue;
            if (entry.call != call) {
                if (std::memcmp(tag, result.tags[entry.index].data(), size) != 0) {
                    slot = &entry; // the memory now holds another tag
                    break;
                }
                entry.call = call;
            }
            index = entry.index;
            return true;
        }
        if (!tag || size == 0 || size > kMaxTagBytes) return false;
        const std::string_view name(tag, size);
        auto it = indexOfTag.find(name);
        if (it == indexOfTag.end()) {
            if (annotations::utf8::firstInvalidByte(name)) return false;
            it = indexOfTag.emplace(std::string(name), static_cast<uint32_t>(result.tags.size())).first;
            result.tags.emplace_back(name);
        }
        if (!slot) {
            slot = &seen[nextSeen];
            nextSeen = nextSeen + 1 == kSeenTags ? 0 : nextSeen + 1;
            seenCount = std::min(seenCount + 1, kSeenTags);
        }
        *slot = {tag, size, call, it->second};
        index = it->second;
        return true;
    }

    static gloss_status emit(void* context, const gloss_span* spans, size_t count) {
        auto& self = *static_cast<SpanCollector*>(context);
        if (!spans) return count == 0 ? GLOSS_OK : GLOSS_ERROR;
        ++self.call;
        const std::string_view text = self.text;
        std::vector<Span>& out = self.result.spans;
        for (size_t i = 0; i < count; ++i) {
            const gloss_span& span = spans[i];
            uint32_t tag = 0;
            if (span.start >= span.end || span.end > text.size() || !onBoundary(text, span.start) ||
                !onBoundary(text, span.end) || !self.tagIndex(span.tag, span.tag_size, tag)) {
                ++self.result.dropped;
                continue;
            }
            out.push_back({span.start, span.end, tag});
        }
        return GLOSS_OK;
    }
};

struct TagCollector {
    explicit TagCollector(std::vector<TagSuggestion>& output) : suggestions(output) {}

    std::vector<TagSuggestion>& suggestions;
    size_t dropped = 0;

    static gloss_status emit(void* context, const char* tag, size_t size, double score) {
        auto& self = *static_cast<TagCollector*>(context);
        if (!tag || size == 0 || size > kMaxTagBytes || !(score >= 0.0 && score <= 1.0) ||
            annotations::utf8::firstInvalidByte(std::string_view(tag, size))) {
            ++self.dropped;
            return GLOSS_OK;
        }
        self.suggestions.push_back({std::string(tag, size), score});
        return GLOSS_OK;
    }
};

struct ByteCollector {
    std::string bytes;
    bool overflowed = false;

    static gloss_status write(void* context, const char* data, size_t size) {
        auto& self = *static_cast<ByteCollector*>(context);
        if (size == 0) return GLOSS_OK;
        if (!data) return GLOSS_ERROR;
        if (size > kMaxOutputBytes - self.bytes.size()) {
            self.overflowed = true;
            return GLOSS_STOP;
        }
        self.bytes.append(data, size);
        return GLOSS_OK;
    }
};

// Keeps the one text a source sets; extractText checks it once the call returns.
struct TextCollector {
    ExtractedText result;
    bool set = false;
    std::string problem; // a misuse of the sink

    static gloss_status setText(void* context, const char* text, size_t size, const uint64_t* pageStarts,
                                size_t pageCount) {
        auto& self = *static_cast<TextCollector*>(context);
        if (self.set)
            self.problem = "set_text was called more than once";
        else if (size > kMaxOutputBytes)
            self.problem = "the text is larger than 1 GiB";
        else if (size > 0 && !text)
            self.problem = "the text is NULL";
        else if (pageCount > 0 && !pageStarts)
            self.problem = "the page starts are NULL";
        if (!self.problem.empty()) return GLOSS_ERROR;
        self.set = true;
        self.result.text.assign(text ? text : "", size);
        if (pageCount > 0) self.result.pageStarts.assign(pageStarts, pageStarts + pageCount);
        return GLOSS_OK;
    }
};

// Why extracted text cannot be a report's text, or empty when it can.
std::string checkExtractedText(const ExtractedText& extracted) {
    const std::string_view text = extracted.text;
    if (text.empty()) return "extracted no text";
    if (const auto bad = annotations::utf8::firstInvalidByte(text))
        return "extracted text that is not UTF-8 at byte " + std::to_string(*bad);
    const auto& starts = extracted.pageStarts;
    for (size_t i = 0; i < starts.size(); ++i) {
        const std::string page =
            "extracted page " + std::to_string(i + 1) + " starting at byte " + std::to_string(starts[i]);
        if (i == 0 && starts[i] != 0) return page + ", not 0";
        if (i > 0 && starts[i] <= starts[i - 1])
            return page + ", not after page " + std::to_string(i) + " (byte " +
                   std::to_string(starts[i - 1]) + ")";
        if (starts[i] >= text.size())
            return page + ", past the end of the text (" + std::to_string(text.size()) + " bytes)";
        if (!onBoundary(text, starts[i])) return page + ", inside a character";
    }
    return {};
}

// [SECTION] Calling into a plugin
// One place turns every outcome of a plugin call into the host's terms: OK
// returns, a reported failure throws PluginError, and misbehaviour (a thrown
// exception, an unknown status) also disables the plugin.

[[noreturn]] void disable(LoadedPlugin& plugin, std::string failure) {
    {
        std::lock_guard lock(plugin.statusMutex);
        plugin.failed = true;
        plugin.failure = failure;
    }
    throw PluginError("plugin " + plugin.id + " was disabled: " + failure);
}

template <typename Call>
void invoke(LoadedPlugin& plugin, const char* what, Call call) {
    std::lock_guard lock(plugin.callMutex);
    {
        std::lock_guard statusLock(plugin.statusMutex);
        if (!plugin.userEnabled) throw PluginError("plugin " + plugin.id + " is disabled");
        if (plugin.failed) throw PluginError("plugin " + plugin.id + " is disabled: " + plugin.failure);
    }
    plugin.lastError.clear();
    gloss_status status = GLOSS_ERROR;
    std::string thrown;
    try {
        status = call();
    } catch (const std::exception& e) {
        thrown = std::string(what) + " threw an exception: " + e.what();
    } catch (...) {
        thrown = std::string(what) + " threw an exception";
    }
    if (!thrown.empty()) disable(plugin, std::move(thrown));
    switch (status) {
    case GLOSS_OK:
    case GLOSS_STOP:
        return;
    case GLOSS_ERROR:
        throw PluginError("plugin " + plugin.id + ": " + what +
                          " failed: " + (plugin.lastError.empty() ? "no reason given" : plugin.lastError));
    case GLOSS_UNSUPPORTED:
        throw PluginError("plugin " + plugin.id + ": " + what + " is not supported for this input" +
                          (plugin.lastError.empty() ? "" : ": " + plugin.lastError));
    default:
        disable(plugin, std::string(what) + " returned an unknown status " + std::to_string(status));
    }
}

bool isPluginId(std::string_view id) {
    return !id.empty() && id.size() <= 64 && std::all_of(id.begin(), id.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.';
    });
}

std::filesystem::path executableFolder() {
    std::error_code error;
    const auto executable = std::filesystem::read_symlink("/proc/self/exe", error);
    return error ? std::filesystem::path() : executable.parent_path();
}

// The loaded copy lives in a temporary folder, so "$ORIGIN" in its search
// path would point there. Load the libraries it needs from where "$ORIGIN"
// means the original's folder first; the loader then reuses them by name.
std::vector<void*> loadOriginRelativeDependencies(std::string_view bytes,
                                                  const std::filesystem::path& original) {
    const ElfDependencies dependencies = readElfDependencies(bytes);
    const std::string folder = original.parent_path().string();
    std::vector<void*> handles;
    for (std::string entry : dependencies.searchPath) {
        for (const char* token : {"${ORIGIN}", "$ORIGIN"})
            for (size_t at; (at = entry.find(token)) != std::string::npos;)
                entry.replace(at, std::strlen(token), folder);
        for (const std::string& needed : dependencies.needed) {
            const std::filesystem::path candidate = std::filesystem::path(entry) / needed;
            std::error_code error;
            if (!std::filesystem::exists(candidate, error)) continue;
            if (void* handle = ::dlopen(candidate.c_str(), RTLD_NOW | RTLD_LOCAL)) handles.push_back(handle);
        }
    }
    return handles;
}

// Loads a private copy of the plugin's bytes: the bytes checked are the bytes
// loaded, a rebuild can overwrite the original safely, and each reload gets a
// path the dynamic loader has not seen. The copy is unlinked once mapped.
void* openCopy(std::string_view bytes, const std::filesystem::path& original, uint64_t number,
               std::string& reason) {
    const char* tmp = std::getenv("TMPDIR");
    const std::filesystem::path folder =
        std::filesystem::path(tmp && *tmp ? tmp : "/tmp") / ("gloss-plugins-" + std::to_string(::getuid()));
    ::mkdir(folder.c_str(), 0700);
    const auto copy = folder / (std::to_string(::getpid()) + "-" + std::to_string(number) + "-" +
                                original.filename().string());
    try {
        writeFileAtomically(copy, bytes);
    } catch (const IoError& e) {
        reason = e.what();
        return nullptr;
    }
    void* handle = ::dlopen(copy.c_str(), RTLD_NOW | RTLD_LOCAL);
    if (!handle) {
        const char* error = ::dlerror();
        reason = error ? error : "the dynamic loader refused it";
        if (const auto at = reason.find(copy.string()); at != std::string::npos)
            reason.replace(at, copy.string().size(), original.string());
    }
    ::unlink(copy.c_str());
    return handle;
}

std::string abiText(uint32_t version) {
    return std::to_string(GLOSS_PLUGIN_ABI_VERSION_MAJOR(version)) + "." +
           std::to_string(GLOSS_PLUGIN_ABI_VERSION_MINOR(version));
}

} // namespace

// [SECTION] Loading

PluginHost::PluginHost(Options options) : options_(std::move(options)) {}

PluginHost::~PluginHost() = default;

std::vector<std::filesystem::path> PluginHost::searchPath(const std::vector<std::filesystem::path>& extra) {
    std::vector<std::filesystem::path> folders;
    if (const auto here = executableFolder(); !here.empty())
        folders.push_back(here.parent_path() / "lib" / "gloss" / "plugins");
    if (const char* data = std::getenv("XDG_DATA_HOME"); data && *data) {
        folders.push_back(std::filesystem::path(data) / "gloss" / "plugins");
    } else if (const char* home = std::getenv("HOME"); home && *home) {
        folders.push_back(std::filesystem::path(home) / ".local" / "share" / "gloss" / "plugins");
    }
    if (const char* list = std::getenv("GLOSS_PLUGIN_PATH"); list && *list) {
        std::string_view rest = list;
        while (!rest.empty()) {
            const size_t colon = rest.find(':');
            if (colon != 0) folders.emplace_back(rest.substr(0, colon));
            if (colon == std::string_view::npos) break;
            rest.remove_prefix(colon + 1);
        }
    }
    folders.insert(folders.end(), extra.begin(), extra.end());
    return folders;
}

void PluginHost::loadFolders(const std::vector<std::filesystem::path>& folders) {
    for (const auto& folder : folders) {
        std::error_code error;
        if (!std::filesystem::is_directory(folder, error)) continue;
        std::vector<std::filesystem::path> files;
        for (const auto& entry : std::filesystem::directory_iterator(folder, error))
            if (entry.path().string().ends_with(GLOSS_PLUGIN_SUFFIX)) files.push_back(entry.path());
        std::sort(files.begin(), files.end());
        for (const auto& file : files) loadFile(file);
    }
}

void PluginHost::refuse(const std::filesystem::path& path, std::string reason) {
    std::lock_guard lock(mutex_);
    refusals_.push_back({path, std::move(reason)});
}

std::shared_ptr<LoadedPlugin> PluginHost::loadVerified(const std::filesystem::path& path,
                                                       std::string& reason) {
    std::string bytes;
    try {
        bytes = readFile(path);
    } catch (const IoError& e) {
        reason = e.what();
        return nullptr;
    }
    // The version is read from the file before anything of it is loaded.
    const auto version = readElfDataWord(bytes, GLOSS_PLUGIN_ABI_SYMBOL);
    if (const auto* why = std::get_if<std::string>(&version)) {
        reason = *why;
        return nullptr;
    }
    const uint32_t abi = std::get<uint32_t>(version);
    if (GLOSS_PLUGIN_ABI_VERSION_MAJOR(abi) != GLOSS_PLUGIN_ABI_MAJOR) {
        reason = "built for plugin ABI " + abiText(abi) + "; this Gloss loads ABI " +
                 abiText(GLOSS_PLUGIN_ABI_VERSION);
        return nullptr;
    }
    if (GLOSS_PLUGIN_ABI_VERSION_MINOR(abi) > GLOSS_PLUGIN_ABI_MINOR) {
        reason = "built for plugin ABI " + abiText(abi) + ", newer than this Gloss (" +
                 abiText(GLOSS_PLUGIN_ABI_VERSION) + "); update Gloss";
        return nullptr;
    }

    auto plugin = std::make_shared<LoadedPlugin>();
    plugin->options = &options_;
    plugin->path = path;
    plugin->stamp = plugin->lastReloadAttempt = stampOf(path);
    uint64_t number;
    {
        std::lock_guard lock(mutex_);
        number = ++copies_;
    }
    plugin->dependencies = loadOriginRelativeDependencies(bytes, path);
    plugin->handle = openCopy(bytes, path, number, reason);
    if (!plugin->handle) return nullptr;

    const auto entry =
        reinterpret_cast<gloss_plugin_entry_fn>(::dlsym(plugin->handle, GLOSS_PLUGIN_ENTRY_SYMBOL));
    if (!entry) {
        reason = "no " GLOSS_PLUGIN_ENTRY_SYMBOL " function: not a Gloss plugin";
        return nullptr;
    }
    try {
        plugin->info = entry();
    } catch (...) {
        reason = GLOSS_PLUGIN_ENTRY_SYMBOL " threw an exception";
        return nullptr;
    }
    const gloss_plugin_info* info = plugin->info;
    if (!info || info->struct_size < sizeof(gloss_plugin_info) || !info->init || !info->name) {
        reason = "its descriptor is missing, too small, or has no name or init function";
        return nullptr;
    }
    plugin->id = copyString(info->id);
    if (!isPluginId(plugin->id)) {
        reason = "its id \"" + plugin->id + "\" is not 1-64 of a-z, 0-9, '-', '_', '.'";
        return nullptr;
    }
    plugin->name = copyString(info->name);
    plugin->version = copyString(info->version);
    plugin->description = copyString(info->description);
    const auto settings = options_.settingsJson.find(plugin->id);
    plugin->settings = settings == options_.settingsJson.end() ? "{}" : settings->second;
    return plugin;
}

namespace {

// Runs init; on failure the reason says why and the plugin must be dropped.
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
        status = plugin.info->init(&s, &plugin.state);
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

} // namespace

bool PluginHost::loadFile(const std::filesystem::path& path) {
    std::string reason;
    auto plugin = loadVerified(path, reason);
    if (plugin) {
        if (const auto existing = find(plugin->id)) {
            reason = "id \"" + plugin->id + "\" is already loaded from " + existing->path.string();
            plugin.reset();
        }
    }
    if (plugin && !initialize(*plugin, reason)) plugin.reset();
    if (!plugin) {
        refuse(path, std::move(reason));
        return false;
    }
    std::lock_guard lock(mutex_);
    plugins_.push_back(std::move(plugin));
    return true;
}

size_t PluginHost::reloadChanged() {
    std::vector<std::shared_ptr<LoadedPlugin>> current;
    {
        std::lock_guard lock(mutex_);
        current = plugins_;
    }
    size_t replaced = 0;
    for (const auto& old : current) {
        const FileStamp stamp = stampOf(old->path);
        if (stamp == old->stamp || stamp == old->lastReloadAttempt || stamp == FileStamp{}) continue;
        old->lastReloadAttempt = stamp;
        std::string reason;
        auto fresh = loadVerified(old->path, reason);
        if (fresh && fresh->id != old->id) {
            reason = "the new build has id \"" + fresh->id + "\", not \"" + old->id + "\"";
            fresh.reset();
        }
        if (fresh && !initialize(*fresh, reason)) fresh.reset();
        if (!fresh) {
            refuse(old->path, "reload refused: " + reason + "; the loaded version keeps serving");
            continue;
        }
        {
            std::lock_guard statusLock(old->statusMutex);
            fresh->userEnabled = old->userEnabled;
        }
        std::lock_guard lock(mutex_);
        // Calls in progress hold their own reference to the old plugin; it
        // shuts down and unloads when the last of them returns.
        std::replace(plugins_.begin(), plugins_.end(), old, fresh);
        ++replaced;
    }
    return replaced;
}

// [SECTION] Registries

std::shared_ptr<LoadedPlugin> PluginHost::find(std::string_view pluginId) const {
    std::lock_guard lock(mutex_);
    for (const auto& plugin : plugins_)
        if (plugin->id == pluginId) return plugin;
    return nullptr;
}

std::shared_ptr<LoadedPlugin> PluginHost::findFormat(std::string_view format, bool exporter) const {
    std::lock_guard lock(mutex_);
    for (const auto& plugin : plugins_) {
        if (exporter) {
            for (const auto& e : plugin->exporters)
                if (e.info.format == format) return plugin;
        } else {
            for (const auto& i : plugin->importers)
                if (i.info.format == format) return plugin;
        }
    }
    return nullptr;
}

std::vector<PluginSummary> PluginHost::plugins() const {
    std::lock_guard lock(mutex_);
    std::vector<PluginSummary> out;
    for (const auto& p : plugins_) {
        PluginSummary summary{p->id, p->name, p->version, p->description, p->path, {}, true, {}};
        for (size_t i = 0; i < p->highlighters.size(); ++i) summary.capabilities.emplace_back("highlighter");
        for (size_t i = 0; i < p->taggers.size(); ++i) summary.capabilities.emplace_back("tagger");
        for (const auto& e : p->exporters) summary.capabilities.push_back("exporter:" + e.info.format);
        for (const auto& i : p->importers) summary.capabilities.push_back("importer:" + i.info.format);
        for (const auto& source : p->sources) summary.capabilities.push_back("source:" + source.info.format);
        for (size_t i = 0; i < p->panels.size(); ++i) summary.capabilities.emplace_back("panel");
        std::lock_guard statusLock(p->statusMutex);
        summary.enabled = p->userEnabled && !p->failed;
        summary.disabledReason = p->failed ? p->failure : (p->userEnabled ? "" : "disabled by the user");
        out.push_back(std::move(summary));
    }
    return out;
}

std::vector<PluginRefusal> PluginHost::refusals() const {
    std::lock_guard lock(mutex_);
    return refusals_;
}

std::vector<std::string> PluginHost::highlighters() const {
    std::lock_guard lock(mutex_);
    std::vector<std::string> ids;
    for (const auto& p : plugins_)
        if (!p->highlighters.empty()) ids.push_back(p->id);
    return ids;
}

std::vector<std::string> PluginHost::taggers() const {
    std::lock_guard lock(mutex_);
    std::vector<std::string> ids;
    for (const auto& p : plugins_)
        if (!p->taggers.empty()) ids.push_back(p->id);
    return ids;
}

std::vector<FormatInfo> PluginHost::exporters() const {
    std::lock_guard lock(mutex_);
    std::vector<FormatInfo> out;
    for (const auto& p : plugins_)
        for (const auto& e : p->exporters) out.push_back(e.info);
    return out;
}

std::vector<FormatInfo> PluginHost::importers() const {
    std::lock_guard lock(mutex_);
    std::vector<FormatInfo> out;
    for (const auto& p : plugins_)
        for (const auto& i : p->importers) out.push_back(i.info);
    return out;
}

std::vector<PanelInfo> PluginHost::panels() const {
    std::lock_guard lock(mutex_);
    std::vector<PanelInfo> out;
    for (const auto& p : plugins_)
        for (const auto& panel : p->panels) out.push_back({p->id, panel.title});
    return out;
}

std::vector<SourceInfo> PluginHost::sources() const {
    std::lock_guard lock(mutex_);
    std::vector<SourceInfo> out;
    for (const auto& p : plugins_)
        for (const auto& source : p->sources) out.push_back(source.info);
    return out;
}

std::optional<SourceInfo> PluginHost::sourceFor(const std::filesystem::path& file,
                                                std::string_view bytes) const {
    std::string extension = file.extension().string(); // ".PDF", or "" without one
    if (!extension.empty()) extension.erase(0, 1);
    std::transform(extension.begin(), extension.end(), extension.begin(), asciiLower);
    const auto all = sources();
    for (const auto& source : all)
        if (std::find(source.extensions.begin(), source.extensions.end(), extension) !=
            source.extensions.end())
            return source;
    for (const auto& source : all)
        if (!source.magic.empty() && bytes.starts_with(source.magic)) return source;
    return std::nullopt;
}

void PluginHost::setEnabled(std::string_view pluginId, bool enabled) {
    const auto plugin = find(pluginId);
    if (!plugin) throw PluginError("no plugin has the id " + std::string(pluginId));
    std::lock_guard lock(plugin->statusMutex);
    plugin->userEnabled = enabled;
    if (enabled) {
        plugin->failed = false;
        plugin->failure.clear();
    }
}

// [SECTION] Calls

namespace {

std::shared_ptr<LoadedPlugin> required(std::shared_ptr<LoadedPlugin> plugin, std::string_view what) {
    if (!plugin) throw PluginError("no plugin provides " + std::string(what));
    return plugin;
}

} // namespace

HighlightResult PluginHost::highlight(std::string_view pluginId, const Document& document,
                                      std::string_view codebookJson) {
    const auto plugin = required(find(pluginId), "a highlighter with the id " + std::string(pluginId));
    if (plugin->highlighters.empty()) throw PluginError("plugin " + plugin->id + " has no highlighter");
    const auto& highlighter = plugin->highlighters.front();
    const HostDocument view = describe(document);
    const gloss_highlight_request request{sizeof(gloss_highlight_request), &view.view, codebookJson.data(),
                                          codebookJson.size()};
    HighlightResult result;
    SpanCollector collector(document.utf8(), result);
    const gloss_span_sink sink{sizeof(gloss_span_sink), &collector, SpanCollector::emit};
    invoke(*plugin, "highlight", [&] { return highlighter.call(highlighter.state, &request, &sink); });
    return result;
}

std::vector<TagSuggestion> PluginHost::suggestTags(std::string_view pluginId, const Document& document,
                                                   uint64_t start, uint64_t end,
                                                   std::string_view codebookJson) {
    const auto plugin = required(find(pluginId), "a tagger with the id " + std::string(pluginId));
    if (plugin->taggers.empty()) throw PluginError("plugin " + plugin->id + " has no tagger");
    // The ABI promises plugins a selection of whole characters inside the document.
    const std::string_view text = document.utf8();
    if (start > end || end > text.size() || !onBoundary(text, start) || !onBoundary(text, end))
        throw PluginError("the selection " + std::to_string(start) + "-" + std::to_string(end) +
                          " is not a range of whole characters of the document");
    const auto& tagger = plugin->taggers.front();
    const HostDocument view = describe(document);
    const gloss_tag_request request{sizeof(gloss_tag_request), &view.view,         start, end,
                                    codebookJson.data(),       codebookJson.size()};
    std::vector<TagSuggestion> suggestions;
    TagCollector collector(suggestions);
    const gloss_tag_sink sink{sizeof(gloss_tag_sink), &collector, TagCollector::emit};
    invoke(*plugin, "suggest", [&] { return tagger.call(tagger.state, &request, &sink); });
    return suggestions;
}

std::string PluginHost::editTags(std::string_view pluginId, const Document& document,
                                 const TagEditRequest& request) {
    const auto plugin = required(find(pluginId), "a tagger with the id " + std::string(pluginId));
    if (plugin->taggers.empty() || !plugin->taggers.front().edit)
        throw PluginError("plugin " + plugin->id + " has no tagger that edits annotations");
    const auto& tagger = plugin->taggers.front();
    const HostDocument view = describe(document);
    const gloss_tag_edit_request edit{sizeof(gloss_tag_edit_request),
                                      &view.view,
                                      request.start,
                                      request.end,
                                      request.action,
                                      request.tag.data(),
                                      request.tag.size(),
                                      request.note.data(),
                                      request.note.size(),
                                      request.codebookJson.data(),
                                      request.codebookJson.size(),
                                      request.annotationsJson.data(),
                                      request.annotationsJson.size()};
    ByteCollector collector;
    const gloss_byte_sink sink{sizeof(gloss_byte_sink), &collector, ByteCollector::write};
    invoke(*plugin, "edit", [&] { return tagger.edit(tagger.state, &edit, &sink); });
    if (collector.overflowed) throw PluginError("plugin " + plugin->id + ": edit is larger than 1 GiB");
    return std::move(collector.bytes);
}

std::string PluginHost::exportAnnotations(std::string_view format, const Document& document,
                                          std::string_view annotationsJson) {
    const auto plugin = required(findFormat(format, true), "the export format " + std::string(format));
    const auto exporter = std::find_if(plugin->exporters.begin(), plugin->exporters.end(),
                                       [&](const auto& e) { return e.info.format == format; });
    const HostDocument view = describe(document);
    const gloss_export_request request{sizeof(gloss_export_request), &view.view, annotationsJson.data(),
                                       annotationsJson.size()};
    ByteCollector collector;
    const gloss_byte_sink sink{sizeof(gloss_byte_sink), &collector, ByteCollector::write};
    invoke(*plugin, "export", [&] { return exporter->call(exporter->state, &request, &sink); });
    if (collector.overflowed) throw PluginError("plugin " + plugin->id + ": export is larger than 1 GiB");
    return std::move(collector.bytes);
}

std::string PluginHost::importAnnotations(std::string_view format, const Document& document,
                                          std::string_view bytes) {
    const auto plugin = required(findFormat(format, false), "the import format " + std::string(format));
    const auto importer = std::find_if(plugin->importers.begin(), plugin->importers.end(),
                                       [&](const auto& i) { return i.info.format == format; });
    const HostDocument view = describe(document);
    const gloss_import_request request{sizeof(gloss_import_request), &view.view, bytes.data(), bytes.size()};
    ByteCollector collector;
    const gloss_byte_sink sink{sizeof(gloss_byte_sink), &collector, ByteCollector::write};
    invoke(*plugin, "import", [&] { return importer->call(importer->state, &request, &sink); });
    if (collector.overflowed) throw PluginError("plugin " + plugin->id + ": import is larger than 1 GiB");
    return std::move(collector.bytes);
}

ExtractedText PluginHost::extractText(std::string_view format, std::string_view bytes,
                                      std::string_view fileName) {
    std::shared_ptr<LoadedPlugin> plugin;
    const LoadedPlugin::Source* source = nullptr;
    {
        std::lock_guard lock(mutex_);
        for (const auto& p : plugins_)
            for (const auto& s : p->sources)
                if (!source && s.info.format == format) {
                    plugin = p;
                    source = &s;
                }
    }
    required(plugin, "the report format " + std::string(format));
    const gloss_source_request request{sizeof(gloss_source_request), bytes.data(), bytes.size(),
                                       fileName.data(), fileName.size()};
    TextCollector collector;
    const gloss_text_sink sink{sizeof(gloss_text_sink), &collector, TextCollector::setText};
    invoke(*plugin, "extract", [&] { return source->call(source->state, &request, &sink); });
    std::string problem = collector.problem;
    if (problem.empty())
        problem = collector.set ? checkExtractedText(collector.result) : "extract set no text";
    if (!problem.empty()) throw PluginError("plugin " + plugin->id + ": " + problem);
    collector.result.extractor = source->info.extractor;
    return std::move(collector.result);
}

void PluginHost::drawPanel(std::string_view pluginId, size_t panelIndex, gloss_panel_frame frame,
                           const Document* document) {
    const auto plugin = required(find(pluginId), "a panel with the id " + std::string(pluginId));
    if (panelIndex >= plugin->panels.size()) throw PluginError("plugin " + plugin->id + " has no such panel");
    const auto& panel = plugin->panels[panelIndex];
    HostDocument view{};
    if (document) view = describe(*document);
    frame.struct_size = sizeof(gloss_panel_frame);
    frame.document = document ? &view.view : nullptr;
    invoke(*plugin, "draw", [&] { return panel.call(panel.state, &frame); });
}

} // namespace gloss::core
