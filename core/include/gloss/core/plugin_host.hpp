#pragma once

#include "gloss/core/document.hpp"

#include <filesystem>
#include <functional>
#include <gloss/plugin.h>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace gloss::core {

// A plugin call failed or the plugin is disabled. what() names the plugin.
class PluginError : public std::runtime_error {
  public:
    using std::runtime_error::runtime_error;
};

// A highlight from a highlighter: bytes [start, end) of the document; `tag`
// indexes HighlightResult::tags.
struct Span {
    uint64_t start = 0;
    uint64_t end = 0;
    uint32_t tag = 0;
};

struct HighlightResult {
    std::vector<Span> spans;
    std::vector<std::string> tags;
    size_t dropped = 0; // spans refused: empty, out of range or off a code-point boundary
};

struct TagSuggestion {
    std::string tag;
    double score = 0;
};

// A tag action at a selection, for a tagger's edit callback (plugin.h).
struct TagEditRequest {
    uint64_t start = 0; // code points, half-open
    uint64_t end = 0;
    int32_t action = GLOSS_TAG_APPLY;
    std::string_view tag;
    std::string_view note;
    std::string_view codebookJson;
    std::string_view annotationsJson; // the records overlapping the selection
};

struct PluginSummary {
    std::string id;
    std::string name;
    std::string version;
    std::string description;
    std::filesystem::path path;
    std::vector<std::string> capabilities; // "highlighter", "exporter:csv", "source:pdf", ...
    bool enabled = true;
    std::string disabledReason; // why the host disabled it, empty if it did not
    bool failed = false;        // disabled by the host, not by the user
};

struct PluginRefusal {
    std::filesystem::path path;
    std::string reason;
};

// A registered exporter or importer, found by its format name.
struct FormatInfo {
    std::string pluginId;
    std::string format;
    std::string extension;
    std::string description;
};

// A registered source (plugin.h): which report files it turns into text.
struct SourceInfo {
    std::string pluginId;
    std::string format;
    TextExtractor extractor;
    std::vector<std::string> extensions; // lowercase, without the dot
    std::string mimeType;
    std::string magic; // the file's first bytes; empty when the format has none
};

// A report file's text as a source extracted it, checked by the host: UTF-8,
// not empty, page starts from 0, strictly increasing, inside the text and on
// code-point boundaries (empty when the format has no pages).
struct ExtractedText {
    std::string text;
    std::vector<uint64_t> pageStarts;
    TextExtractor extractor;
    std::vector<Heading> headings;
};

struct PanelInfo {
    std::string pluginId;
    std::string title;
};

struct LoadedPlugin; // defined in core/src/loaded_plugin.hpp

// Loads plugins (docs/architecture.md, "The plugin boundary"), checks them
// before any of their code runs, keeps a registry per capability, validates
// everything they return and disables one that misbehaves while serving the
// others. Thread-safe; calls into one plugin are serialized.
class PluginHost {
  public:
    struct Options {
        // Each plugin's settings as a JSON object, by plugin id.
        std::map<std::string, std::string> settingsJson;
        // Where plugin log lines go; stderr when empty.
        std::function<void(int level, const std::string& pluginId, const std::string& message)> log;
        // IMGUI_VERSION_NUM of the editor; 0 where no panel is drawn (the CLI).
        int32_t imguiVersion = 0;
        // Plugins not to load, by file name (before it is loaded) or id
        // (before its init): those that crashed the editor while loading
        // last time, which would crash it again before it could say so.
        // Each is refused with a reason.
        std::set<std::string> skip;
    };

    explicit PluginHost(Options options);
    PluginHost() : PluginHost(Options{}) {}
    ~PluginHost();
    PluginHost(const PluginHost&) = delete;
    PluginHost& operator=(const PluginHost&) = delete;

