// docx: the text of Word documents (Office Open XML), read with libzip and
// libxml2: paragraphs and headings as blocks, list items with a bullet,
// table rows as tab-separated lines, footnotes numbered at the end.

#include "block_text.hpp"
#include "extractors.hpp"
#include "source_plugin.hpp"
#include "xml_tree.hpp"
#include "zip_archive.hpp"

#include <algorithm>
#include <charconv>
#include <gloss/plugin.hpp>
#include <libxml/xmlversion.h>
#include <map>
#include <optional>
#include <zip.h> // LIBZIP_VERSION

namespace gloss::sources {

namespace {

constexpr std::string_view kWordNs = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

// "[3]": where footnote 3 is referred to, and where its text starts. Built by
// appending: `"[" + ...` draws a false -Wrestrict from GCC 12 at -O3 (bug 105329).
std::string footnoteMark(int number) {
    std::string mark = "[";
    mark += std::to_string(number);
    mark += ']';
    return mark;
}

// The bytes of one part, or nullopt when the package has none of that name.
std::optional<std::string> readPart(const plugin_support::ZipReader& package, const char* name) {
    if (!package.contains(name)) return std::nullopt;
    return package.read(name);
}

// Walks the WordprocessingML body into text.
class WordText {
  public:
    explicit WordText(BlockText& out) : out_(out) {}

    // Footnote ids in the order the body refers to them: [1], [2], ...
    const std::map<std::string, int>& footnoteNumbers() const { return footnotes_; }

    void blocks(const xmlNode* parent) {
        for (const xmlNode* node = parent->children; node; node = node->next) {
            const std::string_view name = elementName(node, kWordNs);
            if (name == "p") {
                paragraph(node);
            } else if (name == "tbl") {
                table(node);
            } else if (name == "sdt" || name == "sdtContent" || name == "customXml" || name == "ins") {
                blocks(node);
            }
        }
    }

  private:
    // A block of its own, or, inside a table cell, a space from the cell's
    // text so far.
    void paragraph(const xmlNode* p) {
        if (inCell_ == 0)
            out_.endBlock();
        else
            out_.flowing(" ");
        uint32_t level = 0;
        for (const xmlNode* node = p->children; node; node = node->next) {
            if (elementName(node, kWordNs) != "pPr") continue;
            for (const xmlNode* property = node->children; property; property = property->next) {
                const std::string_view name = elementName(property, kWordNs);
                if (name == "numPr") out_.verbatim("\u2022 ");
                if (name == "pStyle" || name == "outlineLvl")
                    level = std::max(level, headingLevel(name, attribute(property, "val", kWordNs)));
            }
        }
        if (level > 0 && inCell_ == 0) out_.beginHeading(level);
        inline_(p);
        if (level > 0 && inCell_ == 0) out_.endHeading();
    }

    // A paragraph's heading level from its style ("Title", "Heading2") or
    // its outline level ("0" is the top); 0 for body text.
    static uint32_t headingLevel(std::string_view property, std::string_view value) {
        unsigned number = 0;
        if (property == "outlineLvl") {
            if (std::from_chars(value.data(), value.data() + value.size(), number).ec != std::errc() ||
                number > 8)
                return 0;
            return std::min(number + 1, 6u);
        }
        if (value == "Title") return 1;
        if (!value.starts_with("Heading")) return 0;
        value.remove_prefix(7);
        if (std::from_chars(value.data(), value.data() + value.size(), number).ec != std::errc() ||
            number < 1)
            return 0;
        return std::min(number, 6u);
    }

    void inline_(const xmlNode* parent) {
        for (const xmlNode* node = parent->children; node; node = node->next) {
            const std::string_view name = elementName(node, kWordNs);
            if (name == "t") {
                for (const xmlNode* text = node->children; text; text = text->next)
                    out_.verbatim(textOf(text));
            } else if (name == "tab") {
                out_.verbatim("\t");
            } else if (name == "br" || name == "cr") {
                if (inCell_ == 0)
                    out_.endLine();
                else
                    out_.flowing(" ");
            } else if (name == "noBreakHyphen") {
                out_.verbatim("-");
            } else if (name == "footnoteReference") {
                const std::string id = attribute(node, "id", kWordNs);
                const int number =
                    footnotes_.emplace(id, static_cast<int>(footnotes_.size()) + 1).first->second;
                out_.verbatim(footnoteMark(number));
            } else if (name == "r" || name == "hyperlink" || name == "ins" || name == "smartTag" ||
                       name == "fldSimple" || name == "sdt" || name == "sdtContent" || name == "customXml") {
                inline_(node);
            }
            // Everything else is formatting (pPr, rPr), deleted text (del) or field code (instrText).
        }
    }

