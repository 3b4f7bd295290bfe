// brat: the standoff .ann file of brat and INCEpTION (docs/formats.md §11.1),
// both ways. Offsets count code points of the text file the .ann belongs to
// (brat reads it as a Python str), which must be the report's text as Gloss
// reads it: UTF-8, no BOM.
//
//   Gloss annotation        brat
//   each tag                a text-bound line "T<n>\t<tag> <start> <end>\t<text>"
//                           (no tag: the type "untagged"); a passage across
//                           line ends is written as fragments "<s> <e>;<s> <e>"
//                           around them, as brat writes one
//   note                    "#<n>\tAnnotatorNotes T<n>\t<note>" on its first line
//
// Reading, text-bound lines on the same fragments are one annotation with
// their types as tags; a line whose text is not the report's there refuses
// the file (it belongs to another text); relations, events, attributes and
// normalizations are counted in one warning.

#include "annotation_file.hpp"
#include "host.hpp"
#include "imported_spans.hpp"
#include "text.hpp"

#include <map>

namespace gloss_export {

namespace {

constexpr std::string_view kUntagged = "untagged";

bool isLineEnd(char c) {
    return c == '\n' || c == '\r';
}

// A type or note on one brat line: no tab or line end; a type has no space.
std::string oneLine(std::string_view text, bool type) {
    std::string line;
    for (const char c : text)
        line += isLineEnd(c) || c == '\t' || (type && c == ' ') ? (type ? '_' : ' ') : c;
    return line;
}

// The fragments of code points [start, end) of `text` (the quote, starting
// at code point `start`) between line ends: "s e;s e", and their texts
// joined by spaces, as brat writes a passage across lines.
std::pair<std::string, std::string> fragments(std::string_view quote, uint64_t start) {
    std::string offsets, texts;
    uint64_t at = start;
    size_t byte = 0;
    while (byte < quote.size()) {
        while (byte < quote.size() && isLineEnd(quote[byte])) ++byte, ++at;
        if (byte == quote.size()) break;
        const size_t from = byte;
        const uint64_t first = at;
        while (byte < quote.size() && !isLineEnd(quote[byte])) at += !isContinuationByte(quote[byte++]);
        // Appended piece by piece: GCC 12 at -O3 misreads `"x" + string` as
        // overlapping copies (-Wrestrict).
        if (!offsets.empty()) offsets += ';';
        offsets += std::to_string(first);
        offsets += ' ';
        offsets += std::to_string(at);
        if (!texts.empty()) texts += ' ';
        texts += quote.substr(from, byte - from);
    }
    if (offsets.empty()) // only line ends: the whole passage, its text on one line
        return {std::to_string(start) + " " + std::to_string(start + codepointCount(quote)),
                oneLine(quote, false)};
    return {offsets, texts};
}

std::string_view field(std::string_view& line) {
    const size_t tab = line.find('\t');
    const std::string_view value = line.substr(0, tab);
    line.remove_prefix(tab == std::string_view::npos ? line.size() : tab + 1);
    return value;
}

uint64_t offset(std::string_view digits, const std::string& where) {
    uint64_t value = 0;
    std::string problem(1, '"');
    problem.append(digits).append("\" is not an offset");
    if (digits.empty() || digits.size() > 18) fail(where, problem);
    for (const char c : digits) {
        if (c < '0' || c > '9') fail(where, problem);
        value = value * 10 + static_cast<uint64_t>(c - '0');
    }
    return value;
}

} // namespace

void exportBrat(const Host&, std::string_view annotationsJson, gloss::plugin::ByteWriter& out) {
    const AnnotationFile file = readAnnotationFile(annotationsJson);
    size_t textBound = 0, notes = 0;
    for (const Record& record : file.annotations) {
        const auto [offsets, text] = fragments(record.quote, record.start);
        const size_t first = textBound + 1;
        std::vector<std::string> types;
        for (const std::string& tag : record.tags) types.push_back(oneLine(tag, true));
        if (types.empty()) types.emplace_back(kUntagged);
        std::string lines;
        for (const std::string& type : types)
            lines.append(1, 'T')
                .append(std::to_string(++textBound))
                .append("\t" + type + " " + offsets + "\t" + text + "\n");
        if (!record.note.empty())
            lines.append(1, '#')
                .append(std::to_string(++notes))
                .append("\tAnnotatorNotes T" + std::to_string(first) + "\t" + oneLine(record.note, false) +
                        "\n");
        out.write(lines);
        if (out.stopped()) return;
    }
}

void importBrat(const Host& host, std::string_view bytes, gloss::plugin::ByteWriter& out) {
    if (bytes.starts_with("\xEF\xBB\xBF")) bytes.remove_prefix(3);
    ImportedSpans spans(host, bytes);
    std::map<std::string, std::pair<uint64_t, uint64_t>, std::less<>> byId; // T id -> its span
    std::map<std::string, size_t> skipped;                                  // kind -> count
    size_t number = 0;
    for (size_t next = 0; next < bytes.size();) {
        const size_t end = std::min(bytes.find('\n', next), bytes.size());
        std::string_view line = bytes.substr(next, end - next);
        next = end + 1;
        const std::string where = "line " + std::to_string(++number);
        if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
        if (line.find_first_not_of(" \t") == std::string_view::npos) continue;
        const std::string id(field(line));
        if (id.starts_with('T')) {
            std::string_view spec = field(line);
            const std::string text(line);
            const size_t space = spec.find(' ');
            if (space == std::string_view::npos) fail(where, "a text-bound annotation without offsets");
            const std::string type(spec.substr(0, space));
            spec.remove_prefix(space + 1);
            uint64_t start = UINT64_MAX, stop = 0;
            std::string covered;
            while (!spec.empty()) {
                const std::string_view fragment = spec.substr(0, spec.find(';'));
                spec.remove_prefix(std::min(spec.size(), fragment.size() + 1));
                const size_t gap = fragment.find(' ');
                const uint64_t from = offset(fragment.substr(0, gap), where);
                const uint64_t to =
                    offset(gap == std::string_view::npos ? "" : fragment.substr(gap + 1), where);
                if (from > to || to > host.codepoints())
                    fail(where, id + ": the fragment " + std::string(fragment) +
                                    " is not inside the report (" + std::to_string(host.codepoints()) +
                                    " code points)");
                if (!covered.empty()) covered += ' ';
                covered += host.slice(from, to);
                start = std::min(start, from);
                stop = std::max(stop, to);
            }
            // A passage of line ends alone is written with them as spaces
            // (fragments()): read back the same.
            if (covered != text && oneLine(covered, false) != text)
                fail(where, id + ": its text " + shortText(text) + " is not the report's there (" +
                                shortText(covered) + "): this .ann belongs to another text");
            Record& record = spans.on(start, stop, where);
            if (type != kUntagged) spans.tag(record, type, where);
            byId[id] = {start, stop};
        } else if (id.starts_with('#')) {
            const std::string_view target = field(line);
            const auto found = byId.find(target.substr(target.find(' ') + 1));
            if (!target.starts_with("AnnotatorNotes ") || found == byId.end()) {
                ++skipped["comments on other annotations"];
                continue;
            }
            ImportedSpans::addNote(spans.on(found->second.first, found->second.second, where),
                                   std::string(line));
        } else {
            const char kind = id.empty() ? '?' : id.front();
            ++skipped[kind == 'R'                  ? "relations"
                      : kind == 'E'                ? "events"
                      : kind == 'A' || kind == 'M' ? "attributes"
                      : kind == 'N'                ? "normalizations"
                                                   : "lines of unknown kinds"];
        }
    }
    if (!skipped.empty()) {
        std::string list;
        for (const auto& [what, count] : skipped)
            list += (list.empty() ? "" : ", ") + std::to_string(count) + " " + what;
        host.warn("not imported, Gloss has no place for them: " + list);
    }
    out.write(spans.write());
}

} // namespace gloss_export
