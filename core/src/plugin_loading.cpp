// Loading a plugin file: the search path, the checks made on the file's bytes
// before any of its code runs (ELF, ABI version), the private copy that is
// loaded, and the descriptor its entry function returns.
#include "gloss/annotations/format_error.hpp"
#include "gloss/core/elf_file.hpp"
#include "gloss/core/file_io.hpp"
#include "gloss/core/plugin_abi.hpp"
#include "gloss/core/plugin_crash.hpp"
#include "loaded_plugin.hpp"

#include <algorithm>
#include <cerrno>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <dlfcn.h>
#include <mutex>
#include <sys/stat.h>
#include <unistd.h>

namespace gloss::core {

FileStamp stampOf(const std::filesystem::path& path) {
    struct stat info {};
    if (::stat(path.c_str(), &info) != 0) return {};
    return {static_cast<uint64_t>(info.st_size), info.st_mtim.tv_sec * 1000000000LL + info.st_mtim.tv_nsec,
            static_cast<uint64_t>(info.st_ino)};
}

namespace {

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

// A folder only this user can write to, for the plugin copies: a folder
// another local user made (a predictable name in /tmp, mode 0777) would let
// them swap the copy between its writing and its loading. Under
// $XDG_RUNTIME_DIR when that is ours and private, else under $TMPDIR or /tmp;
// a fresh one for each copy, named "gloss-plugins-UID-PID-XXXXXX".
bool isPrivateFolder(const char* path) {
    struct stat info {};
    return ::lstat(path, &info) == 0 && S_ISDIR(info.st_mode) && info.st_uid == ::geteuid() &&
           (info.st_mode & 077) == 0;
}

std::filesystem::path copiesBase() {
    if (const char* runtime = std::getenv("XDG_RUNTIME_DIR"); runtime && *runtime && isPrivateFolder(runtime))
        return runtime;
    const char* tmp = std::getenv("TMPDIR");
    return tmp && *tmp ? tmp : "/tmp";
}

std::string copiesPrefix() {
    return "gloss-plugins-" + std::to_string(::geteuid()) + "-";
}

// A process killed while loading (kill -9) leaves its folder behind, with at
// most the copy it was loading; folders of this user's processes that are
// gone are removed, once per process.
void removeStaleCopies(const std::filesystem::path& base) {
    static std::once_flag once;
    std::call_once(once, [&] {
        const std::string prefix = copiesPrefix();
        std::error_code error;
        for (const auto& entry : std::filesystem::directory_iterator(base, error)) {
            const std::string name = entry.path().filename().string();
            if (!name.starts_with(prefix) || !isPrivateFolder(entry.path().c_str())) continue;
            const long pid = std::strtol(name.c_str() + prefix.size(), nullptr, 10);
            if (pid <= 0 || ::kill(static_cast<pid_t>(pid), 0) == 0 || errno != ESRCH) continue;
            std::filesystem::remove_all(entry.path(), error);
        }
    });
}

// Loads a private copy of the plugin's bytes: the bytes checked are the bytes
// loaded, a rebuild can overwrite the original safely, and each reload gets a
// path the dynamic loader has not seen. The copy and its folder are removed
// once it is mapped.
void* openCopy(std::string_view bytes, const std::filesystem::path& original, uint64_t number,
               std::string& reason) {
    const std::filesystem::path base = copiesBase();
    removeStaleCopies(base);
    std::string folderName = (base / copiesPrefix()).string();
    folderName += std::to_string(::getpid());
    folderName += "-XXXXXX";
    if (!::mkdtemp(folderName.data()) || !isPrivateFolder(folderName.c_str())) {
        reason =
            "cannot make a private folder for its copy in " + base.string() + ": " + std::strerror(errno);
        return nullptr;
    }
    const std::filesystem::path folder = folderName;
    const auto copy = folder / (std::to_string(number) + "-" + original.filename().string());
    void* handle = nullptr;
    try {
        writeNewFile(copy, bytes);
        {
            // Loading runs the library's constructors.
            const PluginCallMark mark(original.filename().string(), "loading");
            handle = ::dlopen(copy.c_str(), RTLD_NOW | RTLD_LOCAL);
        }
        if (!handle) {
            const char* error = ::dlerror();
            reason = error ? error : "the dynamic loader refused it";
            if (const auto at = reason.find(copy.string()); at != std::string::npos)
                reason.replace(at, copy.string().size(), original.string());
        }
    } catch (const IoError& e) {
        reason = e.what();
    }
    std::error_code error;
    std::filesystem::remove_all(folder, error);
    return handle;
}

// The host's checks of a plugin's descriptor, the same whether it comes from
// the file (before loading) or from gloss_plugin_entry (after).
std::optional<gloss_plugin_info> checkedDescriptor(const gloss_plugin_info* declared, std::string& reason) {
    std::string problem;
    const auto info = copyTable(declared, problem);
    if (!info) {
        reason = "its descriptor " + problem;
        return std::nullopt;
    }
    if (!info->init || !info->name) {
        reason = "its descriptor has no name or no init function";
        return std::nullopt;
    }
    if (!isPluginId(copyString(info->id))) {
        reason = "its id " + annotations::excerpt(copyString(info->id)) +
                 " is not 1-64 of a-z, 0-9, '-', '_', '.'";
        return std::nullopt;
    }
    return info;
}

// Stands for a plugin's init in a descriptor read from its file; never called.
gloss_status initInFile(const gloss_host_services*, void**) {
    return GLOSS_ERROR;
}

// The descriptor as the file states it, checked before any of its code
// runs; true also for a plugin without GLOSS_PLUGIN_DESCRIPTOR_SYMBOL, which
// is checked once loaded.
bool descriptorInFileIsGood(std::string_view bytes, std::string& reason) {
    const auto read = readElfPluginDescriptor(bytes);
    if (const auto* why = std::get_if<std::string>(&read)) {
        reason = *why;
        return false;
    }
    const auto* file = std::get_if<ElfPluginDescriptor>(&read);
    if (!file) return true;
    gloss_plugin_info stated{};
    stated.struct_size = file->structSize;
    stated.id = file->id ? file->id->c_str() : nullptr;
    stated.name = file->name ? file->name->c_str() : nullptr;
    stated.init = file->hasInit ? initInFile : nullptr;
    return checkedDescriptor(&stated, reason).has_value();
}

std::string abiText(uint32_t version) {
    return std::to_string(GLOSS_PLUGIN_ABI_VERSION_MAJOR(version)) + "." +
           std::to_string(GLOSS_PLUGIN_ABI_VERSION_MINOR(version));
}

} // namespace

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

std::filesystem::path PluginHost::examplesFolder() {
    const auto here = executableFolder();
    return here.empty() ? here : here.parent_path() / "lib" / "gloss" / "example-plugins";
}

namespace {

constexpr const char* kSkippedAfterCrash =
    "not loaded this time: it crashed Gloss while loading last time; it is tried again on the next start";

} // namespace

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

