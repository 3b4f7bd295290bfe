// The editor's frame: loading, the actions every change goes through (one
// undo history for annotations and codebook), the main window and its menu,
// the report with its find bar, overview and tag popup, and the status bar.
// The sidebar's panels are in app_panels.cpp.
//
// [SECTION] Loading
// [SECTION] Actions
// [SECTION] Undo history
// [SECTION] Frame

#include "app.hpp"

#include "code_system.hpp"
#include "gloss/annotations/anchoring.hpp"
#include "gloss/annotations/ids.hpp"
#include "gloss/core/color_distance.hpp"
#include "gloss/core/files.hpp"
#include "gloss/core/tag_selection.hpp"
#include "platform/xdg.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <malloc.h>
#include <pwd.h>
#include <unistd.h>

namespace gloss::gui {

namespace {

// Who new annotations are by: $GLOSS_AUTHOR, else the settings, else the login name.
std::string authorName(const std::string& configured) {
    if (const char* name = std::getenv("GLOSS_AUTHOR"); name && *name) return name;
    if (!configured.empty()) return configured;
    if (const passwd* user = ::getpwuid(::getuid()); user && user->pw_name) return user->pw_name;
    return "anonymous";
}

ImU32 parseColor(const std::string& hex) {
    if (hex.size() != 7 || hex[0] != '#') return IM_COL32(255, 200, 0, 255);
    const unsigned long value = std::strtoul(hex.c_str() + 1, nullptr, 16);
    return IM_COL32((value >> 16) & 0xFF, (value >> 8) & 0xFF, value & 0xFF, 255);
}

// Where the sample's annotations are saved: never into the bundled examples.
std::filesystem::path sampleAnnotationsPath() {
    return xdgFolder(XdgFolder::Data) / "gloss" / "sample-report.gloss.json";
}

// A tag id from a label: lowercase ASCII letters and digits joined by '-',
// made unique in `codebook`.
std::string tagIdFor(const core::Codebook& codebook, const std::string& label) {
    std::string id;
    for (const char c : label) {
        if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))
            id += c;
        else if (c >= 'A' && c <= 'Z')
            id += static_cast<char>(c - 'A' + 'a');
        else if (!id.empty() && id.back() != '-')
            id += '-';
    }
    while (!id.empty() && id.back() == '-') id.pop_back();
    if (id.empty()) id = "tag";
    std::string unique = id;
    for (int n = 2; codebook.find(unique); ++n) unique = id + "-" + std::to_string(n);
    return unique;
}

// Sets one field of a tag; false when the tag is unknown or has it already.
bool setField(core::Codebook& codebook, const std::string& tagId, std::string core::Tag::*field,
              const std::string& value) {
    const auto tag = std::find_if(codebook.tags.begin(), codebook.tags.end(),
                                  [&](const core::Tag& t) { return t.id == tagId; });
    if (tag == codebook.tags.end() || (*tag).*field == value) return false;
    (*tag).*field = value;
    return true;
}

// Reading a long report and matching its themes run on workers, whose malloc
// arenas keep the pages their buffers grew through (a million theme spans are
// 24 MB, the annotation file's text 60): give them back to the system.
void releaseFreedMemory() {
    ::malloc_trim(0);
}

// GLFW's key codes for keys that are neither ASCII nor an ImGuiKey_.
constexpr int kKeyF3 = 292;
constexpr int kKeyKeypadSubtract = 333;
constexpr int kKeyKeypadAdd = 334;

constexpr float kFontSizeStep = 2;

} // namespace

App::App(Options options) : options_(std::move(options)) {
    LoadedSettings loaded = loadSettings();
    settings_ = std::move(loaded.settings);
    if (!loaded.error.empty()) report(loaded.error);
    author_ = authorName(settings_.author);
    sidebarWidth_ = settings_.sidebarWidth;
    // The first start asks who is coding; a screenshot is no one's session.
    const char* fromEnvironment = std::getenv("GLOSS_AUTHOR");
    askCoderName_ =
        settings_.author.empty() && !(fromEnvironment && *fromEnvironment) && options_.screenshot.empty();
}

//-----------------------------------------------------------------------------
// [SECTION] Loading
//-----------------------------------------------------------------------------

void App::load() {
    loadPlugins();

    if (!options_.report.empty() && core::isProjectPath(options_.report)) {
        openProject(options_.report);
        return;
    }
    OpenRequest request;
    const bool sample = options_.report.empty();
    const auto examples = core::examplesDirectory();
    request.report = sample ? examples / "sample-report.txt" : options_.report;
    request.codebook = options_.codebook.empty() ? examples / "codebook.json" : options_.codebook;
    request.encoding = options_.encoding;
    if (!options_.annotations.empty())
        request.annotations = options_.annotations;
    else if (sample)
        request.annotations = sampleAnnotationsPath();
    std::error_code error;
    // The sample starts from its bundled annotations until the user saves.
    if (sample && !std::filesystem::exists(request.annotations, error))
        request.readFrom = examples / "sample-annotations.json";
    open(request);
}

bool App::open(const OpenRequest& request) {
    return adopt(readWork(request, host_.get()));
}

void App::openInBackground(const OpenRequest& request) {
    if (opening_.valid()) return; // one at a time
    openingName_ = request.report.filename().string();
    openingSince_ = ImGui::GetTime();
    core::PluginHost* plugins = host_.get();
    opening_ = std::async(std::launch::async, [request, plugins] { return readWork(request, plugins); });
}

