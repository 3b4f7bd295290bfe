// html: the text of web pages, read with libxml2's HTML parser: block
// elements become blocks, table rows tab-separated lines, scripts, styles
// and the head are dropped, entities decoded. Nothing is fetched.

#include "block_text.hpp"
#include "extractors.hpp"
#include "source_plugin.hpp"
#include "xml_tree.hpp"

#include <array>
#include <gloss/plugin.hpp>
#include <libxml/xmlversion.h>

namespace gloss::sources {

namespace {

bool isOneOf(std::string_view name, std::initializer_list<std::string_view> names) {
    for (const std::string_view candidate : names)
        if (name == candidate) return true;
    return false;
}

// Elements whose content is not part of the page's text.
bool isDropped(std::string_view name) {
    return isOneOf(name, {"head", "script", "style", "noscript", "template", "iframe", "object", "svg",
                          "math", "select", "button"});
}

bool isBlock(std::string_view name) {
    return isOneOf(name,
                   {"address", "article", "aside", "blockquote", "body",       "caption", "dd",     "details",
                    "div",     "dl",      "dt",    "fieldset",   "figcaption", "figure",  "footer", "form",
                    "h1",      "h2",      "h3",    "h4",         "h5",         "h6",      "header", "hr",
                    "html",    "legend",  "li",    "main",       "nav",        "ol",      "p",      "pre",
                    "section", "summary", "table", "tbody",      "thead",      "tfoot",   "ul"});
}

class PageText {
  public:
    void walk(const xmlNode* parent) {
        for (const xmlNode* node = parent->children; node; node = node->next) {
            if (node->type == XML_TEXT_NODE || node->type == XML_CDATA_SECTION_NODE) {
                if (preformatted_ > 0)
                    out_.verbatim(textOf(node));
                else
                    out_.flowing(textOf(node));
                continue;
            }
            if (node->type != XML_ELEMENT_NODE) continue;
            element(node, elementName(node, {}));
        }
    }

    std::string finish() { return out_.finish(); }
    const std::vector<gloss_heading>& headings() const { return out_.headings(); }

  private:
    void element(const xmlNode* node, std::string_view name) {
        if (isDropped(name)) return;
        if (name == "br") {
            out_.endLine();
        } else if (name == "tr") {
            out_.endLine();
            firstCell_ = true;
            walk(node);
            out_.endLine();
        } else if (name == "td" || name == "th") {
            if (!firstCell_) out_.verbatim("\t");
            firstCell_ = false;
            walk(node);
        } else if (name == "li") {
            out_.endLine();
            out_.verbatim("\u2022 ");
            walk(node);
            out_.endLine();
        } else if (isBlock(name)) {
            out_.endBlock();
            // h1 to h6: headings of the outline.
            const bool heading = name.size() == 2 && name[0] == 'h' && name[1] >= '1' && name[1] <= '6';
            if (heading) out_.beginHeading(static_cast<uint32_t>(name[1] - '0'));
            preformatted_ += name == "pre";
            walk(node);
            preformatted_ -= name == "pre";
            if (heading) out_.endHeading();
            out_.endBlock();
        } else {
            walk(node); // inline: a, b, em, span, ...
        }
    }

    BlockText out_;
    int preformatted_ = 0;
    bool firstCell_ = true;
};

} // namespace

Extracted extractHtml(std::string_view bytes) {
    const XmlDoc page = parseHtml(bytes);
    PageText text;
    text.walk(reinterpret_cast<const xmlNode*>(page.get()));
    std::string result = text.finish();
    if (result.empty()) throw plugin::Failure("the page has no text");
    return {std::move(result), {}, text.headings()};
}

namespace {

const SourceSpec spec{"html",           "gloss-html", "1.0.0 (libxml2 " LIBXML_DOTTED_VERSION ")",
                      "html htm xhtml", "text/html",  {},
                      extractHtml};

} // namespace

} // namespace gloss::sources

GLOSS_SOURCE_PLUGIN(gloss::sources::spec, "html", "Web pages",
                    "Opens .html reports: the page's text by block, without scripts or styles.")
