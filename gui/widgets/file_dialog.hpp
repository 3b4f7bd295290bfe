#pragma once

#include <cstdint>
#include <filesystem>
#include <imgui.h>
#include <optional>
#include <string>
#include <vector>

// Our own file dialog: a modal popup listing one folder, for opening and
// saving. The listing is plain functions (no ImGui) so tests can check them.
namespace gloss::gui {

// One entry of the filter combo. `extensions` are matched against the end of
// the name, case-insensitively ({".txt", ".gloss.json"}); empty: all files.
struct FileFilter {
    std::string label; // "Reports (*.txt, *.pdf, *.docx, *.html)"
    std::vector<std::string> extensions;
};

struct FileEntry {
    std::string name;
    bool folder = false;
    uintmax_t size = 0; // bytes; 0 for folders and unreadable files
    std::filesystem::file_time_type modified{};
};

struct FolderListing {
    std::vector<FileEntry> entries; // folders first, then files, by name ignoring case
    std::string error;              // not empty: "PATH: reason", and no entries
};

bool matchesFilter(const std::string& name, const FileFilter& filter);

// The folder's entries. Files are kept when they match `filter`; folders
// always are. Names starting with '.' are left out unless `showHidden`.
// Symbolic links count as what they point to. Never throws.
FolderListing listFolder(const std::filesystem::path& folder, const FileFilter& filter, bool showHidden);

// "~" and "~/x" become the home folder; a relative path is taken from `folder`.
std::filesystem::path resolveTypedPath(const std::filesystem::path& folder, const std::string& typed);

// Tab in the path field: `typed` completed to the longest name start the
// listed entries that begin with it (ignoring case) share, and a single
// folder with its '/'. Unchanged when nothing matches or it holds a '/'.
std::string completeTyped(const FolderListing& listing, const std::string& typed);

// The entries whose names start with `typed`, ignoring case, as Tab
// completes them; all of them when `typed` is empty or holds a '/'.
FolderListing narrowListing(const FolderListing& listing, const std::string& typed);

// "512 B", "1.5 KiB", "20.0 MiB".
std::string formatSize(uintmax_t bytes);
// "2026-11-26 14:05" in local time.
std::string formatTime(std::filesystem::file_time_type time);

enum class FileDialogMode { Open, Save };

// Everything the dialog keeps between frames. Set up with openFileDialog; when
// FileDialog returns true the chosen file is `chosen`.
struct FileDialogState {
    FileDialogMode mode = FileDialogMode::Open;
    std::string title;
    std::filesystem::path folder; // the folder listed, absolute
    std::vector<FileFilter> filters;
    int filter = 0; // index into filters
    bool showHidden = false;
    std::string typed;               // the path field
    std::string narrowedBy;          // what the user last typed there: the list shows the names it starts
    std::string message;             // shown in the dialog: an unreadable folder, a missing file
    std::filesystem::path overwrite; // not empty: asking whether to replace this file
    std::filesystem::path chosen;
    int selected = -1; // index into listing.entries

    // Internal.
    bool openRequested = false;
    bool focusPath = false;
    bool replaceTyped = false;     // the path field shows `typed` anew (it keeps its own text while active)
    bool scrollToSelected = false; // the list brings the selected row into view
    bool stale = true;             // list the folder again next frame
    std::optional<std::string> fromList; // the name the list last put in the path field (arrows, a click)
    FolderListing wholeListing;          // the folder as listed
    FolderListing listing;               // wholeListing narrowed by `narrowedBy`: what the table shows
    // Filled each frame, for tests: the screen position of each entry's row,
    // (-1, -1) for rows scrolled out of view.
    std::vector<ImVec2> rowPositions;
};

// Opens the dialog on the next FileDialog call. A `startFolder` that is empty
// or not a folder falls back to its nearest existing parent, then the home
// folder; in save mode a file path there also fills in the name. With no
// `filters`, all files are shown. The hidden-files choice is kept.
void openFileDialog(FileDialogState& state, FileDialogMode mode, std::string title,
                    const std::filesystem::path& startFolder, std::vector<FileFilter> filters);

// Draws the dialog while it is open. Returns true once, on the frame the user
// accepts a file (Enter in the path field, the Open/Save button or a double
// click); Escape or Cancel closes it and returns false. In save mode an
// existing file is replaced only after a second confirmation (Enter or the
// Replace button); in open mode the file must exist.
bool FileDialog(const char* id, FileDialogState& state);

} // namespace gloss::gui
