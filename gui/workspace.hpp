#pragma once

#include "gloss/annotations/annotation_file.hpp"
#include "gloss/annotations/annotation_set.hpp"
#include "gloss/annotations/codebook.hpp"
#include "gloss/annotations/merge.hpp"
#include "gloss/core/document.hpp"
#include "gloss/core/plugin_host.hpp"
#include "gloss/core/tag_selection.hpp"
#include "opening.hpp"
#include "platform/file_stamp.hpp"

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

namespace gloss::gui {

// A save refused because the annotation file changed on disk since it was
// read or saved here, and the user has not chosen to replace it.
class ChangedOnDisk : public std::runtime_error {
  public:
    using std::runtime_error::runtime_error;
};

// The open report and the work on it: its annotations, the codebook, the
// report's memo and one undo history over all three; where they are read from
// and saved to. Every change goes through an action here, is one undo step and
// moves revision(), which the panels compare to know when to look again.
// No ImGui and no window: the editor's actions are tested through this class
// alone (tests/gui/workspace_test.cpp). See docs/architecture.md.
class Workspace {
  public:
    // Takes over what a worker read; the history starts empty and the work
    // counts as saved.
    void adopt(OpenedWork work);
    // With no report open: the codebook a project shares, until a report opens.
    void useCodebook(annotations::Codebook codebook, const std::filesystem::path& path);
    // Replaces the annotations with a recovery journal's (anchored to the
    // report), adding the tags it carries; unsaved, with an empty history.
    void restore(annotations::AnnotationFile file);

    const core::Document* document() const { return document_.get(); }
    const std::shared_ptr<const core::Document>& sharedDocument() const { return document_; }
    const annotations::Codebook& codebook() const { return codebook_; }
    const annotations::AnnotationSet& annotations() const { return set_; }
    const annotations::AnnotationFile& file() const {
        return file_;
    } // as read or last saved, without annotations
    const std::filesystem::path& reportPath() const { return reportPath_; }
    const std::filesystem::path& annotationsPath() const { return annotationsPath_; }
    const std::filesystem::path& codebookPath() const { return codebookPath_; }
    // Tags created or edited here: saved with the file even when unused.
    const std::set<std::string>& editedTags() const { return editedTags_; }

    // Counts every change, undo and redo included.
    uint64_t revision() const { return revision_; }
    bool dirty() const { return revision_ != savedRevision_; }
    // What is there now replaces nothing the user wants to keep (they chose
    // not to save it).
    void markSaved() { savedRevision_ = revision_; }

    // Who new annotations and edits are by.
    void setCoder(std::string coder) { coder_ = std::move(coder); }
    const std::string& coder() const { return coder_; }

    // Codings. Each is one undo step and false when it changed nothing.
    // Applies `tagId` to [start, end) (code points) through the tagger plugin
    // `taggerId` of `host`; throws core::PluginError when that fails.
    core::TagOutcome tagRange(core::PluginHost& host, const std::string& taggerId, uint64_t start,
                              uint64_t end, const std::string& tagId);
    bool addTag(const std::string& annotationId, const std::string& tagId);
    // Takes one code off an annotation, keeping its other codes and its note;
    // without codes, a passage with a note stays as a note, else it goes.
    bool removeTag(const std::string& annotationId, const std::string& tagId);
    bool deleteAnnotation(const std::string& id);
    bool setNote(const std::string& id, const std::string& note);
    // Puts an edited annotation in place of the one with its id, stamped as
    // edited by the coder; one left without codes or note is removed instead.
    bool replaceAnnotation(annotations::Annotation changed);
    // Any other change to the annotations (a colleague's accepted, a conflict
    // resolved, search hits coded) as one undo step: `change` edits the set
    // and says whether it changed anything.
    bool changeAnnotations(const std::function<bool(annotations::AnnotationSet&)>& change);

    // The codebook. Each is one undo step.
    std::string createTag(const std::string& label); // a new tag with a free colour; returns its id
    bool renameTag(const std::string& tagId, const std::string& label);
    bool recolorTag(const std::string& tagId, const std::string& color);
    bool setTagDescription(const std::string& tagId, const std::string& description);
    bool setTagKey(const std::string& tagId, const std::string& key); // "1".."9" or ""
    // The code system, codings and codebook together.
    bool reparentTag(const std::string& tagId, const std::string& parent); // "" for the top level
    bool mergeTag(const std::string& fromId, const std::string& intoId);   // codings move, then it goes
    bool deleteTag(const std::string& tagId); // its codings lose it; sub-codes move up
    // Tags of another codebook (a colleague's) that this one lacks, without
    // an undo step: they only name codes the annotations already use.
    void addMissingTags(const annotations::Codebook& other, const std::vector<std::string>& ids);

