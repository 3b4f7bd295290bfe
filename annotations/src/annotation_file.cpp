#include "gloss/annotations/annotation_file.hpp"

#include "gloss/annotations/annotation_readers.hpp"
#include "gloss/annotations/bounded_json.hpp"
#include "gloss/annotations/ids.hpp"
#include "gloss/annotations/utf8.hpp"
#include "record_reading.hpp"

#include <algorithm>
#include <array>
#include <cstdint>
#include <gloss/excerpt.hpp>
#include <optional>
#include <set>
#include <unordered_map>

namespace gloss::annotations {

static_assert(kMaxQuoteBytes <= kMaxJsonStringBytes && kMaxNoteBytes <= kMaxJsonStringBytes,
              "the JSON reader must let every field through up to its own limit");

// [SECTION] Reading helpers
// Each helper checks one field and either returns its value or records a
// problem at the field's path; a record with any problem is rejected whole.

namespace {

std::string typeName(const Json& value) {
    switch (value.type()) {
    case Json::value_t::null:
        return "null";
    case Json::value_t::object:
        return "an object";
    case Json::value_t::array:
        return "an array";
    case Json::value_t::string:
        return "a string";
    case Json::value_t::boolean:
        return "a boolean";
    case Json::value_t::number_integer:
    case Json::value_t::number_unsigned:
    case Json::value_t::number_float:
        return "a number";
    default:
        return "an unsupported value";
    }
}

} // namespace

std::string excerpt(std::string_view text) {
    return gloss::excerpt(text);
}

std::string excerptJson(const Json& value) {
    if (value.is_string()) return excerpt(value.get_ref<const std::string&>());
    return gloss::cutForMessage(value.dump(-1, ' ', false, Json::error_handler_t::replace));
}

size_t recordFieldLimit(std::string_view field) {
    if (field == "quote") return kMaxQuoteBytes;
    if (field == "prefix" || field == "suffix") return kMaxContextBytes;
    if (field == "note") return kMaxNoteBytes;
    if (field == "author") return kMaxAuthorBytes;
    if (field == "id" || field == "origin") return kMaxIdBytes;
    return 64; // created, modified, status
}

std::string tooLong(size_t bytes, size_t limit) {
    return std::to_string(bytes) + " bytes is longer than the limit of " + std::to_string(limit);
}

namespace {

class RecordReader {
  public:
    RecordReader(const Json& object, std::string path, std::vector<Problem>& problems)
        : object_(object), path_(std::move(path)), problems_(problems) {}

    bool ok() const { return ok_; }
    std::string pathOf(std::string_view key) const { return path_ + "." + std::string(key); }

    void fail(std::string where, std::string message) {
        problems_.push_back({std::move(where), std::move(message)});
        ok_ = false;
    }

    const Json* field(std::string_view key, bool required) {
        const auto it = object_.find(key);
        if (it == object_.end()) {
            if (required) fail(pathOf(key), "missing");
            return nullptr;
        }
        return &*it;
    }

    std::string string(std::string_view key, bool required, size_t maxBytes) {
        const Json* value = field(key, required);
        if (!value) return {};
        if (!value->is_string()) {
            fail(pathOf(key), "expected a string, found " + typeName(*value));
            return {};
        }
        const auto& text = value->get_ref<const std::string&>();
        if (text.size() > maxBytes) {
            fail(pathOf(key), tooLong(text.size(), maxBytes));
            return {};
        }
        return text;
    }

    uint64_t unsignedNumber(std::string_view key, bool required) {
        const Json* value = field(key, required);
        if (!value) return 0;
        if (value->is_number_unsigned()) return value->get<uint64_t>();
        // Parsed text gives unsigned numbers; JSON built in code may hold a
        // positive one as signed.
        if (value->is_number_integer() && value->get<int64_t>() >= 0) return value->get<uint64_t>();
        if (value->is_number_integer())
            fail(pathOf(key), excerptJson(*value) + " is negative");
        else
            fail(pathOf(key), "expected a whole number, found " +
                                  (value->is_number() ? excerptJson(*value) : typeName(*value)));
        return 0;
    }

    // The fields this version does not know, in file order.
    Json unknownFields(std::initializer_list<std::string_view> known) const {
        Json extra = Json::object();
        for (const auto& [key, value] : object_.items())
            if (std::find(known.begin(), known.end(), key) == known.end()) extra[key] = value;
        return extra;
    }

