#include "gloss/core/file_io.hpp"

#include "gloss/limits.hpp"

#include <cerrno>
#include <condition_variable>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <deque>
#include <exception>
#include <fcntl.h>
#include <mutex>
#include <sys/file.h>
#include <sys/stat.h>
#include <thread>
#include <unistd.h>
#include <utility>
#include <vector>

namespace gloss::core {

namespace {

[[noreturn]] void fail(const std::filesystem::path& path, const std::string& what, int error) {
    throw IoError(path.string() + ": " + what + ": " + std::strerror(error));
}

// Closes a descriptor when it goes out of scope, so every early throw is clean.
class FileDescriptor {
  public:
    explicit FileDescriptor(int fd) : fd_(fd) {}
    FileDescriptor(const FileDescriptor&) = delete;
    FileDescriptor& operator=(const FileDescriptor&) = delete;
    ~FileDescriptor() {
        if (fd_ >= 0) ::close(fd_);
    }
    int get() const { return fd_; }
    int release() { return std::exchange(fd_, -1); }

  private:
    int fd_;
};

void writeAll(int fd, std::string_view contents, const std::filesystem::path& path) {
    while (!contents.empty()) {
        const ssize_t written = ::write(fd, contents.data(), contents.size());
        if (written < 0) {
            if (errno == EINTR) continue;
            fail(path, "cannot write", errno);
        }
        contents.remove_prefix(static_cast<size_t>(written));
    }
}

// Writes pieces to a descriptor on a thread of its own, so that the kernel's
// copy of one piece into the page cache overlaps the making of the next: for
// a large annotation file that copy is a third of the save. At most
// kQueued pieces wait, so memory stays a few pieces whatever the file's size.
class BackgroundWriter {
  public:
    BackgroundWriter(int fd, const std::filesystem::path& path)
        : thread_([this, fd, path] { run(fd, path); }) {}
    BackgroundWriter(const BackgroundWriter&) = delete;
    BackgroundWriter& operator=(const BackgroundWriter&) = delete;
    ~BackgroundWriter() { stop(); }

    // Queues a copy of `piece`; throws the writing thread's error, if any.
    void write(std::string_view piece) {
        std::unique_lock lock(mutex_);
        changed_.wait(lock, [&] { return queue_.size() < kQueued || error_; });
        if (error_) std::rethrow_exception(error_);
        // A buffer the thread is done with, so that pieces reuse memory
        // rather than fault fresh pages in for each.
        std::string copy;
        if (!spare_.empty()) {
            copy = std::move(spare_.back());
            spare_.pop_back();
        }
        copy.assign(piece);
        queue_.push_back(std::move(copy));
        changed_.notify_all();
    }

    // Waits until every piece is written; throws the writing thread's error.
    void finish() {
        stop();
        if (error_) std::rethrow_exception(error_);
    }

  private:
    static constexpr size_t kQueued = 4;

    void run(int fd, const std::filesystem::path& path) {
        for (;;) {
            std::string piece;
            {
                std::unique_lock lock(mutex_);
                changed_.wait(lock, [&] { return !queue_.empty() || done_; });
                if (queue_.empty()) return;
                piece = std::move(queue_.front());
                queue_.pop_front();
                changed_.notify_all();
            }
            try {
                writeAll(fd, piece, path);
                // Start the disk write now, so that the fsync at the end
                // waits for the last pieces only. A hint: errors show at fsync.
                ::sync_file_range(fd, static_cast<off_t>(written_), static_cast<off_t>(piece.size()),
                                  SYNC_FILE_RANGE_WRITE);
                written_ += piece.size();
                const std::lock_guard lock(mutex_);
                spare_.push_back(std::move(piece));
            } catch (...) {
                const std::lock_guard lock(mutex_);
                error_ = std::current_exception();
                queue_.clear();
                changed_.notify_all();
                return;
            }
        }
    }

    void stop() {
        {
            const std::lock_guard lock(mutex_);
            done_ = true;
            changed_.notify_all();
        }
        if (thread_.joinable()) thread_.join();
    }

