#include "gloss/annotations/bounded_json.hpp"

#include "gloss/annotations/format_error.hpp"

#include <string>

namespace gloss::annotations {

namespace {

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

// One linear pass that tracks only strings and brackets: cheap next to the
// parse itself, and it refuses deep nesting and over-long strings before any
// allocation happens.
void checkNesting(std::string_view text) {
    int depth = 0;
    bool inString = false;
    size_t stringStart = 0;
    for (size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (inString) {
            if (i - stringStart > kMaxJsonStringBytes)
                throw FormatError(
                    lineAndColumn(text, stringStart),
                    "a string longer than " + std::to_string(kMaxJsonStringBytes) +
                        " bytes, far more than any field of a Gloss file may hold (docs/formats.md)");
            if (c == '\\')
                ++i;
            else if (c == '"')
                inString = false;
            continue;
        }
        if (c == '"') {
            inString = true;
            stringStart = i;
        } else if (c == '[' || c == '{') {
            if (++depth > kMaxJsonDepth)
                throw FormatError(lineAndColumn(text, i),
                                  "nesting deeper than " + std::to_string(kMaxJsonDepth) + " levels");
        } else if (c == ']' || c == '}') {
            --depth;
        }
    }
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
    checkNesting(text);
    try {
        return nlohmann::ordered_json::parse(text.begin(), text.end());
    } catch (const nlohmann::ordered_json::parse_error& e) {
        // e.byte is 1-based and points just past the offending character.
        const size_t byte = e.byte > 0 ? e.byte - 1 : 0;
        throw FormatError(lineAndColumn(text, byte), plainMessage(e.what()));
    }
    // A number too large for a double ("1E999") is not a syntax error to
    // nlohmann, and it carries no position.
    catch (const nlohmann::ordered_json::out_of_range& e) {
        throw FormatError("", plainMessage(e.what()));
    }
}

} // namespace gloss::annotations