    void table(const xmlNode* tbl) {
        out_.endBlock();
        for (const xmlNode* row = tbl->children; row; row = row->next) {
            if (elementName(row, kWordNs) != "tr") continue;
            bool first = true;
            for (const xmlNode* cell = row->children; cell; cell = cell->next) {
                if (elementName(cell, kWordNs) != "tc") continue;
                if (!first) out_.verbatim("\t");
                first = false;
                ++inCell_;
                cellText(cell);
                --inCell_;
            }
            out_.endLine();
        }
        out_.endBlock();
    }

    // A cell's paragraphs joined by spaces; a nested table's text stays in the cell.
    void cellText(const xmlNode* cell) {
        for (const xmlNode* node = cell->children; node; node = node->next) {
            const std::string_view name = elementName(node, kWordNs);
            if (name == "p")
                paragraph(node);
            else if (name == "tbl" || name == "tr" || name == "tc" || name == "sdt" || name == "sdtContent")
                cellText(node);
        }
    }

    BlockText& out_;
    std::map<std::string, int> footnotes_;
    int inCell_ = 0;
};

const xmlNode* childElement(const xmlNode* parent, std::string_view name) {
    for (const xmlNode* node = parent ? parent->children : nullptr; node; node = node->next)
        if (elementName(node, kWordNs) == name) return node;
    return nullptr;
}

} // namespace

Extracted extractDocx(std::string_view bytes) {
    // Entry sizes and compression ratios are checked before anything is inflated.
    const plugin_support::ZipReader package(bytes, {}, "not a DOCX file: the ZIP container cannot be read");
    const auto document = readPart(package, "word/document.xml");
    if (!document) throw plugin::Failure("not a DOCX file: it has no word/document.xml");
    const XmlDoc tree = parseXml(*document, "word/document.xml");
    const xmlNode* root = xmlDocGetRootElement(tree.get());
    const xmlNode* body = elementName(root, kWordNs) == "document" ? childElement(root, "body") : nullptr;
    if (!body) throw plugin::Failure("word/document.xml: no w:document with a w:body");

    BlockText out;
    WordText word(out);
    word.blocks(body);

    if (!word.footnoteNumbers().empty()) {
        if (const auto footnotes = readPart(package, "word/footnotes.xml")) {
            const XmlDoc notes = parseXml(*footnotes, "word/footnotes.xml");
            std::map<int, const xmlNode*> byNumber;
            for (const xmlNode* note = xmlDocGetRootElement(notes.get())->children; note; note = note->next) {
                if (elementName(note, kWordNs) != "footnote") continue;
                const auto number = word.footnoteNumbers().find(attribute(note, "id", kWordNs));
                if (number != word.footnoteNumbers().end()) byNumber.emplace(number->second, note);
            }
            for (const auto& [number, note] : byNumber) {
                out.endBlock();
                out.verbatim(footnoteMark(number) + " ");
                BlockText noteText;
                WordText(noteText).blocks(note);
                std::string text = noteText.finish();
                for (char& c : text)
                    if (c == '\n') c = ' ';
                out.flowing(text);
            }
        }
    }
    std::string text = out.finish();
    if (text.empty()) throw plugin::Failure("the document has no text");
    return {std::move(text), {}, out.headings()};
}

namespace {

const SourceSpec spec{"docx",
                      "gloss-docx",
                      "1.0.0 (libzip " LIBZIP_VERSION ", libxml2 " LIBXML_DOTTED_VERSION ")",
                      "docx",
                      "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                      {},
                      extractDocx};

} // namespace

} // namespace gloss::sources

GLOSS_SOURCE_PLUGIN(gloss::sources::spec, "docx", "Word documents",
                    "Opens .docx reports: paragraphs, headings, lists, tables and footnotes as text.")