    std::mutex mutex_;
    std::condition_variable changed_;
    std::deque<std::string> queue_;
    std::vector<std::string> spare_; // written pieces, their memory kept for the next
    size_t written_ = 0;             // bytes written so far (the thread's own)
    bool done_ = false;
    std::exception_ptr error_;
    std::thread thread_; // last: it starts once the members it uses exist
};

// Where a save to `path` lands: the file its symbolic links lead to, so that
// the link stays a link and its target gets the new contents. A link to a
// missing file creates that file.
std::filesystem::path followSymlinks(std::filesystem::path path) {
    for (int hops = 0; hops < 40; ++hops) {
        struct stat info {};
        if (::lstat(path.c_str(), &info) != 0 || !S_ISLNK(info.st_mode)) return path;
        std::error_code error;
        const std::filesystem::path link = std::filesystem::read_symlink(path, error);
        if (error) fail(path, "cannot read the symbolic link", error.value());
        path = link.is_absolute() ? link : path.parent_path() / link;
    }
    fail(path, "cannot follow the symbolic links", ELOOP);
}

// A save replaces the file at the path by a new one (docs/formats.md,
// "Writing"). Where that would not do what the user asked, it is refused
// before anything is written: a device, pipe or folder is not replaced by a
// regular file, a read-only file stays unchanged, and a file with other hard
// links is not silently split from them.
void refuseToReplace(const std::filesystem::path& path, const std::filesystem::path& target,
                     const struct stat& existing) {
    if (!S_ISREG(existing.st_mode))
        throw IoError(path.string() + ": is not a regular file (a device, pipe, socket or folder); Gloss "
                                      "saves only to regular files");
    // The mode bits decide, not access(2): root may write to anything.
    if ((existing.st_mode & 0222) == 0 || ::access(target.c_str(), W_OK) != 0)
        throw IoError(path.string() + ": is read-only; make it writable or save under another name");
    if (existing.st_nlink > 1)
        throw IoError(path.string() + ": has " + std::to_string(existing.st_nlink) +
                      " hard links; saving replaces the file, which would leave the other names with "
                      "the old contents, so save under another name or break the links first");
}

// The new file gets the old one's owner and group, else the save is refused:
// a file shared in a group-writable folder must not become the saver's own.
void keepOwner(int fd, const std::filesystem::path& path, const struct stat& existing) {
    if (existing.st_uid == ::geteuid() && existing.st_gid == ::getegid()) return;
    const uid_t owner = existing.st_uid == ::geteuid() ? static_cast<uid_t>(-1) : existing.st_uid;
    if (::fchown(fd, owner, existing.st_gid) != 0) {
        const int error = errno;
        throw IoError(path.string() + ": belongs to user " + std::to_string(existing.st_uid) + " and group " +
                      std::to_string(existing.st_gid) +
                      "; saving would give it to you, so save under another name (" + std::strerror(error) +
                      ")");
    }
}

// Temporary files of a save to NAME are ".NAME.gloss-PID-XXXXXX", PID being
// the saving process's: built by appending, as GCC 12 at -O3 misreads
// `"." + string` as overlapping copies (-Wrestrict).
std::string temporaryPrefix(const std::string& name) {
    std::string prefix(1, '.');
    prefix += name;
    prefix += ".gloss-";
    return prefix;
}

// A save killed before its rename (kill -9, a power cut) leaves its
// temporary behind. The next save of the same file removes those whose
// process is gone and that no one holds locked (a process of another host or
// PID namespace that is still writing holds its lock).
void removeStaleTemporaries(const std::filesystem::path& folder, const std::string& name) {
    const std::string prefix = temporaryPrefix(name);
    std::error_code error;
    for (const auto& entry : std::filesystem::directory_iterator(folder, error)) {
        const std::string file = entry.path().filename().string();
        if (!file.starts_with(prefix)) continue;
        const std::string_view rest = std::string_view(file).substr(prefix.size());
        const size_t dash = rest.find('-');
        if (dash == 0 || dash == std::string_view::npos ||
            rest.substr(0, dash).find_first_not_of("0123456789") != std::string_view::npos)
            continue;
        const long pid = std::strtol(std::string(rest.substr(0, dash)).c_str(), nullptr, 10);
        if (pid <= 0 || ::kill(static_cast<pid_t>(pid), 0) == 0 || errno != ESRCH) continue;
        FileDescriptor stale(::open(entry.path().c_str(), O_RDONLY | O_NOFOLLOW | O_CLOEXEC));
        if (stale.get() >= 0 && ::flock(stale.get(), LOCK_EX | LOCK_NB) == 0) ::unlink(entry.path().c_str());
    }
}

// The process's umask, for a new file's mode. Linux shows it in
// /proc/self/status; reading it by umask(0) and back would, for that moment,
// let files other threads create be world-writable, and two saves on two
// threads doing it at once could leave the umask at 0 for good. Without
// /proc, that round trip is done under a lock.
mode_t processUmask() {
    std::FILE* status = std::fopen("/proc/self/status", "re");
    if (status) {
        char line[256];
        unsigned mask = 0;
        bool found = false;
        while (!found && std::fgets(line, sizeof line, status))
            found = std::sscanf(line, "Umask: %o", &mask) == 1;
        std::fclose(status);
        if (found) return static_cast<mode_t>(mask);
    }
    static std::mutex roundTrip;
    const std::lock_guard lock(roundTrip);
    const mode_t mask = ::umask(0);
    ::umask(mask);
    return mask;
}

// What a path that is not a regular file is, for the message.
const char* kindOf(mode_t mode) {
    if (S_ISDIR(mode)) return "a folder";
    if (S_ISFIFO(mode)) return "a pipe (FIFO)";
    if (S_ISCHR(mode)) return "a character device";
    if (S_ISBLK(mode)) return "a block device";
    if (S_ISSOCK(mode)) return "a socket";
    return "not a regular file";
}

} // namespace

std::string readFile(const std::filesystem::path& path) {
    // O_NONBLOCK: opening a FIFO for reading would otherwise wait for a
    // writer; the type is checked before anything is read.
    FileDescriptor fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY));
    if (fd.get() < 0) fail(path, "cannot open", errno);
    struct stat info {};
    if (::fstat(fd.get(), &info) != 0) fail(path, "cannot read", errno);
    if (!S_ISREG(info.st_mode))
        throw IoError(path.string() + ": is " + kindOf(info.st_mode) +
                      ", not a file; Gloss opens only regular files");
    const uint64_t maxBytes = limits::valueOf(limits::kFileBytes);
    if (static_cast<uint64_t>(info.st_size) > maxBytes)
        throw IoError(path.string() + ": " +
                      limits::exceeded(limits::kFileBytes, static_cast<uint64_t>(info.st_size)));

    std::string contents;
    contents.reserve(static_cast<size_t>(info.st_size));
    char buffer[1 << 16];
    for (;;) {
        const ssize_t got = ::read(fd.get(), buffer, sizeof buffer);
        if (got < 0) {
            if (errno == EINTR) continue;
            fail(path, "cannot read", errno);
        }
        if (got == 0) break;
        // A file that grows while it is read stops at the limit too.
        if (contents.size() + static_cast<size_t>(got) > maxBytes)
            throw IoError(path.string() + ": " + limits::exceeded(limits::kFileBytes));
        contents.append(buffer, static_cast<size_t>(got));
    }
    return contents;
}

