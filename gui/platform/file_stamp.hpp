#pragma once

#include <cstdint>
#include <filesystem>

// What tells the editor that a file changed on disk since it read or saved
// it (another coder's save, `gloss-cli tag`, `git pull`): one stat(2), cheap
// enough to ask every few seconds. An atomic save makes a new inode; an edit in
// place changes the size or the modification time.
namespace gloss::gui {

struct FileStamp {
    bool exists = false;
    uint64_t device = 0, inode = 0, size = 0;
    int64_t modifiedNs = 0, changedNs = 0; // st_mtim and st_ctim, in nanoseconds

    bool operator==(const FileStamp&) const = default;
};

// The stamp of the file at `path` now (symbolic links followed); one that
// does not exist, or cannot be looked at, has exists == false.
FileStamp stampOf(const std::filesystem::path& path);

} // namespace gloss::gui
