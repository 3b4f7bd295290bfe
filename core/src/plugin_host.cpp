// The plugin host: loads plugins (plugin_loading.cpp), runs their init
// (plugin_services.cpp), keeps the registry of what they registered, and
// calls them (plugin_calls.cpp) through checking sinks (plugin_sinks.cpp).
#include "gloss/core/plugin_host.hpp"

#include "loaded_plugin.hpp"
#include "plugin_services.hpp"

#include <algorithm>

namespace gloss::core {

PluginHost::PluginHost(Options options) : options_(std::move(options)) {}

PluginHost::~PluginHost() = default;

void PluginHost::refuse(const std::filesystem::path& path, std::string reason) {
    std::lock_guard lock(mutex_);
    refusals_.push_back({path, std::move(reason)});
}

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
        summary.failed = p->failed;
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

} // namespace gloss::core