  private:
    const Json& object_;
    std::string path_;
    std::vector<Problem>& problems_;
    bool ok_ = true;
};

void require(bool condition, const std::string& where, const std::string& message) {
    if (!condition) throw FormatError(where, message);
}

} // namespace

// [SECTION] Header

void checkFormatAndVersion(const Json& root) {
    const auto format = root.find("format");
    require(format != root.end(), "format", "missing (expected \"gloss.annotations\")");
    require(format->is_string() && *format == kAnnotationFormat, "format",
            "expected \"gloss.annotations\", found " + excerptJson(*format));

    const auto version = root.find("version");
    require(version != root.end(), "version", "missing");
    require(version->is_number_integer(), "version",
            "expected a whole number, found " + excerptJson(*version));
    // Unsigned values past INT64_MAX are newer too; dump() shows them as written.
    const bool newer = version->is_number_unsigned() ? version->get<uint64_t>() > kAnnotationFormatVersion
                                                     : version->get<int64_t>() > kAnnotationFormatVersion;
    require(!newer, "version",
            excerptJson(*version) + " is newer than this Gloss reads (" +
                std::to_string(kAnnotationFormatVersion) + "); update Gloss to open this file");
    require(version->get<int64_t>() >= 1, "version",
            excerptJson(*version) + " is not a version of this format");
}

namespace {

bool isSha256Hex(std::string_view text) {
    return text.size() == 64 && std::all_of(text.begin(), text.end(), [](char c) {
               return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
           });
}

TextExtractor readExtractor(const Json& value, std::vector<Problem>& problems) {
    TextExtractor extractor;
    if (!value.is_object()) {
        problems.push_back({"report.extractor", "expected an object, found " + typeName(value)});
        return extractor;
    }
    RecordReader reader(value, "report.extractor", problems);
    extractor.name = reader.string("name", true, 256);
    extractor.version = reader.string("version", true, 256);
    if (reader.ok() && extractor.name.empty())
        reader.fail("report.extractor.name", "expected a non-empty string");
    return extractor;
}

} // namespace

ReportInfo readReport(const Json& root) {
    const auto it = root.find("report");
    require(it != root.end(), "report", "missing");
    require(it->is_object(), "report", "expected an object, found " + typeName(*it));
    std::vector<Problem> problems;
    RecordReader reader(*it, "report", problems);
    ReportInfo report;
    report.name = reader.string("name", true, 4096);
    report.sha256 = reader.string("sha256", true, 64);
    if (reader.ok() && !isSha256Hex(report.sha256))
        reader.fail("report.sha256", "expected 64 lowercase hex digits, found " + excerpt(report.sha256));
    report.codepoints = reader.unsignedNumber("codepoints", true);
    report.encoding = reader.string("encoding", true, 64);
    if (reader.ok() && report.encoding != "utf-8" && report.encoding != "windows-1252")
        reader.fail("report.encoding",
                    "expected \"utf-8\" or \"windows-1252\", found " + excerpt(report.encoding));
    if (const auto extractor = it->find("extractor"); reader.ok() && extractor != it->end())
        report.extractor = readExtractor(*extractor, problems);
    report.extra = reader.unknownFields({"name", "sha256", "codepoints", "encoding", "extractor"});
    if (!problems.empty()) throw FormatError(problems.front().where, problems.front().message);
    return report;
}

std::optional<Codebook> readEmbeddedCodebook(const Json& root) {
    const auto codebook = root.find("codebook");
    if (codebook == root.end() || codebook->is_null()) return std::nullopt;
    return codebookFromJson(*codebook, "codebook");
}

TagIds tagIdsOf(const Codebook& codebook) {
    TagIds ids;
    for (const Tag& tag : codebook.tags) ids.insert(tag.id);
    return ids;
}

// [SECTION] Annotation records

namespace {

// A merge conflict left in a record (merge.hpp): the three sides' versions,
// kept verbatim. Only its shape is checked: the versions may come from
// another text of the report, so their ranges are not held to this one.
void readConflict(const Json& conflict, const std::string& path, RecordReader& r, Annotation& a) {
    if (!conflict.is_object()) {
        r.fail(path, "expected an object with base, ours and theirs, found " + typeName(conflict));
        return;
    }
    for (const char* side : {"base", "ours", "theirs"}) {
        const auto version = conflict.find(side);
        if (version == conflict.end())
            r.fail(path + "." + side, "missing");
        else if (!version->is_object() && !version->is_null())
            r.fail(path + "." + side, "expected a record or null, found " + typeName(*version));
    }
    if (r.ok()) a.conflict = conflict;
}

} // namespace

std::optional<Annotation> readAnnotation(const Json& record, const std::string& path,
                                         const ReportInfo& report, const TagIds* codebookIds,
                                         std::vector<Problem>& problems) {
    if (!record.is_object()) {
        problems.push_back({path, "expected an object, found " + typeName(record)});
        return std::nullopt;
    }
    RecordReader r(record, path, problems);
    Annotation a;
    a.id = r.string("id", true, recordFieldLimit("id"));
    if (r.ok() && a.id.empty()) r.fail(r.pathOf("id"), "is empty");
    a.start = r.unsignedNumber("start", true);
    a.end = r.unsignedNumber("end", true);
    if (r.ok() && a.end <= a.start)
        r.fail(r.pathOf("end"),
               std::to_string(a.end) + " is not after start (" + std::to_string(a.start) + ")");
    // An orphan keeps the range it had on an older text of the report (docs/formats.md §6: kept, never
    // dropped), so only an annotation that is placed must lie inside the report.
    const auto statusField = record.find("status");
    const bool orphaned = statusField != record.end() && *statusField == "orphaned";
    if (r.ok() && !orphaned && a.end > report.codepoints)
        r.fail(r.pathOf("end"), std::to_string(a.end) + " is past the end of the report (" +
                                    std::to_string(report.codepoints) + " code points)");
    a.quote = r.string("quote", true, recordFieldLimit("quote"));
    if (r.ok()) {
        const uint64_t length = utf8::countCodepoints(a.quote);
        if (length != a.end - a.start)
            r.fail(r.pathOf("quote"), "has " + std::to_string(length) +
                                          " code points but start..end covers " +
                                          std::to_string(a.end - a.start));
    }
    a.prefix = r.string("prefix", false, recordFieldLimit("prefix"));
    a.suffix = r.string("suffix", false, recordFieldLimit("suffix"));

    if (const Json* tags = r.field("tags", true)) {
        if (!tags->is_array()) {
            r.fail(r.pathOf("tags"), "expected an array of tag ids, found " + typeName(*tags));
        } else {
            for (size_t i = 0; i < tags->size(); ++i) {
                const Json& tag = (*tags)[i];
                const std::string where = r.pathOf("tags") + "[" + std::to_string(i) + "]";
                if (!tag.is_string() || tag.get_ref<const std::string&>().empty())
                    r.fail(where, "expected a tag id, found " + excerptJson(tag));
                else if (std::find(a.tags.begin(), a.tags.end(), tag.get<std::string>()) != a.tags.end())
                    r.fail(where, excerptJson(tag) + " is listed twice");
                else if (codebookIds && !codebookIds->contains(tag.get_ref<const std::string&>()))
                    r.fail(where, excerptJson(tag) + " is not in the file's codebook");
                else
                    a.tags.push_back(tag.get<std::string>());
            }
        }
    }
    a.note = r.string("note", false, recordFieldLimit("note"));
    a.author = r.string("author", false, recordFieldLimit("author"));
    a.created = r.string("created", false, recordFieldLimit("created"));
    if (r.ok() && !a.created.empty() && !isRfc3339(a.created))
        r.fail(r.pathOf("created"), "expected an RFC 3339 date-time, found " + excerpt(a.created));
    a.modified = r.string("modified", false, recordFieldLimit("modified"));
    if (r.ok() && !a.modified.empty() && !isRfc3339(a.modified))
        r.fail(r.pathOf("modified"), "expected an RFC 3339 date-time, found " + excerpt(a.modified));
    if (record.contains("origin")) {
        a.origin = r.string("origin", false, recordFieldLimit("origin"));
        if (r.ok() && a.origin != "manual" && !(a.origin.starts_with("plugin:") && a.origin.size() > 7))
            r.fail(r.pathOf("origin"), "expected \"manual\" or \"plugin:<id>\", found " + excerpt(a.origin));
    }
    if (record.contains("status")) {
        const std::string status = r.string("status", false, recordFieldLimit("status"));
        if (r.ok()) {
            if (const auto parsed = anchorStatusFromString(status))
                a.status = *parsed;
            else
                r.fail(r.pathOf("status"), "expected anchored, moved or orphaned, found " + excerpt(status));
        }
    }
    if (const Json* conflict = r.field("conflict", false))
        readConflict(*conflict, r.pathOf("conflict"), r, a);
    a.extra = r.unknownFields({"id", "start", "end", "quote", "prefix", "suffix", "tags", "note", "author",
                               "created", "modified", "origin", "status", "conflict"});
    if (!r.ok()) return std::nullopt;
    return a;
}

// [SECTION] Reading through the DOM

AnnotationFile parseAnnotationFileWithDom(std::string_view text) {
    const Json root = parseBoundedJson(text);
    require(root.is_object(), "top level", "expected an object, found " + typeName(root));
    checkFormatAndVersion(root);

    AnnotationFile file;
    file.report = readReport(root);

    file.codebook = readEmbeddedCodebook(root);
    const TagIds codebookIds = file.codebook ? tagIdsOf(*file.codebook) : TagIds();
    const auto* knownIds = file.codebook ? &codebookIds : nullptr;

    const auto records = root.find("annotations");
    require(records != root.end(), "annotations", "missing");
    require(records->is_array(), "annotations", "expected an array, found " + typeName(*records));
    file.annotations.reserve(records->size());
    std::unordered_map<std::string, size_t> firstIndexOfId;
    for (size_t i = 0; i < records->size(); ++i) {
        const std::string path = "annotations[" + std::to_string(i) + "]";
        const Json& record = (*records)[i];
        auto annotation = readAnnotation(record, path, file.report, knownIds, file.problems);
        if (annotation) {
            const auto [it, inserted] = firstIndexOfId.emplace(annotation->id, i);
            if (inserted) {
                file.annotations.push_back(std::move(*annotation));
                continue;
            }
            file.problems.push_back({path + ".id", excerpt(annotation->id) +
                                                       " is also the id of annotations[" +
                                                       std::to_string(it->second) + "]"});
        }
        file.rejected.push_back(record);
    }

    Json extra = Json::object();
    for (const auto& [key, value] : root.items())
        if (key != "format" && key != "version" && key != "report" && key != "codebook" &&
            key != "annotations")
            extra[key] = value;
    file.extra = std::move(extra);
    return file;
}

// [SECTION] Reading

AnnotationFile parseAnnotationFile(std::string_view text) {
    if (auto file = parseAnnotationFileFast(text)) return std::move(*file);
    return parseAnnotationFileWithDom(text);
}

// [SECTION] One record or header as JSON

Json annotationToJson(const Annotation& a) {
    Json out = Json::object();
    out["id"] = a.id;
    out["start"] = a.start;
    out["end"] = a.end;
    out["quote"] = a.quote;
    out["prefix"] = a.prefix;
    out["suffix"] = a.suffix;
    out["tags"] = a.tags;
    out["note"] = a.note;
    out["author"] = a.author;
    out["created"] = a.created;
    out["modified"] = a.modified;
    out["origin"] = a.origin;
    out["status"] = std::string(statusName(a.status));
    if (!a.conflict.is_null()) out["conflict"] = a.conflict;
    for (const auto& [key, value] : a.extra.items()) out[key] = value;
    return out;
}

Annotation annotationFromJson(const Json& record, const ReportInfo& report) {
    std::vector<Problem> problems;
    std::optional<Annotation> annotation = readAnnotation(record, "annotation", report, nullptr, problems);
    if (!annotation) throw FormatError(problems.front().where, problems.front().message);
    return std::move(*annotation);
}

Json reportToJson(const ReportInfo& report) {
    Json out = Json::object();
    out["name"] = report.name;
    out["sha256"] = report.sha256;
    out["codepoints"] = report.codepoints;
    out["encoding"] = report.encoding;
    if (report.extractor)
        out["extractor"] = {{"name", report.extractor->name}, {"version", report.extractor->version}};
    for (const auto& [key, value] : report.extra.items()) out[key] = value;
    return out;
}

} // namespace gloss::annotations