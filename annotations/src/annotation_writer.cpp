// The annotation file's writer. The records are streamed into the text, with
// no nlohmann node built per record, yet the bytes are exactly those of
// nlohmann's dump(2) of the file as a tree of annotationToJson and
// reportToJson (tests/unit/annotation_writer_test.cpp holds the two equal).
// The header, the codebook, rejected records and unknown fields are small or
// rare, so nlohmann still dumps those, each at its indent.

#include "gloss/annotations/annotation_file.hpp"
#include "gloss/annotations/utf8.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <cstdint>
#include <numeric>

namespace gloss::annotations {

namespace {

using Json = nlohmann::ordered_json;

// The keys annotationToJson writes itself, in its order.
constexpr std::array<std::string_view, 14> kRecordKeys = {
    "id",   "start",  "end",     "quote",    "prefix", "suffix", "tags",
    "note", "author", "created", "modified", "origin", "status", "conflict",
};

// Appends JSON text to one string the way nlohmann's serializer does with
// indent 2, ensure_ascii off and strict UTF-8.
class Writer {
  public:
    explicit Writer(std::string& out) : out_(out) {}

    void raw(std::string_view text) { out_ += text; }

    // A line break and the indent of the next line.
    void line(int indent) {
        out_ += '\n';
        out_.append(static_cast<size_t>(indent), ' ');
    }

    void number(uint64_t value) {
        char digits[20];
        const auto end = std::to_chars(digits, digits + sizeof digits, value).ptr;
        out_.append(digits, end);
    }

    // nlohmann's dump_escaped: the two-character escapes, \u00xx (lowercase)
    // for the other control characters, everything else as it is.
    void string(std::string_view text) {
        if (!isAscii(text) && utf8::firstInvalidByte(text)) {
            // nlohmann refuses it; let it throw its own error.
            out_ += Json(std::string(text)).dump();
            return;
        }
        out_ += '"';
        size_t run = 0;
        for (size_t i = 0; i < text.size(); ++i) {
            const auto byte = static_cast<unsigned char>(text[i]);
            if (byte >= 0x20 && byte != '"' && byte != '\\') continue;
            out_.append(text.data() + run, i - run);
            run = i + 1;
            switch (byte) {
            case '"':
                out_ += "\\\"";
                break;
            case '\\':
                out_ += "\\\\";
                break;
            case '\b':
                out_ += "\\b";
                break;
            case '\t':
                out_ += "\\t";
                break;
            case '\n':
                out_ += "\\n";
                break;
            case '\f':
                out_ += "\\f";
                break;
            case '\r':
                out_ += "\\r";
                break;
            default: {
                static constexpr char kHex[] = "0123456789abcdef";
                const char escape[] = {'\\', 'u', '0', '0', kHex[byte >> 4], kHex[byte & 0xF]};
                out_.append(escape, sizeof escape);
            }
            }
        }
        out_.append(text.data() + run, text.size() - run);
        out_ += '"';
    }

    // `"key": `, at the start of a member line.
    void key(std::string_view name) {
        string(name);
        out_ += ": ";
    }

    // Any value through nlohmann, as dump(2) writes it `indent` spaces in:
    // a line break in its output is always one between members, since a
    // string's own breaks are escaped.
    void json(const Json& value, int indent) {
        const std::string text = value.dump(2);
        size_t run = 0;
        for (size_t at = text.find('\n'); at != std::string::npos; at = text.find('\n', at + 1)) {
            out_.append(text, run, at - run);
            line(indent);
            run = at + 1;
        }
        out_.append(text, run);
    }

  private:
    static bool isAscii(std::string_view text) {
        return std::all_of(text.begin(), text.end(),
                           [](char c) { return static_cast<unsigned char>(c) < 0x80; });
    }

    std::string& out_;
};

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
void writeRecord(Writer& out, const Annotation& a) {
    constexpr int kIndent = 4, kMember = 6;
    if (shadowsKnownField(a)) {
        out.json(annotationToJson(a), kIndent);
        return;
    }
    const auto text = [&](std::string_view name, std::string_view value) {
        out.key(name);
        out.string(value);
        out.raw(",");
        out.line(kMember);
    };
    out.raw("{");
    out.line(kMember);
    text("id", a.id);
    out.key("start");
    out.number(a.start);
    out.raw(",");
    out.line(kMember);
    out.key("end");
    out.number(a.end);
    out.raw(",");
    out.line(kMember);
    text("quote", a.quote);
    text("prefix", a.prefix);
    text("suffix", a.suffix);
    out.key("tags");
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
    text("note", a.note);
    text("author", a.author);
    text("created", a.created);
    text("modified", a.modified);
    text("origin", a.origin);
    out.key("status");
    out.string(statusName(a.status));
    if (!a.conflict.is_null()) {
        out.raw(",");
        out.line(kMember);
        out.key("conflict");
        out.json(a.conflict, kMember);
    }
    for (const auto& [key, value] : a.extra.items()) {
        out.raw(",");
        out.line(kMember);
        out.key(key);
        out.json(value, kMember);
    }
    out.line(kIndent);
    out.raw("}");
}

// The annotations array's value: good records in file order, then the
// rejected ones verbatim.
void writeRecords(Writer& out, const AnnotationFile& file) {
    if (file.annotations.empty() && file.rejected.empty()) {
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
    for (const size_t index : order) {
        next();
        writeRecord(out, annotations[index]);
    }
    for (const Json& record : file.rejected) {
        next();
        out.json(record, 4);
    }
    out.line(2);
    out.raw("]");
}

// Bytes the file's text will take, about, so the string grows once.
size_t estimatedSize(const AnnotationFile& file) {
    size_t size = 4096;
    for (const Annotation& a : file.annotations) {
        size += 400 + a.id.size() + a.quote.size() + a.prefix.size() + a.suffix.size() + a.note.size() +
                a.author.size();
        for (const std::string& tag : a.tags) size += 12 + tag.size();
    }
    return size;
}

} // namespace

std::string serializeAnnotationFile(const AnnotationFile& file) {
    // The top level as a tree holds everything but the records, in the order
    // (and with the replacements) of assigning each key in turn.
    Json head = Json::object();
    head["format"] = kAnnotationFormat;
    head["version"] = kAnnotationFormatVersion;
    head["report"] = reportToJson(file.report);
    if (!file.codebook.is_null()) head["codebook"] = file.codebook;
    head["annotations"] = nullptr;
    for (const auto& [key, value] : file.extra.items()) head[key] = value;
    const bool streamRecords = !file.extra.contains("annotations");

    std::string text;
    text.reserve(estimatedSize(file));
    Writer out(text);
    out.raw("{");
    bool first = true;
    for (const auto& [key, value] : head.items()) {
        if (!first) out.raw(",");
        first = false;
        out.line(2);
        out.key(key);
        if (key == "annotations" && streamRecords)
            writeRecords(out, file);
        else
            out.json(value, 2);
    }
    out.line(0);
    out.raw("}\n");
    return text;
}

} // namespace gloss::annotations