bool App::adopt(OpenedWork work) {
    std::optional<Message> reopen;
    if (work.mayBeWindows1252) {
        // The advice as a button: the same request, read as Windows-1252.
        OpenRequest again = work.request;
        again.encoding = core::Encoding::Windows1252;
        reopen = Message{
            std::move(work.messages.back()), Severity::Action, {}, "Reopen as Windows-1252", [this, again] {
                guardUnsaved([this, again] { openInBackground(again); });
            }};
        work.messages.pop_back();
    }
    for (auto& message : work.messages) report(std::move(message));
    if (reopen) messages_.post(std::move(*reopen));
    if (!work.madeForOther.empty()) {
        otherReport_ = std::move(work); // drawOtherReportPrompt asks
        return false;
    }
    if (!work.document) return false;
    if (themesWork_.valid()) themesWork_.wait(); // it reads the document about to be replaced
    std::error_code error;
    document_ = std::move(work.document);
    codebook_ = std::move(work.codebook);
    assignDefaultQuickKeys(codebook_);
    file_ = std::move(work.file);
    // The set owns the annotations from here on; fileToSave() copies them back.
    set_ = annotations::AnnotationSet(std::move(file_.annotations));
    file_.annotations.clear();
    reportPath_ = std::filesystem::absolute(work.request.report, error);
    annotationsPath_ = std::filesystem::absolute(work.saveTo, error);
    codebookPath_ = std::filesystem::absolute(work.request.codebook, error);
    undo_.clear();
    redo_.clear();
    editedTags_.clear();
    hidden_.clear();
    colleague_.reset();
    filter_ = {};
    view_ = {};
    view_.scrollTo = 0; // the view's scroll is the last report's until it is told otherwise
    find_.countedQuery.clear();
    if (!project_) ForgetSearch(projectPanels_.search); // its hits were in the report before
    ++revision_;
    savedRevision_ = journaledRevision_ = revision_;
    fontsChanged_ = true;
    releaseFreedMemory();
    computeThemes();
    if (work.request.readFrom.empty()) rememberRecent();
    offerRecovery();
    return true;
}

void App::loadPlugins() {
    core::PluginHost::Options options;
    options.imguiVersion = IMGUI_VERSION_NUM;
    // Plugins may log from a worker (a source extracting a report): the
    // lines wait for the UI thread, which shows them.
    options.log = [this](int level, const std::string& pluginId, const std::string& message) {
        if (level < GLOSS_LOG_WARNING) return;
        const std::lock_guard lock(pluginLogMutex_);
        pluginLog_.push_back({"plugin " + pluginId + ": " + message,
                              level >= GLOSS_LOG_ERROR ? Severity::Error : Severity::Action,
                              pluginAbout(pluginId)});
    };
    host_ = std::make_unique<core::PluginHost>(options);
    host_->loadFolders(core::PluginHost::searchPath(options_.pluginDirs));
    for (const auto& file : settings_.addedPlugins) host_->loadFile(file);
    for (const auto& refusal : host_->refusals()) report(refusal.path.string() + ": " + refusal.reason);
    // Turned off in the Plugins panel on an earlier start.
    for (const auto& plugin : host_->plugins())
        if (std::count(settings_.disabledPlugins.begin(), settings_.disabledPlugins.end(), plugin.id))
            host_->setEnabled(plugin.id, false);
}

void App::clearThemes() {
    themes_ = {};
    themeCounts_.clear();
    longestThemeSpan_ = 0;
    overview_.themeDensity.clear();
    countThemeMatches();
}

// Theme matching runs on a worker, so a long report shows its text at once
// and the highlights a moment later.
void App::computeThemes() {
    if (themesWork_.valid()) themesWork_.wait(); // the newer codebook wins
    clearThemes();
    const auto highlighters = host_->highlighters();
    if (std::find(highlighters.begin(), highlighters.end(), "themes") == highlighters.end()) {
        report("no \"themes\" plugin found: theme matches are not highlighted");
        return;
    }
    const auto plugins = host_->plugins();
    if (std::any_of(plugins.begin(), plugins.end(),
                    [](const core::PluginSummary& p) { return p.id == "themes" && !p.enabled; }))
        return; // turned off in the Plugins panel: nothing to say
    core::PluginHost* host = host_.get();
    const core::Document* document = &*document_; // adopt() waits for this work before replacing it
    std::string codebook = core::codebookToJson(codebook_).dump();
    themesWork_ = std::async(std::launch::async, [host, document, codebook = std::move(codebook)] {
        ThemeWork work;
        try {
            work.result = host->highlight("themes", *document, codebook);
        } catch (const std::exception& e) {
            work.error = e.what();
            return work;
        }
        std::sort(work.result.spans.begin(), work.result.spans.end(),
                  [](const core::Span& a, const core::Span& b) { return a.start < b.start; });
        work.counts.assign(work.result.tags.size(), 0);
        for (const auto& span : work.result.spans) {
            ++work.counts[span.tag];
            work.longest = std::max<size_t>(work.longest, span.end - span.start);
        }
        work.density = themeDensity(document->utf8().size(), work.result.spans);
        releaseFreedMemory(); // here, not in the frame that takes the result: it takes a while
        return work;
    });
}

void App::collectThemes() {
    if (!themesWork_.valid() || themesWork_.wait_for(std::chrono::seconds(0)) != std::future_status::ready)
        return;
    ThemeWork work = themesWork_.get();
    if (!work.error.empty()) {
        messages_.post({work.error, Severity::Error, pluginAbout("themes")});
        return;
    }
    themes_ = std::move(work.result);
    themeCounts_ = std::move(work.counts);
    longestThemeSpan_ = work.longest;
    overview_.themeDensity = std::move(work.density);
    countThemeMatches(); // the annotations' counts stand: a recount of 100,000 takes a frame
}

void App::countThemeMatches() {
    for (auto& [id, counts] : tagCounts_) counts.matches = 0;
    for (size_t i = 0; i < themes_.tags.size(); ++i) tagCounts_[themes_.tags[i]].matches = themeCounts_[i];
}