    if (!descriptorInFileIsGood(bytes, reason)) return nullptr;

    auto plugin = std::make_shared<LoadedPlugin>();
    plugin->options = &options_;
    plugin->path = path;
    plugin->stamp = plugin->lastReloadAttempt = stampOf(path);
    uint64_t number;
    {
        std::lock_guard lock(mutex_);
        number = ++copies_;
    }
    if (options_.skip.count(path.filename().string())) {
        reason = kSkippedAfterCrash;
        return nullptr;
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
    const gloss_plugin_info* declared = nullptr;
    try {
        const PluginCallMark mark(path.filename().string(), GLOSS_PLUGIN_ENTRY_SYMBOL);
        declared = entry();
    } catch (...) {
        reason = GLOSS_PLUGIN_ENTRY_SYMBOL " threw an exception";
        return nullptr;
    }
    const auto info = checkedDescriptor(declared, reason);
    if (!info) return nullptr;
    plugin->info = *info;
    plugin->id = copyString(info->id);
    if (options_.skip.count(plugin->id)) {
        reason = kSkippedAfterCrash;
        return nullptr;
    }
    plugin->name = copyString(info->name);
    plugin->version = copyString(info->version);
    plugin->description = copyString(info->description);
    const auto settings = options_.settingsJson.find(plugin->id);
    plugin->settings = settings == options_.settingsJson.end() ? "{}" : settings->second;
    return plugin;
}

} // namespace gloss::core
