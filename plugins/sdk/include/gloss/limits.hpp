// The bounds on what a file may make Gloss read, inflate, parse or search
// that a user may change, in one place (docs/formats.md, "Limits"). A small
// hostile file must not take gigabytes or minutes; a real one must never meet
// these. Fixed bounds stay with their readers: JSON nesting and string length
// (gloss/annotations/bounded_json.hpp), a zip archive's entries and total size
// (plugins/support/zip_archive.hpp).
//
// Each limit has a default and an environment variable that raises (or
// lowers) it, read when the limit is checked, so the CLI, the editor and the
// built-in plugins in its process all follow the same setting. The same
// limits apply when Gloss writes a file as when it reads one.
//
// Header-only, in the SDK: Gloss's own libraries and its plugins apply the
// same limits, and a plugin of one's own may too.
#pragma once

#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

namespace gloss::limits {

struct Limit {
    std::string_view what;    // "file size", as messages say it
    std::string_view setting; // the environment variable that changes it
    uint64_t value;           // the default
    std::string_view unit;    // "bytes", "elements", ...
};

// Any file Gloss opens: reports, annotation files, codebooks, projects.
inline constexpr Limit kFileBytes{"file size", "GLOSS_MAX_FILE_BYTES", 1ull << 30, "bytes"};

// PDF reports: the decoded size of all streams that are neither images nor
// fonts (page contents, form XObjects, object streams), under any of the
// filters that expand (Flate, LZW, RunLength, ASCII85, ASCIIHex), checked
// before poppler reads a page. poppler's text layout takes about 45 bytes per byte
// of page content.
inline constexpr Limit kPdfContentBytes{"inflated PDF content", "GLOSS_MAX_PDF_CONTENT_BYTES", 64ull << 20,
                                        "bytes"};

// PDF reports: the text poppler extracts, checked page by page. A font's
// ToUnicode map may turn one glyph into a long string, so the text is not
// bounded by the content.
inline constexpr Limit kPdfTextBytes{"text extracted from a PDF", "GLOSS_MAX_PDF_TEXT_BYTES", 256ull << 20,
                                     "bytes"};

// Zip containers (DOCX reports, .qdpx projects): one entry once inflated,
// and how much more than its compressed size it may inflate to (deflate
// reaches about 1:1030 on repeated bytes, real XML and text 1:5 to 1:20).
// The ratio applies to entries over kZipRatioFloorBytes.
inline constexpr Limit kZipEntryBytes{"uncompressed size", "GLOSS_MAX_ZIP_ENTRY_BYTES", 256ull << 20,
                                      "bytes"};
inline constexpr Limit kZipRatio{"compression ratio (a zip bomb?)", "GLOSS_MAX_ZIP_RATIO", 200, "to 1"};
inline constexpr uint64_t kZipRatioFloorBytes = 1ull << 20;

// XML parts (DOCX, .qdpx), counted before libxml2 builds its tree: libxml2
// takes a few hundred bytes per element and checks attribute names against
// each other in quadratic time.
inline constexpr Limit kXmlElements{"XML elements", "GLOSS_MAX_XML_ELEMENTS", 4'000'000, "elements"};
inline constexpr Limit kXmlDepth{"XML nesting", "GLOSS_MAX_XML_DEPTH", 256, "levels"};
inline constexpr Limit kXmlAttributes{"XML attributes on one element", "GLOSS_MAX_XML_ATTRIBUTES", 256,
                                      "attributes"};

// Codebook patterns: Vectorscan's compile time grows with the regexes
// (about 13 ms each for ordinary ones); literals are cheap.
inline constexpr Limit kCodebookRegexes{"regex patterns in a codebook", "GLOSS_MAX_CODEBOOK_REGEXES", 500,
                                        "regexes"};
inline constexpr Limit kCodebookPatterns{"patterns in a codebook", "GLOSS_MAX_CODEBOOK_PATTERNS", 10'000,
                                         "patterns"};
inline constexpr Limit kPatternBytes{"pattern length", "GLOSS_MAX_PATTERN_BYTES", 4096, "bytes"};

// Re-anchoring: the fuzzy search's work for one file, in quote bytes times
// text bytes searched (docs/formats.md, "Anchoring"); annotations left when
// it is spent are orphaned without a fuzzy search.
inline constexpr Limit kFuzzyAnchorWork{"fuzzy re-anchoring work", "GLOSS_MAX_FUZZY_ANCHOR_WORK", 1ull << 34,
                                        "byte comparisons"};

// The limit in force: its environment variable when that holds a whole
// number (digits only), else the default. strtoull alone would also take
// leading blanks and a sign, reading " -5" as 2^64 - 5: no limit at all.
inline uint64_t valueOf(const Limit& limit) {
    const char* set = std::getenv(std::string(limit.setting).c_str());
    if (!set || *set < '0' || *set > '9') return limit.value;
    char* end = nullptr;
    const unsigned long long value = std::strtoull(set, &end, 10);
    return *end == '\0' ? value : limit.value;
}

// The one-line message for a value over the limit, after the file's name:
// "XML elements: more than the limit of 4000000 elements (set
// GLOSS_MAX_XML_ELEMENTS to raise it)", or with `found`, "file size:
// 2000 bytes, more than ...". `found` is what was counted, when it
// is known (0: not).
inline std::string exceeded(const Limit& limit, uint64_t found = 0) {
    std::string message(limit.what);
    message += ": ";
    if (found) message += std::to_string(found) + " " + std::string(limit.unit) + ", ";
    message += "more than the limit of " + std::to_string(valueOf(limit)) + " " + std::string(limit.unit) +
               " (set " + std::string(limit.setting) + " to raise it)";
    return message;
}

} // namespace gloss::limits