void App::recount() {
    if (countedRevision_ == revision_) return;
    tagCounts_.clear();
    authors_.clear();
    origins_.clear();
    // Runs after every edit, over every annotation: the colours are looked up once.
    std::map<std::string_view, ImU32> colors;
    for (const core::Tag& tag : codebook_.tags) colors.emplace(tag.id, tagColor(tag.id));
    const auto colorOf = [&](const annotations::Annotation& a) {
        const auto found = a.tags.empty() ? colors.end() : colors.find(a.tags.front());
        return found == colors.end() ? kUntaggedColor : found->second;
    };
    std::vector<std::pair<size_t, ImU32>> starts;
    starts.reserve(set_.size());
    for (const auto& a : set_.all()) {
        for (const auto& tag : a.tags) ++tagCounts_[tag].annotated;
        authors_.insert(a.author);
        origins_.insert(a.origin);
        if (document_ && a.status != annotations::AnchorStatus::Orphaned)
            starts.emplace_back(document_->byteOffset(a.start), colorOf(a));
    }
    countThemeMatches();
    overview_.reportBytes = document_ ? document_->utf8().size() : 0;
    overview_.annotation = annotationMarks(overview_.reportBytes, starts);
    countedRevision_ = revision_;
}

ImU32 App::tagColor(const std::string& tagId) const {
    const core::Tag* tag = codebook_.find(tagId);
    return tag ? parseColor(tag->color) : kUntaggedColor;
}

std::string App::title() const {
    std::string name = document_ ? reportPath_.filename().string() : "no report";
    return (dirty() ? "* " : "") + name + " - Gloss";
}

std::vector<size_t> App::filteredAnnotations(const AnnotationFilter& filter) const {
    std::vector<size_t> shown;
    const auto& all = set_.all();
    // A parent code finds the passages of its sub-codes too.
    const std::vector<std::string> codes =
        filter.tag.empty() ? std::vector<std::string>() : codebook_.withDescendants(filter.tag);
    for (size_t i = 0; i < all.size(); ++i) {
        const annotations::Annotation& a = all[i];
        if (!codes.empty() &&
            std::find_first_of(a.tags.begin(), a.tags.end(), codes.begin(), codes.end()) == a.tags.end())
            continue;
        if (!filter.author.empty() && a.author != filter.author) continue;
        if (!filter.origin.empty() && a.origin != filter.origin) continue;
        if (filter.status >= 0 && static_cast<int>(a.status) != filter.status) continue;
        if (filter.conflictsOnly && a.conflict.is_null()) continue;
        shown.push_back(i);
    }
    return shown;
}

//-----------------------------------------------------------------------------
// [SECTION] Actions
//-----------------------------------------------------------------------------

bool App::tagSelectionWithKey(int key) {
    const std::string wanted = std::to_string(key);
    const auto tag = std::find_if(codebook_.tags.begin(), codebook_.tags.end(),
                                  [&](const core::Tag& t) { return t.key == wanted; });
    if (tag == codebook_.tags.end()) {
        report("no tag has the quick key " + wanted);
        return false;
    }
    if (!view_.hasSelection() && !codingTarget()) {
        messages_.post({"select some text first, then press " + wanted + " to tag it \"" + tag->label + "\"",
                        Severity::Action, kAboutSelection});
        return false;
    }
    return toggleTag(tag->id);
}

const annotations::Annotation* App::codingTarget() {
    if (!document_) return nullptr;
    if (!view_.selectedAnnotation.empty() && !view_.selectedInOverlay) {
        const annotations::Annotation* selected = selectedOwnAnnotation();
        if (selected &&
            (!view_.hasSelection() || (selected->status != annotations::AnchorStatus::Orphaned &&
                                       document_->byteOffset(selected->start) == view_.selectionStart() &&
                                       document_->byteOffset(selected->end) == view_.selectionEnd())))
            return selected;
    }
    if (!view_.hasSelection()) return nullptr;
    const uint64_t start = document_->codepointOffset(view_.selectionStart());
    const uint64_t end = document_->codepointOffset(view_.selectionEnd());
    for (const annotations::Annotation* a : set_.overlapping(start, end))
        if (a->start == start && a->end == end && a->status != annotations::AnchorStatus::Orphaned) return a;
    return nullptr;
}

bool App::toggleTag(const std::string& tagId) {
    const annotations::Annotation* target = codingTarget();
    if (!target) return tagSelection(tagId);
    const std::string id = target->id;
    view_.selectedAnnotation = id;
    view_.selectedInOverlay = false;
    if (std::find(target->tags.begin(), target->tags.end(), tagId) != target->tags.end())
        return removeTag(id, tagId);
    return addTag(id, tagId);
}

bool App::addTag(const std::string& annotationId, const std::string& tagId) {
    const annotations::Annotation* current = set_.find(annotationId);
    if (!current || !codebook_.find(tagId) ||
        std::find(current->tags.begin(), current->tags.end(), tagId) != current->tags.end())
        return false;
    annotations::Annotation changed = *current;
    changed.tags.push_back(tagId);
    return replaceAnnotation(std::move(changed));
}

bool App::removeTag(const std::string& annotationId, const std::string& tagId) {
    const annotations::Annotation* current = set_.find(annotationId);
    if (!current) return false;
    annotations::Annotation changed = *current;
    const auto tag = std::find(changed.tags.begin(), changed.tags.end(), tagId);
    if (tag == changed.tags.end()) return false;
    changed.tags.erase(tag);
    return replaceAnnotation(std::move(changed));
}

bool App::replaceAnnotation(annotations::Annotation changed) {
    const std::string id = changed.id;
    set_.beginStep();
    bool done = false;
    if (changed.tags.empty() && changed.note.empty()) {
        done = set_.remove(id);
    } else {
        markEdited(changed);
        done = set_.replace(std::move(changed));
    }
    set_.endStep();
    if (!done) return false;
    if (!set_.find(id) && view_.selectedAnnotation == id) view_.selectedAnnotation.clear();
    annotationsChanged();
    return true;
}

void App::setCoderName(const std::string& name) {
    askCoderName_ = false;
    if (name.empty()) return;
    changeSettings([&](Settings& settings) { settings.author = name; });
    author_ = authorName(name);
}

