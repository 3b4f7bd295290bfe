// qdpx export: one TextSource (the report, as sources/<guid>.txt), the
// codebook as nested Codes, each annotation as a PlainTextSelection at its
// code-point range with one Coding per tag and its note as Description, and
// the authors as Users. Orphaned annotations have no place in the report and
// are left out, with a warning.

#include "annotation_file.hpp"
#include "qdpx.hpp"
#include "xml.hpp"
#include "zip_archive.hpp"

#include <algorithm>
#include <cctype>
#include <map>
#include <set>

namespace gloss_qdpx {

using namespace gloss_export;

std::string guidFor(std::string_view kind, std::string_view id) {
    if (isUuid(id)) {
        std::string guid(id);
        for (char& c : guid) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        return guid;
    }
    return derivedUuid("gloss:" + std::string(kind) + ":" + std::string(id));
}

namespace {

// Archive entries are dated 2000-01-01T00:00:00Z: the same file exports to
// the same bytes, and zip cannot date anything before 1980.
constexpr int64_t kEntryTime = 946'684'800;

// A date-time as xsd:dateTime wants it ('T' and 'Z' upper case), or empty
// when Gloss has none or it is not RFC 3339.
std::string xsdDateTime(std::string_view value) {
    if (!isRfc3339(value)) return {};
    std::string out(value);
    for (char& c : out)
        if (c == 't' || c == 'z') c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return out;
}

// The name shown for a selection in the other tools: the start of its quote.
std::string selectionName(std::string_view quote) {
    constexpr size_t kCodepoints = 60;
    std::string name;
    size_t codepoints = 0;
    for (size_t i = 0; i < quote.size(); ++i) {
        const char c = quote[i];
        if ((static_cast<unsigned char>(c) & 0xC0) != 0x80 && ++codepoints > kCodepoints) return name + "…";
        name += (c == '\n' || c == '\r' || c == '\t') ? ' ' : c;
    }
    return name;
}

class ProjectWriter {
  public:
    ProjectWriter(const Host& host, AnnotationFile file) : host_(host), file_(std::move(file)) {
        addMissingTags();
        for (const Record& record : file_.annotations)
            if (!record.author.empty()) users_.emplace(record.author, guidFor("user", record.author));
        sourceGuid_ = guidFor("source", file_.reportSha256 + "/" + file_.reportName);
    }

    std::string sourceEntry() const { return std::string(kSourcesFolder) + sourceGuid_ + ".txt"; }

    std::string project() {
        XmlWriter xml;
        xml.start("Project");
        xml.attribute("xmlns", kNamespace);
        xml.attribute("name", file_.reportName);
        xml.attribute("origin", "Gloss");
        writeUsers(xml);
        writeCodeBook(xml);
        writeSources(xml);
        return xml.finish();
    }

  private:
    // Tags an annotation uses but the embedded codebook lacks still need a Code.
    void addMissingTags() {
        std::set<std::string, std::less<>> known;
        for (const Tag& tag : file_.codebook) known.insert(tag.id);
        for (const Record& record : file_.annotations)
            for (const std::string& id : record.tags)
                if (known.insert(id).second) file_.codebook.push_back({id, id, paletteColor(id), {}, {}});
    }

    void writeUsers(XmlWriter& xml) const {
        if (users_.empty()) return;
        xml.start("Users");
        for (const auto& [name, guid] : users_) {
            xml.start("User");
            xml.attribute("guid", guid);
            xml.attribute("name", name);
            xml.end();
        }
        xml.end();
    }

    void writeCodeBook(XmlWriter& xml) {
        if (file_.codebook.empty()) return;
        std::map<std::string, std::vector<const Tag*>, std::less<>> children;
        std::set<std::string, std::less<>> ids;
        for (const Tag& tag : file_.codebook) ids.insert(tag.id);
        for (const Tag& tag : file_.codebook)
            if (!tag.parent.empty() && tag.parent != tag.id && ids.contains(tag.parent))
                children[tag.parent].push_back(&tag);
        xml.start("CodeBook");
        xml.start("Codes");
        std::set<std::string, std::less<>> written;
        for (const Tag& tag : file_.codebook)
            if (tag.parent.empty() || !ids.contains(tag.parent)) writeCode(xml, tag, children, written);
        // Tags whose parents form a cycle are reached from no root: they go
        // to the top level rather than being lost.
        for (const Tag& tag : file_.codebook)
            if (!written.contains(tag.id)) writeCode(xml, tag, children, written);
        xml.end();
        xml.end();
    }

