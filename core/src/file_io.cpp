#include "gloss/core/file_io.hpp"

#include "gloss/core/limits.hpp"

#include <cerrno>
#include <condition_variable>
#include <cstring>
#include <deque>
#include <exception>
#include <fcntl.h>
#include <mutex>
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

void writeFileAtomically(const std::filesystem::path& path, std::string_view contents) {
    writeFileAtomically(path, [&](const PieceWriter& write) { write(contents); });
}

void writeFileAtomically(const std::filesystem::path& path,
                         const std::function<void(const PieceWriter&)>& produce) {
    const std::filesystem::path folder = path.has_parent_path() ? path.parent_path() : ".";
    // Built by appending: GCC 12 at -O3 misreads `"." + string` as overlapping copies (-Wrestrict).
    std::string hiddenName(1, '.');
    hiddenName += path.filename().string();
    hiddenName += ".XXXXXX";
    std::string temporary = (folder / hiddenName).string();
    FileDescriptor fd(::mkstemp(temporary.data()));
    if (fd.get() < 0) fail(path, "cannot create a temporary file in " + folder.string(), errno);

    try {
        struct stat existing {};
        const mode_t mode = ::stat(path.c_str(), &existing) == 0 ? (existing.st_mode & 07777) : [] {
            const mode_t mask = ::umask(0);
            ::umask(mask);
            return static_cast<mode_t>(0666 & ~mask);
        }();
        if (::fchmod(fd.get(), mode) != 0) fail(path, "cannot set permissions", errno);
        {
            BackgroundWriter writer(fd.get(), path);
            produce([&](std::string_view piece) { writer.write(piece); });
            writer.finish();
        }
        if (::fsync(fd.get()) != 0) fail(path, "cannot flush to disk", errno);
        if (::close(fd.release()) != 0) fail(path, "cannot close", errno);
        if (::rename(temporary.c_str(), path.c_str()) != 0) fail(path, "cannot replace", errno);
    } catch (...) {
        ::unlink(temporary.c_str());
        throw;
    }

    // The rename is durable only once the folder's entry is on disk.
    FileDescriptor directory(::open(folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
    if (directory.get() >= 0) ::fsync(directory.get());
}

} // namespace gloss::core
