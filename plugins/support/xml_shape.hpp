// The shape of an XML part (elements, nesting, attributes on one element),
// counted before libxml2 builds its tree: libxml2 takes a few hundred bytes
// per element and compares an element's attribute names with each other, so
// a small hostile part could take gigabytes or minutes. The limits are
// limits.hpp's kXmlElements, kXmlDepth and kXmlAttributes.
#pragma once

#include <string>
#include <string_view>

namespace gloss::plugin_support {

// Throws gloss::plugin::Failure "PART: XML elements: more than the limit of
// ..." when `xml` is over a limit. For well-formed XML the counts are
// exact; anything else libxml2 refuses afterwards.
void checkXmlShape(std::string_view xml, const std::string& part);

// For an HTML page only the elements are counted (an upper bound): HTML
// leaves elements open, and a script's "<" and "=" are not markup.
void checkHtmlShape(std::string_view html, const std::string& part);

} // namespace gloss::plugin_support
