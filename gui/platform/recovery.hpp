#pragma once

#include "gloss/annotations/annotation_file.hpp"

#include <filesystem>
#include <optional>
#include <string>

// The recovery journal (docs/architecture.md, "Data flow"): between saves the editor writes the whole
// annotation file to a journal outside the user's folders, so that a crash
// loses nothing. One journal per annotations path, at
// $XDG_STATE_HOME/gloss/recovery/<first 16 hex digits of the SHA-256 of the
// absolute annotations path>.json (~/.local/state/gloss/recovery).
//
// The journal is a JSON object: {"format": "gloss.recovery", "version": 1,
// "annotations_path", "report_path", "file"}, where "file" is the annotation
// file's text exactly as core::saveAnnotationFile would write it (a string,
// so it comes back byte for byte and its own nesting limits apply).
namespace gloss::gui {

struct JournalInfo {
    std::filesystem::path journal;
    std::filesystem::file_time_type modified;
    // From the journal; zero and empty when it cannot be read.
    size_t annotationCount = 0;
    std::filesystem::path annotationsPath;
    std::filesystem::path reportPath;
    // Not empty when the journal cannot be read: one line naming it and what
    // is wrong. Such a journal is kept, for the user to look at.
    std::string error;
};

struct Journal {
    std::filesystem::path annotationsPath; // absolute
    std::filesystem::path reportPath;      // absolute
    annotations::AnnotationFile file;
};

// $XDG_STATE_HOME/gloss/recovery.
std::filesystem::path recoveryFolder();
// Where the journal of `annotationsPath` lives (whether or not it exists).
std::filesystem::path journalPath(const std::filesystem::path& annotationsPath);

// The journal's bytes. Throws core::IoError when a path cannot be kept (not UTF-8).
std::string journalText(const std::filesystem::path& annotationsPath, const std::filesystem::path& reportPath,
                        const annotations::AnnotationFile& file);

// Replaces the journal atomically, creating the folder. Throws core::IoError.
void writeJournal(const std::filesystem::path& annotationsPath, const std::filesystem::path& reportPath,
                  const annotations::AnnotationFile& file);

// The journal a crash writes: the UI thread keeps it ready after each change
// (journalText, on the UI thread alone), and the fatal-signal handler writes
// it with writeCrashJournal, which only calls open, write, fsync, close and
// rename on what was prepared: no allocation, no lock. Edits made after the
// last idle-time journal are then not lost in a crash.
void prepareCrashJournal(const std::filesystem::path& annotationsPath, std::string text);
// Nothing unsaved: a crash writes no journal.
void clearCrashJournal();
// Inside the signal handler: writes the prepared journal to a temporary
// beside it and renames it over the journal, so a second fault while writing
// leaves the previous journal whole.
void writeCrashJournal();

// The journal worth offering: one that is newer than the annotations file, or
// any when that file does not exist. nullopt when there is none or it is
// older (the file was saved after it). A journal that cannot be read is
// returned with `error` set rather than hidden.
std::optional<JournalInfo> findJournal(const std::filesystem::path& annotationsPath);

// The journal's content. Throws core::InputError ("JOURNAL: FIELD: reason")
// or core::IoError; the journal is never changed.
Journal loadJournal(const std::filesystem::path& annotationsPath);

// Removes the journal, after a save or when the user declines it; no journal
// is fine. Throws core::IoError when it exists and cannot be removed.
void discardJournal(const std::filesystem::path& annotationsPath);

} // namespace gloss::gui