    // The folders searched, in order (docs/plugin-guide.md, "Load it"):
    // lib/gloss/plugins beside the executable (the build tree or the install
    // prefix), $XDG_DATA_HOME/gloss/plugins, each folder of $GLOSS_PLUGIN_PATH,
    // then `extra` (--plugin-dir).
    static std::vector<std::filesystem::path> searchPath(const std::vector<std::filesystem::path>& extra);
    // lib/gloss/example-plugins beside the executable: the example plugins,
    // built and installed but loaded only when asked; empty when unknown.
    static std::filesystem::path examplesFolder();

    // Loads every *.gloss-plugin file of each folder, in name order. Missing
    // folders are skipped. The first plugin with an id wins.
    void loadFolders(const std::vector<std::filesystem::path>& folders);
    // Loads one file; false when it was refused (see refusals()).
    bool loadFile(const std::filesystem::path& path);

    std::vector<PluginSummary> plugins() const;
    std::vector<PluginRefusal> refusals() const;

    std::vector<std::string> highlighters() const; // plugin ids
    std::vector<std::string> taggers() const;
    std::vector<FormatInfo> exporters() const;
    std::vector<FormatInfo> importers() const;
    std::vector<PanelInfo> panels() const;
    std::vector<SourceInfo> sources() const;

    // The source for a report file: the one claiming its extension, else,
    // when no source claims the extension, the one whose magic `bytes` start
    // with; nullopt for a file no source claims (plain text).
    std::optional<SourceInfo> sourceFor(const std::filesystem::path& file, std::string_view bytes) const;

    // Each call throws PluginError when the plugin fails, refuses the input
    // or is disabled; a plugin that throws or returns an unknown status is
    // disabled with that reason.
    HighlightResult highlight(std::string_view pluginId, const Document& document,
                              std::string_view codebookJson);
    std::vector<TagSuggestion> suggestTags(std::string_view pluginId, const Document& document,
                                           uint64_t start, uint64_t end, std::string_view codebookJson);
    // The tagger's edits for a tag action, as the JSON text it wrote.
    std::string editTags(std::string_view pluginId, const Document& document, const TagEditRequest& request);
    // `optionsJson`: the user's options for the conversion, a JSON object
    // the plugin reads as it likes (gloss/plugin.h, options_json).
    std::string exportAnnotations(std::string_view format, const Document& document,
                                  std::string_view annotationsJson, std::string_view optionsJson = "{}");
    std::string importAnnotations(std::string_view format, const Document& document, std::string_view bytes,
                                  std::string_view optionsJson = "{}");
    // The text of a report file, by the source registered for `format`.
    ExtractedText extractText(std::string_view format, std::string_view bytes, std::string_view fileName);
    // Draws one panel; `frame->document` is filled in from `document`.
    void drawPanel(std::string_view pluginId, size_t panelIndex, gloss_panel_frame frame,
                   const Document* document);

    // Stops or resumes calls into a plugin. Enabling clears a failure.
    void setEnabled(std::string_view pluginId, bool enabled);

    // Hot reload: every plugin whose file changed since it was loaded is
    // loaded again from a fresh copy; the new one replaces the old as soon as
    // no call is inside the old one. A new build that is refused leaves the
    // old one serving. Returns the number of plugins replaced.
    size_t reloadChanged();

  private:
    std::shared_ptr<LoadedPlugin> find(std::string_view pluginId) const;
    std::shared_ptr<LoadedPlugin> findFormat(std::string_view format, bool exporter) const;
    std::shared_ptr<LoadedPlugin> loadVerified(const std::filesystem::path& path, std::string& reason);
    void refuse(const std::filesystem::path& path, std::string reason);

    Options options_;
    mutable std::mutex mutex_;
    std::vector<std::shared_ptr<LoadedPlugin>> plugins_;
    std::vector<PluginRefusal> refusals_;
    uint64_t copies_ = 0; // numbers the temporary copies that are loaded
};

} // namespace gloss::core
