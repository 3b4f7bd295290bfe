// labelstudio: Label Studio's task JSON (docs/formats.md §11.2), both ways.
//
//   Gloss                   Label Studio
//   the report's text       one task, "data": {"text": ...}
//   annotation              a result of "type": "labels" ("from_name"
//                           "label", "to_name" "text"), its "id" the
//                           annotation's id, "value": {"start", "end", "text"
//                           (the quote), "labels" (the tag ids)}
//   note                    a result of "type": "textarea" ("from_name"
//                           "note") with the same id and span, "value":
//                           {"text": [note]}: a per-region TextArea
//
// Offsets count code points, as Label Studio's Text tag does since it stopped
// counting JavaScript's UTF-16 units (its own tests: "Should calculate
// offsets by code points in text"); the option "positions" ("utf16") writes
// and reads the UTF-16 units of older versions. Reading, a region whose
// "text" is not the report's in that unit but is in the other is read in the
// other, and counted in a warning; one whose text fits neither refuses the
// file.

#include "annotation_file.hpp"
#include "host.hpp"
#include "imported_spans.hpp"
#include "text_units.hpp"

namespace gloss_export {

namespace {

constexpr const char* kText = "text";
constexpr const char* kLabel = "label";
constexpr const char* kNote = "note";

// The task whose data holds the report's text, and the data key holding it.
std::pair<const Json*, std::string> reportTask(const Host& host, const Json& root) {
    const auto holdsReport = [&](const Json& task) -> std::string {
        const Json* data = task.is_object() ? member(task, "data") : nullptr;
        if (!data || !data->is_object()) return {};
        for (const auto& [key, value] : data->items())
            if (value.is_string() && value.get_ref<const std::string&>() == host.text()) return key;
        return {};
    };
    if (root.is_object()) return {&root, holdsReport(root)};
    asArray(root, "top level");
    for (const Json& task : root)
        if (std::string key = holdsReport(task); !key.empty()) return {&task, key};
    return {nullptr, {}};
}

} // namespace

void exportLabelStudio(const Host& host, std::string_view annotationsJson, gloss::plugin::ByteWriter& out) {
    const AnnotationFile file = readAnnotationFile(annotationsJson);
    const Unit unit = unitOption(host.option("positions")).value_or(Unit::Codepoints);
    const TextUnits text(host.text(), std::string(host.name()));
    OrderedJson results = OrderedJson::array();
    for (const Record& record : file.annotations) {
        const uint64_t start = text.fromCodepoint(unit, record.start);
        const uint64_t end = text.fromCodepoint(unit, record.end);
        OrderedJson value = {{"start", start}, {"end", end}, {"text", text.slice(record.start, record.end)}};
        value["labels"] = record.tags;
        results.push_back({{"id", record.id},
                           {"from_name", kLabel},
                           {"to_name", kText},
                           {"type", "labels"},
                           {"value", std::move(value)}});
        if (record.note.empty()) continue;
        results.push_back({{"id", record.id},
                           {"from_name", kNote},
                           {"to_name", kText},
                           {"type", "textarea"},
                           {"value", {{"start", start}, {"end", end}, {"text", {record.note}}}}});
    }
    const OrderedJson task = {{"data", {{kText, host.text()}}},
                              {"annotations", OrderedJson::array({{{"result", std::move(results)}}})}};
    out.write(OrderedJson::array({task}).dump(2) + "\n");
}

void importLabelStudio(const Host& host, std::string_view bytes, gloss::plugin::ByteWriter& out) {
    const Json root = parseJson(bytes);
    const auto [task, dataKey] = reportTask(host, root);
    if (!task || dataKey.empty())
        fail("top level", "no task's data holds the text of the report " + std::string(host.name()) +
                              ": the regions' offsets would point into another text");
    const auto asked = unitOption(host.option("positions"));
    const Unit unit = asked.value_or(Unit::Codepoints);
    const Unit other = unit == Unit::Utf16 ? Unit::Codepoints : Unit::Utf16;
    const TextUnits text(host.text(), std::string(host.name()));
    ImportedSpans spans(host, bytes);
    size_t regions = 0, inOther = 0, skipped = 0;

    for (const char* list : {"annotations", "predictions"}) {
        const Json* entries = member(*task, list);
        if (!entries) continue;
        const std::string listPath = std::string(list);
        asArray(*entries, listPath);
        for (size_t a = 0; a < entries->size(); ++a) {
            const std::string path = item(listPath, a);
            const Json& entry = asObject((*entries)[a], path);
            const Json* result = member(entry, "result");
            if (!result) continue;
            asArray(*result, child(path, "result"));
            // Labelled regions first: a note's result, which has no text to
            // check its span by, then joins its region's annotation by id
            // rather than making it on a span read in the wrong unit.
            for (const bool labelled : {true, false})
                for (size_t r = 0; r < result->size(); ++r) {
                    const std::string where = item(child(path, "result"), r);
                    const Json& region = asObject((*result)[r], where);
                    const Json* value = member(region, "value");
                    if ((value && value->is_object() && member(*value, "labels")) != labelled) continue;
                    if (!value || !value->is_object() || !member(*value, "start") || !member(*value, "end")) {
                        ++skipped;
                        continue;
                    }
                    const std::string valuePath = child(where, "value");
                    const uint64_t start =
                        asWholeNumber(required(*value, "start", valuePath), child(valuePath, "start"));
                    const uint64_t end =
                        asWholeNumber(required(*value, "end", valuePath), child(valuePath, "end"));
                    const Json* labels = member(*value, "labels");
                    const Json* quote = labels ? member(*value, "text") : nullptr;
                    // The span in `in`, when it lies on whole characters and its text is the quote.
                    const auto read = [&](Unit in) -> std::optional<std::pair<uint64_t, uint64_t>> {
                        const auto from = text.toCodepoint(in, start), to = text.toCodepoint(in, end);
                        if (!from || !to || *from > *to) return std::nullopt;
                        if (quote && (!quote->is_string() ||
                                      text.slice(*from, *to) != quote->get_ref<const std::string&>()))
                            return std::nullopt;
                        return std::pair{*from, *to};
                    };
                    auto span = read(unit);
                    // Counted for labelled regions alone, as `regions` is: a note's
                    // result repeats its region's span.
                    if (!span && !asked && (span = read(other))) inOther += labels != nullptr;
                    if (!span)
                        fail(valuePath, "start " + std::to_string(start) + " and end " + std::to_string(end) +
                                            " are not " +
                                            (quote ? "the span of its text " + shortText(*quote)
                                                   : "a span of the report") +
                                            " in " + unitName(unit) +
                                            (asked ? "" : std::string(" nor in ") + unitName(other)));
                    const std::string id = optionalString(region, "id", where);
                    Record& record = spans.on(span->first, span->second, valuePath, id.empty() ? where : id);
                    if (labels) {
                        ++regions;
                        asArray(*labels, child(valuePath, "labels"));
                        for (size_t l = 0; l < labels->size(); ++l)
                            spans.tag(record, asString((*labels)[l], item(child(valuePath, "labels"), l)),
                                      item(child(valuePath, "labels"), l));
                    } else if (const Json* note = member(*value, "text"); note && note->is_array()) {
                        for (size_t n = 0; n < note->size(); ++n)
                            ImportedSpans::addNote(record,
                                                   asString((*note)[n], item(child(valuePath, "text"), n)));
                    }
                }
        }
    }
    if (inOther)
        host.warn(std::to_string(inOther) + " of " + std::to_string(regions) + " regions count " +
                  unitName(other) + ", not " + unitName(unit) +
                  ": their text is the report's only so (docs/formats.md §11.2)");
    if (skipped) host.warn(std::to_string(skipped) + " results without a text span were left out");
    out.write(spans.write());
}

} // namespace gloss_export
