// The calls into plugins: each builds the request and sink a capability
// takes, calls it under the plugin's lock and turns the outcome into the
// host's terms.
#include "gloss/core/plugin_crash.hpp"
#include "loaded_plugin.hpp"
#include "plugin_sinks.hpp"

#include <algorithm>

namespace gloss::core {

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

namespace {

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
        const PluginCallMark mark(plugin.id, what);
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
                                          std::string_view annotationsJson, std::string_view optionsJson) {
    const auto plugin = required(findFormat(format, true), "the export format " + std::string(format));
    const auto exporter = std::find_if(plugin->exporters.begin(), plugin->exporters.end(),
                                       [&](const auto& e) { return e.info.format == format; });
    const HostDocument view = describe(document);
    const gloss_export_request request{sizeof(gloss_export_request), &view.view,
                                       annotationsJson.data(),       annotationsJson.size(),
                                       optionsJson.data(),           optionsJson.size()};
    ByteCollector collector;
    const gloss_byte_sink sink{sizeof(gloss_byte_sink), &collector, ByteCollector::write};
    invoke(*plugin, "export", [&] { return exporter->call(exporter->state, &request, &sink); });
    if (collector.overflowed) throw PluginError("plugin " + plugin->id + ": export is larger than 1 GiB");
    return std::move(collector.bytes);
}

std::string PluginHost::importAnnotations(std::string_view format, const Document& document,
                                          std::string_view bytes, std::string_view optionsJson) {
    const auto plugin = required(findFormat(format, false), "the import format " + std::string(format));
    const auto importer = std::find_if(plugin->importers.begin(), plugin->importers.end(),
                                       [&](const auto& i) { return i.info.format == format; });
    const HostDocument view = describe(document);
    const gloss_import_request request{
        sizeof(gloss_import_request), &view.view,        bytes.data(), bytes.size(),
        optionsJson.data(),           optionsJson.size()};
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
    const gloss_text_sink sink{sizeof(gloss_text_sink), &collector, TextCollector::setText,
                               TextCollector::setHeadings};
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
