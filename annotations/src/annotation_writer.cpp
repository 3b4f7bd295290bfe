// The annotation file's writer. The records are streamed into the text, with
// no nlohmann node built per record, yet the bytes are exactly those of
// nlohmann's dump(2) of the file as a tree of annotationToJson and
// reportToJson (tests/unit/annotation_writer_test.cpp holds the two equal).
// The header, the codebook, rejected records and unknown fields are small or
// rare, so nlohmann still dumps those, each at its indent.

#include "gloss/annotations/anchoring.hpp"
#include "gloss/annotations/annotation_file.hpp"
#include "gloss/annotations/bounded_json.hpp"
#include "gloss/annotations/format_error.hpp"
#include "gloss/annotations/match_annotations.hpp"
#include "gloss/annotations/utf8.hpp"
#include "record_reading.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <cstdint>
#include <cstring>
#include <functional>
#include <numeric>
#include <span>
#include <tuple>

namespace gloss::annotations {

namespace {

using Json = nlohmann::ordered_json;

// The keys annotationToJson writes itself, in its order.
constexpr std::array<std::string_view, 14> kRecordKeys = {
    "id",   "start",  "end",     "quote",    "prefix", "suffix", "tags",
    "note", "author", "created", "modified", "origin", "status", "conflict",
};

// How dump_escaped writes each byte: as it is, or with an escape.
enum class Escape : unsigned char { None, Short, Unicode };

constexpr std::array<Escape, 256> kEscapes = [] {
    std::array<Escape, 256> escapes{};
    for (size_t c = 0; c < 0x20; ++c) escapes[c] = Escape::Unicode;
    for (const unsigned char c : {'\b', '\t', '\n', '\f', '\r', '"', '\\'}) escapes[c] = Escape::Short;
    return escapes;
}();

// Writes JSON text into a buffer the way nlohmann's serializer does with
// indent 2, ensure_ascii off and strict UTF-8, and hands the buffer on in
// pieces. Each write makes room first, then stores through a pointer: the
// records are most of a large file, and growing a std::string a character at
// a time was most of the time spent writing them.
class Writer {
  public:
    using Sink = std::function<void(std::string_view)>;

    explicit Writer(const Sink& sink) : sink_(sink) { buffer_.resize(2 * kPiece); }

    // Hands on what is written so far once it fills a piece.
    void flushIfFull() {
        if (used_ >= kPiece) flush();
    }
    void flush() {
        if (used_ > 0) sink_(std::string_view(buffer_.data(), used_));
        used_ = 0;
    }

    // A literal: its length is known here, so the copy is a few stores.
    template <size_t N>
    void raw(const char (&text)[N]) {
        std::memcpy(room(N - 1), text, N - 1);
        used_ += N - 1;
    }
    void raw(std::string_view text) {
        std::memcpy(room(text.size()), text.data(), text.size());
        used_ += text.size();
    }

    // A line break and the indent of the next line.
    void line(int indent) {
        char* at = room(1 + static_cast<size_t>(indent));
        *at = '\n';
        std::memset(at + 1, ' ', static_cast<size_t>(indent));
        used_ += 1 + static_cast<size_t>(indent);
    }

    void number(uint64_t value) {
        char* at = room(20);
        used_ += static_cast<size_t>(std::to_chars(at, at + 20, value).ptr - at);
    }

