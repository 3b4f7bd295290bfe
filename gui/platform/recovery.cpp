#include "platform/recovery.hpp"

#include "gloss/annotations/bounded_json.hpp"
#include "gloss/core/file_io.hpp"
#include "gloss/core/sha256.hpp"
#include "platform/xdg.hpp"

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

void writeJournal(const std::filesystem::path& annotationsPath, const std::filesystem::path& reportPath,
                  const annotations::AnnotationFile& file) {
    const auto journal = journalPath(annotationsPath);
    nlohmann::ordered_json json;
    json["format"] = kJournalFormat;
    json["version"] = kJournalVersion;
    json["annotations_path"] = absolutePath(annotationsPath).string();
    json["report_path"] = absolutePath(reportPath).string();
    json["file"] = annotations::serializeAnnotationFile(file);
    std::string text;
    try {
        text = json.dump(2) + "\n";
    } catch (const nlohmann::json::exception& e) {
        // JSON strings are UTF-8: a path in another encoding cannot be kept.
        throw core::IoError(journal.string() + ": cannot write the recovery journal: " + e.what());
    }
    std::error_code ignored;
    std::filesystem::create_directories(journal.parent_path(), ignored);
    core::writeFileAtomically(journal, text);
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