void App::markEdited(annotations::Annotation& a) const {
    a.modified = annotations::nowUtc();
    // docs/formats.md: modified_by names the last coder to change someone
    // else's annotation; the author stays the one who made it.
    if (a.author != author_)
        a.extra["modified_by"] = author_;
    else
        a.extra.erase("modified_by");
}

bool App::tagSelection(const std::string& tagId) {
    if (!document_ || !host_ || !view_.hasSelection()) return false;
    core::TagCommand command;
    command.start = document_->codepointOffset(view_.selectionStart());
    command.end = document_->codepointOffset(view_.selectionEnd());
    command.tag = tagId;
    command.author = author_;
    core::TagOutcome outcome;
    try {
        outcome = core::tagSelection(*host_, "tagging", *document_, codebook_, set_, command);
    } catch (const std::exception& e) {
        report(std::string("tagging failed: ") + e.what());
        return false;
    }
    if (!outcome.added.empty())
        view_.selectedAnnotation = outcome.added.front();
    else if (!outcome.updated.empty())
        view_.selectedAnnotation = outcome.updated.front();
    if (outcome.added.empty() && outcome.updated.empty() && outcome.removed.empty()) return false;
    annotationsChanged();
    return true;
}

std::string App::createTag(const std::string& label) {
    core::Codebook after = codebook_;
    core::Tag tag;
    tag.id = tagIdFor(codebook_, label);
    tag.label = label;
    tag.color = core::colorForNewTag(codebook_);
    after.tags.push_back(tag);
    editedTags_.insert(tag.id);
    changeCodebook(after);
    return tag.id;
}

bool App::renameTag(const std::string& tagId, const std::string& label) {
    return !label.empty() &&
           editTag(tagId, [&](core::Codebook& c) { return setField(c, tagId, &core::Tag::label, label); });
}

bool App::recolorTag(const std::string& tagId, const std::string& color) {
    return editTag(tagId, [&](core::Codebook& c) { return setField(c, tagId, &core::Tag::color, color); });
}

bool App::setTagDescription(const std::string& tagId, const std::string& description) {
    return editTag(
        tagId, [&](core::Codebook& c) { return setField(c, tagId, &core::Tag::description, description); });
}

bool App::setTagKey(const std::string& tagId, const std::string& key) {
    if (!key.empty() && (key.size() != 1 || key[0] < '1' || key[0] > '9')) return false;
    return editTag(tagId, [&](core::Codebook& c) { return setQuickKey(c, tagId, key); });
}

bool App::reparentTag(const std::string& tagId, const std::string& parent) {
    return editTag(tagId, [&](core::Codebook& c) { return reparentCode(c, tagId, parent); });
}

bool App::mergeTag(const std::string& fromId, const std::string& intoId) {
    if (fromId == intoId || !codebook_.find(fromId) || !codebook_.find(intoId)) return false;
    core::Codebook after = codebook_;
    // Its sub-codes go under the code it is merged into, unless that is one of them.
    if (!isWithin(after, intoId, fromId))
        for (core::Tag& tag : after.tags)
            if (tag.parent == fromId) tag.parent = intoId;
    removeCode(after, fromId);
    editedTags_.insert(intoId);
    recodeAll(
        [&](std::vector<std::string>& tags) {
            const auto from = std::find(tags.begin(), tags.end(), fromId);
            if (from == tags.end()) return;
            if (std::find(tags.begin(), tags.end(), intoId) == tags.end())
                *from = intoId;
            else
                tags.erase(from);
        },
        after);
    return true;
}

bool App::deleteTag(const std::string& tagId) {
    core::Codebook after = codebook_;
    if (!removeCode(after, tagId)) return false;
    recodeAll([&](std::vector<std::string>& tags) { std::erase(tags, tagId); }, after);
    return true;
}

size_t App::codingCount(const std::string& tagId) {
    recount();
    const auto found = tagCounts_.find(tagId);
    return found == tagCounts_.end() ? 0 : found->second.annotated;
}

bool App::deleteAnnotation(const std::string& id) {
    set_.beginStep();
    const bool removed = set_.remove(id);
    set_.endStep();
    if (view_.selectedAnnotation == id) view_.selectedAnnotation.clear();
    if (removed) annotationsChanged();
    return removed;
}

bool App::setNote(const std::string& id, const std::string& note) {
    const annotations::Annotation* current = set_.find(id);
    if (!current || current->note == note) return false;
    annotations::Annotation changed = *current;
    changed.note = note;
    return replaceAnnotation(std::move(changed));
}

std::string App::memo() const {
    const auto it = file_.extra.find("memo");
    return it != file_.extra.end() && it->is_string() ? it->get<std::string>() : std::string();
}

bool App::memoEditable() const {
    const auto it = file_.extra.find("memo");
    return it == file_.extra.end() || it->is_string();
}

// The memo lives in file_.extra, where the reader keeps top-level fields it
// does not know, so saving writes it back with no step of its own.
void App::applyMemo(const std::string& memo) {
    if (memo.empty())
        file_.extra.erase("memo");
    else
        file_.extra["memo"] = memo;
}

bool App::setMemo(const std::string& memo) {
    if (!document_ || !memoEditable() || memo == this->memo()) return false;
    HistoryEntry entry;
    entry.memo = true;
    entry.memoBefore = this->memo();
    entry.memoAfter = memo;
    undo_.push_back(std::move(entry));
    redo_.clear();
    applyMemo(memo);
    ++revision_;
    return true;
}

annotations::AnnotationFile App::fileToSave() const {
    annotations::AnnotationFile file = file_;
    file.annotations = set_.all();
    file.report = core::describeReport(*document_);
    // The file stands alone: the tags it uses (with their ancestors), the
    // ones it already carried and the ones made or edited here, as the
    // codebook has them now.
    std::vector<std::string> ids(editedTags_.begin(), editedTags_.end());
    for (const auto& a : file.annotations)
        for (const auto& tag : a.tags) ids.push_back(tag);
    if (!file_.codebook.is_null())
        for (const auto& tag : core::codebookFromJson(file_.codebook, "codebook").tags) ids.push_back(tag.id);
    std::sort(ids.begin(), ids.end());
    ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
    file.codebook = core::codebookToJson(codebook_.subset(ids));
    return file;
}