    // nlohmann's dump_escaped: the two-character escapes, \u00xx (lowercase)
    // for the other control characters, everything else as it is. `checked`:
    // the text is known to be UTF-8 (cut from a report at code points).
    void string(std::string_view text, bool checked = false) {
        static constexpr char kHex[] = "0123456789abcdef";
        char* const start = room(2 + 6 * text.size());
        char* at = start;
        *at++ = '"';
        unsigned char high = 0; // any byte past ASCII sets the top bit
        size_t i = 0;
        // Eight bytes at a time while none needs an escape (most text).
        for (uint64_t word; i + 8 <= text.size(); i += 8, at += 8) {
            std::memcpy(&word, text.data() + i, 8);
            if (needsEscape(word)) break;
            high |= static_cast<unsigned char>((word & kHighBits) != 0 ? 0x80 : 0);
            std::memcpy(at, &word, 8);
        }
        for (const char c : text.substr(i)) {
            const auto byte = static_cast<unsigned char>(c);
            high |= byte;
            switch (kEscapes[byte]) {
            case Escape::None:
                *at++ = c;
                break;
            case Escape::Short:
                *at++ = '\\';
                *at++ = byte == '\b'   ? 'b'
                        : byte == '\t' ? 't'
                        : byte == '\n' ? 'n'
                        : byte == '\f' ? 'f'
                        : byte == '\r' ? 'r'
                                       : c;
                break;
            case Escape::Unicode:
                at = std::copy_n("\\u00", 4, at);
                *at++ = kHex[byte >> 4];
                *at++ = kHex[byte & 0xF];
                break;
            }
        }
        *at++ = '"';
        // nlohmann refuses text that is not UTF-8; let it throw its own error.
        if ((high & 0x80) && !checked && utf8::firstInvalidByte(text)) (void)Json(std::string(text)).dump();
        used_ += static_cast<size_t>(at - start);
    }

    // `"key": `, at the start of a member line.
    void key(std::string_view name) {
        string(name);
        raw(": ");
    }

    // Any value through nlohmann, as dump(2) writes it `indent` spaces in:
    // a line break in its output is always one between members, since a
    // string's own breaks are escaped.
    void json(const Json& value, int indent) {
        const std::string text = value.dump(2);
        std::string_view rest = text;
        for (size_t at = rest.find('\n'); at != std::string_view::npos; at = rest.find('\n')) {
            raw(rest.substr(0, at));
            line(indent);
            rest.remove_prefix(at + 1);
        }
        raw(rest);
    }

  private:
    static constexpr uint64_t kOnes = 0x0101010101010101ull;
    static constexpr uint64_t kHighBits = 0x8080808080808080ull;

    // Whether a byte of `word` is below 0x20, a quote or a backslash: the
    // classic tests for a zero byte and a byte below n, exact as to whether
    // any byte matches.
    static bool needsEscape(uint64_t word) {
        const auto zeroByte = [](uint64_t v) { return (v - kOnes) & ~v & kHighBits; };
        const uint64_t control = (word - 0x20 * kOnes) & ~word & kHighBits;
        return (control | zeroByte(word ^ ('"' * kOnes)) | zeroByte(word ^ ('\\' * kOnes))) != 0;
    }

    // Where `bytes` more can be stored.
    char* room(size_t bytes) {
        if (used_ + bytes > buffer_.size()) buffer_.resize(std::max(2 * buffer_.size(), used_ + bytes));
        return buffer_.data() + used_;
    }

    static constexpr size_t kPiece = 1 << 20;
    const Sink& sink_;
    std::string buffer_; // its size is the room; used_ bytes of it are written
    size_t used_ = 0;
};

// One record's fields, from an Annotation or from a match.
struct RecordView {
    std::string_view id;
    uint64_t start = 0;
    uint64_t end = 0;
    Selectors selectors;
    bool selectorsChecked = false; // cut from a report's text, so UTF-8
    std::span<const std::string> tags;
    std::string_view note, author, created, modified, origin;
    AnchorStatus status = AnchorStatus::Anchored;
    const Json* conflict = nullptr; // null or absent: none
    const Json* extra = nullptr;

