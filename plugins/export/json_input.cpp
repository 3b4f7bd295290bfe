#include "json_input.hpp"

#include <gloss/plugin.hpp>

namespace gloss_export {

namespace {

constexpr size_t kMaxNesting = 64;

std::string lineAndColumn(std::string_view text, size_t at) {
    size_t line = 1;
    size_t lineStart = 0;
    for (size_t i = 0; i < at; ++i)
        if (text[i] == '\n') ++line, lineStart = i + 1;
    return "line " + std::to_string(line) + ", column " + std::to_string(at - lineStart + 1);
}

void checkNesting(std::string_view text) {
    size_t depth = 0;
    bool inString = false;
    for (size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (inString) {
            if (c == '\\')
                ++i;
            else if (c == '"')
                inString = false;
        } else if (c == '"') {
            inString = true;
        } else if (c == '[' || c == '{') {
            if (++depth > kMaxNesting)
                fail(lineAndColumn(text, i),
                     "nesting deeper than " + std::to_string(kMaxNesting) + " levels");
        } else if ((c == ']' || c == '}') && depth > 0) {
            --depth;
        }
    }
}

} // namespace

void fail(const std::string& where, const std::string& message) {
    throw gloss::plugin::Failure(where + ": " + message);
}

Json parseJson(std::string_view text) {
    checkNesting(text);
    try {
        return Json::parse(text);
    } catch (const Json::parse_error& e) {
        // "[json.exception.parse_error.101] parse error at line 1, column 2: ..." -> "line 1, column 2: ..."
        std::string message = e.what();
        if (const size_t at = message.find(" at line "); at != std::string::npos) message.erase(0, at + 4);
        throw gloss::plugin::Failure(message);
    }
}

std::string child(const std::string& path, std::string_view key) {
    return path.empty() ? std::string(key) : path + "." + std::string(key);
}

std::string item(const std::string& path, size_t index) {
    return path + "[" + std::to_string(index) + "]";
}

std::string describe(const Json& value) {
    switch (value.type()) {
    case Json::value_t::null:
        return "null";
    case Json::value_t::boolean:
        return "a boolean";
    case Json::value_t::string:
        return "a string";
    case Json::value_t::array:
        return "an array";
    case Json::value_t::object:
        return "an object";
    default:
        return "a number";
    }
}

std::string shortText(const Json& value) {
    std::string text = value.dump(-1, ' ', false, Json::error_handler_t::replace);
    if (text.size() <= 40) return text;
    size_t cut = 40;
    while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
    return text.substr(0, cut) + "...";
}

const Json* member(const Json& object, std::string_view key) {
    if (!object.is_object()) return nullptr;
    const auto it = object.find(key);
    return it == object.end() ? nullptr : &*it;
}

const Json& required(const Json& object, std::string_view key, const std::string& path) {
    const Json* value = member(object, key);
    if (!value) fail(child(path, key), "missing");
    return *value;
}

std::string asString(const Json& value, const std::string& path) {
    if (!value.is_string()) fail(path, "expected a string, found " + describe(value));
    return value.get<std::string>();
}

uint64_t asWholeNumber(const Json& value, const std::string& path) {
    if (value.is_number_unsigned()) return value.get<uint64_t>();
    if (value.is_number_integer()) fail(path, std::to_string(value.get<int64_t>()) + " is negative");
    if (value.is_number()) fail(path, "expected a whole number, found " + shortText(value));
    fail(path, "expected a whole number, found " + describe(value));
}

const Json& asObject(const Json& value, const std::string& path) {
    if (!value.is_object()) fail(path, "expected an object, found " + describe(value));
    return value;
}

const Json& asArray(const Json& value, const std::string& path) {
    if (!value.is_array()) fail(path, "expected an array, found " + describe(value));
    return value;
}

std::string optionalString(const Json& object, std::string_view key, const std::string& path,
                           std::string fallback, bool nullAllowed) {
    const Json* value = member(object, key);
    if (!value || (nullAllowed && value->is_null())) return fallback;
    return asString(*value, child(path, key));
}

} // namespace gloss_export
