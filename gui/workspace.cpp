// The open report's work and its one undo history (workspace.hpp).
//
// [SECTION] Opening
// [SECTION] Codings
// [SECTION] Codebook
// [SECTION] Memo
// [SECTION] Undo history
// [SECTION] Saving
// [SECTION] Changes on disk

#include "workspace.hpp"

#include "code_system.hpp"
#include "gloss/annotations/anchoring.hpp"
#include "gloss/annotations/ids.hpp"
#include "gloss/core/color_distance.hpp"
#include "gloss/core/file_io.hpp"
#include "gloss/core/files.hpp"

#include <algorithm>

namespace gloss::gui {

namespace {

// A tag id from a label: lowercase ASCII letters and digits joined by '-',
// made unique in `codebook`.
std::string tagIdFor(const annotations::Codebook& codebook, const std::string& label) {
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
bool setField(annotations::Codebook& codebook, const std::string& tagId, std::string annotations::Tag::*field,
              const std::string& value) {
    const auto tag = std::find_if(codebook.tags.begin(), codebook.tags.end(),
                                  [&](const annotations::Tag& t) { return t.id == tagId; });
    if (tag == codebook.tags.end() || (*tag).*field == value) return false;
    (*tag).*field = value;
    return true;
}

} // namespace

//-----------------------------------------------------------------------------
// [SECTION] Opening
//-----------------------------------------------------------------------------

void Workspace::adopt(OpenedWork work) {
    std::error_code error;
    document_ = std::move(work.document);
    codebook_ = std::move(work.codebook);
    assignDefaultQuickKeys(codebook_);
    file_ = std::move(work.file);
    base_ = file_;
    baseStamp_ = work.saveToStamp;
    // The set owns the annotations from here on; fileToSave() copies them back.
    set_ = annotations::AnnotationSet(std::move(file_.annotations));
    file_.annotations.clear();
    reportPath_ = std::filesystem::absolute(work.request.report, error);
    annotationsPath_ = std::filesystem::absolute(work.saveTo, error);
    codebookPath_ = std::filesystem::absolute(work.request.codebook, error);
    stampedPath_ = annotationsPath_;
    undo_.clear();
    redo_.clear();
    editedTags_.clear();
    ++revision_;
    savedRevision_ = revision_;
}

void Workspace::useCodebook(annotations::Codebook codebook, const std::filesystem::path& path) {
    codebook_ = std::move(codebook);
    codebookPath_ = path;
    ++revision_;
    savedRevision_ = revision_;
}

void Workspace::restore(annotations::AnnotationFile file) {
    file_ = std::move(file);
    set_ = annotations::AnnotationSet(std::move(file_.annotations));
    file_.annotations.clear();
    if (file_.codebook) {
        for (const auto& tag : file_.codebook->tags) editedTags_.insert(tag.id);
        codebook_.addMissingTags(*file_.codebook, {editedTags_.begin(), editedTags_.end()});
    }
    undo_.clear();
    redo_.clear();
    ++revision_; // unsaved until the user saves
}

//-----------------------------------------------------------------------------
// [SECTION] Codings
//-----------------------------------------------------------------------------

core::TagOutcome Workspace::tagRange(core::PluginHost& host, const std::string& taggerId, uint64_t start,
                                     uint64_t end, const std::string& tagId) {
    if (!document_) return {};
    core::TagCommand command;
    command.start = start;
    command.end = end;
    command.tag = tagId;
    command.author = coder_;
    core::TagOutcome outcome = core::tagSelection(host, taggerId, *document_, codebook_, set_, command);
    if (!outcome.added.empty() || !outcome.updated.empty() || !outcome.removed.empty())
        pushStep({.annotations = true});
    return outcome;
}

bool Workspace::addTag(const std::string& annotationId, const std::string& tagId) {
    const annotations::Annotation* current = set_.find(annotationId);
    if (!current || !codebook_.find(tagId) ||
        std::find(current->tags.begin(), current->tags.end(), tagId) != current->tags.end())
        return false;
    annotations::Annotation changed = *current;
    changed.tags.push_back(tagId);
    return replaceAnnotation(std::move(changed));
}

bool Workspace::removeTag(const std::string& annotationId, const std::string& tagId) {
    const annotations::Annotation* current = set_.find(annotationId);
    if (!current) return false;
    annotations::Annotation changed = *current;
    const auto tag = std::find(changed.tags.begin(), changed.tags.end(), tagId);
    if (tag == changed.tags.end()) return false;
    changed.tags.erase(tag);
    return replaceAnnotation(std::move(changed));
}

bool Workspace::deleteAnnotation(const std::string& id) {
    return changeAnnotations([&](annotations::AnnotationSet& set) { return set.remove(id); });
}

bool Workspace::setNote(const std::string& id, const std::string& note) {
    const annotations::Annotation* current = set_.find(id);
    if (!current || current->note == note) return false;
    annotations::Annotation changed = *current;
    changed.note = note;
    return replaceAnnotation(std::move(changed));
}

bool Workspace::changeAnnotations(const std::function<bool(annotations::AnnotationSet&)>& change) {
    set_.beginStep();
    const bool changed = change(set_);
    set_.endStep();
    if (changed) pushStep({.annotations = true});
    return changed;
}

bool Workspace::replaceAnnotation(annotations::Annotation changed) {
    return changeAnnotations([&](annotations::AnnotationSet& set) {
        if (changed.tags.empty() && changed.note.empty()) return set.remove(changed.id);
        markEdited(changed);
        return set.replace(std::move(changed));
    });
}

void Workspace::markEdited(annotations::Annotation& a) const {
    a.modified = annotations::nowUtc();
    // docs/formats.md: modified_by names the last coder to change someone
    // else's annotation; the author stays the one who made it.
    if (a.author != coder_)
        a.extra["modified_by"] = coder_;
    else
        a.extra.erase("modified_by");
}

//-----------------------------------------------------------------------------
// [SECTION] Codebook
//-----------------------------------------------------------------------------

std::string Workspace::createTag(const std::string& label) {
    annotations::Codebook after = codebook_;
    annotations::Tag tag;
    tag.id = tagIdFor(codebook_, label);
    tag.label = label;
    tag.color = core::colorForNewTag(codebook_);
    after.tags.push_back(tag);
    editedTags_.insert(tag.id);
    changeCodebook(after);
    return tag.id;
}

bool Workspace::renameTag(const std::string& tagId, const std::string& label) {
    return !label.empty() && editTag(tagId, [&](annotations::Codebook& c) {
        return setField(c, tagId, &annotations::Tag::label, label);
    });
}

bool Workspace::recolorTag(const std::string& tagId, const std::string& color) {
    return editTag(
        tagId, [&](annotations::Codebook& c) { return setField(c, tagId, &annotations::Tag::color, color); });
}

bool Workspace::setTagDescription(const std::string& tagId, const std::string& description) {
    return editTag(tagId, [&](annotations::Codebook& c) {
        return setField(c, tagId, &annotations::Tag::description, description);
    });
}

bool Workspace::setTagKey(const std::string& tagId, const std::string& key) {
    if (!key.empty() && (key.size() != 1 || key[0] < '1' || key[0] > '9')) return false;
    return editTag(tagId, [&](annotations::Codebook& c) { return setQuickKey(c, tagId, key); });
}

bool Workspace::reparentTag(const std::string& tagId, const std::string& parent) {
    return editTag(tagId, [&](annotations::Codebook& c) { return reparentCode(c, tagId, parent); });
}

bool Workspace::mergeTag(const std::string& fromId, const std::string& intoId) {
    if (fromId == intoId || !codebook_.find(fromId) || !codebook_.find(intoId)) return false;
    annotations::Codebook after = codebook_;
    // Its sub-codes go under the code it is merged into, unless that is one of them.
    if (!isWithin(after, intoId, fromId))
        for (annotations::Tag& tag : after.tags)
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

bool Workspace::deleteTag(const std::string& tagId) {
    annotations::Codebook after = codebook_;
    if (!removeCode(after, tagId)) return false;
    recodeAll([&](std::vector<std::string>& tags) { std::erase(tags, tagId); }, after);
    return true;
}

void Workspace::addMissingTags(const annotations::Codebook& other, const std::vector<std::string>& ids) {
    codebook_.addMissingTags(other, ids);
    editedTags_.insert(ids.begin(), ids.end());
    ++revision_;
}

void Workspace::changeCodebook(const annotations::Codebook& after) {
    pushStep({.codebook = true, .before = codebook_, .after = after});
    codebook_ = after;
}

void Workspace::recodeAll(const std::function<void(std::vector<std::string>&)>& recode,
                          const annotations::Codebook& after) {
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
    pushStep({.annotations = true, .codebook = true, .before = codebook_, .after = after});
    codebook_ = after;
}

bool Workspace::editTag(const std::string& tagId, const std::function<bool(annotations::Codebook&)>& edit) {
    annotations::Codebook after = codebook_;
    if (!edit(after)) return false;
    editedTags_.insert(tagId);
    changeCodebook(after);
    return true;
}

//-----------------------------------------------------------------------------
// [SECTION] Memo
//-----------------------------------------------------------------------------

std::string Workspace::memo() const {
    const auto it = file_.extra.find("memo");
    return it != file_.extra.end() && it->is_string() ? it->get<std::string>() : std::string();
}

bool Workspace::memoEditable() const {
    const auto it = file_.extra.find("memo");
    return it == file_.extra.end() || it->is_string();
}

// The memo lives in file_.extra, where the reader keeps top-level fields it
// does not know, so saving writes it back with no step of its own.
void Workspace::applyMemo(const std::string& memo) {
    if (memo.empty())
        file_.extra.erase("memo");
    else
        file_.extra["memo"] = memo;
}

bool Workspace::setMemo(const std::string& memo) {
    if (!document_ || !memoEditable() || memo == this->memo()) return false;
    pushStep({.memo = true, .memoBefore = this->memo(), .memoAfter = memo});
    applyMemo(memo);
    return true;
}

//-----------------------------------------------------------------------------
// [SECTION] Undo history
//-----------------------------------------------------------------------------

void Workspace::pushStep(HistoryEntry entry) {
    undo_.push_back(std::move(entry));
    redo_.clear();
    ++revision_;
}

void Workspace::undo() {
    replay(undo_, redo_, false);
}

void Workspace::redo() {
    replay(redo_, undo_, true);
}

void Workspace::replay(std::vector<HistoryEntry>& from, std::vector<HistoryEntry>& to, bool forward) {
    if (from.empty()) return;
    HistoryEntry entry = std::move(from.back());
    from.pop_back();
    if (entry.annotations) forward ? set_.redo() : set_.undo();
    if (entry.codebook) codebook_ = forward ? entry.after : entry.before;
    if (entry.memo) applyMemo(forward ? entry.memoAfter : entry.memoBefore);
    to.push_back(std::move(entry));
    ++revision_;
}

//-----------------------------------------------------------------------------
// [SECTION] Saving
//-----------------------------------------------------------------------------

annotations::AnnotationFile Workspace::fileToSave() const {
    annotations::AnnotationFile file = file_;
    file.annotations = set_.all();
    if (document_) file.report = core::describeReport(*document_);
    // The file stands alone: the tags it uses (with their ancestors), the
    // ones it already carried and the ones made or edited here, as the
    // codebook has them now.
    std::vector<std::string> ids(editedTags_.begin(), editedTags_.end());
    for (const auto& a : file.annotations)
        for (const auto& tag : a.tags) ids.push_back(tag);
    if (file_.codebook)
        for (const auto& tag : file_.codebook->tags) ids.push_back(tag.id);
    std::sort(ids.begin(), ids.end());
    ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
    file.codebook = codebook_.subset(ids);
    return file;
}

void Workspace::save() {
    annotations::AnnotationFile file = fileToSave();
    std::error_code error;
    if (annotationsPath_.has_parent_path())
        std::filesystem::create_directories(annotationsPath_.parent_path(), error);
    const core::FileLock lock(annotationsPath_, kLockPatience);
    if (changedOnDisk())
        throw ChangedOnDisk(annotationsPath_.string() +
                            ": changed on disk since it was read here (another coder or program saved it); "
                            "not saved: reload it, merge it into yours, or keep yours to replace it");
    core::saveAnnotationFile(annotationsPath_, file);
    baseStamp_ = stampOf(annotationsPath_);
    stampedPath_ = annotationsPath_;
    base_ = file;
    file.annotations.clear(); // they live in set_
    file_ = std::move(file);
    savedRevision_ = revision_;
}

//-----------------------------------------------------------------------------
// [SECTION] Changes on disk
//-----------------------------------------------------------------------------

bool Workspace::changedOnDisk() const {
    return document_ && annotationsPath_ == stampedPath_ && stampOf(annotationsPath_) != baseStamp_;
}

std::vector<std::string> Workspace::reload(core::PluginHost* plugins) {
    if (!document_) return {};
    OpenRequest request;
    request.report = reportPath_;
    request.annotations = annotationsPath_;
    request.codebook = codebookPath_;
    request.openReport = document_;
    request.encoding = document_->encoding();
    request.anchorAnyway = true; // it was anchored here before
    OpenedWork work = readWork(request, plugins);
    std::vector<std::string> messages = std::move(work.messages);
    if (work.document) adopt(std::move(work));
    return messages;
}

void Workspace::keepMine() {
    baseStamp_ = stampOf(annotationsPath_);
    stampedPath_ = annotationsPath_;
}

std::vector<annotations::MergeConflict> Workspace::mergeFromDisk() {
    if (!document_) return {};
    const FileStamp stamp = stampOf(annotationsPath_);
    if (!stamp.exists)
        throw core::IoError(annotationsPath_.string() + ": no longer exists; keep yours to save it again");
    annotations::AnnotationFile theirs = core::loadAnnotationFile(annotationsPath_);
    // The merge takes clean files only (annotations/merge.hpp).
    if (!theirs.problems.empty())
        throw core::InputError(annotationsPath_.string() + ": " + theirs.problems.front().text() +
                               "; not merged");
    annotations::anchorAll(theirs.annotations, *document_, core::anchorOptions(theirs, *document_));
    annotations::MergeResult merged = annotations::mergeAnnotationFiles(base_, fileToSave(), theirs);

    HistoryEntry step{.annotations = true};
    std::set<std::string> keep;
    for (const annotations::Annotation& a : merged.file.annotations) keep.insert(a.id);
    std::vector<std::string> gone;
    for (const annotations::Annotation& a : set_.all())
        if (!keep.count(a.id)) gone.push_back(a.id);
    set_.beginStep();
    for (const std::string& id : gone) set_.remove(id);
    for (annotations::Annotation& a : merged.file.annotations) {
        const annotations::Annotation* current = set_.find(a.id);
        if (!current)
            set_.add(std::move(a));
        else if (!(*current == a))
            set_.replace(std::move(a));
    }
    set_.endStep();
    if (merged.file.codebook) {
        std::vector<std::string> added;
        for (const annotations::Tag& tag : merged.file.codebook->tags)
            if (!codebook_.find(tag.id)) added.push_back(tag.id);
        if (!added.empty()) {
            step.codebook = true;
            step.before = codebook_;
            codebook_.addMissingTags(*merged.file.codebook, added);
            step.after = codebook_;
            editedTags_.insert(added.begin(), added.end());
        }
    }
    merged.file.annotations.clear(); // they live in set_
    const std::string memoBefore = memo();
    file_ = std::move(merged.file);
    if (memo() != memoBefore) {
        step.memo = true;
        step.memoBefore = memoBefore;
        step.memoAfter = memo();
    }
    pushStep(std::move(step));
    base_ = std::move(theirs);
    baseStamp_ = stamp;
    stampedPath_ = annotationsPath_;
    return std::move(merged.conflicts);
}

} // namespace gloss::gui
