// The fast reader of annotation files (annotation_readers.hpp).
// On a large file the DOM reader takes about twice as long as Python's
// json.load and peaks at about five times the file's size (bench/): every
// value becomes a heap-allocated nlohmann node and is then copied again into
// an Annotation. The fast path reads the text once, straight into
// Annotations. It accelerates the DOM reader and never disagrees with it
// (tests/unit/annotation_readers_test.cpp and the fuzz target
// tests/fuzz/fuzz_annotation_readers.cpp run both and compare):
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

#include "gloss/annotations/annotation_readers.hpp"
#include "gloss/annotations/bounded_json.hpp"
#include "gloss/annotations/ids.hpp"
#include "gloss/annotations/utf8.hpp"
#include "record_reading.hpp"

#include <algorithm>
#include <array>
#include <cstdint>
#include <optional>

namespace gloss::annotations {

namespace {

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
        const size_t begin = pos_;
        size_t run = pos_;
        for (;;) {
            while (pos_ < text_.size() && classOf(text_[pos_]) == ByteClass::Plain) ++pos_;
            // An over-long string is the DOM reader's to refuse, before it copies anything.
            if (pos_ == text_.size() || pos_ - begin > kMaxJsonStringBytes) throw GiveUp{};
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
            checkJsonText(text_.substr(pos_, end - pos_));
            Json value = Json::parse(text_.data() + pos_, text_.data() + end);
            pos_ = end;
            return value;
        } catch (const Json::exception&) {
            throw GiveUp{};
        } catch (const FormatError&) {
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
                const size_t begin = p;
                for (++p; p < text_.size() && text_[p] != '"'; ++p)
                    if (text_[p] == '\\') ++p;
                if (p >= text_.size() || p - begin > kMaxJsonStringBytes) throw GiveUp{};
                if (level == 0) return p + 1;
            } else if (c == '\0') {
                // nlohmann takes a NUL for the end of its input: inside a span
                // it would end the value early and hide the bytes after it,
                // which the DOM reader, reading the whole text, refuses.
                throw GiveUp{};
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
bool readPlainRecord(FastReader& in, Annotation& a, const ReportInfo& report, const TagIds* codebookIds) {
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
    for (const auto& [field, value] : {std::pair<std::string_view, std::string_view>{"id", a.id},
                                       {"quote", a.quote},
                                       {"prefix", a.prefix},
                                       {"suffix", a.suffix},
                                       {"note", a.note},
                                       {"author", a.author},
                                       {"created", a.created},
                                       {"modified", a.modified},
                                       {"origin", a.origin},
                                       {"status", status}})
        if (value.size() > recordFieldLimit(field)) return false;
    if (a.id.empty()) return false;
    // (An orphan may lie past the end; readAnnotation reads those.)
    if (a.end <= a.start || a.end > report.codepoints) return false;
    if (utf8::countCodepoints(a.quote) != a.end - a.start) return false;
    for (auto tag = a.tags.begin(); tag != a.tags.end(); ++tag) {
        if (tag->empty() || std::find(a.tags.begin(), tag, *tag) != tag) return false;
        if (codebookIds && !codebookIds->contains(*tag)) return false;
    }
    for (const std::string* time : {&a.created, &a.modified})
        if (!time->empty() && !isRfc3339(*time)) return false;
    if ((seen & kOrigin) && a.origin != "manual" && !(a.origin.starts_with("plugin:") && a.origin.size() > 7))
        return false;
    if (seen & kStatus) {
        const auto parsed = anchorStatusFromString(status);
        if (!parsed) return false;
        a.status = *parsed;
    }
    return true;
}

// The ids of the annotations read so far, to refuse a repeated one as
// the DOM reader's map does, without a node and a copy of the id per record
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

// The annotations array at the cursor, read into `file` as the DOM reader's
// loop reads it: good records in order, each problem at its path, rejected
// records verbatim.
void readRecords(FastReader& in, AnnotationFile& file, const TagIds* codebookIds) {
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

} // namespace

std::optional<AnnotationFile> parseAnnotationFileFast(std::string_view text) {
    try {
        FastReader in(text);
        AnnotationFile file;
        Json header = Json::object(); // the top level but its annotations, in file order
        TagIds codebookIds;
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
                file.codebook = readEmbeddedCodebook(header);
                if (file.codebook) codebookIds = tagIdsOf(*file.codebook);
                readRecords(in, file, file.codebook ? &codebookIds : nullptr);
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

        // The header, checked as the DOM reader checks it.
        checkFormatAndVersion(header);
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

} // namespace gloss::annotations