bool App::save() {
    if (!document_) return false;
    try {
        const annotations::AnnotationFile file = fileToSave();
        std::error_code error;
        if (annotationsPath_.has_parent_path())
            std::filesystem::create_directories(annotationsPath_.parent_path(), error);
        core::saveAnnotationFile(annotationsPath_, file);
        file_ = file;
    } catch (const std::exception& e) {
        report(std::string("saving failed: ") + e.what());
        return false;
    }
    if (!saveToProject()) return false;
    savedRevision_ = journaledRevision_ = revision_;
    forgetJournal();
    rememberRecent();
    notice("Saved " + std::to_string(set_.size()) + " annotations to " + annotationsPath_.string());
    return true;
}

void App::selectAnnotation(const annotations::Annotation& a) {
    view_.selectedAnnotation = a.id;
    view_.selectedInOverlay = false;
    if (a.status == annotations::AnchorStatus::Orphaned || !document_) return;
    view_.select(document_->byteOffset(a.start), document_->byteOffset(a.end));
    view_.scrollTo = view_.selectionStart();
    view_.focusNextFrame = true;
}

//-----------------------------------------------------------------------------
// [SECTION] Undo history
//-----------------------------------------------------------------------------

void App::annotationsChanged() {
    undo_.push_back({true, false, {}, {}});
    redo_.clear();
    ++revision_;
}

void App::changeCodebook(const core::Codebook& after) {
    undo_.push_back({false, true, codebook_, after});
    redo_.clear();
    codebook_ = after;
    ++revision_;
}

void App::recodeAll(const std::function<void(std::vector<std::string>&)>& recode,
                    const core::Codebook& after) {
    std::vector<annotations::Annotation> changed;
    for (const annotations::Annotation& a : set_.all()) {
        std::vector<std::string> tags = a.tags;
        recode(tags);
        if (tags == a.tags) continue;
        changed.push_back(a);
        changed.back().tags = std::move(tags);
    }
    set_.beginStep();
    for (annotations::Annotation& a : changed) {
        if (a.tags.empty() && a.note.empty()) {
            set_.remove(a.id);
            continue;
        }
        markEdited(a);
        set_.replace(std::move(a));
    }
    set_.endStep();
    undo_.push_back({true, true, codebook_, after});
    redo_.clear();
    codebook_ = after;
    ++revision_;
}

bool App::editTag(const std::string& tagId, const std::function<bool(core::Codebook&)>& edit) {
    core::Codebook after = codebook_;
    if (!edit(after)) return false;
    editedTags_.insert(tagId);
    changeCodebook(after);
    return true;
}

void App::undo() {
    if (undo_.empty()) return;
    HistoryEntry entry = std::move(undo_.back());
    undo_.pop_back();
    if (entry.annotations) set_.undo();
    if (entry.codebook) codebook_ = entry.before;
    if (entry.memo) applyMemo(entry.memoBefore);
    redo_.push_back(std::move(entry));
    ++revision_;
}

void App::redo() {
    if (redo_.empty()) return;
    HistoryEntry entry = std::move(redo_.back());
    redo_.pop_back();
    if (entry.annotations) set_.redo();
    if (entry.codebook) codebook_ = entry.after;
    if (entry.memo) applyMemo(entry.memoAfter);
    undo_.push_back(std::move(entry));
    ++revision_;
}

//-----------------------------------------------------------------------------
// [SECTION] Frame
//-----------------------------------------------------------------------------

void App::handleShortcuts(bool viewFocused) {
    const ImGuiIO& io = ImGui::GetIO();
    // GLFW key codes: digits and letters are their ASCII values.
    // Ctrl+F: the find bar; Ctrl+Shift+F: the search with a hit list. Each
    // starts from a short selection.
    if (io.KeyCtrl && ImGui::IsKeyPressed('F', false) && (document_ || (project_ && io.KeyShift))) {
        if (io.KeyShift) {
            openSearch();
        } else {
            find_.open = true;
            find_.focusInput = true;
        }
        if (document_ && view_.hasSelection() && view_.selectionEnd() - view_.selectionStart() < 200)
            (io.KeyShift ? projectPanels_.search.query : find_.query) = std::string(document_->utf8().substr(
                view_.selectionStart(), view_.selectionEnd() - view_.selectionStart()));
    }
    if (ImGui::IsKeyPressed(kKeyF3) && document_ && !find_.query.empty())
        findNext(find_, *document_, view_, !io.KeyShift);
    // Ctrl+S while typing the memo keeps what is typed so far.
    if (memoActive_ && io.KeyCtrl && !io.KeyShift && ImGui::IsKeyPressed('S', false)) {
        setMemo(memoDraft_);
        save();
    }
    if (io.WantTextInput) return; // typing into a text field
    if (io.KeyCtrl && ImGui::IsKeyPressed('S', false)) {
        if (io.KeyShift)
            askForFile(DialogPurpose::SaveAs);
        else
            save();
    }
    if (io.KeyCtrl && ImGui::IsKeyPressed('O', false)) askForFile(DialogPurpose::OpenReport);
    if (io.KeyCtrl && ImGui::IsKeyPressed('Q', false)) requestClose();
    if (io.KeyCtrl && ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Z), false))
        io.KeyShift ? redo() : undo();
    if (io.KeyCtrl && ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Y), false)) redo();
    // Ctrl+= is Ctrl+Plus on most layouts; the keypad's keys too.
    if (io.KeyCtrl && (ImGui::IsKeyPressed('=') || ImGui::IsKeyPressed(kKeyKeypadAdd)))
        setFontSize(settings_.fontSize + kFontSizeStep);
    if (io.KeyCtrl && (ImGui::IsKeyPressed('-') || ImGui::IsKeyPressed(kKeyKeypadSubtract)))
        setFontSize(settings_.fontSize - kFontSizeStep);
    if (io.KeyCtrl && ImGui::IsKeyPressed('0', false)) setFontSize(Settings{}.fontSize);
    if (!viewFocused || io.KeyCtrl || io.KeyAlt) return;
    for (int key = 1; key <= 9; ++key)
        if (ImGui::IsKeyPressed('0' + key, false)) tagSelectionWithKey(key);
    if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Delete), false) &&
        !view_.selectedAnnotation.empty() && !view_.selectedInOverlay)
        deleteAnnotation(view_.selectedAnnotation);
    const bool tagKey =
        ImGui::IsKeyPressed('T', false) || ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Enter), false);
    if (tagKey && (view_.hasSelection() || codingTarget())) openTagPopup(tagPopup_, caretScreenPosition());
}

