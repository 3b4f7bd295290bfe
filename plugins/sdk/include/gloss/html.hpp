// gloss/html.hpp: header-only HTML escaping for exporters that write HTML
// (Gloss's own html export and the editor's coded-segments export use it).
#pragma once

#include <string>
#include <string_view>

namespace gloss::html {

// Escapes & < > " ' so the result is inert both as text and inside a quoted
// attribute value. NUL becomes U+FFFD, as an HTML parser would read it.
inline void appendHtmlEscaped(std::string& out, std::string_view text) {
    for (const char c : text) {
        switch (c) {
        case '&':
            out += "&amp;";
            break;
        case '<':
            out += "&lt;";
            break;
        case '>':
            out += "&gt;";
            break;
        case '"':
            out += "&quot;";
            break;
        case '\'':
            out += "&#39;";
            break;
        case '\0':
            out += "\xEF\xBF\xBD";
            break;
        default:
            out += c;
        }
    }
}

inline std::string htmlEscaped(std::string_view text) {
    std::string out;
    out.reserve(text.size() + text.size() / 8);
    appendHtmlEscaped(out, text);
    return out;
}

} // namespace gloss::html
