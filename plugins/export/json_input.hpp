// Reading untrusted JSON: a bounded parse, and typed access to fields that
// names the JSON path of whatever is wrong (`first.items[3].target.selector`).
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

namespace gloss_export {

using Json = nlohmann::json;
using OrderedJson = nlohmann::ordered_json;

// Throws gloss::plugin::Failure("WHERE: MESSAGE").
[[noreturn]] void fail(const std::string& where, const std::string& message);

// Parses `text`, refusing nesting deeper than 64 levels (as Gloss's own
// reader does) before the parser sees it. Errors say `line L, column C`.
Json parseJson(std::string_view text);

// Paths: child("first", "items") is "first.items"; child("", "x") is "x".
std::string child(const std::string& path, std::string_view key);
std::string item(const std::string& path, size_t index);

// "null", "a boolean", "a number", "a string", "an array", "an object".
std::string describe(const Json& value);
// `value` as JSON text, cut to 40 bytes, for messages.
std::string shortText(const Json& value);

// The member `key` of `object`, or nullptr when absent.
const Json* member(const Json& object, std::string_view key);
const Json& required(const Json& object, std::string_view key, const std::string& path);

std::string asString(const Json& value, const std::string& path);
uint64_t asWholeNumber(const Json& value, const std::string& path);
const Json& asObject(const Json& value, const std::string& path);
const Json& asArray(const Json& value, const std::string& path);

// An optional string member: `fallback` when absent (or null, when allowed).
std::string optionalString(const Json& object, std::string_view key, const std::string& path,
                           std::string fallback = {}, bool nullAllowed = false);

} // namespace gloss_export