namespace {

bool sameFile(const struct stat& a, const struct stat& b) {
    return a.st_dev == b.st_dev && a.st_ino == b.st_ino;
}

// The folder, or its nearest ancestor that exists: a command may make the
// file's folder as well as the file.
int openNearestFolder(std::filesystem::path folder) {
    for (;;) {
        const int fd = ::open(folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
        if (fd >= 0 || errno != ENOENT || !folder.has_relative_path() || folder == ".") return fd;
        folder = folder.has_parent_path() ? folder.parent_path() : ".";
    }
}

// Waits for the lock on `fd`, until `until` when given (polling, since
// flock has no timeout).
void lockWaiting(int fd, const std::filesystem::path& path,
                 std::optional<std::chrono::steady_clock::time_point> until) {
    for (;;) {
        if (::flock(fd, until ? LOCK_EX | LOCK_NB : LOCK_EX) == 0) return;
        if (errno == EINTR) continue;
        if (errno != EWOULDBLOCK) fail(path, "cannot lock", errno);
        if (std::chrono::steady_clock::now() >= *until)
            throw IoError(path.string() +
                          ": is locked by another program updating it (a gloss-cli command?); try again "
                          "once it is done");
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
}

} // namespace

FileLock::FileLock(const std::filesystem::path& path) {
    lock(path, std::nullopt);
}

FileLock::FileLock(const std::filesystem::path& path, std::chrono::milliseconds patience) {
    lock(path, std::chrono::steady_clock::now() + patience);
}

void FileLock::lock(const std::filesystem::path& path,
                    std::optional<std::chrono::steady_clock::time_point> until) {
    const std::filesystem::path folder = path.has_parent_path() ? path.parent_path() : ".";
    for (;;) {
        FileDescriptor fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK));
        struct stat held {};
        struct stat now {};
        if (fd.get() >= 0) {
            lockWaiting(fd.get(), path, until);
            if (::fstat(fd.get(), &held) == 0 && ::stat(path.c_str(), &now) == 0 && sameFile(held, now)) {
                fd_ = fd.release();
                return;
            }
            continue; // replaced while we waited: lock the new file
        }
        if (errno != ENOENT) fail(path, "cannot open to lock", errno);
        FileDescriptor directory(openNearestFolder(folder));
        if (directory.get() < 0) fail(path, "cannot open its folder to lock", errno);
        lockWaiting(directory.get(), path, until);
        if (::stat(path.c_str(), &now) != 0 && errno == ENOENT) {
            fd_ = directory.release();
            return;
        }
    }
}

