// qdpx import: reads the project file (project.qde, or the one *.qde at the
// archive's root) and the sources' text from the archive in memory
// (zip_archive.hpp). Given a report, it maps
//
//   - the TextSource whose text is the report's (byte for byte, after a BOM,
//     or with each CRLF written as "\n " as QualCoder writes it) to the
//     report; when none is, the import fails naming the first difference,
//     since positions into another text would be meaningless;
//   - each of its PlainTextSelections to one annotation (positions in the
//     producer's unit, docs/formats.md §9.3), the Codings' codes to its
//     tags, its Description and the Notes its NoteRefs name to its note, its
//     creating user to the author, creationDateTime / modifiedDateTime to
//     created / modified;
//   - the Codes (nested) to the embedded codebook: tag ids made from the code
//     names, colours, descriptions, parents.
//
// Given no report (an empty document), it maps every TextSource the same way
// and writes a project bundle (project_bundle.hpp), with each source's
// variable values, and those of the Cases that name it, as its attributes.
//
// What has no place in Gloss (picture, PDF, audio and video sources, sets,
// graphs, links, ...) is counted and named in one warning.

#include "annotation_file.hpp"
#include "project_bundle.hpp"
#include "qdpx.hpp"
#include "text.hpp"
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
using gloss::plugin::Failure;

