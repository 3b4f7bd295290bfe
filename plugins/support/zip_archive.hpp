// Zip containers (.qdpx projects, DOCX reports): written and read entirely
// in memory with libzip. Nothing is ever extracted to disk, so no entry name can place
// a file anywhere; names are still checked so a hostile archive is refused
// with a message rather than half read.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace gloss::plugin_support {

struct ZipEntry {
    std::string name; // a relative path with '/' separators
    std::string bytes;
};

// A zip archive of `entries`, deflated, every entry dated `modified` (seconds
// since the epoch) so the same input gives the same bytes.
std::string writeZip(const std::vector<ZipEntry>& entries, int64_t modified);

// What a read archive may hold. Sizes are the uncompressed sizes the archive
// declares; the reader also stops at them, whatever the data says. Entry
// size and ratio are limits.hpp's (kZipEntryBytes, kZipRatio).
struct ZipLimits {
    size_t maxEntries = 10'000;
    uint64_t maxTotalBytes = 512ull << 20;
};

// A zip archive read from memory. The constructor checks every entry (name,
// type, encryption, declared and compressed sizes) before anything is
// decompressed, and throws gloss::plugin::Failure naming the entry and what
// is wrong with it.
class ZipReader {
  public:
    // `unreadable` starts the message for bytes libzip cannot open.
    explicit ZipReader(std::string_view bytes, ZipLimits limits = {},
                       const std::string& unreadable = "not a readable zip archive (damaged or truncated?)");
    ~ZipReader();
    ZipReader(const ZipReader&) = delete;
    ZipReader& operator=(const ZipReader&) = delete;

    // Whether a file entry named exactly `name` exists.
    bool contains(std::string_view name) const;
    // The file entries' names, sorted.
    std::vector<std::string> names() const;
    // The entry's bytes; throws when there is no such entry or it is damaged.
    std::string read(std::string_view name) const;

  private:
    struct Handle;
    std::unique_ptr<Handle> handle_;
    ZipLimits limits_;
    std::map<std::string, uint64_t, std::less<>> files_; // name -> index
};

} // namespace gloss::plugin_support
