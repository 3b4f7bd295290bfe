// libxml2 documents for the source plugins, parsed so that nothing outside
// the given bytes is ever read: no network (XML_PARSE_NONET), no entity
// substitution and no DTD loading (so external entities are never fetched).
#pragma once

#include <libxml/tree.h>
#include <memory>
#include <string>
#include <string_view>

namespace gloss::sources {

struct XmlDocFree {
    void operator()(xmlDoc* doc) const { xmlFreeDoc(doc); }
};
using XmlDoc = std::unique_ptr<xmlDoc, XmlDocFree>;

// An XML part; throws plugin::Failure naming `part` when it is not
// well-formed or declares a DTD (which no DOCX part has).
XmlDoc parseXml(std::string_view bytes, const std::string& part);
// An HTML page, as browsers forgive it.
XmlDoc parseHtml(std::string_view bytes);

// The local name of an element of namespace `ns`, or "" for any other node.
std::string_view elementName(const xmlNode* node, std::string_view ns);
// An attribute of namespace `ns` (or none, when `ns` is empty); "" if absent.
std::string attribute(const xmlNode* node, const char* name, std::string_view ns = {});
// The text of a text or CDATA node.
std::string_view textOf(const xmlNode* node);

} // namespace gloss::sources
