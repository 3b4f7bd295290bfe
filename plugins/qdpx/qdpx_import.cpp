// qdpx import: reads project.qde and the report's text from the archive in
// memory (zip_archive.hpp) and maps
//
//   - the TextSource whose text is the report's (byte for byte, after a BOM)
//     to the report; when none is, the import fails naming the first
//     difference, since positions into another text would be meaningless;
//   - each of its PlainTextSelections to one annotation (code points, as the
//     exporter writes them), the Codings' codes to its tags, its Description
//     and the Notes its NoteRefs name to its note, its creating user to the
//     author, creationDateTime / modifiedDateTime to created / modified;
//   - the Codes (nested) to the embedded codebook: tag ids made from the code
//     names, colours, descriptions, parents.
//
// What has no place in a Gloss annotation file (other sources, picture, PDF,
// audio and video selections, variables, cases, sets, graphs, links, ...) is
// counted and named in one warning.

#include "annotation_file.hpp"
#include "qdpx.hpp"
#include "text.hpp"
#include "xml.hpp"
#include "zip_archive.hpp"

#include <algorithm>
#include <cctype>
#include <map>
#include <set>

namespace gloss_qdpx {

using namespace gloss_export;
using gloss::plugin::Failure;

namespace {

constexpr size_t kMaxTagIdBytes = 64;

[[noreturn]] void failAt(const xmlNode* node, const std::string& message) {
    throw Failure(std::string(kProjectEntry) + ": line " + std::to_string(lineOf(node)) + ": " + message);
}

// A REFI GUID as Gloss writes UUIDs (lower case, no braces), or empty when
// `text` is not a GUID.
std::string normalGuid(std::string_view text) {
    if (text.size() == 38 && text.front() == '{' && text.back() == '}') text = text.substr(1, 36);
    if (!isUuid(text)) return {};
    std::string guid(text);
    for (char& c : guid) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return guid;
}

std::string requiredGuid(const xmlNode* node, const char* name) {
    const auto value = attribute(node, name);
    if (!value) failAt(node, std::string(refiName(node)) + " has no " + name);
    const std::string guid = normalGuid(*value);
    if (guid.empty())
        failAt(node, std::string(refiName(node)) + " " + name + " \"" + *value + "\" is not a GUID");
    return guid;
}

// A tag id from a code's name: lower-case ASCII letters and digits, other
// ASCII as '-', other characters kept ("Équité salariale" -> "équité-salariale").
std::string slug(std::string_view name) {
    std::string id;
    for (const char c : name) {
        const auto byte = static_cast<unsigned char>(c);
        if (byte >= 0x80) {
            id += c;
        } else if (std::isalnum(byte)) {
            id += static_cast<char>(std::tolower(byte));
        } else if (!id.empty() && id.back() != '-') {
            id += '-';
        }
    }
    while (id.size() > kMaxTagIdBytes) {
        id.pop_back();
        while (!id.empty() && isContinuationByte(id.back())) id.pop_back();
        if (!id.empty() && static_cast<unsigned char>(id.back()) >= 0xC0) id.pop_back();
    }
    while (!id.empty() && id.back() == '-') id.pop_back();
    return id.empty() ? "code" : id;
}

// "#rrggbb" from a RGBType (#RRGGBB or #RGB, either case), or empty.
std::string colorOf(std::string_view value) {
    std::string color;
    if (isHexColor(value)) {
        color = value;
    } else if (value.size() == 4 && isHexColor(std::string(value) + "000")) {
        color = "#";
        for (const char c : value.substr(1)) color += std::string(2, c);
    }
    for (char& c : color) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return color;
}

// An xsd:dateTime as RFC 3339, or empty. One without a time zone is taken as
// UTC: RFC 3339 needs a zone and QDA tools write UTC.
std::string rfc3339(std::string_view value) {
    std::string date(value);
    if (isRfc3339(date)) return date;
    if (isRfc3339(date + "Z")) return date + "Z";
    return {};
}

// A position: a non-negative xsd:integer.
uint64_t position(const xmlNode* node, const char* name, const std::string& what) {
    const auto value = attribute(node, name);
    if (!value) failAt(node, what + " has no " + name);
    std::string_view digits = *value;
    while (!digits.empty() && (digits.front() == ' ' || digits.front() == '\t' || digits.front() == '\n'))
        digits.remove_prefix(1);
    while (!digits.empty() && (digits.back() == ' ' || digits.back() == '\t' || digits.back() == '\n'))
        digits.remove_suffix(1);
    if (!digits.empty() && digits.front() == '+') digits.remove_prefix(1);
    uint64_t number = 0;
    bool valid = !digits.empty();
    for (const char c : digits) {
        if (c < '0' || c > '9' || number > (UINT64_MAX - 9) / 10) {
            valid = false;
            break;
        }
        number = number * 10 + static_cast<uint64_t>(c - '0');
    }
    if (!valid)
        failAt(node, what + " " + name + " \"" + *value + "\" is not a position (a whole number from 0)");
    return number;
}

// Where `a` and `b` first differ, for the message when a source is not the report.
std::string firstDifference(std::string_view a, std::string_view b) {
    size_t same = 0;
    while (same < a.size() && same < b.size() && a[same] == b[same]) ++same;
    while (same > 0 && same < a.size() && isContinuationByte(a[same])) --same;
    const std::string_view common = a.substr(0, same);
    const auto line = std::count(common.begin(), common.end(), '\n') + 1;
    return "code point " + std::to_string(codepointCount(common)) + " (line " + std::to_string(line) + ")";
}

class ProjectReader {
  public:
    ProjectReader(const Host& host, const ZipReader& zip) : host_(host), zip_(zip) {
        file_.reportName = std::string(host.name());
        file_.codepoints = host.codepoints();
    }

