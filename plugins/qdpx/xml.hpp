// libxml2, as the REFI-QDA project file needs it: a parser for untrusted
// XML that never loads anything (no network, no DTD, no external entity) and
// refuses a DOCTYPE outright, element helpers in the REFI namespace, and a
// writer that produces well-formed XML from any UTF-8 string.
#pragma once

#include <libxml/tree.h>
#include <libxml/xmlwriter.h>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace gloss_qdpx {

inline constexpr std::string_view kNamespace = "urn:QDA-XML:project:1.0";

struct XmlDocFreer {
    void operator()(xmlDoc* doc) const { xmlFreeDoc(doc); }
};
using XmlDocument = std::unique_ptr<xmlDoc, XmlDocFreer>;

// Parses `bytes` (the entry `name` of the archive); throws
// gloss::plugin::Failure naming `name` and the line of the first error.
XmlDocument parseXml(std::string_view bytes, std::string_view name);

// Element `node`'s name when it is in the REFI namespace, else empty.
std::string_view refiName(const xmlNode* node);
// The element children of `node` in the REFI namespace named `name`.
std::vector<const xmlNode*> children(const xmlNode* node, std::string_view name);
const xmlNode* firstChild(const xmlNode* node, std::string_view name);
std::optional<std::string> attribute(const xmlNode* node, const char* name);
std::string textOf(const xmlNode* node);
long lineOf(const xmlNode* node);

// Writes one XML document with two-space indentation.
class XmlWriter {
  public:
    XmlWriter();
    ~XmlWriter();
    XmlWriter(const XmlWriter&) = delete;
    XmlWriter& operator=(const XmlWriter&) = delete;

    void start(const char* element);
    // Attributes and text are written as given, except characters XML 1.0
    // cannot hold (controls other than tab and line ends, U+FFFE, U+FFFF),
    // which become U+FFFD.
    void attribute(const char* name, std::string_view value);
    void text(std::string_view value);
    void end();
    // Closes every open element and returns the document.
    std::string finish();

  private:
    void check(int result) const;
    xmlBuffer* buffer_;
    xmlTextWriter* writer_;
};

} // namespace gloss_qdpx
