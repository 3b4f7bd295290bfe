// Values of a file quoted in messages, cut to a few dozen bytes, so that a
// message about a 50 MB value (a note, a pattern) is still one short line.
// Header-only, in the SDK: Gloss's own libraries and its plugins quote the
// same way.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace gloss {

inline constexpr size_t kExcerptBytes = 40;

// The first kExcerptBytes bytes of `text`, cut back to the start of a UTF-8
// character, then "…" when anything was cut.
inline std::string cutForMessage(std::string_view text) {
    if (text.size() <= kExcerptBytes) return std::string(text);
    size_t end = kExcerptBytes;
    while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
    return std::string(text.substr(0, end)) + "\xE2\x80\xA6";
}

// cutForMessage(text) as a JSON string: in double quotes, with JSON's escapes
// for quotes, backslashes and control characters (so a line break cannot
// break the message's line), and U+FFFD for bytes that are not UTF-8.
inline std::string excerpt(std::string_view text) {
    const std::string shown = cutForMessage(text);
    std::string out = "\"";
    for (size_t i = 0; i < shown.size();) {
        const auto c = static_cast<unsigned char>(shown[i]);
        if (c == '"' || c == '\\') {
            out += '\\';
            out += shown[i++];
        } else if (c < 0x20) {
            static constexpr char kHex[] = "0123456789abcdef";
            const std::string_view named = c == '\n'   ? "\\n"
                                           : c == '\t' ? "\\t"
                                           : c == '\r' ? "\\r"
                                           : c == '\b' ? "\\b"
                                           : c == '\f' ? "\\f"
                                                       : "";
            if (!named.empty())
                out += named;
            else
                out += std::string("\\u00") + kHex[c >> 4] + kHex[c & 15];
            ++i;
        } else if (c < 0x80) {
            out += shown[i++];
        } else {
            const size_t length = c >= 0xC2 && c <= 0xDF   ? 2
                                  : c >= 0xE0 && c <= 0xEF ? 3
                                  : c >= 0xF0 && c <= 0xF4 ? 4
                                                           : 0;
            bool valid = length > 0 && i + length <= shown.size();
            for (size_t k = 1; valid && k < length; ++k)
                valid = (static_cast<unsigned char>(shown[i + k]) & 0xC0) == 0x80;
            if (valid) {
                out.append(shown, i, length);
                i += length;
            } else {
                out += "\xEF\xBF\xBD";
                ++i;
            }
        }
    }
    return out + "\"";
}

} // namespace gloss
