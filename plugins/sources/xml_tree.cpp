#include "xml_tree.hpp"

#include "xml_shape.hpp"

#include <climits>
#include <gloss/plugin.hpp>
#include <libxml/HTMLparser.h>
#include <libxml/parser.h>

namespace gloss::sources {

namespace {

int checkedSize(std::string_view bytes, const std::string& what) {
    if (bytes.size() > static_cast<size_t>(INT_MAX)) throw plugin::Failure(what + " is larger than 2 GiB");
    return static_cast<int>(bytes.size());
}

std::string lastXmlError() {
    const xmlError* error = xmlGetLastError();
    if (!error || !error->message) return "not well-formed";
    std::string message = error->message;
    while (!message.empty() && message.back() == '\n') message.pop_back();
    return "line " + std::to_string(error->line) + ": " + message;
}

} // namespace

XmlDoc parseXml(std::string_view bytes, const std::string& part) {
    plugin_support::checkXmlShape(bytes, part);
    xmlResetLastError();
    XmlDoc doc(xmlReadMemory(bytes.data(), checkedSize(bytes, part), part.c_str(), nullptr,
                             XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING));
    if (!doc) throw plugin::Failure(part + ": " + lastXmlError());
    if (doc->intSubset || doc->extSubset)
        throw plugin::Failure(part +
                              ": declares a DTD, which DOCX parts never do; its entities are not read");
    return doc;
}

XmlDoc parseHtml(std::string_view bytes) {
    // The encoding comes from a byte order mark or the page's <meta>; without
    // either libxml2 reads UTF-8 and falls back to Latin-1 where it is not.
    plugin_support::checkHtmlShape(bytes, "the page");
    XmlDoc doc(htmlReadMemory(bytes.data(), checkedSize(bytes, "the page"), "page.html", nullptr,
                              HTML_PARSE_NONET | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING));
    if (!doc) throw plugin::Failure("not an HTML page: " + lastXmlError());
    return doc;
}

std::string_view elementName(const xmlNode* node, std::string_view ns) {
    if (node->type != XML_ELEMENT_NODE) return {};
    const std::string_view href =
        node->ns && node->ns->href ? reinterpret_cast<const char*>(node->ns->href) : "";
    if (href != ns) return {};
    return reinterpret_cast<const char*>(node->name);
}

std::string attribute(const xmlNode* node, const char* name, std::string_view ns) {
    xmlChar* value = ns.empty() ? xmlGetNoNsProp(node, reinterpret_cast<const xmlChar*>(name))
                                : xmlGetNsProp(node, reinterpret_cast<const xmlChar*>(name),
                                               reinterpret_cast<const xmlChar*>(std::string(ns).c_str()));
    if (!value) return {};
    std::string text = reinterpret_cast<const char*>(value);
    xmlFree(value);
    return text;
}

std::string_view textOf(const xmlNode* node) {
    if ((node->type != XML_TEXT_NODE && node->type != XML_CDATA_SECTION_NODE) || !node->content) return {};
    return reinterpret_cast<const char*>(node->content);
}

} // namespace gloss::sources
