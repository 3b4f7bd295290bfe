#include "xml_shape.hpp"

#include <cstring>
#include <gloss/limits.hpp>
#include <gloss/plugin.hpp>

namespace gloss::plugin_support {

namespace {

namespace limits = gloss::limits;

// Where `closing` ends after `from`, or the end of the text.
size_t skipPast(std::string_view xml, size_t from, std::string_view closing) {
    const size_t at = xml.find(closing, from);
    return at == std::string_view::npos ? xml.size() : at + closing.size();
}

enum class Dialect { Xml, Html };

void checkShape(std::string_view xml, const std::string& part, Dialect dialect) {
    const uint64_t maxElements = limits::valueOf(limits::kXmlElements);
    const uint64_t maxDepth = limits::valueOf(limits::kXmlDepth);
    const uint64_t maxAttributes = limits::valueOf(limits::kXmlAttributes);
    const auto refuse = [&](const limits::Limit& limit) {
        throw gloss::plugin::Failure(part + ": " + limits::exceeded(limit));
    };
    uint64_t elements = 0, depth = 0;
    for (size_t at = 0; at < xml.size();) {
        const void* open = std::memchr(xml.data() + at, '<', xml.size() - at);
        if (!open) break;
        at = static_cast<size_t>(static_cast<const char*>(open) - xml.data()) + 1;
        const std::string_view rest = xml.substr(at);
        if (rest.starts_with("!--")) {
            at = skipPast(xml, at, "-->");
        } else if (rest.starts_with("![CDATA[")) {
            at = skipPast(xml, at, "]]>");
        } else if (rest.starts_with("?")) {
            at = skipPast(xml, at, "?>");
        } else if (rest.starts_with("!")) {
            at = skipPast(xml, at, ">"); // a DOCTYPE, which the parsers refuse
        } else if (rest.starts_with("/")) {
            if (depth > 0) --depth;
            at = skipPast(xml, at, ">");
        } else {
            if (++elements > maxElements) refuse(limits::kXmlElements);
            // The start tag: each '=' outside quoted values is an attribute.
            uint64_t attributes = 0;
            char quote = 0;
            for (; at < xml.size(); ++at) {
                const char c = xml[at];
                if (quote) {
                    if (c == quote) quote = 0;
                } else if (c == '"' || c == '\'') {
                    quote = c;
                } else if (c == '=' && dialect == Dialect::Xml) {
                    if (++attributes > maxAttributes) refuse(limits::kXmlAttributes);
                } else if (c == '>') {
                    break;
                }
            }
            if (dialect == Dialect::Xml && at < xml.size() && xml[at - 1] != '/' && ++depth > maxDepth)
                refuse(limits::kXmlDepth);
            ++at;
        }
    }
}

} // namespace

void checkXmlShape(std::string_view xml, const std::string& part) {
    checkShape(xml, part, Dialect::Xml);
}

void checkHtmlShape(std::string_view html, const std::string& part) {
    checkShape(html, part, Dialect::Html);
}

} // namespace gloss::plugin_support
