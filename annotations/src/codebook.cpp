#include "gloss/annotations/codebook.hpp"

#include "gloss/annotations/bounded_json.hpp"
#include "gloss/annotations/format_error.hpp"
#include "gloss/annotations/json_fields.hpp"
#include "gloss/limits.hpp"

#include <algorithm>
#include <cctype>
#include <set>

namespace gloss::annotations {

using Json = nlohmann::ordered_json;
using namespace json_fields;

namespace {

bool readBool(const Json& object, std::string_view key, const std::string& path) {
    const auto it = object.find(key);
    if (it == object.end()) return false;
    require(it->is_boolean(), join(path, key), "expected true or false, found " + excerptJson(*it));
    return it->get<bool>();
}

bool isColor(std::string_view text) {
    return text.size() == 7 && text[0] == '#' && std::all_of(text.begin() + 1, text.end(), [](char c) {
               return std::isxdigit(static_cast<unsigned char>(c));
           });
}

Pattern readPattern(const Json& json, const std::string& path) {
    require(json.is_object(), path, "expected an object with \"literal\" or \"regex\"");
    Pattern pattern;
    const bool hasLiteral = json.contains("literal");
    const bool hasRegex = json.contains("regex");
    require(hasLiteral != hasRegex, path, "expected exactly one of \"literal\" and \"regex\"");
    pattern.kind = hasRegex ? Pattern::Kind::Regex : Pattern::Kind::Literal;
    const char* key = hasRegex ? "regex" : "literal";
    pattern.text = readString(json, key, path, true);
    require(!pattern.text.empty(), join(path, key), "is empty");
    if (pattern.text.size() > limits::valueOf(limits::kPatternBytes))
        throw FormatError(join(path, key), limits::exceeded(limits::kPatternBytes, pattern.text.size()));
    pattern.caseSensitive = readBool(json, "case_sensitive", path);
    pattern.wholeWord = readBool(json, "whole_word", path);
    pattern.extra = unknownFields(json, {"literal", "regex", "case_sensitive", "whole_word"});
    return pattern;
}

Tag readTag(const Json& json, const std::string& path) {
    require(json.is_object(), path, "expected an object");
    Tag tag;
    tag.id = readString(json, "id", path, true);
    require(!tag.id.empty() && tag.id.size() <= 256, join(path, "id"), "must be 1 to 256 bytes");
    tag.label = readString(json, "label", path, false);
    if (tag.label.empty()) tag.label = tag.id;
    tag.color = readString(json, "color", path, true);
    require(isColor(tag.color), join(path, "color"), "expected \"#rrggbb\", found " + excerpt(tag.color));
    tag.parent = readString(json, "parent", path, false);
    tag.description = readString(json, "description", path, false);
    tag.key = readString(json, "key", path, false);
    require(tag.key.empty() || (tag.key.size() == 1 && tag.key[0] >= '1' && tag.key[0] <= '9'),
            join(path, "key"), "expected a digit 1-9 or null, found \"" + tag.key + "\"");
    if (const auto patterns = json.find("patterns"); patterns != json.end() && !patterns->is_null()) {
        require(patterns->is_array(), join(path, "patterns"), "expected an array");
        for (size_t i = 0; i < patterns->size(); ++i)
            tag.patterns.push_back(
                readPattern((*patterns)[i], join(path, "patterns") + "[" + std::to_string(i) + "]"));
    }
    tag.extra = unknownFields(json, {"id", "label", "color", "parent", "description", "key", "patterns"});
    return tag;
}

// Parents must exist and the hierarchy must be a tree.
void checkHierarchy(const Codebook& codebook, const std::string& tagsPath) {
    for (size_t i = 0; i < codebook.tags.size(); ++i) {
        const std::string where = tagsPath + "[" + std::to_string(i) + "].parent";
        std::set<std::string_view> seen{codebook.tags[i].id};
        for (const Tag* tag = &codebook.tags[i]; !tag->parent.empty();) {
            const Tag* parent = codebook.find(tag->parent);
            require(parent != nullptr, where, "no tag has the id " + excerpt(tag->parent));
            require(seen.insert(parent->id).second, where,
                    "the parents of " + excerpt(codebook.tags[i].id) + " form a cycle");
            tag = parent;
        }
    }
}

} // namespace

const Tag* Codebook::find(std::string_view id) const {
    for (const Tag& tag : tags)
        if (tag.id == id) return &tag;
    return nullptr;
}

Codebook Codebook::subset(const std::vector<std::string>& ids) const {
    std::set<std::string, std::less<>> wanted;
    for (const std::string& id : ids)
        for (const Tag* tag = find(id); tag && wanted.insert(tag->id).second; tag = find(tag->parent)) {
        }
    Codebook out;
    out.extra = extra;
    for (const Tag& tag : tags)
        if (wanted.contains(tag.id)) out.tags.push_back(tag);
    return out;
}

void Codebook::addMissingTags(const Codebook& source, const std::vector<std::string>& ids) {
    for (const Tag& tag : source.subset(ids).tags)
        if (!find(tag.id)) tags.push_back(tag);
}

std::vector<std::string> Codebook::withDescendants(std::string_view id) const {
    // The hierarchy is a tree (checkHierarchy), so walking up from each tag ends.
    const auto isUnder = [&](const Tag& tag) {
        std::set<std::string_view> seen;
        for (const Tag* at = &tag; at && seen.insert(at->id).second; at = find(at->parent))
            if (at->id == id) return true;
        return false;
    };
    std::vector<std::string> ids;
    for (const Tag& tag : tags)
        if (isUnder(tag)) ids.push_back(tag.id);
    if (ids.empty()) ids.emplace_back(id);
    return ids;
}

Codebook codebookFieldsFromJson(const Json& json, const std::string& path) {
    require(json.is_object(), path.empty() ? "top level" : path, "expected a codebook object");
    checkFormatAndVersion(json, path, kCodebookFormat, kCodebookFormatVersion, "this codebook");

    const std::string tagsPath = join(path, "tags");
    const auto tags = json.find("tags");
    require(tags != json.end() && tags->is_array(), tagsPath, "expected an array of tags");
    Codebook codebook;
    // Compiling the patterns is what takes the time (gloss/limits.hpp): too
    // many are refused here, where every program reads the codebook.
    uint64_t patterns = 0, regexes = 0;
    for (size_t i = 0; i < tags->size(); ++i) {
        const std::string where = tagsPath + "[" + std::to_string(i) + "]";
        Tag tag = readTag((*tags)[i], where);
        for (const Pattern& pattern : tag.patterns) {
            regexes += pattern.kind == Pattern::Kind::Regex;
            if (regexes > limits::valueOf(limits::kCodebookRegexes))
                throw FormatError(join(where, "patterns"), limits::exceeded(limits::kCodebookRegexes));
            if (++patterns > limits::valueOf(limits::kCodebookPatterns))
                throw FormatError(join(where, "patterns"), limits::exceeded(limits::kCodebookPatterns));
        }
        codebook.tags.push_back(std::move(tag));
    }
    codebook.extra = unknownFields(json, {"format", "version", "tags"});
    return codebook;
}

void checkCodebook(const Codebook& codebook, const std::string& path) {
    const std::string tagsPath = join(path, "tags");
    std::set<std::string_view> ids, keys;
    for (size_t i = 0; i < codebook.tags.size(); ++i) {
        const Tag& tag = codebook.tags[i];
        const std::string where = tagsPath + "[" + std::to_string(i) + "]";
        require(ids.insert(tag.id).second, where + ".id", excerpt(tag.id) + " is the id of an earlier tag");
        require(tag.key.empty() || keys.insert(tag.key).second, where + ".key",
                "key " + tag.key + " is already taken by an earlier tag");
    }
    checkHierarchy(codebook, tagsPath);
}

Codebook codebookFromJson(const Json& json, const std::string& path) {
    Codebook codebook = codebookFieldsFromJson(json, path);
    checkCodebook(codebook, path);
    return codebook;
}

Codebook parseCodebook(std::string_view text) {
    return codebookFromJson(annotations::parseBoundedJson(text));
}

Json codebookToJson(const Codebook& codebook) {
    Json json = Json::object();
    json["format"] = kCodebookFormat;
    json["version"] = kCodebookFormatVersion;
    Json tags = Json::array();
    for (const Tag& tag : codebook.tags) {
        Json out = Json::object();
        out["id"] = tag.id;
        out["label"] = tag.label;
        out["color"] = tag.color;
        out["parent"] = tag.parent.empty() ? Json(nullptr) : Json(tag.parent);
        out["description"] = tag.description;
        out["key"] = tag.key.empty() ? Json(nullptr) : Json(tag.key);
        Json patterns = Json::array();
        for (const Pattern& pattern : tag.patterns) {
            Json p = Json::object();
            p[pattern.kind == Pattern::Kind::Regex ? "regex" : "literal"] = pattern.text;
            p["case_sensitive"] = pattern.caseSensitive;
            p["whole_word"] = pattern.wholeWord;
            for (const auto& [key, value] : pattern.extra.items()) p[key] = value;
            patterns.push_back(std::move(p));
        }
        out["patterns"] = std::move(patterns);
        for (const auto& [key, value] : tag.extra.items()) out[key] = value;
        tags.push_back(std::move(out));
    }
    json["tags"] = std::move(tags);
    for (const auto& [key, value] : codebook.extra.items()) json[key] = value;
    return json;
}

} // namespace gloss::annotations
