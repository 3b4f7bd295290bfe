#include "platform/recovery.hpp"

#include "gloss/annotations/bounded_json.hpp"
#include "gloss/core/file_io.hpp"
#include "gloss/core/sha256.hpp"
#include "platform/xdg.hpp"

#include <atomic>
#include <cstring>
#include <fcntl.h>
#include <unistd.h>

namespace gloss::gui {

namespace {

constexpr std::string_view kJournalFormat = "gloss.recovery";
constexpr int kJournalVersion = 1;

std::filesystem::path absolutePath(const std::filesystem::path& path) {
    std::error_code error;
    const auto absolute = std::filesystem::absolute(path, error);
    return (error ? path : absolute).lexically_normal();
}

// A string member of the journal, or an InputError naming it.
std::string stringField(const nlohmann::ordered_json& json, const char* key,
                        const std::filesystem::path& journal) {
    const auto found = json.find(key);
    if (found == json.end() || !found->is_string())
        throw core::InputError(journal.string() + ": " + key + ": expected a string");
    return found->get<std::string>();
}

} // namespace

std::filesystem::path recoveryFolder() {
    return xdgFolder(XdgFolder::State) / "gloss" / "recovery";
}

std::filesystem::path journalPath(const std::filesystem::path& annotationsPath) {
    const std::string digest = core::sha256Hex(absolutePath(annotationsPath).string());
    return recoveryFolder() / (digest.substr(0, 16) + ".json");
}

std::string journalText(const std::filesystem::path& annotationsPath, const std::filesystem::path& reportPath,
                        const annotations::AnnotationFile& file) {
    nlohmann::ordered_json json;
    json["format"] = kJournalFormat;
    json["version"] = kJournalVersion;
    json["annotations_path"] = absolutePath(annotationsPath).string();
    json["report_path"] = absolutePath(reportPath).string();
    json["file"] = annotations::serializeAnnotationFile(file);
    try {
        return json.dump(2) + "\n";
    } catch (const nlohmann::json::exception& e) {
        // JSON strings are UTF-8: a path in another encoding cannot be kept.
        throw core::IoError(journalPath(annotationsPath).string() +
                            ": cannot write the recovery journal: " + e.what());
    }
}

void writeJournal(const std::filesystem::path& annotationsPath, const std::filesystem::path& reportPath,
                  const annotations::AnnotationFile& file) {
    const auto journal = journalPath(annotationsPath);
    const std::string text = journalText(annotationsPath, reportPath, file);
    std::error_code ignored;
    std::filesystem::create_directories(journal.parent_path(), ignored);
    core::writeFileAtomically(journal, text);
}

namespace {

// A journal ready for the signal handler. Two slots: the UI thread fills the
// one not published, then publishes it; once a crash has begun (`crashing`)
// it touches neither, so the handler reads a slot nobody changes.
struct CrashJournal {
    std::string text;
    char path[4096] = {};      // the journal, NUL-terminated
    char temporary[4096] = {}; // beside it, for the rename
};
CrashJournal crashSlots[2];
std::atomic<CrashJournal*> crashPublished{nullptr};
std::atomic<bool> crashing{false};

bool copyPath(char (&to)[4096], const std::string& path) {
    if (path.size() >= sizeof to) return false;
    std::memcpy(to, path.c_str(), path.size() + 1);
    return true;
}

} // namespace

void prepareCrashJournal(const std::filesystem::path& annotationsPath, std::string text) {
    if (crashing) return;
    CrashJournal& slot = crashPublished.load() == &crashSlots[0] ? crashSlots[1] : crashSlots[0];
    const std::string journal = journalPath(annotationsPath).string();
    if (!copyPath(slot.path, journal) || !copyPath(slot.temporary, journal + ".crash")) {
        crashPublished = nullptr;
        return;
    }
    std::error_code ignored;
    std::filesystem::create_directories(recoveryFolder(), ignored);
    slot.text = std::move(text);
    crashPublished = &slot;
}

void clearCrashJournal() {
    if (!crashing) crashPublished = nullptr;
}

void writeCrashJournal() {
    crashing = true;
    const CrashJournal* journal = crashPublished.load();
    if (!journal) return;
    const int fd = ::open(journal->temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, 0600);
    if (fd < 0) return;
    const char* at = journal->text.data();
    bool whole = true;
    for (size_t left = journal->text.size(); left > 0;) {
        const ssize_t written = ::write(fd, at, left);
        if (written <= 0) {
            whole = false;
            break;
        }
        at += written;
        left -= static_cast<size_t>(written);
    }
    whole = ::fsync(fd) == 0 && whole;
    ::close(fd);
    if (whole)
        ::rename(journal->temporary, journal->path);
    else
        ::unlink(journal->temporary);
}

Journal loadJournal(const std::filesystem::path& annotationsPath) {
    const auto journal = journalPath(annotationsPath);
    const std::string text = core::readFile(journal);
    nlohmann::ordered_json json;
    try {
        json = annotations::parseBoundedJson(text);
    } catch (const annotations::FormatError& e) {
        throw core::InputError(journal.string() + ": " + e.what());
    }
    if (!json.is_object()) throw core::InputError(journal.string() + ": expected a JSON object");
    if (stringField(json, "format", journal) != kJournalFormat)
        throw core::InputError(journal.string() + ": format: not a Gloss recovery journal");
    const auto version = json.find("version");
    if (version == json.end() || !version->is_number_integer() || *version != kJournalVersion)
        throw core::InputError(journal.string() + ": version: expected " + std::to_string(kJournalVersion));
    Journal result;
    result.annotationsPath = stringField(json, "annotations_path", journal);
    result.reportPath = stringField(json, "report_path", journal);
    if (result.annotationsPath != absolutePath(annotationsPath))
        throw core::InputError(journal.string() + ": annotations_path: the journal belongs to " +
                               result.annotationsPath.string());
    try {
        result.file = annotations::parseAnnotationFile(stringField(json, "file", journal));
    } catch (const annotations::FormatError& e) {
        throw core::InputError(journal.string() + ": file: " + e.what());
    }
    return result;
}

std::optional<JournalInfo> findJournal(const std::filesystem::path& annotationsPath) {
    JournalInfo info;
    info.journal = journalPath(annotationsPath);
    std::error_code error;
    info.modified = std::filesystem::last_write_time(info.journal, error);
    if (error) return std::nullopt; // no journal
    const auto saved = std::filesystem::last_write_time(annotationsPath, error);
    if (!error && saved >= info.modified) return std::nullopt;
    try {
        Journal journal = loadJournal(annotationsPath);
        info.annotationCount = journal.file.annotations.size();
        info.annotationsPath = std::move(journal.annotationsPath);
        info.reportPath = std::move(journal.reportPath);
    } catch (const std::exception& e) {
        info.error = e.what();
    }
    return info;
}

void discardJournal(const std::filesystem::path& annotationsPath) {
    const auto journal = journalPath(annotationsPath);
    std::error_code error;
    std::filesystem::remove(journal, error);
    if (error)
        throw core::IoError(journal.string() + ": cannot remove the recovery journal: " + error.message());
}

} // namespace gloss::gui