    // The memo about the whole report, kept in the annotation file's top-level
    // "memo" (docs/formats.md §3.1). A memo that is not text cannot be edited
    // here and is saved as it was read.
    std::string memo() const;
    bool memoEditable() const;
    bool setMemo(const std::string& memo); // an empty memo drops the field

    void undo();
    void redo();
    bool canUndo() const { return !undo_.empty(); }
    bool canRedo() const { return !redo_.empty(); }

    // The annotation file as it would be saved now: the annotations, the
    // report's description and the codebook's tags it uses or made here.
    annotations::AnnotationFile fileToSave() const;
    // Writes fileToSave() atomically to annotationsPath(); throws on failure,
    // leaving the work unsaved. It holds the file's lock (core::FileLock, the
    // one gloss-cli takes to change a file) while it checks and writes, so a
    // save and a command never interleave; a lock held longer than
    // kLockPatience is a core::IoError. A file that changed on disk since it
    // was read or saved here is not replaced: ChangedOnDisk, until the user
    // reloads, merges or keeps this work (below).
    void save();
    static constexpr std::chrono::milliseconds kLockPatience{2000};
    void setAnnotationsPath(const std::filesystem::path& path) { annotationsPath_ = path; }

    // The annotation file changed on disk (a colleague's save, gloss-cli, git)
    // since it was read or saved here: one stat(2), cheap to ask often.
    bool changedOnDisk() const;
    // Reads the annotation file again onto the open report, replacing this
    // work and its history (the report is not read again); returns what the
    // window should say about the file, as readWork does.
    std::vector<std::string> reload(core::PluginHost* plugins);
    // Merges the file as it is on disk into this work, as one undo step: the
    // 3-way merge of gloss-cli merge (annotations/merge.hpp), with the file as
    // read or last saved here as the base, this work as ours and the file now
    // as theirs. The codebook gains the tags theirs added. Returns the
    // conflicts, which stay in their annotations to resolve; the work is
    // unsaved, and saving it replaces the file merged. Throws when the file
    // is gone or cannot be read cleanly, changing nothing.
    std::vector<annotations::MergeConflict> mergeFromDisk();
    // The user keeps this work: the next save replaces the file as it is now.
    void keepMine();

  private:
    // One step of the undo history: an AnnotationSet step (undone by the set
    // itself), a codebook change, or both at once (a code merged or deleted
    // with its codings); or the report's memo.
    struct HistoryEntry {
        bool annotations = false;
        bool codebook = false;
        annotations::Codebook before{}, after{};
        bool memo = false;
        std::string memoBefore{}, memoAfter{};
    };

    void pushStep(HistoryEntry entry);
    // Takes the newest step of `from` back (undo) or does it again (`forward`:
    // redo), and moves it onto `to`.
    void replay(std::vector<HistoryEntry>& from, std::vector<HistoryEntry>& to, bool forward);
    void changeCodebook(const annotations::Codebook& after);
    // Every annotation's codes through `recode` (which edits the list), and
    // the codebook to `after`, as one undo step.
    void recodeAll(const std::function<void(std::vector<std::string>&)>& recode,
                   const annotations::Codebook& after);
    // A codebook edit of one tag through `edit`; false when it changed nothing.
    bool editTag(const std::string& tagId, const std::function<bool(annotations::Codebook&)>& edit);
    // Stamps an edit: the time and, on someone else's annotation, who changed it.
    void markEdited(annotations::Annotation& a) const;
    void applyMemo(const std::string& memo); // no undo step

    std::shared_ptr<const core::Document> document_;
    annotations::Codebook codebook_;
    annotations::AnnotationFile file_; // its annotations live in set_
    annotations::AnnotationSet set_;
    std::filesystem::path reportPath_, annotationsPath_, codebookPath_;
    std::string coder_;
    std::vector<HistoryEntry> undo_, redo_;
    std::set<std::string> editedTags_;
    uint64_t revision_ = 0, savedRevision_ = 0;
    // The annotation file as read or last saved here (with its annotations):
    // the base of a merge with what is on disk, and the stamp it had then.
    annotations::AnnotationFile base_;
    FileStamp baseStamp_;
    std::filesystem::path stampedPath_; // where baseStamp_ is from; Save As elsewhere does not check it
};

} // namespace gloss::gui
