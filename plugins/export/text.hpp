// UTF-8 text helpers and HTML escaping shared by the formats. Input is valid
// UTF-8 (the host's report text, or strings the JSON parser checked).
#pragma once

#include <cstddef>
#include <gloss/html.hpp>
#include <string>
#include <string_view>

namespace gloss_export {

inline bool isContinuationByte(char c) {
    return (static_cast<unsigned char>(c) & 0xC0) == 0x80;
}

size_t codepointCount(std::string_view text);
// The byte offset `count` code points after / before `byte`, clamped to the text.
size_t advanceCodepoints(std::string_view text, size_t byte, size_t count);
size_t retreatCodepoints(std::string_view text, size_t byte, size_t count);
// The first / last `count` code points of `text`.
std::string_view firstCodepoints(std::string_view text, size_t count);
std::string_view lastCodepoints(std::string_view text, size_t count);
// The first `count` code points, with "…" when something was cut.
std::string excerpt(std::string_view text, size_t count);

// HTML escaping is the SDK's, shared with the editor's exports.
using gloss::html::appendHtmlEscaped;
using gloss::html::htmlEscaped;

} // namespace gloss_export
