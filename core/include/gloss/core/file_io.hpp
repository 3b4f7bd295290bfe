#pragma once

#include <chrono>
#include <filesystem>
#include <functional>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

namespace gloss::core {

// A file could not be read or written. what() is one line: "PATH: reason".
class IoError : public std::runtime_error {
  public:
    using std::runtime_error::runtime_error;
};

// A file's content is not what it should be. what() is one line naming the
// file and the place: "PATH: annotations[3].end: 12 is not after start (15)".
class InputError : public std::runtime_error {
  public:
    using std::runtime_error::runtime_error;
};

// The whole file, opened read-only. Anything but a regular file (a folder,
// a FIFO, a device such as /dev/zero), a file over limits::kFileBytes and
// unreadable paths are IoErrors; a FIFO is refused without waiting for it.
std::string readFile(const std::filesystem::path& path);

// Creates `path`, which must not exist yet, readable by its owner alone, with
// `contents`; not flushed to disk. For scratch files in a private folder that
// are gone before the process is (plugin copies), where an atomic save's
// fsyncs would be time lost.
void writeNewFile(const std::filesystem::path& path, std::string_view contents);

// Replaces `path` with `contents` so that readers only ever see the old file
// or the new one: a temporary file in the same folder, fsync, rename over the
// target, fsync the folder. On any failure the temporary is removed and the
// old file is left untouched. A symbolic link is followed: its target gets the
// contents. An existing file's permissions, owner and group are kept; a
// non-regular, read-only or hard-linked file is refused, as is one whose
// owner cannot be kept (docs/formats.md, "Writing").
void writeFileAtomically(const std::filesystem::path& path, std::string_view contents);

// The same for contents made in pieces: `produce` hands each piece to the
// function it is given, in order, so that large contents are never whole in
// memory. An exception from `produce` leaves the old file untouched too.
using PieceWriter = std::function<void(std::string_view)>;
void writeFileAtomically(const std::filesystem::path& path,
                         const std::function<void(const PieceWriter&)>& produce);

// An advisory lock (flock) for reading, changing and saving one file, so that
// two processes updating it in turn do not lose each other's change. The lock
// is on the file's inode; as a save replaces that inode, a process that gets
// the lock on the old one after a save tries again on the new one. While the
// file does not exist the lock is on its folder. Held until destroyed; other
// programs that do not take it are not held back.
class FileLock {
  public:
    explicit FileLock(const std::filesystem::path& path);
    // The same, waiting at most `patience` for a process that holds it: then
    // an IoError "PATH: is locked by another program updating it ...", for a
    // caller that must not hang (the editor's save).
    FileLock(const std::filesystem::path& path, std::chrono::milliseconds patience);
    FileLock(const FileLock&) = delete;
    FileLock& operator=(const FileLock&) = delete;
    ~FileLock();

  private:
    void lock(const std::filesystem::path& path, std::optional<std::chrono::steady_clock::time_point> until);
    int fd_ = -1;
};

} // namespace gloss::core
