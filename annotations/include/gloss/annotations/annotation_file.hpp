#pragma once

#include "gloss/annotations/annotation.hpp"
#include "gloss/annotations/codebook.hpp"
#include "gloss/annotations/format_error.hpp"
#include "gloss/annotations/text_extractor.hpp"

#include <functional>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

// The Gloss annotation file, version 1 (docs/formats.md is the normative spec).
namespace gloss::annotations {

inline constexpr std::string_view kAnnotationFormat = "gloss.annotations";
inline constexpr int kAnnotationFormatVersion = 1;

// Size limits (bytes) of the fields a person writes or a tool copies. They keep
// a hostile file from making every later step slow; docs/formats.md lists them.
inline constexpr size_t kMaxIdBytes = 256;
inline constexpr size_t kMaxAuthorBytes = 1024;
inline constexpr size_t kMaxContextBytes = 4096;    // prefix, suffix
inline constexpr size_t kMaxNoteBytes = 1 << 20;    // 1 MiB
inline constexpr size_t kMaxQuoteBytes = 16u << 20; // 16 MiB

// The report the annotations were made on.
struct ReportInfo {
    std::string name;   // file name, no folders
    std::string sha256; // of the report file's bytes, lowercase hex
    uint64_t codepoints = 0;
    std::string encoding = "utf-8";         // "utf-8" or "windows-1252"
    std::optional<TextExtractor> extractor; // set when the text was extracted
    nlohmann::ordered_json extra = nlohmann::ordered_json::object();

    bool operator==(const ReportInfo&) const = default;
};

struct AnnotationFile {
    ReportInfo report;
    // The codebook tags the annotations use, so the file stands alone; none
    // when the file has none (then tags are not checked against one).
    std::optional<Codebook> codebook;
    std::vector<Annotation> annotations;
    // Records that failed validation, kept verbatim and written back after the
    // good ones, so that saving a file with problems loses nothing.
    std::vector<nlohmann::ordered_json> rejected;
    // Every problem found while reading, each located by its JSON path.
    std::vector<Problem> problems;
    nlohmann::ordered_json extra = nlohmann::ordered_json::object();
};

// Reads a file's text. Throws FormatError when the file as a whole cannot be
// used (syntax, nesting, wrong format or version, bad header); problems in
// single records are listed in `problems` and those records in `rejected`.
AnnotationFile parseAnnotationFile(std::string_view text);

// The file's text: annotations sorted, keys in a fixed order, 2-space indent,
// trailing newline. Parsing and serializing a file Gloss wrote gives it back
// byte for byte.
std::string serializeAnnotationFile(const AnnotationFile& file);

class MatchAnnotations;
// The same text handed to `sink` in pieces as it is made (about 1 MiB each),
// so that a large file is never whole in memory, with `matches` (if any)
// written among the file's annotations in file order.
void writeAnnotationFile(const AnnotationFile& file, const MatchAnnotations* matches,
                         const std::function<void(std::string_view)>& sink);

// One record as the file holds it: known fields in their fixed order, then
// the unknown ones.
nlohmann::ordered_json annotationToJson(const Annotation& annotation);
// One record read with every check a file's records get (for a report of
// `report`'s length), such as one side of a merge conflict. Throws
// FormatError naming the first bad field.
Annotation annotationFromJson(const nlohmann::ordered_json& record, const ReportInfo& report);
// The `report` object as the file holds it.
nlohmann::ordered_json reportToJson(const ReportInfo& report);

} // namespace gloss::annotations