FileLock::~FileLock() {
    if (fd_ >= 0) ::close(fd_);
}

void writeNewFile(const std::filesystem::path& path, std::string_view contents) {
    FileDescriptor fd(::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600));
    if (fd.get() < 0) fail(path, "cannot create", errno);
    writeAll(fd.get(), contents, path);
    if (::close(fd.release()) != 0) fail(path, "cannot close", errno);
}

void writeFileAtomically(const std::filesystem::path& path, std::string_view contents) {
    writeFileAtomically(path, [&](const PieceWriter& write) { write(contents); });
}

void writeFileAtomically(const std::filesystem::path& path,
                         const std::function<void(const PieceWriter&)>& produce) {
    const std::filesystem::path target = followSymlinks(path);
    const std::filesystem::path folder = target.has_parent_path() ? target.parent_path() : ".";
    const std::string name = target.filename().string();
    removeStaleTemporaries(folder, name);

    struct stat existing {};
    const bool replacing = ::lstat(target.c_str(), &existing) == 0;
    if (replacing) refuseToReplace(path, target, existing);

    std::string temporary = (folder / temporaryPrefix(name)).string();
    temporary += std::to_string(::getpid());
    temporary += "-XXXXXX";
    FileDescriptor fd(::mkstemp(temporary.data()));
    if (fd.get() < 0) fail(path, "cannot create a temporary file in " + folder.string(), errno);

    try {
        // Held until the descriptor closes, by a process that is alive: what
        // tells removeStaleTemporaries that this file is still being written.
        ::flock(fd.get(), LOCK_EX | LOCK_NB);
        if (replacing) keepOwner(fd.get(), path, existing);
        const mode_t mode =
            replacing ? (existing.st_mode & 07777) : static_cast<mode_t>(0666 & ~processUmask());
        if (::fchmod(fd.get(), mode) != 0) fail(path, "cannot set permissions", errno);
        {
            BackgroundWriter writer(fd.get(), path);
            produce([&](std::string_view piece) { writer.write(piece); });
            writer.finish();
        }
        if (::fsync(fd.get()) != 0) fail(path, "cannot flush to disk", errno);
        if (::close(fd.release()) != 0) fail(path, "cannot close", errno);
        if (::rename(temporary.c_str(), target.c_str()) != 0) fail(path, "cannot replace", errno);
    } catch (...) {
        ::unlink(temporary.c_str());
        throw;
    }

    // The rename is durable only once the folder's entry is on disk.
    FileDescriptor directory(::open(folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
    if (directory.get() >= 0) ::fsync(directory.get());
}

} // namespace gloss::core
