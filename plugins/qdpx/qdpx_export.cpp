// qdpx export: each report as a TextSource (its text as
// sources/<guid>.txt), the codebook as nested Codes, each annotation as a
// PlainTextSelection at its code-point range with one Coding per tag and its
// note as Description, the authors as Users, and report attributes as Text
// Variables with a VariableValue on each source. The input is one annotation
// file (the host's report is its source) or a project bundle
// (project_bundle.hpp: every report of a project). Orphaned annotations have
// no place in their report and are left out, with a warning.

#include "annotation_file.hpp"
#include "project_bundle.hpp"
#include "qdpx.hpp"
#include "text_units.hpp"
#include "xml.hpp"
#include "zip_archive.hpp"

#include <algorithm>
#include <cctype>
#include <map>
#include <set>

namespace gloss_qdpx {

using namespace gloss_export;
using namespace gloss::plugin_support;

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

// One TextSource to write: a report, its text and its annotations.
struct Source {
    std::string name;
    std::string guid;
    TextUnits text;
    AnnotationFile file;
    std::map<std::string, std::string> attributes;

    std::string entry() const { return std::string(kSourcesFolder) + guid + ".txt"; }
};

std::string sourceGuid(const AnnotationFile& file, std::string_view name) {
    return guidFor("source", file.reportSha256 + "/" + std::string(name));
}

// The name other tools show for a listed report path: its file name, or the
// whole path when another report has the same file name.
std::vector<std::string> sourceNames(const std::vector<BundleReport>& reports) {
    std::map<std::string, size_t> counts;
    const auto fileName = [](const std::string& path) { return path.substr(path.find_last_of('/') + 1); };
    for (const BundleReport& report : reports) ++counts[fileName(report.name)];
    std::vector<std::string> names;
    for (const BundleReport& report : reports)
        names.push_back(counts[fileName(report.name)] > 1 ? report.name : fileName(report.name));
    return names;
}

class ProjectWriter {
  public:
    ProjectWriter(const Host& host, std::string name, std::vector<Tag> codebook, std::vector<Source>& sources)
        : host_(host), name_(std::move(name)), codebook_(std::move(codebook)), sources_(sources) {
        addMissingTags();
        for (const Source& source : sources_) {
            for (const Record& record : source.file.annotations)
                if (!record.author.empty()) users_.emplace(record.author, guidFor("user", record.author));
            for (const auto& [variable, value] : source.attributes)
                variables_.emplace(variable, guidFor("variable", variable));
        }
    }

    std::string project() {
        XmlWriter xml;
        xml.start("Project");
        xml.attribute("xmlns", kNamespace);
        xml.attribute("name", name_);
        xml.attribute("origin", "Gloss");
        writeUsers(xml);
        writeCodeBook(xml);
        writeVariables(xml);
        writeSources(xml);
        return xml.finish();
    }

