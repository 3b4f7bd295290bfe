#include "gloss/annotations/annotation_file.hpp"

#include "gloss/annotations/bounded_json.hpp"
#include "gloss/annotations/ids.hpp"
#include "gloss/annotations/utf8.hpp"

#include <algorithm>
#include <array>
#include <cstdint>
#include <numeric>
#include <optional>
#include <set>
#include <unordered_map>

namespace gloss::annotations {

using Json = nlohmann::ordered_json;

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

std::string excerpt(std::string_view text) {
    constexpr size_t kShown = 40;
    std::string shown(text.substr(0, kShown));
    if (text.size() > kShown) shown += "...";
    return Json(shown).dump(-1, ' ', false, Json::error_handler_t::replace);
}

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
            fail(pathOf(key), std::to_string(text.size()) + " bytes is longer than the limit of " +
                                  std::to_string(maxBytes));
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
            fail(pathOf(key), value->dump() + " is negative");
        else
            fail(pathOf(key),
                 "expected a whole number, found " + (value->is_number() ? value->dump() : typeName(*value)));
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

// [SECTION] Header

void checkFormatAndVersion(const Json& root) {
    const auto format = root.find("format");
    require(format != root.end(), "format", "missing (expected \"gloss.annotations\")");
    require(format->is_string() && *format == kAnnotationFormat, "format",
            "expected \"gloss.annotations\", found " + format->dump());

    const auto version = root.find("version");
    require(version != root.end(), "version", "missing");
    require(version->is_number_integer(), "version", "expected a whole number, found " + version->dump());
    // Unsigned values past INT64_MAX are newer too; dump() shows them as written.
    const bool newer = version->is_number_unsigned() ? version->get<uint64_t>() > kAnnotationFormatVersion
                                                     : version->get<int64_t>() > kAnnotationFormatVersion;
    require(!newer, "version",
            version->dump() + " is newer than this Gloss reads (" + std::to_string(kAnnotationFormatVersion) +
                "); update Gloss to open this file");
    require(version->get<int64_t>() >= 1, "version", version->dump() + " is not a version of this format");
}

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

// Tag ids of the embedded codebook; annotations may only use these.
std::set<std::string, std::less<>> readCodebookTagIds(const Json& codebook) {
    std::set<std::string, std::less<>> ids;
    require(codebook.is_object(), "codebook", "expected an object, found " + typeName(codebook));
    const auto tags = codebook.find("tags");
    require(tags != codebook.end() && tags->is_array(), "codebook.tags", "expected an array of tags");
    for (size_t i = 0; i < tags->size(); ++i) {
        const Json& tag = (*tags)[i];
        const std::string where = "codebook.tags[" + std::to_string(i) + "].id";
        require(tag.is_object() && tag.contains("id") && tag["id"].is_string(), where,
                "expected a string id");
        require(ids.insert(tag["id"].get<std::string>()).second, where,
                "duplicate tag id " + tag["id"].dump());
    }
    return ids;
}

// [SECTION] Annotation records

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

// A check added here needs its twin in readPlainRecord (the fast path), or
// that path would accept records this one rejects. A check removed here
// needs nothing: the fast path then only hands more records to this one.
std::optional<Annotation> readAnnotation(const Json& record, const std::string& path,
                                         const ReportInfo& report,
                                         const std::set<std::string, std::less<>>* codebookIds,
                                         std::vector<Problem>& problems) {
    if (!record.is_object()) {
        problems.push_back({path, "expected an object, found " + typeName(record)});
        return std::nullopt;
    }
    RecordReader r(record, path, problems);
    Annotation a;
    a.id = r.string("id", true, kMaxIdBytes);
    if (r.ok() && a.id.empty()) r.fail(r.pathOf("id"), "is empty");
    a.start = r.unsignedNumber("start", true);
    a.end = r.unsignedNumber("end", true);
    if (r.ok() && a.end <= a.start)
        r.fail(r.pathOf("end"),
               std::to_string(a.end) + " is not after start (" + std::to_string(a.start) + ")");
    // An orphan keeps the range it had on an older text of the report (DESIGN §3: kept, never
    // dropped), so only an annotation that is placed must lie inside the report.
    const auto statusField = record.find("status");
    const bool orphaned = statusField != record.end() && *statusField == "orphaned";
    if (r.ok() && !orphaned && a.end > report.codepoints)
        r.fail(r.pathOf("end"), std::to_string(a.end) + " is past the end of the report (" +
                                    std::to_string(report.codepoints) + " code points)");
    a.quote = r.string("quote", true, kMaxQuoteBytes);
    if (r.ok()) {
        const uint64_t length = utf8::countCodepoints(a.quote);
        if (length != a.end - a.start)
            r.fail(r.pathOf("quote"), "has " + std::to_string(length) +
                                          " code points but start..end covers " +
                                          std::to_string(a.end - a.start));
    }
    a.prefix = r.string("prefix", false, kMaxContextBytes);
    a.suffix = r.string("suffix", false, kMaxContextBytes);

    if (const Json* tags = r.field("tags", true)) {
        if (!tags->is_array()) {
            r.fail(r.pathOf("tags"), "expected an array of tag ids, found " + typeName(*tags));
        } else {
            for (size_t i = 0; i < tags->size(); ++i) {
                const Json& tag = (*tags)[i];
                const std::string where = r.pathOf("tags") + "[" + std::to_string(i) + "]";
                if (!tag.is_string() || tag.get_ref<const std::string&>().empty())
                    r.fail(where, "expected a tag id, found " + tag.dump());
                else if (std::find(a.tags.begin(), a.tags.end(), tag.get<std::string>()) != a.tags.end())
                    r.fail(where, tag.dump() + " is listed twice");
                else if (codebookIds && !codebookIds->contains(tag.get_ref<const std::string&>()))
                    r.fail(where, tag.dump() + " is not in the file's codebook");
                else
                    a.tags.push_back(tag.get<std::string>());
            }
        }
    }
    a.note = r.string("note", false, kMaxNoteBytes);
    a.author = r.string("author", false, kMaxAuthorBytes);
    a.created = r.string("created", false, 64);
    if (r.ok() && !a.created.empty() && !isRfc3339(a.created))
        r.fail(r.pathOf("created"), "expected an RFC 3339 date-time, found " + excerpt(a.created));
    a.modified = r.string("modified", false, 64);
    if (r.ok() && !a.modified.empty() && !isRfc3339(a.modified))
        r.fail(r.pathOf("modified"), "expected an RFC 3339 date-time, found " + excerpt(a.modified));
    if (record.contains("origin")) {
        a.origin = r.string("origin", false, kMaxIdBytes);
        if (r.ok() && a.origin != "manual" && !(a.origin.starts_with("plugin:") && a.origin.size() > 7))
            r.fail(r.pathOf("origin"), "expected \"manual\" or \"plugin:<id>\", found " + excerpt(a.origin));
    }
    if (record.contains("status")) {
        const std::string status = r.string("status", false, 64);
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
// The reference reader: parse the whole text with nlohmann, then read each
// record from the tree. It gives every error and problem its message.

AnnotationFile parseWithDom(std::string_view text) {
    const Json root = parseBoundedJson(text);
    require(root.is_object(), "top level", "expected an object, found " + typeName(root));
    checkFormatAndVersion(root);

    AnnotationFile file;
    file.report = readReport(root);

    std::set<std::string, std::less<>> codebookIds;
    if (const auto codebook = root.find("codebook"); codebook != root.end() && !codebook->is_null()) {
        codebookIds = readCodebookTagIds(*codebook);
        file.codebook = *codebook;
    }
    const auto* knownIds = file.codebook.is_null() ? nullptr : &codebookIds;

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

// [SECTION] Fast path
// On a large file the DOM reader takes about twice as long as Python's
// json.load and peaks at about five times the file's size (bench/): every
// value becomes a heap-allocated nlohmann node and is then copied again into
// an Annotation. The fast path reads the text once, straight into
// Annotations. It accelerates the DOM reader and never disagrees with it:
//  - a plain record (known fields only, each once, of the expected type, no
//    \u escape, values readAnnotation accepts unchanged) is read directly:
//    every record Gloss writes is plain;
//  - any other record is parsed by nlohmann and read by readAnnotation, as
//    the DOM reader reads it (same problems, same verbatim copy);
//  - the header values are parsed by nlohmann and checked by the same code;
//  - anything else (a syntax error, nesting deeper than kMaxJsonDepth, a
//    top-level key twice, a report or codebook after the annotations, a
//    problem in the header) abandons the fast path, and the DOM reader reads
//    the whole file, so every error is the DOM reader's.
// Each byte is either checked here as strictly as nlohmann's lexer checks it,
// or inside a span that nlohmann itself parses.

// Thrown to abandon the fast path.
struct GiveUp {};

// Containers around a top-level value and around a record, as checkNesting
// counts them (the top-level object; it and the annotations array).
constexpr int kTopLevelDepth = 1;
constexpr int kRecordDepth = 2;

enum class ByteClass : unsigned char { Plain, Quote, Backslash, Control, NonAscii };

constexpr std::array<ByteClass, 256> kByteClasses = [] {
    std::array<ByteClass, 256> classes{};
    for (size_t c = 0; c < classes.size(); ++c)
        classes[c] = c < 0x20    ? ByteClass::Control
                     : c == '"'  ? ByteClass::Quote
                     : c == '\\' ? ByteClass::Backslash
                     : c >= 0x80 ? ByteClass::NonAscii
                                 : ByteClass::Plain;
    return classes;
}();

ByteClass classOf(char c) {
    return kByteClasses[static_cast<unsigned char>(c)];
}

bool isJsonSpace(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

class FastReader {
  public:
    explicit FastReader(std::string_view text) : text_(text) {}

    size_t position() const { return pos_; }
    void seek(size_t pos) { pos_ = pos; }

    // The next byte after whitespace, or '\0' at the end of the text.
    char peek() {
        while (pos_ < text_.size() && isJsonSpace(text_[pos_])) ++pos_;
        return pos_ < text_.size() ? text_[pos_] : '\0';
    }
    bool atEnd() {
        peek();
        return pos_ == text_.size();
    }
    // Steps over `c`, which must come next: anything else is not JSON here.
    void expect(char c) {
        if (peek() != c || pos_ == text_.size()) throw GiveUp{};
        ++pos_;
    }

    // Reads the string that starts at the cursor into `out`. Returns false for
    // a string with a \u escape, left to nlohmann (the cursor is then inside it).
    bool readString(std::string& out) {
        expect('"');
        out.clear();
        size_t run = pos_;
        for (;;) {
            while (pos_ < text_.size() && classOf(text_[pos_]) == ByteClass::Plain) ++pos_;
            if (pos_ == text_.size()) throw GiveUp{};
            switch (classOf(text_[pos_])) {
            case ByteClass::Quote:
                out.append(text_.data() + run, pos_ - run);
                ++pos_;
                return true;
            case ByteClass::NonAscii:
                pos_ = afterUtf8Sequence(pos_);
                break;
            case ByteClass::Backslash:
                out.append(text_.data() + run, pos_ - run);
                if (pos_ + 1 == text_.size()) throw GiveUp{};
                switch (text_[pos_ + 1]) {
                case '"':
                case '\\':
                case '/':
                    out += text_[pos_ + 1];
                    break;
                case 'b':
                    out += '\b';
                    break;
                case 'f':
                    out += '\f';
                    break;
                case 'n':
                    out += '\n';
                    break;
                case 'r':
                    out += '\r';
                    break;
                case 't':
                    out += '\t';
                    break;
                case 'u':
                    return false;
                default:
                    throw GiveUp{};
                }
                pos_ += 2;
                run = pos_;
                break;
            case ByteClass::Control:
            case ByteClass::Plain:
                throw GiveUp{};
            }
        }
    }

    // A key of printable ASCII without escapes (every known key is one), as a
    // view of the text; nullopt for any other key.
    std::optional<std::string_view> readPlainKey() {
        expect('"');
        size_t end = pos_;
        while (end < text_.size() && classOf(text_[end]) == ByteClass::Plain) ++end;
        if (end == text_.size() || text_[end] != '"') return std::nullopt;
        const std::string_view key = text_.substr(pos_, end - pos_);
        pos_ = end + 1;
        return key;
    }

    // A whole number without sign, fraction or exponent: what nlohmann reads
    // as number_unsigned. At most 19 digits, so it cannot overflow. nullopt,
    // with the cursor unmoved, for any other value.
    std::optional<uint64_t> readUnsigned() {
        peek();
        size_t end = pos_;
        uint64_t value = 0;
        while (end < text_.size() && end - pos_ < 20 && text_[end] >= '0' && text_[end] <= '9')
            value = value * 10 + static_cast<uint64_t>(text_[end++] - '0');
        const size_t digits = end - pos_;
        if (digits == 0 || digits > 19 || (digits > 1 && text_[pos_] == '0')) return std::nullopt;
        if (end < text_.size() && (text_[end] == '.' || text_[end] == 'e' || text_[end] == 'E' ||
                                   (text_[end] >= '0' && text_[end] <= '9')))
            return std::nullopt;
        pos_ = end;
        return value;
    }

    // Parses the value at the cursor with nlohmann and steps over it. `depth`
    // is the number of arrays and objects around it.
    Json parseValue(int depth) {
        // nlohmann would skip a byte order mark at the start of the span.
        const char first = peek();
        if (first != '{' && first != '[' && first != '"' && first != '-' && !(first >= '0' && first <= '9') &&
            first != 't' && first != 'f' && first != 'n')
            throw GiveUp{};
        const size_t end = valueEnd(depth);
        try {
            Json value = Json::parse(text_.data() + pos_, text_.data() + end);
            pos_ = end;
            return value;
        } catch (const Json::exception&) {
            throw GiveUp{};
        }
    }

  private:
    // The byte after the UTF-8 sequence at `at`: the well-formed sequences of
    // Unicode's table 3-7, which nlohmann's lexer accepts and no others.
    size_t afterUtf8Sequence(size_t at) const {
        const auto byte = [&](size_t i) -> unsigned {
            return i < text_.size() ? static_cast<unsigned char>(text_[i]) : 0u;
        };
        const unsigned lead = byte(at);
        unsigned low = 0x80, high = 0xBF; // range of the second byte
        size_t length = 0;
        if (lead >= 0xC2 && lead <= 0xDF) {
            length = 2;
        } else if (lead >= 0xE0 && lead <= 0xEF) {
            length = 3;
            if (lead == 0xE0) low = 0xA0;
            if (lead == 0xED) high = 0x9F;
        } else if (lead >= 0xF0 && lead <= 0xF4) {
            length = 4;
            if (lead == 0xF0) low = 0x90;
            if (lead == 0xF4) high = 0x8F;
        } else {
            throw GiveUp{};
        }
        if (byte(at + 1) < low || byte(at + 1) > high) throw GiveUp{};
        for (size_t k = 2; k < length; ++k)
            if (byte(at + k) < 0x80 || byte(at + k) > 0xBF) throw GiveUp{};
        return at + length;
    }

    // The end of the value at the cursor, found by matching strings and
    // brackets only: nlohmann then parses the span and checks the rest. Gives
    // up at the end of the text, and where the nesting, counting `depth`
    // containers around the value, passes kMaxJsonDepth.
    size_t valueEnd(int depth) const {
        int level = 0;
        for (size_t p = pos_; p < text_.size(); ++p) {
            const char c = text_[p];
            if (c == '"') {
                for (++p; p < text_.size() && text_[p] != '"'; ++p)
                    if (text_[p] == '\\') ++p;
                if (p >= text_.size()) throw GiveUp{};
                if (level == 0) return p + 1;
            } else if (c == '[' || c == '{') {
                if (depth + ++level > kMaxJsonDepth) throw GiveUp{};
            } else if (c == ']' || c == '}') {
                if (level == 0) return p;
                if (--level == 0) return p + 1;
            } else if (level == 0 && (c == ',' || isJsonSpace(c))) {
                return p;
            }
        }
        if (level > 0) throw GiveUp{};
        return text_.size();
    }

    std::string_view text_;
    size_t pos_ = 0;
};

// The fields of a record, as bits, to find repeated and missing ones.
enum Field : unsigned {
    kUnknownField = 0,
    kId = 1u << 0,
    kStart = 1u << 1,
    kEnd = 1u << 2,
    kQuote = 1u << 3,
    kPrefix = 1u << 4,
    kSuffix = 1u << 5,
    kTags = 1u << 6,
    kNote = 1u << 7,
    kAuthor = 1u << 8,
    kCreated = 1u << 9,
    kModified = 1u << 10,
    kOrigin = 1u << 11,
    kStatus = 1u << 12,
};

Field fieldOf(std::string_view key) {
    static constexpr std::pair<std::string_view, Field> kFields[] = {
        {"id", kId},         {"start", kStart},     {"end", kEnd},           {"quote", kQuote},
        {"prefix", kPrefix}, {"suffix", kSuffix},   {"tags", kTags},         {"note", kNote},
        {"author", kAuthor}, {"created", kCreated}, {"modified", kModified}, {"origin", kOrigin},
        {"status", kStatus},
    };
    for (const auto& [name, field] : kFields)
        if (name == key) return field;
    return kUnknownField;
}

// Reads the array of tag ids at the cursor; false for anything but strings.
bool readTagArray(FastReader& in, std::vector<std::string>& tags) {
    in.expect('[');
    if (in.peek() == ']') {
        in.expect(']');
        return true;
    }
    for (;;) {
        if (in.peek() != '"') return false;
        std::string tag;
        if (!in.readString(tag)) return false;
        tags.push_back(std::move(tag));
        const char next = in.peek();
        in.expect(next == ']' ? ']' : ',');
        if (next == ']') return true;
    }
}

// Reads the record at the cursor when it is plain (see the section's head)
// and its values are ones readAnnotation accepts without a problem. Returns
// false otherwise, with the cursor anywhere in the record.
bool readPlainRecord(FastReader& in, Annotation& a, const ReportInfo& report,
                     const std::set<std::string, std::less<>>* codebookIds) {
    if (in.peek() != '{') return false;
    in.expect('{');
    if (in.peek() == '}') return false;
    unsigned seen = 0;
    std::string status;
    for (;;) {
        const auto key = in.readPlainKey();
        if (!key) return false;
        in.expect(':');
        const Field field = fieldOf(*key);
        if (field == kUnknownField || (seen & field)) return false;
        seen |= field;
        if (field == kStart || field == kEnd) {
            const auto number = in.readUnsigned();
            if (!number) return false;
            (field == kStart ? a.start : a.end) = *number;
        } else if (field == kTags) {
            if (in.peek() != '[' || !readTagArray(in, a.tags)) return false;
        } else {
            std::string& target = field == kId         ? a.id
                                  : field == kQuote    ? a.quote
                                  : field == kPrefix   ? a.prefix
                                  : field == kSuffix   ? a.suffix
                                  : field == kNote     ? a.note
                                  : field == kAuthor   ? a.author
                                  : field == kCreated  ? a.created
                                  : field == kModified ? a.modified
                                  : field == kOrigin   ? a.origin
                                                       : status;
            if (in.peek() != '"' || !in.readString(target)) return false;
        }
        const char next = in.peek();
        in.expect(next == '}' ? '}' : ',');
        if (next == '}') break;
    }

    // readAnnotation's checks: any problem and the record is read by it.
    constexpr unsigned kRequired = kId | kStart | kEnd | kQuote | kTags;
    if ((seen & kRequired) != kRequired) return false;
    if (a.id.empty() || a.id.size() > kMaxIdBytes) return false;
    // (An orphan may lie past the end; readAnnotation reads those.)
    if (a.end <= a.start || a.end > report.codepoints) return false;
    if (a.quote.size() > kMaxQuoteBytes || utf8::countCodepoints(a.quote) != a.end - a.start) return false;
    if (a.prefix.size() > kMaxContextBytes || a.suffix.size() > kMaxContextBytes) return false;
    for (auto tag = a.tags.begin(); tag != a.tags.end(); ++tag) {
        if (tag->empty() || std::find(a.tags.begin(), tag, *tag) != tag) return false;
        if (codebookIds && !codebookIds->contains(*tag)) return false;
    }
    if (a.note.size() > kMaxNoteBytes || a.author.size() > kMaxAuthorBytes) return false;
    for (const std::string* time : {&a.created, &a.modified})
        if (time->size() > 64 || (!time->empty() && !isRfc3339(*time))) return false;
    if ((seen & kOrigin) &&
        (a.origin.size() > kMaxIdBytes ||
         (a.origin != "manual" && !(a.origin.starts_with("plugin:") && a.origin.size() > 7))))
        return false;
    if (seen & kStatus) {
        const auto parsed = status.size() <= 64 ? anchorStatusFromString(status) : std::nullopt;
        if (!parsed) return false;
        a.status = *parsed;
    }
    return true;
}

// The ids of the annotations read so far, to refuse a repeated one as
// parseWithDom's map does, without a node and a copy of the id per record
// (on 100,000 records that map took a fifth of the fast path's time):
// open addressing over indexes into the annotations, with each id's hash.
class IdIndex {
  public:
    explicit IdIndex(const std::vector<Annotation>& annotations) : annotations_(annotations) {}

    // Records that annotations[index] came from record `record`; when an
    // earlier annotation has its id, records nothing and returns that one's record.
    std::optional<size_t> insert(size_t index, size_t record) {
        if (2 * (count_ + 1) > slots_.size()) grow();
        const std::string& id = annotations_[index].id;
        const size_t hash = std::hash<std::string_view>{}(id);
        for (size_t s = hash & (slots_.size() - 1);; s = (s + 1) & (slots_.size() - 1)) {
            Slot& slot = slots_[s];
            if (slot.index == kEmpty) {
                slot = {hash, index, record};
                ++count_;
                return std::nullopt;
            }
            if (slot.hash == hash && annotations_[slot.index].id == id) return slot.record;
        }
    }

  private:
    static constexpr size_t kEmpty = SIZE_MAX;
    struct Slot {
        size_t hash = 0;
        size_t index = kEmpty;
        size_t record = 0;
    };

    void grow() {
        std::vector<Slot> old(std::max<size_t>(64, 2 * slots_.size()));
        old.swap(slots_);
        for (const Slot& slot : old) {
            if (slot.index == kEmpty) continue;
            size_t s = slot.hash & (slots_.size() - 1);
            while (slots_[s].index != kEmpty) s = (s + 1) & (slots_.size() - 1);
            slots_[s] = slot;
        }
    }

    const std::vector<Annotation>& annotations_;
    std::vector<Slot> slots_;
    size_t count_ = 0;
};

// The annotations array at the cursor, read into `file` as parseWithDom's
// loop reads it: good records in order, each problem at its path, rejected
// records verbatim.
void readRecords(FastReader& in, AnnotationFile& file,
                 const std::set<std::string, std::less<>>* codebookIds) {
    in.expect('[');
    if (in.peek() == ']') {
        in.expect(']');
        return;
    }
    IdIndex ids(file.annotations);
    for (size_t i = 0;; ++i) {
        in.peek();
        const size_t start = in.position();
        const auto path = [i] { return "annotations[" + std::to_string(i) + "]"; };
        std::optional<Json> record; // parsed only when the record is not plain
        Annotation& annotation = file.annotations.emplace_back();
        bool good = readPlainRecord(in, annotation, file.report, codebookIds);
        if (!good) {
            in.seek(start);
            record = in.parseValue(kRecordDepth);
            if (auto read = readAnnotation(*record, path(), file.report, codebookIds, file.problems)) {
                annotation = std::move(*read);
                good = true;
            }
        }
        if (good) {
            if (const auto first = ids.insert(file.annotations.size() - 1, i)) {
                file.problems.push_back({path() + ".id", excerpt(annotation.id) +
                                                             " is also the id of annotations[" +
                                                             std::to_string(*first) + "]"});
                good = false;
            }
        }
        if (!good) {
            file.annotations.pop_back();
            if (!record) {
                in.seek(start);
                record = in.parseValue(kRecordDepth);
            }
            file.rejected.push_back(std::move(*record));
        }
        const char next = in.peek();
        in.expect(next == ']' ? ']' : ',');
        if (next == ']') return;
    }
}

// The whole file through the fast path; nullopt where it gives up.
std::optional<AnnotationFile> parseFast(std::string_view text) {
    try {
        FastReader in(text);
        AnnotationFile file;
        Json header = Json::object(); // the top level but its annotations, in file order
        std::set<std::string, std::less<>> codebookIds;
        bool sawAnnotations = false;
        in.expect('{');
        if (in.peek() == '}') throw GiveUp{};
        for (;;) {
            std::string key;
            if (!in.readString(key)) throw GiveUp{};
            in.expect(':');
            if (key == "annotations") {
                // Records are checked against the report and codebook, so
                // those must come first (Gloss writes them first).
                if (sawAnnotations || in.peek() != '[') throw GiveUp{};
                sawAnnotations = true;
                file.report = readReport(header);
                const auto codebook = header.find("codebook");
                const bool hasCodebook = codebook != header.end() && !codebook->is_null();
                if (hasCodebook) codebookIds = readCodebookTagIds(*codebook);
                readRecords(in, file, hasCodebook ? &codebookIds : nullptr);
            } else {
                if (header.contains(key) || (sawAnnotations && (key == "report" || key == "codebook")))
                    throw GiveUp{};
                header[key] = in.parseValue(kTopLevelDepth);
            }
            const char next = in.peek();
            in.expect(next == '}' ? '}' : ',');
            if (next == '}') break;
        }
        if (!in.atEnd() || !sawAnnotations) throw GiveUp{};

        // The header, checked as parseWithDom checks it.
        checkFormatAndVersion(header);
        if (const auto codebook = header.find("codebook"); codebook != header.end() && !codebook->is_null())
            file.codebook = std::move(*codebook);
        Json extra = Json::object();
        for (auto& [key, value] : header.items())
            if (key != "format" && key != "version" && key != "report" && key != "codebook")
                extra[key] = std::move(value);
        file.extra = std::move(extra);
        return file;
    } catch (const GiveUp&) {
    } catch (const FormatError&) {
    } catch (const Json::exception&) {
    }
    return std::nullopt;
}

} // namespace

AnnotationFile parseAnnotationFile(std::string_view text) {
    if (auto file = parseFast(text)) return std::move(*file);
    return parseWithDom(text);
}

// [SECTION] Writing

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

std::string serializeAnnotationFile(const AnnotationFile& file) {
    Json root = Json::object();
    root["format"] = kAnnotationFormat;
    root["version"] = kAnnotationFormatVersion;
    root["report"] = reportToJson(file.report);
    if (!file.codebook.is_null()) root["codebook"] = file.codebook;

    std::vector<size_t> order(file.annotations.size());
    std::iota(order.begin(), order.end(), size_t{0});
    std::sort(order.begin(), order.end(),
              [&](size_t a, size_t b) { return precedes(file.annotations[a], file.annotations[b]); });
    Json records = Json::array();
    records.get_ref<Json::array_t&>().reserve(order.size() + file.rejected.size());
    for (size_t index : order) records.push_back(annotationToJson(file.annotations[index]));
    for (const Json& record : file.rejected) records.push_back(record);
    root["annotations"] = std::move(records);
    for (const auto& [key, value] : file.extra.items()) root[key] = value;
    return root.dump(2) + "\n";
}

} // namespace gloss::annotations