// The border between the sidebar and the report: dragged, it resizes the
// sidebar; the width is kept when the drag ends.
void App::drawSplitter(float statusHeight, float shownWidth, float widest) {
    ImGui::InvisibleButton("##splitter", ImVec2(ImGui::GetStyle().ItemSpacing.x, -statusHeight));
    if (ImGui::IsItemHovered() || ImGui::IsItemActive()) ImGui::SetMouseCursor(ImGuiMouseCursor_ResizeEW);
    const float em = ImGui::GetFontSize();
    if (ImGui::IsItemActive())
        sidebarWidth_ = std::clamp((shownWidth + ImGui::GetIO().MouseDelta.x) / em, kMinSidebarWidth,
                                   std::min(kMaxSidebarWidth, widest / em));
    if (ImGui::IsItemDeactivated())
        changeSettings([this](Settings& settings) { settings.sidebarWidth = sidebarWidth_; });
}

// Measures the caret's line if the layout has not yet (hence not const).
ImVec2 App::caretScreenPosition() {
    ReportLayout& layout = view_.layout;
    const VisualRow row = layout.rowOfByte(view_.cursor);
    return ImVec2(view_.contentOrigin.x + layout.xOf(row, view_.cursor),
                  view_.contentOrigin.y - view_.scrollY +
                      static_cast<float>(layout.rowIndex(row) + 1) * view_.rowHeight);
}

void App::frame() {
    if (!styleApplied_) {
        // Colours only: sizes were scaled for the monitor by the window.
        settings_.style == Style::Dark ? ImGui::StyleColorsDark() : ImGui::StyleColorsLight();
        // Windows over the report (the project window, plugin panels, popups)
        // are opaque: the dark style's 94 % lets the report's lines show through.
        ImVec4* colors = ImGui::GetStyle().Colors;
        colors[ImGuiCol_WindowBg].w = colors[ImGuiCol_PopupBg].w = 1.0f;
        styleApplied_ = true;
    }
    const ImGuiViewport* viewport = ImGui::GetMainViewport();
    ImGui::SetNextWindowPos(viewport->WorkPos);
    ImGui::SetNextWindowSize(viewport->WorkSize);
    ImGui::PushStyleVar(ImGuiStyleVar_WindowRounding, 0);
    ImGui::Begin("##gloss", nullptr,
                 ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings |
                     ImGuiWindowFlags_MenuBar | ImGuiWindowFlags_NoBringToFrontOnFocus);
    ImGui::PopStyleVar();
    drawMenu();
    collectThemes();
    recount();
    if (colleague_ && colleagueRevision_ != revision_) {
        compareWithOwn(*colleague_, set_);
        colleagueRevision_ = revision_;
    }

    const float statusHeight = ImGui::GetFrameHeightWithSpacing();
    const float em = ImGui::GetFontSize();
    // The report keeps room for a line of text whatever the sidebar asks for.
    const float widest = std::max(kMinSidebarWidth * em, ImGui::GetContentRegionAvail().x - 24 * em);
    const float sidebarWidth = std::floor(std::clamp(sidebarWidth_ * em, kMinSidebarWidth * em, widest));
    ImGui::BeginChild("##sidebar", ImVec2(sidebarWidth, -statusHeight), true);
    drawSidebar();
    ImGui::EndChild();
    ImGui::SameLine(0, 0);
    drawSplitter(statusHeight, sidebarWidth, widest);
    ImGui::SameLine(0, 0);
    drawReport(statusHeight);
    drawStatusBar();
    ImGui::End();
    drawPluginPanels();
    drawProjectWindows();
    drawFileDialog();
    drawUnsavedPrompt();
    drawRecoveryPrompt();
    drawOtherReportPrompt();
    drawCoderPrompt();
    drawSettingsWindow();
    drawOpeningProgress();
    journalWhenIdle();
    {
        const std::lock_guard lock(pluginLogMutex_);
        for (auto& line : pluginLog_) messages_.post(std::move(line));
        pluginLog_.clear();
    }
    // For the end-to-end test: where the report's first row is on screen.
    if (!geometryPrinted_ && document_ && view_.rowHeight > 0 && std::getenv("GLOSS_PRINT_GEOMETRY")) {
        std::printf("report-origin %.0f %.0f row-height %.0f\n", view_.contentOrigin.x, view_.contentOrigin.y,
                    view_.rowHeight);
        std::fflush(stdout);
        geometryPrinted_ = true;
    }
}

