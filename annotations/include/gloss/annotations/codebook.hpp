#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

namespace gloss::annotations {

inline constexpr std::string_view kCodebookFormat = "gloss.codebook";
inline constexpr int kCodebookFormatVersion = 1;

// One pattern of a theme: a literal phrase or a regular expression.
struct Pattern {
    enum class Kind { Literal, Regex };
    Kind kind = Kind::Literal;
    std::string text;
    bool caseSensitive = false;
    bool wholeWord = false;
    nlohmann::ordered_json extra = nlohmann::ordered_json::object();

    bool operator==(const Pattern&) const = default;
};

// A code of the codebook. A tag with patterns is a theme: the themes plugin
// highlights its matches (docs/formats.md, "The codebook file").
struct Tag {
    std::string id;
    std::string label;
    std::string color;  // "#rrggbb"
    std::string parent; // id of the parent tag, empty at the top level
    std::string description;
    std::string key; // quick key "1".."9", empty for none
    std::vector<Pattern> patterns;
    nlohmann::ordered_json extra = nlohmann::ordered_json::object();

    bool isTheme() const { return !patterns.empty(); }
    bool operator==(const Tag&) const = default;
};

struct Codebook {
    std::vector<Tag> tags;
    nlohmann::ordered_json extra = nlohmann::ordered_json::object();

    const Tag* find(std::string_view id) const;
    // `ids` and every ancestor of them, in codebook order: what an annotation
    // file embeds so that it stands alone with its hierarchy.
    Codebook subset(const std::vector<std::string>& ids) const;
    // Adds the tags `ids` (with their ancestors) from `source` that this
    // codebook lacks: how an annotation file's own codebook grows.
    void addMissingTags(const Codebook& source, const std::vector<std::string>& ids);
    // `id` and every tag below it (sub-codes, theirs...), in codebook order:
    // what retrieving a code means unless asked for the exact code.
    std::vector<std::string> withDescendants(std::string_view id) const;

    bool operator==(const Codebook&) const = default;
};

// Reads a codebook object. Every problem is a FormatError located by JSON
// path under `path` ("tags[3].color", "codebook.tags[0].id"): a codebook is
// small and a wrong one must be fixed, not half-used.
Codebook codebookFromJson(const nlohmann::ordered_json& json, const std::string& path = {});
// The two halves of codebookFromJson. The fields of the codebook and of each
// tag, alone...
Codebook codebookFieldsFromJson(const nlohmann::ordered_json& json, const std::string& path = {});
// ...and the rules between tags: ids and quick keys unique, parents present,
// no cycle. A merged codebook can break these although neither side did.
void checkCodebook(const Codebook& codebook, const std::string& path = {});
Codebook parseCodebook(std::string_view text);
nlohmann::ordered_json codebookToJson(const Codebook& codebook);

} // namespace gloss::annotations