    void writeCode(XmlWriter& xml, const Tag& tag,
                   const std::map<std::string, std::vector<const Tag*>, std::less<>>& children,
                   std::set<std::string, std::less<>>& written) {
        if (!written.insert(tag.id).second) return;
        xml.start("Code");
        xml.attribute("guid", guidFor("code", tag.id));
        xml.attribute("name", tag.label);
        xml.attribute("isCodable", "true");
        xml.attribute("color", tag.color);
        if (!tag.description.empty()) {
            xml.start("Description");
            xml.text(tag.description);
            xml.end();
        }
        if (const auto found = children.find(tag.id); found != children.end())
            for (const Tag* child : found->second) writeCode(xml, *child, children, written);
        xml.end();
    }

    void writeSources(XmlWriter& xml) const {
        xml.start("Sources");
        xml.start("TextSource");
        xml.attribute("guid", sourceGuid_);
        xml.attribute("name", file_.reportName);
        xml.attribute("plainTextPath", std::string(kInternalScheme) + sourceGuid_ + ".txt");
        size_t orphans = 0;
        for (const Record& record : file_.annotations) {
            if (record.status == "orphaned") {
                ++orphans;
                continue;
            }
            writeSelection(xml, record);
        }
        xml.end();
        xml.end();
        if (orphans)
            host_.warn(std::to_string(orphans) +
                       " orphaned annotations were left out: they have no place in the report");
    }

    void writeSelection(XmlWriter& xml, const Record& record) const {
        const std::string author = record.author.empty() ? std::string() : users_.at(record.author);
        const std::string created = xsdDateTime(record.created);
        const std::string modified = xsdDateTime(record.modified);
        const uint64_t end = std::min(record.end, host_.codepoints());
        const uint64_t start = std::min(record.start, end);
        xml.start("PlainTextSelection");
        xml.attribute("guid", guidFor("annotation", record.id));
        xml.attribute("name", selectionName(host_.slice(start, end)));
        xml.attribute("startPosition", std::to_string(start));
        xml.attribute("endPosition", std::to_string(end));
        if (!author.empty()) xml.attribute("creatingUser", author);
        if (!created.empty()) xml.attribute("creationDateTime", created);
        if (!author.empty()) xml.attribute("modifyingUser", author);
        if (!modified.empty()) xml.attribute("modifiedDateTime", modified);
        if (!record.note.empty()) {
            xml.start("Description");
            xml.text(record.note);
            xml.end();
        }
        for (const std::string& tag : record.tags) {
            xml.start("Coding");
            xml.attribute("guid", guidFor("coding", record.id + "/" + tag));
            if (!author.empty()) xml.attribute("creatingUser", author);
            if (!created.empty()) xml.attribute("creationDateTime", created);
            xml.start("CodeRef");
            xml.attribute("targetGUID", guidFor("code", tag));
            xml.end();
            xml.end();
        }
        xml.end();
    }

    const Host& host_;
    AnnotationFile file_;
    std::map<std::string, std::string, std::less<>> users_; // name -> guid, sorted by name
    std::string sourceGuid_;
};

} // namespace

void exportQdpx(const Host& host, std::string_view annotationsJson, gloss::plugin::ByteWriter& out) {
    ProjectWriter writer(host, readAnnotationFile(annotationsJson));
    std::vector<ZipEntry> entries;
    entries.push_back({std::string(kProjectEntry), writer.project()});
    entries.push_back({writer.sourceEntry(), std::string(host.text())});
    out.write(writeZip(entries, kEntryTime));
}

} // namespace gloss_qdpx