void App::drawReport(float statusHeight) {
    ImGui::BeginGroup();
    drawMessages();
    bool viewFocused = false;
    if (document_) {
        FindBar(find_, *document_, view_);
        AnnotationLayer annotations;
        if (showAnnotations_) {
            annotations.set = &set_;
            annotations.color = [this](const annotations::Annotation& a) -> ImU32 {
                for (const auto& tag : a.tags)
                    if (!hidden_[tag]) return tagColor(tag);
                return a.tags.empty() ? kUntaggedColor : 0;
            };
            annotations.codeColor = [this](const std::string& tag) -> ImU32 {
                return hidden_[tag] ? 0 : tagColor(tag);
            };
        }
        if (colleague_ && colleague_->visible) {
            annotations.overlay = &colleague_->differences;
            annotations.overlayColor = [this](const annotations::Annotation& a) -> ImU32 {
                return colleague_->hiddenAuthors.count(a.author) ? 0 : authorColor(*colleague_, a.author);
            };
        }
        ThemeLayer themes;
        if (showThemes_) {
            themes.spans = &themes_.spans;
            for (const auto& tag : themes_.tags) themes.colors.push_back(hidden_[tag] ? 0 : tagColor(tag));
            themes.longestSpan = longestThemeSpan_;
        }
        const float overviewWidth = std::floor(ImGui::GetFontSize() * 0.9f);
        // The selected passage's pane, under the report, keeps its note in view.
        const bool pane = selectionPaneShown();
        const float paneHeight =
            pane ? std::floor(notePaneHeight_ * ImGui::GetFontSize()) + ImGui::GetStyle().ItemSpacing.y * 2
                 : 0;
        ImVec2 size(ImGui::GetContentRegionAvail().x - overviewWidth - ImGui::GetStyle().ItemSpacing.x,
                    -(statusHeight + paneHeight));
        // A maximum reading width (View menu): the view is narrower, centred,
        // its lines wrapped at that width; the overview stays at the edge.
        if (settings_.readingWidth > 0) {
            const float margins = 4.5f * ImGui::GetFontSize(); // the stripes' margin and the scroll bar
            const float widest = std::floor(settings_.readingWidth * ImGui::GetFontSize() + margins);
            if (widest < size.x) {
                ImGui::SetCursorPosX(ImGui::GetCursorPosX() + std::floor((size.x - widest) / 2));
                size.x = widest;
            }
        }
        const auto result = ReportView("##report", view_, *document_, annotations, themes, {}, size);
        viewFocused = result.focused;
        if (result.hovered && !ImGui::IsPopupOpen(nullptr, ImGuiPopupFlags_AnyPopupId))
            drawAnnotationTooltip(*result.hovered, result.hoveredTag, result.hoveredOverlay);
        // A right-click on a stripe, or on a highlight with nothing selected,
        // offers to take codes off; on a selection, the tag popup.
        const bool rightClick = ImGui::IsMouseClicked(ImGuiMouseButton_Right) && ImGui::IsItemHovered();
        if (result.stripeMenu) {
            stripeMenuAnnotation_ = result.stripeMenu->id;
            stripeMenuTag_ = result.stripeMenuTag;
            ImGui::OpenPopup("##stripe-menu");
        } else if (rightClick && !view_.hasSelection() && result.hovered && !result.hoveredOverlay) {
            stripeMenuAnnotation_ = result.hovered->id;
            stripeMenuTag_.clear();
            ImGui::OpenPopup("##stripe-menu");
        } else if (rightClick && result.focused && view_.hasSelection()) {
            openTagPopup(tagPopup_, ImGui::GetIO().MousePos);
        }
        drawStripeMenu();
        ImGui::SameLine();
        const float height = ImGui::GetItemRectSize().y;
        ImGui::SetCursorPosX(ImGui::GetWindowContentRegionMax().x - overviewWidth); // at the edge
        if (const auto jump = Overview("##overview", overview_, ImVec2(overviewWidth, height),
                                       view_.firstVisibleByte, view_.lastVisibleByte))
            view_.scrollTo = document_->lineStart(document_->lineOfByte(*jump));
        const annotations::Annotation* target =
            tagPopup_.openRequested || ImGui::IsPopupOpen(kTagPopupId) ? codingTarget() : nullptr;
        const TagPopupResult picked = TagPopup(
            tagPopup_, codebook_, [this](const std::string& id) { return tagColor(id); },
            target ? target->tags : std::vector<std::string>());
        if (!picked.toggleTag.empty()) toggleTag(picked.toggleTag);
        if (!picked.createLabel.empty()) toggleTag(createTag(picked.createLabel));
        if (pane) drawSelectionPane(statusHeight);
    } else {
        ImGui::BeginChild("##empty", ImVec2(0, -statusHeight), true);
        ImGui::TextWrapped(project_ ? "Open a report from the Documents list." : "No report is open.");
        ImGui::EndChild();
    }
    ImGui::EndGroup();
    handleShortcuts(viewFocused);
}

// What a highlight or stripe stands for: its codes (the hovered stripe's
// first), who coded it and its note.
void App::drawAnnotationTooltip(const annotations::Annotation& a, const std::string* code, bool theirs) {
    ImGui::BeginTooltip();
    ImGui::PushTextWrapPos(ImGui::GetFontSize() * 24);
    const float swatch = ImGui::GetFontSize() * 0.8f;
    const auto codeLine = [&](const std::string& id) {
        ImGui::ColorButton("##code", ImGui::ColorConvertU32ToFloat4(tagColor(id)),
                           ImGuiColorEditFlags_NoTooltip, ImVec2(swatch, swatch));
        ImGui::SameLine();
        const core::Tag* tag = codebook_.find(id);
        ImGui::TextUnformatted(tag ? tag->label.c_str() : id.c_str());
    };
    if (code && !code->empty()) {
        codeLine(*code);
        ImGui::Separator();
    }
    for (const auto& tag : a.tags)
        if (!code || tag != *code) codeLine(tag);
    if (a.tags.empty()) ImGui::TextDisabled("no codes: a note");
    const auto by = a.extra.find("modified_by");
    const std::string changedBy =
        by != a.extra.end() && by->is_string() ? ", changed by " + by->get<std::string>() : std::string();
    ImGui::TextDisabled("%s%s%s",
                        theirs ? "colleague: " : "coder: ", a.author.empty() ? "(none)" : a.author.c_str(),
                        changedBy.c_str());
    if (!a.note.empty()) ImGui::TextWrapped("%s", a.note.c_str());
    ImGui::PopTextWrapPos();
    ImGui::EndTooltip();
}