namespace {

constexpr size_t kMaxTagIdBytes = 64;

// The project file's name is put before this by importQdpx.
[[noreturn]] void failAt(const xmlNode* node, const std::string& message) {
    throw Failure("line " + std::to_string(lineOf(node)) + ": " + message);
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

// The value a VariableValue holds, whatever its type, as text.
std::string variableValueText(const xmlNode* value) {
    for (const char* type :
         {"TextValue", "BooleanValue", "IntegerValue", "FloatValue", "DateValue", "DateTimeValue"})
        if (const xmlNode* found = firstChild(value, type)) {
            std::string text = textOf(found);
            const size_t first = text.find_first_not_of(" \t\r\n");
            const size_t last = text.find_last_not_of(" \t\r\n");
            return first == std::string::npos ? std::string() : text.substr(first, last - first + 1);
        }
    return {};
}

bool mentions(std::string_view text, std::string_view word) {
    std::string lower(text);
    for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return lower.find(word) != std::string::npos;
}

// Whether `source` is `report` with each CRLF written as "\n ", as QualCoder
// writes the text of a report with CRLF line ends: the same length, so
// positions fit both.
bool isCrlfRewritten(std::string_view source, std::string_view report) {
    if (source.size() != report.size() || report.find("\r\n") == std::string_view::npos) return false;
    for (size_t i = 0; i < report.size(); ++i) {
        const bool crlf = report[i] == '\r' && i + 1 < report.size() && report[i + 1] == '\n';
        if (crlf ? source.substr(i, 2) != "\n " : source[i] != report[i]) return false;
        i += crlf;
    }
    return true;
}

// Why a selection's positions do not fit its text in a unit (docs/formats.md
// §9.3): bits, so one selection may have several reasons.
enum Misfit : unsigned { kSplitsCharacter = 1, kSplitsCrlf = 2, kPastEnd = 4 };

std::string describeMisfits(unsigned reasons) {
    std::string text;
    for (const auto& [bit, what] : {std::pair{kSplitsCharacter, "split a surrogate pair"},
                                    {kSplitsCrlf, "split a CRLF"},
                                    {kPastEnd, "end past their source"}})
        if (reasons & bit) text += (text.empty() ? "" : " or ") + std::string(what);
    return text;
}

// How the selections of the imported sources fit their text in one unit.
struct Fit {
    size_t selections = 0;
    size_t doubtful = 0;
    unsigned reasons = 0; // Misfit bits
};

class ProjectReader {
  public:
    ProjectReader(const Host& host, const ZipReader& zip, const xmlNode* project, bool wholeProject)
        : host_(host), zip_(zip), project_(project), wholeProject_(wholeProject) {
        // NVivo counts positions in UTF-16 units; the others, and the
        // standard, in code points (docs/formats.md §9.3). The user may say
        // otherwise.
        origin_ = attribute(project, "origin").value_or("");
        producerUnit_ = mentions(origin_, "nvivo") ? Unit::Utf16 : Unit::Codepoints;
        askedUnit_ = unitOption(host.option("positions"));
        for (const xmlNode* users : children(project, "Users"))
            for (const xmlNode* user : children(users, "User")) readUser(user);
        for (const xmlNode* codeBook : children(project, "CodeBook"))
            for (const xmlNode* codes : children(codeBook, "Codes"))
                for (const xmlNode* code : children(codes, "Code")) readCode(code, {});
        for (const xmlNode* notes : children(project, "Notes"))
            for (const xmlNode* note : children(notes, "Note"))
                notes_.emplace(requiredGuid(note, "guid"), note);
        if (wholeProject_) {
            for (const xmlNode* variables : children(project, "Variables"))
                for (const xmlNode* variable : children(variables, "Variable"))
                    variables_[requiredGuid(variable, "guid")] = attribute(variable, "name").value_or("");
            for (const xmlNode* cases : children(project, "Cases"))
                for (const xmlNode* item : children(cases, "Case")) readCase(item);
        }
        for (const auto& [element, item] : {std::pair{"Variables", "Variable"},
                                            {"Cases", "Case"},
                                            {"Sets", "Set"},
                                            {"Graphs", "Graph"},
                                            {"Links", "Link"}}) {
            if (wholeProject_ &&
                (std::string_view(element) == "Variables" || std::string_view(element) == "Cases"))
                continue;
            for (const xmlNode* group : children(project, element)) skip(item, children(group, item).size());
        }
        skip("project Description", children(project, "Description").size());
        skip("project NoteRef", children(project, "NoteRef").size());
    }

    // The annotation file of the TextSource that is the host's report.
    AnnotationFile readReport() {
        const xmlNode* report = nullptr;
        std::optional<std::string> reportText;
        std::string mismatch;
        for (const xmlNode* source : sources()) {
            const std::string what = describeSource(source);
            if (refiName(source) != "TextSource") {
                skipSource(source);
                continue;
            }
            auto text = textOfSource(source, what);
            if (!report && text && *text == host_.text()) {
                report = source;
                reportText = std::move(text);
                continue;
            }
            if (!report && text && isCrlfRewritten(*text, host_.text())) {
                host_.warn(what + " is the report with each CRLF written as \"\\n \" (as QualCoder writes " +
                           "it): its positions are read on the report");
                report = source;
                reportText = std::string(host_.text());
                continue;
            }
            if (mismatch.empty())
                mismatch = what + (text ? " is not the text of the report " + std::string(host_.name()) +
                                              ": they differ from " + firstDifference(*text, host_.text())
                                        : " is a file outside the archive (" +
                                              attribute(source, "plainTextPath").value_or("") + ")");
            skip("other TextSource", 1);
            skip("selections of other sources", selectionCount(source));
        }
        if (!report) {
            if (mismatch.empty()) throw Failure("has no TextSource to import");
            throw Failure("no TextSource is the report: " + mismatch);
        }
        const TextUnits text(*reportText, describeSource(report));
        chooseUnit({{report, &text}});
        AnnotationFile file = readSource(report, text, std::string(host_.name()));
        skip("VariableValues", children(report, "VariableValue").size());
        file.codebook = std::move(codebook_);
        warnSkipped();
        return file;
    }

    // Every TextSource as a report of a project bundle.
    ProjectBundle readAll() {
        ProjectBundle bundle;
        bundle.name = attribute(project_, "name").value_or("");
        std::vector<const xmlNode*> read;
        for (const xmlNode* source : sources()) {
            const std::string what = describeSource(source);
            if (refiName(source) != "TextSource") {
                skipSource(source);
                continue;
            }
            std::optional<std::string> text = textOfSource(source, what);
            if (!text) {
                skip("TextSources in files outside the archive", 1);
                skip("selections of other sources", selectionCount(source));
                continue;
            }
            BundleReport report;
            const std::string guid = requiredGuid(source, "guid");
            report.name = attribute(source, "name").value_or("");
            if (report.name.empty()) report.name = guid;
            report.text = std::move(*text);
            report.attributes = caseAttributes_[guid];
            for (const xmlNode* value : children(source, "VariableValue"))
                readVariableValue(value, report.attributes);
            bundle.reports.push_back(std::move(report));
            read.push_back(source);
        }
        // One unit for the whole archive, checked against every source's text.
        std::vector<TextUnits> texts;
        texts.reserve(read.size());
        std::vector<std::pair<const xmlNode*, const TextUnits*>> sourceTexts;
        for (size_t i = 0; i < read.size(); ++i) {
            texts.emplace_back(bundle.reports[i].text, describeSource(read[i]));
            sourceTexts.emplace_back(read[i], &texts.back());
        }
        chooseUnit(sourceTexts);
        for (size_t i = 0; i < read.size(); ++i)
            bundle.reports[i].file = readSource(read[i], texts[i], bundle.reports[i].name);
        bundle.codebook = std::move(codebook_);
        warnSkipped();
        return bundle;
    }

  private:
    void skip(const std::string& what, size_t count) {
        if (count) skipped_[what] += count;
    }

    // The unit of the archive's positions: the one asked for, else the
    // producer's, unless the producer's does not fit the texts and the other
    // one does (docs/formats.md §9.3). Selections that fit neither are
    // imported and counted in a warning.
    void chooseUnit(const std::vector<std::pair<const xmlNode*, const TextUnits*>>& sources) {
        unit_ = askedUnit_.value_or(producerUnit_);
        fit_ = fitOf(sources, unit_);
        if (askedUnit_ || fit_.doubtful == 0) return;
        const Unit other = unit_ == Unit::Utf16 ? Unit::Codepoints : Unit::Utf16;
        const Fit otherFit = fitOf(sources, other);
        if (otherFit.doubtful != 0) return;
        host_.warn("positions read as " + std::string(unitName(other)) + ", not " + unitName(unit_) + " as " +
                   producerDescription() + ": as " + unitName(unit_) + ", " + std::to_string(fit_.doubtful) +
                   " of " + std::to_string(fit_.selections) + " selections " + describeMisfits(fit_.reasons) +
                   "; as " + unitName(other) + ", none (docs/formats.md §9.3)");
        unit_ = other;
        fit_ = otherFit;
    }

    std::string producerDescription() const {
        return "this producer's are taken to be" +
               (origin_.empty() ? std::string()
                                : " (origin \"" + std::string(firstCodepoints(origin_, 60)) + "\")");
    }

    Fit fitOf(const std::vector<std::pair<const xmlNode*, const TextUnits*>>& sources, Unit unit) const {
        Fit fit;
        for (const auto& [source, text] : sources)
            for (const xmlNode* selection : children(source, "PlainTextSelection")) {
                const std::string what = "PlainTextSelection " + attribute(selection, "guid").value_or("");
                // An empty selection is skipped on import: it is no evidence either way.
                if (position(selection, "startPosition", what) == position(selection, "endPosition", what))
                    continue;
                unsigned reasons = 0;
                for (const char* name : {"startPosition", "endPosition"}) {
                    const uint64_t given = position(selection, name, what);
                    const auto codepoint = text->toCodepoint(unit, given);
                    if (given > text->length(unit))
                        reasons |= kPastEnd;
                    else if (!codepoint)
                        reasons |= kSplitsCharacter;
                    else if (text->splitsCrlf(*codepoint))
                        reasons |= kSplitsCrlf;
                }
                ++fit.selections;
                fit.doubtful += reasons != 0;
                fit.reasons |= reasons;
            }
        return fit;
    }

    void warnSkipped() const {
        if (fit_.doubtful)
            host_.warn(
                std::to_string(fit_.doubtful) + " of " + std::to_string(fit_.selections) + " selections " +
                describeMisfits(fit_.reasons) + ": their positions may not be " + unitName(unit_) + ", as " +
                (askedUnit_ ? std::string("asked") : producerDescription()) + " (docs/formats.md §9.3)");
        if (skipped_.empty()) return;
        std::string list;
        for (const auto& [what, count] : skipped_)
            list += (list.empty() ? "" : ", ") + std::to_string(count) + " " + what;
        host_.warn("not imported, Gloss has no place for them: " + list);
    }

    std::vector<const xmlNode*> sources() const {
        std::vector<const xmlNode*> found;
        for (const xmlNode* sources : children(project_, "Sources"))
            for (const xmlNode* source = sources->children; source; source = source->next)
                if (!refiName(source).empty()) found.push_back(source);
        return found;
    }

    static std::string describeSource(const xmlNode* source) {
        return std::string(refiName(source)) + " \"" + attribute(source, "name").value_or("") + "\"";
    }

    static size_t selectionCount(const xmlNode* source) {
        size_t selections = 0;
        for (const xmlNode* child = source->children; child; child = child->next)
            if (refiName(child).ends_with("Selection")) ++selections;
        return selections;
    }

    void skipSource(const xmlNode* source) {
        skip(std::string(refiName(source)), 1);
        skip("selections of other sources", selectionCount(source));
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
        codebook_.push_back({id, name, color, parent, description ? textOf(description) : std::string()});
        skip("Code NoteRef", children(code, "NoteRef").size());
        for (const xmlNode* child : children(code, "Code")) readCode(child, id);
    }

    // A Case's variable values (and its name, as "case") become attributes
    // of each source it names.
    void readCase(const xmlNode* item) {
        std::map<std::string, std::string> values;
        for (const xmlNode* value : children(item, "VariableValue")) readVariableValue(value, values);
        const std::string name = attribute(item, "name").value_or("");
        const auto sourceRefs = children(item, "SourceRef");
        if (sourceRefs.empty()) skip("Cases that name no source", 1);
        skip("Case CodeRefs and SelectionRefs",
             children(item, "CodeRef").size() + children(item, "SelectionRef").size());
        for (const xmlNode* ref : sourceRefs) {
            auto& attributes = caseAttributes_[normalGuid(attribute(ref, "targetGUID").value_or(""))];
            for (const auto& [variable, value] : values) attributes[variable] = value;
            if (name.empty()) continue;
            std::string& cases = attributes["case"];
            cases += (cases.empty() ? "" : "; ") + name;
        }
    }

    void readVariableValue(const xmlNode* value, std::map<std::string, std::string>& into) {
        const xmlNode* ref = firstChild(value, "VariableRef");
        const auto variable =
            variables_.find(normalGuid(ref ? attribute(ref, "targetGUID").value_or("") : std::string()));
        if (variable == variables_.end() || variable->second.empty())
            return skip("VariableValues of unknown Variables", 1);
        into[variable->second] = variableValueText(value);
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

    AnnotationFile readSource(const xmlNode* source, const TextUnits& text, const std::string& name) {
        AnnotationFile file;
        file.reportName = name;
        file.codepoints = text.codepoints();
        for (const xmlNode* selection : children(source, "PlainTextSelection"))
            readSelection(selection, text, file);
        skip("Codings of the whole source", children(source, "Coding").size());
        skip("NoteRefs of the whole source", children(source, "NoteRef").size());
        skip("TextSource Descriptions", children(source, "Description").size());
        return file;
    }

    // A position in the chosen unit as a code point of `text`.
    uint64_t codepointAt(const xmlNode* selection, const char* name, const TextUnits& text) {
        const std::string what = "PlainTextSelection " + attribute(selection, "guid").value_or("");
        const uint64_t given = position(selection, name, what);
        if (given > text.length(unit_))
            failAt(selection, what + " " + name + " " + std::to_string(given) + " is past the end of its " +
                                  "source (" + std::to_string(text.length(unit_)) + " " + unitName(unit_) +
                                  ")");
        if (const auto codepoint = text.toCodepoint(unit_, given)) return *codepoint;
        // Inside a surrogate pair: the position moves to the character's start.
        return *text.toCodepoint(unit_, given - 1);
    }

    void readSelection(const xmlNode* selection, const TextUnits& text, AnnotationFile& file) {
        Record record;
        const std::string guid = requiredGuid(selection, "guid");
        const std::string what = "PlainTextSelection " + guid;
        const uint64_t start = codepointAt(selection, "startPosition", text);
        const uint64_t end = codepointAt(selection, "endPosition", text);
        if (start > end)
            failAt(selection, what + " starts (" + std::to_string(start) + ") after it ends (" +
                                  std::to_string(end) + ")");
        if (start == end) return skip("empty PlainTextSelections", 1);

        record.id = ids_.contains(guid) ? randomUuid() : guid;
        ids_.insert(record.id);
        placeOnText(text.text(), record, start, end, text.byteOffset(start), text.byteOffset(end));
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
            if (std::string note = textOf(description); !note.empty()) notes.push_back(std::move(note));
        for (const xmlNode* ref : children(selection, "NoteRef"))
            if (std::string note = noteText(ref); !note.empty()) notes.push_back(std::move(note));
        for (const std::string& note : notes) record.note += (record.note.empty() ? "" : "\n\n") + note;
        file.annotations.push_back(std::move(record));
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
    const xmlNode* project_;
    bool wholeProject_;
    std::string origin_;
    Unit producerUnit_ = Unit::Codepoints;
    std::optional<Unit> askedUnit_; // --positions
    Unit unit_ = Unit::Codepoints;
    Fit fit_;
    std::vector<Tag> codebook_;
    std::map<std::string, std::string, std::less<>> users_;                                 // guid -> name
    std::map<std::string, std::string, std::less<>> codes_;                                 // guid -> tag id
    std::map<std::string, std::string, std::less<>> variables_;                             // guid -> name
    std::map<std::string, std::map<std::string, std::string>, std::less<>> caseAttributes_; // source guid
    std::map<std::string, const xmlNode*, std::less<>> notes_;
    std::set<std::string, std::less<>> tagIds_;
    std::set<std::string, std::less<>> ids_;
    std::map<std::string, size_t> skipped_; // what -> how many
};

// The project file: project.qde, else the one *.qde at the archive's root
// (ATLAS.ti names it after the project).
std::string projectEntry(const ZipReader& zip) {
    if (zip.contains(kProjectEntry)) return std::string(kProjectEntry);
    std::vector<std::string> found;
    for (const std::string& name : zip.names())
        if (name.find('/') == std::string::npos && name.size() > 4 &&
            mentions(name.substr(name.size() - 4), ".qde"))
            found.push_back(name);
    if (found.size() == 1) return found.front();
    if (found.empty())
        throw Failure("the archive has no " + std::string(kProjectEntry) +
                      " (nor any *.qde at its root): not a REFI-QDA project (.qdpx)");
    std::string list;
    for (const std::string& name : found) list += (list.empty() ? "" : ", ") + name;
    throw Failure("the archive has several project files at its root and no project.qde: " + list);
}

} // namespace

void importQdpx(const Host& host, std::string_view archive, gloss::plugin::ByteWriter& out) {
    const ZipReader zip(archive);
    const std::string entry = projectEntry(zip);
    const XmlDocument doc = parseXml(zip.read(entry), entry);
    const xmlNode* project = xmlDocGetRootElement(doc.get());
    // No report given: the whole project is wanted.
    const bool wholeProject = host.text().empty() && host.name().empty();
    try {
        if (refiName(project) != "Project")
            failAt(project, "the root element is not Project in the namespace " + std::string(kNamespace) +
                                " (QDA-XML 1.0)");
        ProjectReader reader(host, zip, project, wholeProject);
        out.write(wholeProject ? writeProjectBundle(reader.readAll())
                               : writeAnnotationFile(reader.readReport()));
    } catch (const Failure& e) {
        throw Failure(entry + ": " + e.what());
    }
}

} // namespace gloss_qdpx
