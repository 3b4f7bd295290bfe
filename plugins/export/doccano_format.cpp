// doccano: the JSONL of doccano's sequence labelling projects
// (docs/formats.md §11.3), both ways: one JSON object a line, the report's
// text as "text" and the spans as "label": [[start, end, "tag"], ...], one
// entry per tag of an annotation (an annotation without tags: "untagged").
// doccano has no note on a span: notes are counted in a warning.
//
// Offsets count UTF-16 units, as doccano's editor counts them (JavaScript
// string indices, unless the project counts grapheme clusters); the option
// "positions" ("codepoints") writes and reads Python's str indices, as
// doccano before 1.0 and scripts over its files count. Reading, the line
// whose "text" is the report's is imported ("label", or "entities" as older
// versions wrote, as lists or as objects with start_offset, end_offset and
// label); spans on the same offsets are one annotation. Positions that split
// a character in the unit, when the other unit splits none, are read in the
// other, with a warning.

#include "annotation_file.hpp"
#include "host.hpp"
#include "imported_spans.hpp"
#include "text_units.hpp"

namespace gloss_export {

namespace {

constexpr std::string_view kUntagged = "untagged";

struct Span {
    uint64_t start = 0;
    uint64_t end = 0;
    std::string label;
    std::string where;
};

std::vector<Span> spansOf(const Json& line, const std::string& path) {
    std::vector<Span> spans;
    for (const char* key : {"label", "entities"}) {
        const Json* list = member(line, key);
        if (!list) continue;
        const std::string listPath = child(path, key);
        asArray(*list, listPath);
        for (size_t i = 0; i < list->size(); ++i) {
            const std::string where = item(listPath, i);
            const Json& entry = (*list)[i];
            if (entry.is_array()) {
                if (entry.size() != 3) fail(where, "expected [start, end, label]");
                spans.push_back({asWholeNumber(entry[0], item(where, 0)),
                                 asWholeNumber(entry[1], item(where, 1)), asString(entry[2], item(where, 2)),
                                 where});
            } else {
                asObject(entry, where);
                spans.push_back(
                    {asWholeNumber(required(entry, "start_offset", where), child(where, "start_offset")),
                     asWholeNumber(required(entry, "end_offset", where), child(where, "end_offset")),
                     asString(required(entry, "label", where), child(where, "label")), where});
            }
        }
    }
    return spans;
}

// How many of `spans` do not lie on whole characters of `text` in `unit`.
size_t misfits(const TextUnits& text, const std::vector<Span>& spans, Unit unit) {
    size_t count = 0;
    for (const Span& span : spans) {
        const auto from = text.toCodepoint(unit, span.start), to = text.toCodepoint(unit, span.end);
        count += !from || !to || *from > *to;
    }
    return count;
}

} // namespace

void exportDoccano(const Host& host, std::string_view annotationsJson, gloss::plugin::ByteWriter& out) {
    const AnnotationFile file = readAnnotationFile(annotationsJson);
    const Unit unit = unitOption(host.option("positions")).value_or(Unit::Utf16);
    const TextUnits text(host.text(), std::string(host.name()));
    OrderedJson labels = OrderedJson::array();
    size_t notes = 0;
    for (const Record& record : file.annotations) {
        const uint64_t start = text.fromCodepoint(unit, record.start),
                       end = text.fromCodepoint(unit, record.end);
        if (record.tags.empty()) labels.push_back({start, end, kUntagged});
        for (const std::string& tag : record.tags) labels.push_back({start, end, tag});
        notes += !record.note.empty();
    }
    if (notes) host.warn(std::to_string(notes) + " notes left out: doccano has no note on a span");
    out.write(OrderedJson{{"text", host.text()}, {"label", std::move(labels)}}.dump() + "\n");
}

void importDoccano(const Host& host, std::string_view bytes, gloss::plugin::ByteWriter& out) {
    if (bytes.starts_with("\xEF\xBB\xBF")) bytes.remove_prefix(3);
    const TextUnits text(host.text(), std::string(host.name()));
    std::optional<std::vector<Span>> found;
    size_t number = 0, lines = 0;
    for (size_t next = 0; next < bytes.size() && !found;) {
        const size_t end = std::min(bytes.find('\n', next), bytes.size());
        const std::string_view line = bytes.substr(next, end - next);
        next = end + 1;
        const std::string path = "line " + std::to_string(++number);
        if (line.find_first_not_of(" \t\r") == std::string_view::npos) continue;
        ++lines;
        Json object;
        try {
            object = parseJson(line);
        } catch (const gloss::plugin::Failure& e) {
            fail(path, e.what());
        }
        asObject(object, path);
        const Json* lineText = member(object, "text");
        if (lineText && lineText->is_string() && lineText->get_ref<const std::string&>() == host.text())
            found = spansOf(object, path);
    }
    if (!found)
        fail("top level", "none of its " + std::to_string(lines) + " lines has the text of the report " +
                              std::string(host.name()) + " as \"text\"");
    const auto asked = unitOption(host.option("positions"));
    Unit unit = asked.value_or(Unit::Utf16);
    const Unit other = unit == Unit::Utf16 ? Unit::Codepoints : Unit::Utf16;
    if (const size_t doubtful = misfits(text, *found, unit);
        doubtful && !asked && misfits(text, *found, other) == 0) {
        host.warn(std::to_string(doubtful) + " of " + std::to_string(found->size()) +
                  " spans split a character or end "
                  "past the text in " +
                  unitName(unit) + ", none in " + unitName(other) + ": read in " + unitName(other) +
                  " (docs/formats.md §11.3)");
        unit = other;
    }
    ImportedSpans spans(host, bytes);
    for (const Span& span : *found) {
        const auto from = text.toCodepoint(unit, span.start), to = text.toCodepoint(unit, span.end);
        if (!from || !to || *from > *to)
            fail(span.where, std::string(1, '[') + std::to_string(span.start) + ", " +
                                 std::to_string(span.end) + "] is not a span of the report in " +
                                 unitName(unit) + " (" + std::to_string(text.length(unit)) + ")");
        Record& record = spans.on(*from, *to, span.where);
        if (span.label != kUntagged) spans.tag(record, span.label, span.where);
    }
    out.write(spans.write());
}

} // namespace gloss_export
