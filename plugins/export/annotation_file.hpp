// The Gloss annotation file (docs/formats.md) as the formats need it: read
// from the host's JSON text for export, written as JSON text by importers.
#pragma once

#include "json_input.hpp"

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace gloss_export {

inline constexpr size_t kContextCodepoints = 32; // prefix and suffix, as Gloss stores them

struct Tag {
    std::string id;
    std::string label;  // the id when the codebook has none
    std::string color;  // "#rrggbb"
    std::string parent; // the parent tag's id; empty at the top level
    std::string description;
};

struct Record {
    std::string id;
    uint64_t start = 0; // code points, half-open
    uint64_t end = 0;
    std::string quote;
    std::string prefix;
    std::string suffix;
    std::vector<std::string> tags;
    std::string note;
    std::string author;
    std::string created;
    std::string modified;
    std::string origin = "manual";
    std::string status = "anchored";
};

struct AnnotationFile {
    std::string reportName;
    std::string reportSha256;
    uint64_t codepoints = 0;
    std::vector<Tag> codebook; // empty when the file has none
    std::vector<Record> annotations;

    const Tag* findTag(std::string_view id) const;
};

// Checks `root` is a Gloss annotation file this plugin reads: an object with
// "format": "gloss.annotations" and "version": 1.
void checkGlossFile(const Json& root);
// Parses `text` and checks it as checkGlossFile does.
Json parseGlossFile(std::string_view text);
AnnotationFile readAnnotationFile(std::string_view text);
AnnotationFile readAnnotationFile(const Json& root);
// The tags of a codebook object (a "gloss.codebook" file or the one an
// annotation file embeds) at JSON path `path`.
std::vector<Tag> readCodebookTags(const Json& codebook, const std::string& path);

// A Gloss annotation file of `file`'s records for the report `reportName`,
// with an embedded codebook of file.codebook (when not empty). The host
// fills in the report's sha256 and encoding when it saves.
std::string writeAnnotationFile(const AnnotationFile& file);
OrderedJson annotationFileJson(const AnnotationFile& file);
// A "gloss.codebook" object of `codebook`'s tags.
OrderedJson codebookJson(const std::vector<Tag>& codebook);

// A colour for a tag without one: a fixed palette, chosen by a hash of the id.
std::string paletteColor(std::string_view tag);
bool isHexColor(std::string_view color);

// "8-4-4-4-12" hex digits, either case.
bool isUuid(std::string_view text);
std::string randomUuid(); // version 4
// A name-based UUID (RFC 9562 version 8) from a hash of `name`: the same
// name gives the same UUID, so exports are deterministic.
std::string derivedUuid(std::string_view name);

// The date-times Gloss accepts (formats.md §3.3).
bool isRfc3339(std::string_view text);

} // namespace gloss_export
