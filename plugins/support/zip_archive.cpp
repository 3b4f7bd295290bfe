#include "zip_archive.hpp"

#include <algorithm>
#include <gloss/limits.hpp>
#include <gloss/plugin.hpp>
#include <sys/stat.h>
#include <zip.h>

namespace gloss::plugin_support {

using gloss::plugin::Failure;
namespace limits = gloss::limits;

namespace {

// libzip's error as text; frees it.
std::string describe(zip_error_t& error) {
    std::string text = zip_error_strerror(&error);
    zip_error_fini(&error);
    return text;
}

std::string quoted(std::string_view name) {
    std::string out = "\"";
    for (const char c : name.substr(0, 200)) {
        if (static_cast<unsigned char>(c) < 0x20) {
            out += '?';
        } else {
            out += c;
        }
    }
    return out + (name.size() > 200 ? "…\"" : "\"");
}

[[noreturn]] void refuse(std::string_view name, const std::string& why) {
    throw Failure("zip entry " + quoted(name) + ": " + why);
}

// Why a stored name may not be used, or empty when it may. Entries are never
// written to disk, but a name that would escape a folder marks the archive
// as crafted, and such an archive is refused as a whole.
std::string unsafeName(std::string_view name) {
    if (name.empty()) return "an empty name";
    if (name.front() == '/') return "an absolute path";
    if (name.find('\\') != std::string_view::npos) return "a backslash in the name (a Windows path)";
    if (name.size() >= 2 && name[1] == ':') return "a drive letter (an absolute Windows path)";
    size_t start = 0;
    while (start <= name.size()) {
        const size_t slash = std::min(name.find('/', start), name.size());
        if (name.substr(start, slash - start) == "..")
            return "a \"..\" component (a path outside the archive)";
        start = slash + 1;
    }
    return {};
}

struct ArchiveCloser {
    void operator()(zip_t* archive) const { zip_discard(archive); }
};
using Archive = std::unique_ptr<zip_t, ArchiveCloser>;

struct SourceFreer {
    void operator()(zip_source_t* source) const { zip_source_free(source); }
};
using Source = std::unique_ptr<zip_source_t, SourceFreer>;

struct FileCloser {
    void operator()(zip_file_t* file) const { zip_fclose(file); }
};

// Opens `source` as an archive; the archive then owns the source.
Archive openArchive(Source& source, int flags, const char* what) {
    zip_error_t error;
    zip_error_init(&error);
    zip_t* archive = zip_open_from_source(source.get(), flags, &error);
    if (!archive) throw Failure(std::string(what) + describe(error));
    zip_error_fini(&error);
    source.release();
    return Archive(archive);
}

} // namespace

std::string writeZip(const std::vector<ZipEntry>& entries, int64_t modified) {
    zip_error_t error;
    zip_error_init(&error);
    Source buffer(zip_source_buffer_create(nullptr, 0, 0, &error));
    if (!buffer) throw Failure("cannot make a zip archive: " + describe(error));
    zip_error_fini(&error);
    // The buffer outlives the archive: its bytes are the result.
    zip_source_keep(buffer.get());
    Source owned(buffer.get());
    Archive archive = openArchive(owned, ZIP_TRUNCATE, "cannot make a zip archive: ");
    for (const ZipEntry& entry : entries) {
        // libzip reads the data at close time; `entries` is alive until then.
        zip_source_t* data = zip_source_buffer(archive.get(), entry.bytes.data(), entry.bytes.size(), 0);
        const zip_int64_t index =
            data ? zip_file_add(archive.get(), entry.name.c_str(), data, ZIP_FL_ENC_UTF_8) : -1;
        if (index < 0) {
            if (data) zip_source_free(data);
            throw Failure("cannot add " + entry.name + " to the zip archive: " + zip_strerror(archive.get()));
        }
        const auto at = static_cast<zip_uint64_t>(index);
        if (zip_set_file_compression(archive.get(), at, ZIP_CM_DEFLATE, 9) != 0 ||
            zip_file_set_mtime(archive.get(), at, static_cast<time_t>(modified), 0) != 0)
            throw Failure("cannot add " + entry.name + " to the zip archive: " + zip_strerror(archive.get()));
    }
    if (zip_close(archive.get()) != 0)
        throw Failure(std::string("cannot write the zip archive: ") + zip_strerror(archive.get()));
    archive.release(); // zip_close freed it

    zip_stat_t stat;
    zip_stat_init(&stat);
    if (zip_source_stat(buffer.get(), &stat) != 0 || !(stat.valid & ZIP_STAT_SIZE) ||
        zip_source_open(buffer.get()) != 0)
        throw Failure("cannot read back the zip archive");
    std::string bytes(static_cast<size_t>(stat.size), '\0');
    const zip_int64_t read = zip_source_read(buffer.get(), bytes.data(), stat.size);
    zip_source_close(buffer.get());
    if (read < 0 || static_cast<zip_uint64_t>(read) != stat.size)
        throw Failure("cannot read back the zip archive");
    return bytes;
}

struct ZipReader::Handle {
    Archive archive;
};

ZipReader::ZipReader(std::string_view bytes, ZipLimits limits, const std::string& unreadable)
    : limits_(limits) {
    zip_error_t error;
    zip_error_init(&error);
    Source source(zip_source_buffer_create(bytes.data(), bytes.size(), 0, &error));
    if (!source) throw Failure("cannot read the zip archive: " + describe(error));
    zip_error_fini(&error);
    handle_ = std::make_unique<Handle>(
        Handle{openArchive(source, ZIP_RDONLY | ZIP_CHECKCONS, (unreadable + ": ").c_str())});
    zip_t* archive = handle_->archive.get();

    const zip_int64_t count = zip_get_num_entries(archive, 0);
    if (count < 0 || static_cast<uint64_t>(count) > limits_.maxEntries)
        throw Failure("the zip archive has " + std::to_string(count) + " entries, more than the limit of " +
                      std::to_string(limits_.maxEntries));
    uint64_t total = 0;
    for (zip_uint64_t i = 0; i < static_cast<zip_uint64_t>(count); ++i) {
        zip_stat_t stat;
        zip_stat_init(&stat);
        if (zip_stat_index(archive, i, ZIP_FL_ENC_GUESS, &stat) != 0 || !(stat.valid & ZIP_STAT_NAME))
            throw Failure("zip entry " + std::to_string(i) + ": unreadable (" + zip_strerror(archive) + ")");
        const std::string name = stat.name;
        if (const std::string why = unsafeName(name); !why.empty()) refuse(name, why + " is refused");

        zip_uint8_t system = 0;
        zip_uint32_t attributes = 0;
        if (zip_file_get_external_attributes(archive, i, 0, &system, &attributes) == 0 &&
            system == ZIP_OPSYS_UNIX && S_ISLNK(static_cast<mode_t>(attributes >> 16)))
            refuse(name, "a symbolic link is refused");
        if ((stat.valid & ZIP_STAT_ENCRYPTION_METHOD) && stat.encryption_method != ZIP_EM_NONE)
            refuse(name, "encrypted entries are not supported");
        if (!(stat.valid & ZIP_STAT_SIZE) || !(stat.valid & ZIP_STAT_COMP_SIZE))
            refuse(name, "the archive does not state its size");
        if (stat.size > limits::valueOf(limits::kZipEntryBytes))
            refuse(name, limits::exceeded(limits::kZipEntryBytes, stat.size));
        // Deflate's best is about 1:1030; text reaches 1:10 or so. A large
        // entry expanding more than the ratio limit is a zip bomb.
        const uint64_t ratio = stat.size / std::max<zip_uint64_t>(stat.comp_size, 1);
        if (stat.size > limits::kZipRatioFloorBytes && ratio > limits::valueOf(limits::kZipRatio))
            refuse(name, "expands " + std::to_string(stat.comp_size) + " compressed bytes to " +
                             std::to_string(stat.size) + ": " + limits::exceeded(limits::kZipRatio, ratio));
        total += stat.size;
        if (total > limits_.maxTotalBytes)
            throw Failure("the zip archive declares more than " + std::to_string(limits_.maxTotalBytes) +
                          " bytes uncompressed in all, the limit");
        if (name.back() == '/') continue; // a folder
        if (!files_.emplace(name, i).second) refuse(name, "appears twice in the archive");
    }
}

ZipReader::~ZipReader() = default;

bool ZipReader::contains(std::string_view name) const {
    return files_.find(name) != files_.end();
}

std::vector<std::string> ZipReader::names() const {
    std::vector<std::string> names;
    for (const auto& [name, index] : files_) names.push_back(name);
    return names;
}

std::string ZipReader::read(std::string_view name) const {
    const auto found = files_.find(name);
    if (found == files_.end()) refuse(name, "not in the archive");
    zip_t* archive = handle_->archive.get();
    zip_stat_t stat;
    zip_stat_init(&stat);
    if (zip_stat_index(archive, found->second, 0, &stat) != 0)
        refuse(name, std::string("unreadable: ") + zip_strerror(archive));
    const std::unique_ptr<zip_file_t, FileCloser> file(zip_fopen_index(archive, found->second, 0));
    if (!file) refuse(name, std::string("cannot be opened: ") + zip_strerror(archive));
    // Read at most the declared size (checked against the limits) and one
    // byte more, which would show the data is longer than it says.
    std::string bytes(static_cast<size_t>(stat.size) + 1, '\0');
    size_t filled = 0;
    while (filled < bytes.size()) {
        const zip_int64_t got = zip_fread(file.get(), bytes.data() + filled, bytes.size() - filled);
        if (got < 0) refuse(name, std::string("damaged: ") + zip_file_strerror(file.get()));
        if (got == 0) break;
        filled += static_cast<size_t>(got);
    }
    if (filled != stat.size)
        refuse(name, "holds " + std::string(filled > stat.size ? "more" : "fewer") + " bytes than the " +
                         std::to_string(stat.size) + " it declares");
    bytes.resize(filled);
    return bytes;
}

} // namespace gloss::plugin_support
