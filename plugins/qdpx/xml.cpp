#include "xml.hpp"

#include "xml_shape.hpp"

#include <climits>
#include <gloss/plugin.hpp>
#include <libxml/parser.h>

namespace gloss_qdpx {

using gloss::plugin::Failure;

namespace {

const char* chars(const xmlChar* text) {
    return reinterpret_cast<const char*>(text);
}

const xmlChar* xml(const char* text) {
    return reinterpret_cast<const xmlChar*>(text);
}

struct ParserFreer {
    void operator()(xmlParserCtxt* context) const { xmlFreeParserCtxt(context); }
};

std::string trimmed(std::string text) {
    while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) text.pop_back();
    return text;
}

// `value` with the characters XML 1.0 cannot hold replaced by U+FFFD.
// `value` is valid UTF-8 (it came through the JSON parser).
std::string xmlSafe(std::string_view value) {
    std::string out;
    out.reserve(value.size());
    for (size_t i = 0; i < value.size(); ++i) {
        const auto c = static_cast<unsigned char>(value[i]);
        if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') {
            out += "\xEF\xBF\xBD";
        } else if (c == 0xEF && i + 2 < value.size() && static_cast<unsigned char>(value[i + 1]) == 0xBF &&
                   (static_cast<unsigned char>(value[i + 2]) & 0xFE) == 0xBE) {
            out += "\xEF\xBF\xBD"; // U+FFFE or U+FFFF
            i += 2;
        } else {
            out += value[i];
        }
    }
    return out;
}

} // namespace

XmlDocument parseXml(std::string_view bytes, std::string_view name) {
    const std::string where(name);
    if (bytes.size() > static_cast<size_t>(INT_MAX)) throw Failure(where + ": too large to parse");
    gloss::plugin_support::checkXmlShape(bytes, where);
    const std::unique_ptr<xmlParserCtxt, ParserFreer> context(xmlNewParserCtxt());
    if (!context) throw Failure(where + ": out of memory");
    // NONET: nothing from the network. No NOENT, DTDLOAD, DTDATTR or
    // DTDVALID: entities are not substituted and no DTD or external entity is
    // read. No HUGE: libxml2's limits on depth and text sizes stay on.
    XmlDocument doc(xmlCtxtReadMemory(context.get(), bytes.data(), static_cast<int>(bytes.size()),
                                      where.c_str(), nullptr,
                                      XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING));
    if (!doc) {
        const xmlError* error = xmlCtxtGetLastError(context.get());
        if (!error) throw Failure(where + ": not well-formed XML");
        throw Failure(where + ": line " + std::to_string(error->line) + ": " +
                      trimmed(error->message ? error->message : "not well-formed XML"));
    }
    if (doc->intSubset || doc->extSubset)
        throw Failure(where + ": has a DOCTYPE; REFI-QDA project files have none, and Gloss loads no DTD or "
                              "entity");
    return doc;
}

std::string_view refiName(const xmlNode* node) {
    if (!node || node->type != XML_ELEMENT_NODE || !node->ns || !node->ns->href) return {};
    if (chars(node->ns->href) != kNamespace) return {};
    return chars(node->name);
}

std::vector<const xmlNode*> children(const xmlNode* node, std::string_view name) {
    std::vector<const xmlNode*> found;
    for (const xmlNode* child = node ? node->children : nullptr; child; child = child->next)
        if (refiName(child) == name) found.push_back(child);
    return found;
}

const xmlNode* firstChild(const xmlNode* node, std::string_view name) {
    for (const xmlNode* child = node ? node->children : nullptr; child; child = child->next)
        if (refiName(child) == name) return child;
    return nullptr;
}

std::optional<std::string> attribute(const xmlNode* node, const char* name) {
    xmlChar* value = xmlGetNoNsProp(node, xml(name));
    if (!value) return std::nullopt;
    std::string text = chars(value);
    xmlFree(value);
    return text;
}

std::string textOf(const xmlNode* node) {
    xmlChar* value = xmlNodeGetContent(node);
    if (!value) return {};
    std::string text = chars(value);
    xmlFree(value);
    return text;
}

long lineOf(const xmlNode* node) {
    return xmlGetLineNo(node);
}

XmlWriter::XmlWriter()
    : buffer_(xmlBufferCreate()), writer_(buffer_ ? xmlNewTextWriterMemory(buffer_, 0) : nullptr) {
    if (!writer_) {
        if (buffer_) xmlBufferFree(buffer_);
        throw Failure("out of memory");
    }
    check(xmlTextWriterSetIndent(writer_, 1));
    check(xmlTextWriterSetIndentString(writer_, xml("  ")));
    check(xmlTextWriterStartDocument(writer_, nullptr, "UTF-8", nullptr));
}

XmlWriter::~XmlWriter() {
    xmlFreeTextWriter(writer_);
    xmlBufferFree(buffer_);
}

void XmlWriter::check(int result) const {
    if (result < 0) throw Failure("cannot write project.qde (libxml2 writer error)");
}

void XmlWriter::start(const char* element) {
    check(xmlTextWriterStartElement(writer_, xml(element)));
}

void XmlWriter::attribute(const char* name, std::string_view value) {
    check(xmlTextWriterWriteAttribute(writer_, xml(name), xml(xmlSafe(value).c_str())));
}

void XmlWriter::text(std::string_view value) {
    check(xmlTextWriterWriteString(writer_, xml(xmlSafe(value).c_str())));
}

void XmlWriter::end() {
    check(xmlTextWriterEndElement(writer_));
}

std::string XmlWriter::finish() {
    check(xmlTextWriterEndDocument(writer_));
    check(xmlTextWriterFlush(writer_));
    return std::string(chars(xmlBufferContent(buffer_)), static_cast<size_t>(xmlBufferLength(buffer_)));
}

} // namespace gloss_qdpx