    AnnotationFile read(const xmlNode* project) {
        for (const xmlNode* users : children(project, "Users"))
            for (const xmlNode* user : children(users, "User")) readUser(user);
        for (const xmlNode* codeBook : children(project, "CodeBook"))
            for (const xmlNode* codes : children(codeBook, "Codes"))
                for (const xmlNode* code : children(codes, "Code")) readCode(code, {});
        for (const xmlNode* notes : children(project, "Notes"))
            for (const xmlNode* note : children(notes, "Note"))
                notes_.emplace(requiredGuid(note, "guid"), note);
        for (const auto& [element, item] : {std::pair{"Variables", "Variable"},
                                            {"Cases", "Case"},
                                            {"Sets", "Set"},
                                            {"Graphs", "Graph"},
                                            {"Links", "Link"}})
            for (const xmlNode* group : children(project, element)) skip(item, children(group, item).size());
        skip("project Description", children(project, "Description").size());
        skip("project NoteRef", children(project, "NoteRef").size());
        readSources(project);
        if (!skipped_.empty()) {
            std::string list;
            for (const auto& [what, count] : skipped_)
                list += (list.empty() ? "" : ", ") + std::to_string(count) + " " + what;
            host_.warn("not imported, Gloss has no place for them: " + list);
        }
        return std::move(file_);
    }

  private:
    void skip(const std::string& what, size_t count) {
        if (count) skipped_[what] += count;
    }

    void readUser(const xmlNode* user) {
        std::string name = attribute(user, "name").value_or("");
        if (name.empty()) name = attribute(user, "id").value_or("");
        users_[requiredGuid(user, "guid")] = name;
    }

    void readCode(const xmlNode* code, const std::string& parent) {
        const std::string guid = requiredGuid(code, "guid");
        const std::string name = attribute(code, "name").value_or(guid);
        std::string id = slug(name);
        for (size_t n = 2; tagIds_.contains(id); ++n) id = slug(name) + "-" + std::to_string(n);
        tagIds_.insert(id);
        if (!codes_.emplace(guid, id).second) failAt(code, "a second Code with the guid " + guid);
        std::string color = colorOf(attribute(code, "color").value_or(""));
        if (color.empty()) color = paletteColor(id);
        const xmlNode* description = firstChild(code, "Description");
        file_.codebook.push_back(
            {id, name, color, parent, description ? textOf(description) : std::string()});
        skip("Code NoteRef", children(code, "NoteRef").size());
        for (const xmlNode* child : children(code, "Code")) readCode(child, id);
    }

    // The text a TextSource or Note holds inline or names inside the archive;
    // nullopt when it names a file elsewhere.
    std::optional<std::string> textOfSource(const xmlNode* source, const std::string& what) const {
        if (const xmlNode* content = firstChild(source, "PlainTextContent")) return textOf(content);
        const auto path = attribute(source, "plainTextPath");
        if (!path) failAt(source, what + " has neither PlainTextContent nor plainTextPath");
        if (!path->starts_with(kInternalScheme)) return std::nullopt;
        const std::string name = path->substr(kInternalScheme.size());
        for (const std::string_view folder : {kSourcesFolder, std::string_view("Sources/")}) {
            const std::string entry = std::string(folder) + name;
            if (!zip_.contains(entry)) continue;
            std::string text = zip_.read(entry);
            if (text.starts_with("\xEF\xBB\xBF")) text.erase(0, 3);
            return text;
        }
        failAt(source,
               what + " names " + *path + ", but the archive has no " + std::string(kSourcesFolder) + name);
    }

    void readSources(const xmlNode* project) {
        const xmlNode* report = nullptr;
        std::string mismatch;
        for (const xmlNode* sources : children(project, "Sources")) {
            for (const xmlNode* source = sources->children; source; source = source->next) {
                const std::string_view type = refiName(source);
                if (type.empty()) continue;
                size_t selections = 0;
                for (const xmlNode* child = source->children; child; child = child->next)
                    if (refiName(child).ends_with("Selection")) ++selections;
                const std::string what =
                    std::string(type) + " \"" + attribute(source, "name").value_or("") + "\"";
                if (type != "TextSource") {
                    skip(std::string(type), 1);
                    skip("selections of other sources", selections);
                    continue;
                }
                const auto text = textOfSource(source, what);
                if (!report && text && *text == host_.text()) {
                    report = source;
                    continue;
                }
                if (mismatch.empty())
                    mismatch = what + (text ? " is not the text of the report " + std::string(host_.name()) +
                                                  ": they differ from " + firstDifference(*text, host_.text())
                                            : " is a file outside the archive (" +
                                                  attribute(source, "plainTextPath").value_or("") + ")");
                skip("other TextSource", 1);
                skip("selections of other sources", selections);
            }
        }
        if (!report) {
            if (mismatch.empty()) throw Failure(std::string(kProjectEntry) + ": has no TextSource to import");
            throw Failure(std::string(kProjectEntry) + ": no TextSource is the report: " + mismatch);
        }
        for (const xmlNode* selection : children(report, "PlainTextSelection")) readSelection(selection);
        skip("Codings of the whole source", children(report, "Coding").size());
        skip("NoteRefs of the whole source", children(report, "NoteRef").size());
        skip("VariableValues", children(report, "VariableValue").size());
    }