// The right-click menu of a stripe (its code) or a highlight (each of its
// codes): take a code off the passage, or delete the annotation.
void App::drawStripeMenu() {
    if (!ImGui::BeginPopup("##stripe-menu")) return;
    const annotations::Annotation* a = set_.find(stripeMenuAnnotation_);
    std::vector<std::string> codes;
    if (!stripeMenuTag_.empty())
        codes.push_back(stripeMenuTag_);
    else if (a)
        codes = a->tags;
    std::string removed;
    for (const std::string& code : codes) {
        const core::Tag* tag = codebook_.find(code);
        const std::string label = (stripeMenuTag_.empty() ? "Remove code \"" : "Remove this code (\"") +
                                  (tag ? tag->label : code) + (stripeMenuTag_.empty() ? "\"" : "\")");
        if (ImGui::MenuItem(label.c_str())) removed = code;
    }
    if (!removed.empty()) removeTag(stripeMenuAnnotation_, removed);
    if (ImGui::MenuItem("Delete annotation")) deleteAnnotation(stripeMenuAnnotation_);
    ImGui::EndPopup();
}

void App::drawMenu() {
    if (!ImGui::BeginMenuBar()) return;
    if (ImGui::BeginMenu("File")) {
        drawFileMenu();
        ImGui::EndMenu();
    }
    if (ImGui::BeginMenu("Edit")) {
        if (ImGui::MenuItem("Undo", "Ctrl+Z", false, !undo_.empty())) undo();
        if (ImGui::MenuItem("Redo", "Ctrl+Shift+Z", false, !redo_.empty())) redo();
        ImGui::Separator();
        if (ImGui::MenuItem("Select all", "Ctrl+A", false, document_ != nullptr))
            view_.select(0, document_->utf8().size());
        if (ImGui::MenuItem("Find", "Ctrl+F", false, document_ != nullptr)) {
            find_.open = true;
            find_.focusInput = true;
        }
        if (ImGui::MenuItem("Search with hit list...", "Ctrl+Shift+F", false, document_ || project_))
            openSearch();
        if (ImGui::MenuItem("Tag selection...", "T", false, view_.hasSelection()))
            openTagPopup(tagPopup_, caretScreenPosition());
        if (ImGui::MenuItem("Delete annotation", "Delete", false, !view_.selectedAnnotation.empty()))
            deleteAnnotation(view_.selectedAnnotation);
        ImGui::Separator();
        if (ImGui::MenuItem("Settings...")) {
            settingsOpen_ = true;
            coderNameDraft_ = settings_.author;
        }
        ImGui::EndMenu();
    }
    if (ImGui::BeginMenu("View")) {
        ImGui::MenuItem("Annotations", nullptr, &showAnnotations_);
        ImGui::MenuItem("Theme matches", nullptr, &showThemes_);
        ImGui::Separator();
        if (ImGui::MenuItem("Report memo", nullptr, false, document_ != nullptr)) openMemo();
        drawPanelsMenu();
        ImGui::Separator();
        if (ImGui::MenuItem("Larger text", "Ctrl+=")) setFontSize(settings_.fontSize + kFontSizeStep);
        if (ImGui::MenuItem("Smaller text", "Ctrl+-")) setFontSize(settings_.fontSize - kFontSizeStep);
        if (ImGui::MenuItem("Default text size", "Ctrl+0")) setFontSize(Settings{}.fontSize);
        if (ImGui::BeginMenu("Reading width")) {
            // In text heights: a text height is about two characters of the report's font.
            for (const auto& [label, width] :
                 {std::pair{"Whole window", 0.0f}, std::pair{"About 70 characters", 36.0f},
                  std::pair{"About 90 characters", 46.0f}, std::pair{"About 120 characters", 62.0f}})
                if (ImGui::MenuItem(label, nullptr, settings_.readingWidth == width)) setReadingWidth(width);
            ImGui::EndMenu();
        }
        ImGui::Separator();
        bool dark = settings_.style == Style::Dark;
        if (ImGui::MenuItem("Dark style", nullptr, &dark)) {
            changeSettings(
                [dark](Settings& settings) { settings.style = dark ? Style::Dark : Style::Light; });
            styleApplied_ = false;
        }
        ImGui::EndMenu();
    }
    drawProjectMenu();
    ImGui::EndMenuBar();
}

void App::drawMessages() {
    if (view_.hasSelection()) messages_.withdraw(kAboutSelection); // done what it asked
    MessagesView(messages_);
}

void App::drawStatusBar() {
    ImGui::Separator();
    if (!document_) {
        ImGui::TextUnformatted("No report");
        return;
    }
    if (!notice_.empty() && ImGui::GetTime() - noticeTime_ < kNoticeSeconds) {
        ImGui::TextUnformatted(notice_.c_str());
        return;
    }
    const auto line = document_->lineOfByte(view_.cursor) + 1;
    const auto selected =
        document_->codepointOffset(view_.selectionEnd()) - document_->codepointOffset(view_.selectionStart());
    const std::string page = document_->pageCount() > 1
                                 ? "page " + std::to_string(document_->pageOfByte(view_.cursor) + 1) +
                                       " of " + std::to_string(document_->pageCount()) + ", "
                                 : "";
    ImGui::Text(
        "%s%s  |  %s  |  %sline %zu, char %llu  |  %llu selected  |  %zu annotations  |  %s  |  coder: %s",
        dirty() ? "* " : "", reportPath_.filename().c_str(), core::encodingName(document_->encoding()).data(),
        page.c_str(), line, static_cast<unsigned long long>(document_->codepointOffset(view_.cursor)),
        static_cast<unsigned long long>(selected), set_.size(), annotationsPath_.filename().c_str(),
        author_.c_str());
}

} // namespace gloss::gui
