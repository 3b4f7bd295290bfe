// Reading the small JSON files Gloss owns (the codebook, the project): each
// problem is a FormatError located by JSON path, and unknown
// fields are kept.
#pragma once

#include "gloss/annotations/format_error.hpp"

#include <algorithm>
#include <initializer_list>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

namespace gloss::annotations::json_fields {

using Json = nlohmann::ordered_json;

// "tags[3]" + "color" -> "tags[3].color"; the top level has no prefix.
inline std::string join(const std::string& path, std::string_view key) {
    return path.empty() ? std::string(key) : path + "." + std::string(key);
}

inline void require(bool condition, const std::string& where, const std::string& message) {
    if (!condition) throw FormatError(where, message);
}

// A string field; an optional one may be missing or null (read as "").
inline std::string readString(const Json& object, std::string_view key, const std::string& path,
                              bool required) {
    const auto it = object.find(key);
    if (it == object.end() || (!required && it->is_null())) {
        require(!required, join(path, key), "missing");
        return {};
    }
    require(it->is_string(), join(path, key), "expected a string, found " + it->dump());
    return it->get<std::string>();
}

// The fields of `object` not named in `known`, in file order.
inline Json unknownFields(const Json& object, std::initializer_list<std::string_view> known) {
    Json extra = Json::object();
    for (const auto& [key, value] : object.items())
        if (std::find(known.begin(), known.end(), key) == known.end()) extra[key] = value;
    return extra;
}

// `format` and `version` of a file of `format`: a newer version is refused by
// name (docs/formats.md, "Versions"); `what` ends the message ("this codebook").
inline void checkFormatAndVersion(const Json& json, const std::string& path, std::string_view format,
                                  int newestVersion, std::string_view what) {
    const std::string found = readString(json, "format", path, true);
    require(found == format, join(path, "format"),
            "expected \"" + std::string(format) + "\", found \"" + found + "\"");
    const auto version = json.find("version");
    require(version != json.end() && version->is_number_integer(), join(path, "version"),
            "expected a whole number");
    require(version->get<int64_t>() <= newestVersion, join(path, "version"),
            version->dump() + " is newer than this Gloss reads (" + std::to_string(newestVersion) +
                "); update Gloss to open " + std::string(what));
    require(version->get<int64_t>() >= 1, join(path, "version"),
            version->dump() + " is not a version of this format");
}

} // namespace gloss::annotations::json_fields