    void readSelection(const xmlNode* selection) {
        Record record;
        const std::string guid = requiredGuid(selection, "guid");
        const std::string what = "PlainTextSelection " + guid;
        const uint64_t start = position(selection, "startPosition", what);
        const uint64_t end = position(selection, "endPosition", what);
        if (start > end)
            failAt(selection, what + " starts (" + std::to_string(start) + ") after it ends (" +
                                  std::to_string(end) + ")");
        if (end > host_.codepoints())
            failAt(selection, what + " ends at " + std::to_string(end) + ", past the end of the report (" +
                                  std::to_string(host_.codepoints()) + " code points)");
        if (start == end) return skip("empty PlainTextSelections", 1);

        record.id = ids_.contains(guid) ? randomUuid() : guid;
        ids_.insert(record.id);
        placeOnReport(host_, record, start, end);
        record.author = userOf(selection);
        record.created = date(selection, "creationDateTime");
        record.modified = date(selection, "modifiedDateTime");
        if (record.modified.empty()) record.modified = record.created;

        for (const xmlNode* coding : children(selection, "Coding")) {
            const xmlNode* ref = firstChild(coding, "CodeRef");
            const auto code =
                ref ? codes_.find(normalGuid(attribute(ref, "targetGUID").value_or(""))) : codes_.end();
            if (code == codes_.end()) {
                skip("Codings of codes not in the CodeBook", 1);
                continue;
            }
            if (std::find(record.tags.begin(), record.tags.end(), code->second) == record.tags.end())
                record.tags.push_back(code->second);
        }
        std::vector<std::string> notes;
        if (const xmlNode* description = firstChild(selection, "Description"))
            if (std::string text = textOf(description); !text.empty()) notes.push_back(std::move(text));
        for (const xmlNode* ref : children(selection, "NoteRef"))
            if (std::string text = noteText(ref); !text.empty()) notes.push_back(std::move(text));
        for (const std::string& note : notes) record.note += (record.note.empty() ? "" : "\n\n") + note;
        file_.annotations.push_back(std::move(record));
    }

    std::string noteText(const xmlNode* ref) {
        const auto note = notes_.find(normalGuid(attribute(ref, "targetGUID").value_or("")));
        if (note == notes_.end()) {
            skip("NoteRefs to missing Notes", 1);
            return {};
        }
        const auto text = textOfSource(note->second, "Note " + note->first);
        if (!text) skip("Notes in files outside the archive", 1);
        return text.value_or("");
    }

    std::string userOf(const xmlNode* node) const {
        for (const char* name : {"creatingUser", "modifyingUser"}) {
            const auto user = users_.find(normalGuid(attribute(node, name).value_or("")));
            if (user != users_.end()) return user->second;
        }
        return {};
    }

    std::string date(const xmlNode* node, const char* name) {
        const auto value = attribute(node, name);
        if (!value) return {};
        std::string date = rfc3339(*value);
        if (date.empty()) skip(std::string(name) + " values that are not RFC 3339 date-times", 1);
        return date;
    }

    const Host& host_;
    const ZipReader& zip_;
    AnnotationFile file_;
    std::map<std::string, std::string, std::less<>> users_; // guid -> name
    std::map<std::string, std::string, std::less<>> codes_; // guid -> tag id
    std::map<std::string, const xmlNode*, std::less<>> notes_;
    std::set<std::string, std::less<>> tagIds_;
    std::set<std::string, std::less<>> ids_;
    std::map<std::string, size_t> skipped_; // what -> how many
};

} // namespace

void importQdpx(const Host& host, std::string_view archive, gloss::plugin::ByteWriter& out) {
    const ZipReader zip(archive);
    if (!zip.contains(kProjectEntry))
        throw Failure("the archive has no " + std::string(kProjectEntry) +
                      ": not a REFI-QDA project (.qdpx)");
    const XmlDocument doc = parseXml(zip.read(kProjectEntry), kProjectEntry);
    const xmlNode* project = xmlDocGetRootElement(doc.get());
    if (refiName(project) != "Project")
        failAt(project, "the root element is not Project in the namespace " + std::string(kNamespace) +
                            " (QDA-XML 1.0)");
    ProjectReader reader(host, zip);
    out.write(writeAnnotationFile(reader.read(project)));
}

} // namespace gloss_qdpx
