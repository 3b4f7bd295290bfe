#include "gloss/annotations/codebook.hpp"

#include "gloss/annotations/bounded_json.hpp"
#include "gloss/annotations/format_error.hpp"
#include "gloss/annotations/json_fields.hpp"
#include "gloss/limits.hpp"

#include <algorithm>
#include <cctype>
#include <map>
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

// Each tag's index by its id (the first tag of an id, as Codebook::find has
// it). Walks through the hierarchy look parents up here: with find(), which
// scans every tag, walking every tag's ancestors took cubic time, minutes for
// a codebook of a few thousand tags in one chain.
std::map<std::string_view, size_t> indexById(const std::vector<Tag>& tags) {
    std::map<std::string_view, size_t> byId;
    for (size_t i = 0; i < tags.size(); ++i) byId.try_emplace(tags[i].id, i);
    return byId;
}

// Parents must exist and the hierarchy must be a tree. Each tag's way up is
// walked once: a walk stops at a tag already known to lead to the top level.
void checkHierarchy(const Codebook& codebook, const std::string& tagsPath) {
    const auto byId = indexById(codebook.tags);
    enum : char { kUnseen, kOnWay, kLeadsToTop };
    std::vector<char> state(codebook.tags.size(), kUnseen);
    std::vector<size_t> way;
    for (size_t i = 0; i < codebook.tags.size(); ++i) {
        const std::string where = tagsPath + "[" + std::to_string(i) + "].parent";
        way.clear();
        for (size_t at = i; state[at] != kLeadsToTop;) {
            require(state[at] != kOnWay, where,
                    "the parents of " + excerpt(codebook.tags[i].id) + " form a cycle");
            state[at] = kOnWay;
            way.push_back(at);
            const std::string& parent = codebook.tags[at].parent;
            if (parent.empty()) break;
            const auto found = byId.find(parent);
            require(found != byId.end(), where, "no tag has the id " + excerpt(parent));
            at = found->second;
        }
        for (const size_t at : way) state[at] = kLeadsToTop;
    }
}

} // namespace

const Tag* Codebook::find(std::string_view id) const {
    for (const Tag& tag : tags)
        if (tag.id == id) return &tag;
    return nullptr;
}

Codebook Codebook::subset(const std::vector<std::string>& ids) const {
    const auto byId = indexById(tags);
    std::vector<bool> wanted(tags.size(), false);
    for (const std::string& id : ids)
        for (auto found = byId.find(id); found != byId.end() && !wanted[found->second];
             found = byId.find(tags[found->second].parent))
            wanted[found->second] = true;
    Codebook out;
    out.extra = extra;
    for (size_t i = 0; i < tags.size(); ++i)
        if (wanted[i]) out.tags.push_back(tags[i]);
    return out;
}

void Codebook::addMissingTags(const Codebook& source, const std::vector<std::string>& ids) {
    for (const Tag& tag : source.subset(ids).tags)
        if (!find(tag.id)) tags.push_back(tag);
}

std::vector<std::string> Codebook::withDescendants(std::string_view id) const {
    if (!find(id)) return {std::string(id)};
    // Down from `id`, each tag once (a cycle, in a codebook not checked yet, ends too).
    std::map<std::string_view, std::vector<size_t>> children;
    for (size_t i = 0; i < tags.size(); ++i) children[tags[i].parent].push_back(i);
    std::vector<bool> under(tags.size(), false);
    for (size_t i = 0; i < tags.size(); ++i) under[i] = tags[i].id == id;
    for (std::vector<std::string_view> todo{id}; !todo.empty();) {
        const auto found = children.find(todo.back());
        todo.pop_back();
        if (found == children.end()) continue;
        for (const size_t child : found->second)
            if (!under[child]) {
                under[child] = true;
                todo.push_back(tags[child].id);
            }
    }
    std::vector<std::string> ids;
    for (size_t i = 0; i < tags.size(); ++i)
        if (under[i]) ids.push_back(tags[i].id);
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