    bool operator<(const RecordView& other) const {
        return std::tie(start, end, id) < std::tie(other.start, other.end, other.id);
    }
};

RecordView viewOf(const Annotation& a) {
    return {a.id,
            a.start,
            a.end,
            {a.quote, a.prefix, a.suffix},
            false,
            a.tags,
            a.note,
            a.author,
            a.created,
            a.modified,
            a.origin,
            a.status,
            a.conflict.is_null() ? nullptr : &a.conflict,
            &a.extra};
}

// A match's view; `id` holds its text.
RecordView viewOf(const MatchAnnotations& matches, size_t index, char (&id)[kUuidLength]) {
    const MatchAnnotations::Match& match = matches[index];
    formatUuid(match.id, id);
    RecordView view;
    view.id = std::string_view(id, kUuidLength);
    view.start = match.start;
    view.end = match.end;
    view.selectors = selectorsOf(matches.report(), match.start, match.end);
    view.selectorsChecked = true;
    view.tags = std::span<const std::string>(&matches.tags()[match.tag], 1);
    view.created = view.modified = matches.time();
    view.origin = matches.origin();
    return view;
}

// The reader's limits, checked before a record is written (a record over one
// would make a file Gloss refuses to read back): its text fields' sizes and
// the nesting of its conflict and unknown fields. `index` is its place in
// the file's annotations array.
void checkRecord(const RecordView& a, size_t index) {
    const std::string path = "annotations[" + std::to_string(index) + "]";
    for (const auto& [field, value] : {std::pair<std::string_view, std::string_view>{"id", a.id},
                                       {"quote", a.selectors.quote},
                                       {"prefix", a.selectors.prefix},
                                       {"suffix", a.selectors.suffix},
                                       {"note", a.note},
                                       {"author", a.author},
                                       {"created", a.created},
                                       {"modified", a.modified},
                                       {"origin", a.origin}})
        if (value.size() > recordFieldLimit(field))
            throw FormatError(path + "." + std::string(field),
                              tooLong(value.size(), recordFieldLimit(field)));
    constexpr int kRecordDepth = 3; // the file, its annotations array, the record
    if (a.conflict) checkWrittenDepth(*a.conflict, kRecordDepth, path + ".conflict");
    if (a.extra)
        for (const auto& [key, value] : a.extra->items())
            checkWrittenDepth(value, kRecordDepth, path + "." + key);
}

// An unknown field named like a known one replaces it in annotationToJson's
// object, in place; such a record (only code can make one) is written from
// that object.
bool shadowsKnownField(const Annotation& a) {
    for (const auto& [key, value] : a.extra.items())
        if (std::find(kRecordKeys.begin(), kRecordKeys.end(), key) != kRecordKeys.end()) return true;
    return false;
}

// One record at the annotations array's indent (4), as annotationToJson's
// object dumps there.
void writeRecord(Writer& out, const RecordView& a) {
    constexpr int kIndent = 4, kMember = 6;
    // `key` is the member's start, `"name": `, known in advance.
    const auto text = [&](std::string_view key, std::string_view value, bool checked = false) {
        out.raw(key);
        out.string(value, checked);
        out.raw(",");
        out.line(kMember);
    };
    out.raw("{");
    out.line(kMember);
    text(R"("id": )", a.id);
    out.raw(R"("start": )");
    out.number(a.start);
    out.raw(",");
    out.line(kMember);
    out.raw(R"("end": )");
    out.number(a.end);
    out.raw(",");
    out.line(kMember);
    text(R"("quote": )", a.selectors.quote, a.selectorsChecked);
    text(R"("prefix": )", a.selectors.prefix, a.selectorsChecked);
    text(R"("suffix": )", a.selectors.suffix, a.selectorsChecked);
    out.raw(R"("tags": )");
    if (a.tags.empty()) {
        out.raw("[]");
    } else {
        out.raw("[");
        for (size_t i = 0; i < a.tags.size(); ++i) {
            if (i > 0) out.raw(",");
            out.line(kMember + 2);
            out.string(a.tags[i]);
        }
        out.line(kMember);
        out.raw("]");
    }
    out.raw(",");
    out.line(kMember);
    text(R"("note": )", a.note);
    text(R"("author": )", a.author);
    text(R"("created": )", a.created);
    text(R"("modified": )", a.modified);
    text(R"("origin": )", a.origin);
    out.raw(R"("status": )");
    out.string(statusName(a.status));
    if (a.conflict) {
        out.raw(",");
        out.line(kMember);
        out.raw(R"("conflict": )");
        out.json(*a.conflict, kMember);
    }
    if (a.extra) {
        for (const auto& [key, value] : a.extra->items()) {
            out.raw(",");
            out.line(kMember);
            out.key(key);
            out.json(value, kMember);
        }
    }
    out.line(kIndent);
    out.raw("}");
}

void writeRecord(Writer& out, const Annotation& a) {
    if (shadowsKnownField(a))
        out.json(annotationToJson(a), 4);
    else
        writeRecord(out, viewOf(a));
}

// The annotations array's value: the good records and the matches merged in
// file order, then the rejected ones verbatim.
void writeRecords(Writer& out, const AnnotationFile& file, const MatchAnnotations* matches) {
    const size_t matchCount = matches ? matches->size() : 0;
    if (file.annotations.empty() && matchCount == 0 && file.rejected.empty()) {
        out.raw("[]");
        return;
    }
    const auto& annotations = file.annotations;
    std::vector<size_t> order(annotations.size());
    std::iota(order.begin(), order.end(), size_t{0});
    const auto before = [&](size_t a, size_t b) { return precedes(annotations[a], annotations[b]); };
    // Gloss keeps its annotations sorted, so the check usually spares the sort.
    if (!std::is_sorted(order.begin(), order.end(), before)) std::sort(order.begin(), order.end(), before);
    out.raw("[");
    bool first = true;
    const auto next = [&] {
        if (!first) out.raw(",");
        first = false;
        out.line(4);
    };
    size_t a = 0, m = 0;
    char id[kUuidLength];
    size_t written = 0;
    while (a < order.size() || m < matchCount) {
        next();
        if (m < matchCount) {
            const RecordView match = viewOf(*matches, m, id);
            if (a == order.size() || match < viewOf(annotations[order[a]])) {
                checkRecord(match, written++);
                writeRecord(out, match);
                ++m;
                out.flushIfFull();
                continue;
            }
        }
        checkRecord(viewOf(annotations[order[a]]), written++);
        writeRecord(out, annotations[order[a++]]);
        out.flushIfFull();
    }
    for (const Json& record : file.rejected) {
        next();
        out.json(record, 4);
        out.flushIfFull();
    }
    out.line(2);
    out.raw("]");
}

} // namespace

void writeAnnotationFile(const AnnotationFile& file, const MatchAnnotations* matches,
                         const std::function<void(std::string_view)>& sink) {
    // The top level as a tree holds everything but the records, in the order
    // (and with the replacements) of assigning each key in turn.
    Json head = Json::object();
    head["format"] = kAnnotationFormat;
    head["version"] = kAnnotationFormatVersion;
    head["report"] = reportToJson(file.report);
    if (file.codebook) head["codebook"] = codebookToJson(*file.codebook);
    head["annotations"] = nullptr;
    for (const auto& [key, value] : file.extra.items()) head[key] = value;
    const bool streamRecords = !file.extra.contains("annotations");

    Writer out(sink);
    out.raw("{");
    bool first = true;
    for (const auto& [key, value] : head.items()) {
        if (!first) out.raw(",");
        first = false;
        out.line(2);
        out.key(key);
        if (key == "annotations" && streamRecords)
            writeRecords(out, file, matches);
        else
            out.json(value, 2);
    }
    out.line(0);
    out.raw("}\n");
    out.flush();
}

std::string serializeAnnotationFile(const AnnotationFile& file) {
    std::string text;
    writeAnnotationFile(file, nullptr, [&](std::string_view piece) { text += piece; });
    return text;
}

} // namespace gloss::annotations