  private:
    // Tags of the reports' own codebooks that the project's lacks, and tags
    // an annotation uses that no codebook has, still need a Code.
    void addMissingTags() {
        std::set<std::string, std::less<>> known;
        for (const Tag& tag : codebook_) known.insert(tag.id);
        for (const Source& source : sources_)
            for (const Tag& tag : source.file.codebook)
                if (known.insert(tag.id).second) codebook_.push_back(tag);
        for (const Source& source : sources_)
            for (const Record& record : source.file.annotations)
                for (const std::string& id : record.tags)
                    if (known.insert(id).second) codebook_.push_back({id, id, paletteColor(id), {}, {}});
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
        if (codebook_.empty()) return;
        std::map<std::string, std::vector<const Tag*>, std::less<>> children;
        std::set<std::string, std::less<>> ids;
        for (const Tag& tag : codebook_) ids.insert(tag.id);
        for (const Tag& tag : codebook_)
            if (!tag.parent.empty() && tag.parent != tag.id && ids.contains(tag.parent))
                children[tag.parent].push_back(&tag);
        xml.start("CodeBook");
        xml.start("Codes");
        std::set<std::string, std::less<>> written;
        for (const Tag& tag : codebook_)
            if (tag.parent.empty() || !ids.contains(tag.parent)) writeCode(xml, tag, children, written);
        // Tags whose parents form a cycle are reached from no root: they go
        // to the top level rather than being lost.
        for (const Tag& tag : codebook_)
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

    // Attributes are free text in Gloss, so every Variable is of type Text.
    void writeVariables(XmlWriter& xml) const {
        if (variables_.empty()) return;
        xml.start("Variables");
        for (const auto& [name, guid] : variables_) {
            xml.start("Variable");
            xml.attribute("guid", guid);
            xml.attribute("name", name);
            xml.attribute("typeOfVariable", "Text");
            xml.end();
        }
        xml.end();
    }

    void writeSources(XmlWriter& xml) {
        xml.start("Sources");
        size_t orphans = 0;
        for (const Source& source : sources_) {
            xml.start("TextSource");
            xml.attribute("guid", source.guid);
            xml.attribute("name", source.name);
            xml.attribute("plainTextPath", std::string(kInternalScheme) + source.guid + ".txt");
            for (const Record& record : source.file.annotations) {
                if (record.status == "orphaned") {
                    ++orphans;
                    continue;
                }
                writeSelection(xml, source, record);
            }
            for (const auto& [variable, value] : source.attributes) {
                xml.start("VariableValue");
                xml.start("VariableRef");
                xml.attribute("targetGUID", variables_.at(variable));
                xml.end();
                xml.start("TextValue");
                xml.text(value);
                xml.end();
                xml.end();
            }
            xml.end();
        }
        xml.end();
        if (orphans)
            host_.warn(std::to_string(orphans) +
                       " orphaned annotations were left out: they have no place in their report");
    }

    void writeSelection(XmlWriter& xml, const Source& source, const Record& record) {
        const std::string author = record.author.empty() ? std::string() : users_.at(record.author);
        const std::string created = xsdDateTime(record.created);
        const std::string modified = xsdDateTime(record.modified);
        const uint64_t end = std::min(record.end, source.text.codepoints());
        const uint64_t start = std::min(record.start, end);
        // An annotation id is unique in its file; two reports' files may
        // still share one (a file copied), and a GUID must stay unique.
        std::string key = record.id;
        if (!selections_.insert(guidFor("annotation", key)).second) {
            key = source.guid + "/" + record.id;
            selections_.insert(guidFor("annotation", key));
        }
        const std::string guid = guidFor("annotation", key);
        xml.start("PlainTextSelection");
        xml.attribute("guid", guid);
        xml.attribute("name", selectionName(source.text.slice(start, end)));
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
            xml.attribute("guid", guidFor("coding", key + "/" + tag));
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
    std::string name_;
    std::vector<Tag> codebook_;
    std::vector<Source>& sources_;
    std::map<std::string, std::string, std::less<>> users_;     // name -> guid, sorted by name
    std::map<std::string, std::string, std::less<>> variables_; // name -> guid, sorted by name
    std::set<std::string, std::less<>> selections_;             // GUIDs given out
};

} // namespace

void exportQdpx(const Host& host, std::string_view annotationsJson, gloss::plugin::ByteWriter& out) {
    const Json root = parseJson(annotationsJson);
    std::string name;
    std::vector<Tag> codebook;
    std::vector<Source> sources;
    ProjectBundle bundle; // the reports' texts, which `sources` view
    if (isProjectBundle(root)) {
        bundle = readProjectBundle(root);
        name = bundle.name;
        codebook = bundle.codebook;
        const std::vector<std::string> names = sourceNames(bundle.reports);
        for (size_t i = 0; i < bundle.reports.size(); ++i) {
            BundleReport& report = bundle.reports[i];
            sources.push_back({names[i], sourceGuid(report.file, report.name),
                               TextUnits(report.text, item("reports", i) + ".text"), std::move(report.file),
                               std::move(report.attributes)});
        }
    } else {
        AnnotationFile file = readAnnotationFile(root);
        name = file.reportName;
        codebook = file.codebook;
        const std::string guid = sourceGuid(file, file.reportName);
        sources.push_back(
            {file.reportName, guid, TextUnits(host.text(), std::string(host.name())), std::move(file), {}});
    }
    ProjectWriter writer(host, name, std::move(codebook), sources);
    std::vector<ZipEntry> entries;
    entries.push_back({std::string(kProjectEntry), writer.project()});
    for (const Source& source : sources) entries.push_back({source.entry(), std::string(source.text.text())});
    out.write(writeZip(entries, kEntryTime));
}

} // namespace gloss_qdpx
