#include "gloss/annotations/bounded_json.hpp"

#include "gloss/annotations/format_error.hpp"
#include "record_reading.hpp"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <optional>
#include <string>

namespace gloss::annotations {

namespace {

std::string tooDeep() {
    return "nesting deeper than " + std::to_string(kMaxJsonDepth) + " levels";
}

std::string lineAndColumn(std::string_view text, size_t byte) {
    size_t line = 1;
    size_t lineStart = 0;
    for (size_t i = 0; i < byte && i < text.size(); ++i) {
        if (text[i] == '\n') {
            ++line;
            lineStart = i + 1;
        }
    }
    return "line " + std::to_string(line) + ", column " + std::to_string(byte - lineStart + 1);
}

// An integer outside the 64-bit range would be read as a rounded double and
// saved so (nlohmann keeps no number's text), and a number beyond a double's
// range is an error nlohmann gives without a place: both are refused here,
// where the place is known. `token` is a number's text, as JSON spells it.
std::optional<std::string> numberProblem(std::string_view token) {
    if (token.find_first_of(".eE") == std::string_view::npos) {
        const bool negative = token.starts_with('-');
        const std::string_view digits = token.substr(negative ? 1 : 0);
        const std::string_view largest = negative ? "9223372036854775808" : "18446744073709551615";
        if (digits.size() < largest.size() || (digits.size() == largest.size() && digits <= largest))
            return std::nullopt;
        return "the integer " + excerpt(token) +
               " is outside the 64-bit range, so Gloss could not save it as written; write it as a string";
    }
    if (std::isfinite(std::strtod(std::string(token).c_str(), nullptr))) return std::nullopt;
    return "the number " + excerpt(token) + " is too large (beyond a double's range)";
}

} // namespace

// One linear pass that tracks only strings, brackets and numbers: cheap next
// to the parse itself, and it refuses deep nesting and over-long strings
// before any allocation happens.
void checkJsonText(std::string_view text) {
    int depth = 0;
    bool inString = false;
    size_t stringStart = 0;
    std::string_view lastString, key; // the key of the value being read, when known
    for (size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (inString) {
            if (i - stringStart > kMaxJsonStringBytes)
                throw FormatError(
                    lineAndColumn(text, stringStart - 1), // its opening quote
                    "a string longer than " + std::to_string(kMaxJsonStringBytes) +
                        " bytes, far more than any field of a Gloss file may hold (docs/formats.md)");
            if (c == '\\') {
                ++i;
            } else if (c == '"') {
                inString = false;
                lastString = text.substr(stringStart, i - stringStart);
            }
            continue;
        }
        if (c == '"') {
            inString = true;
            stringStart = i + 1;
        } else if (c == ':') {
            key = lastString;
        } else if (c == '[' || c == '{') {
            if (++depth > kMaxJsonDepth) throw FormatError(lineAndColumn(text, i), tooDeep());
        } else if (c == ']' || c == '}') {
            --depth;
        } else if (c == '-' || (c >= '0' && c <= '9')) {
            size_t after = i;
            while (after < text.size() &&
                   std::string_view("0123456789+-.eE").find(text[after]) != std::string_view::npos)
                ++after;
            if (const auto problem = numberProblem(text.substr(i, after - i)))
                throw FormatError(lineAndColumn(text, i),
                                  (key.empty() ? "" : "in " + excerpt(key) + ", ") + *problem);
            i = after - 1;
        } else if (c == '\0') {
            // nlohmann's parser takes a NUL byte for the end of the text and would ignore what follows.
            throw FormatError(lineAndColumn(text, i),
                              "a NUL byte, which JSON allows only escaped in a string");
        }
    }
}

namespace {

int depthOf(const nlohmann::ordered_json& value) {
    int deepest = 0;
    if (value.is_structured())
        for (const auto& child : value) deepest = std::max(deepest, depthOf(child));
    return value.is_structured() ? deepest + 1 : 0;
}

// nlohmann's messages start with "[json.exception.parse_error.101] parse error
// at line 1, column 2: "; we state the position ourselves.
std::string plainMessage(const std::string& what) {
    const auto colon = what.find(": ");
    std::string message = colon == std::string::npos ? what : what.substr(colon + 2);
    if (message.find("ill-formed UTF-8") != std::string::npos) return "ill-formed UTF-8 in a string";
    return message;
}

} // namespace

nlohmann::ordered_json parseBoundedJson(std::string_view text) {
    checkJsonText(text);
    try {
        return nlohmann::ordered_json::parse(text.begin(), text.end());
    } catch (const nlohmann::ordered_json::parse_error& e) {
        // e.byte is 1-based and points just past the offending character.
        const size_t byte = e.byte > 0 ? e.byte - 1 : 0;
        throw FormatError(lineAndColumn(text, byte), plainMessage(e.what()));
    }
}

void checkWrittenDepth(const nlohmann::ordered_json& value, int outerLevels, const std::string& where) {
    if (outerLevels + depthOf(value) > kMaxJsonDepth) throw FormatError(where, tooDeep());
}

} // namespace gloss::annotations
