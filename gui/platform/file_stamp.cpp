// A file's identity for noticing changes on disk (file_stamp.hpp).

#include "file_stamp.hpp"

#include <sys/stat.h>

namespace gloss::gui {

namespace {

int64_t nanoseconds(const struct timespec& time) {
    return static_cast<int64_t>(time.tv_sec) * 1000000000 + time.tv_nsec;
}

} // namespace

FileStamp stampOf(const std::filesystem::path& path) {
    struct stat status {};
    if (::stat(path.c_str(), &status) != 0) return {};
    return {.exists = true,
            .device = static_cast<uint64_t>(status.st_dev),
            .inode = static_cast<uint64_t>(status.st_ino),
            .size = static_cast<uint64_t>(status.st_size),
            .modifiedNs = nanoseconds(status.st_mtim),
            .changedNs = nanoseconds(status.st_ctim)};
}

} // namespace gloss::gui
