#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace gloss::annotations {

// Where an annotation stands against the report it was loaded with
// (docs/formats.md, "Anchoring").
enum class AnchorStatus { Anchored, Moved, Orphaned };

std::string_view statusName(AnchorStatus status);
std::optional<AnchorStatus> anchorStatusFromString(std::string_view text);

// One highlighted passage with its codes. Offsets are the file's unit: code
// points, half-open (the W3C TextPositionSelector); quote, prefix and suffix
// form the TextQuoteSelector that re-anchors it when the report changes.
// Byte ranges for drawing come from core::Document's index.
struct Annotation {
    std::string id; // UUID v4 for annotations Gloss creates
    uint64_t start = 0;
    uint64_t end = 0;
    std::string quote;
    std::string prefix;
    std::string suffix;
    std::vector<std::string> tags; // codebook tag ids
    std::string note;
    std::string author;
    std::string created;           // RFC 3339, UTC
    std::string modified;          // RFC 3339, UTC
    std::string origin = "manual"; // "manual" or "plugin:<id>"
    AnchorStatus status = AnchorStatus::Anchored;
    // An unresolved merge conflict: {"base", "ours", "theirs"}, each the
    // record as that side had it or null where it had none (merge.hpp).
    // Null when there is none, and then not written.
    nlohmann::ordered_json conflict;
    // Fields this version does not know, in file order, written back unchanged.
    nlohmann::ordered_json extra = nlohmann::ordered_json::object();

    bool operator==(const Annotation&) const = default;
};

// The order of annotations in a set and in a file: by start, end, then id.
bool precedes(const Annotation& a, const Annotation& b);

} // namespace gloss::annotations
