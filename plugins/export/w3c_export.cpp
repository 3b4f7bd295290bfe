// w3c export: a W3C Web Annotation AnnotationCollection (JSON-LD) with one
// embedded AnnotationPage holding every annotation:
//
//   Gloss record            Web Annotation
//   id (a UUID)             "id": "urn:uuid:<id>" (other ids: a UUID derived from them)
//   start, end              target.selector TextPositionSelector (code points)
//   quote, prefix, suffix   target.selector TextQuoteSelector exact/prefix/suffix,
//                           the context at most 32 UTF-16 units (whole code
//                           points): Hypothesis-style anchoring counts UTF-16
//                           and refuses longer patterns
//   report                  target.source "nih:sha-256;<report sha256>" (RFC 6920)
//   each tag                TextualBody, purpose "tagging", value = tag id, label = codebook label
//   note                    TextualBody, purpose "commenting", format "text/plain"
//   author                  creator {"type": "Person", "name": ...}
//   created, modified       created, modified (left out when empty)
//
// Output is deterministic: the collection and page ids are derived from the
// input, so the same annotations give the same bytes.

#include "annotation_file.hpp"
#include "host.hpp"
#include "text_units.hpp"
#include "w3c.hpp"

namespace gloss_export {

namespace {

constexpr uint64_t kContextUtf16Units = 32;

std::string annotationIri(std::string_view id) {
    return std::string(w3c::kUuidScheme) + (isUuid(id) ? std::string(id) : derivedUuid(id));
}

OrderedJson textualBody(std::string_view purpose, std::string_view value) {
    return {{"type", "TextualBody"}, {"purpose", purpose}, {"value", value}};
}

std::string_view motivation(const Record& record) {
    if (!record.note.empty()) return w3c::kCommenting;
    return record.tags.empty() ? "highlighting" : w3c::kTagging;
}

OrderedJson toAnnotation(const Record& record, const AnnotationFile& file, const std::string& source) {
    OrderedJson annotation;
    annotation["@context"] = w3c::kContext; // on each item too, so each stands alone
    annotation["id"] = annotationIri(record.id);
    annotation["type"] = "Annotation";
    annotation["motivation"] = motivation(record);
    if (!record.created.empty()) annotation["created"] = record.created;
    if (!record.modified.empty()) annotation["modified"] = record.modified;
    if (!record.author.empty()) annotation["creator"] = {{"type", "Person"}, {"name", record.author}};

    OrderedJson bodies = OrderedJson::array();
    for (const std::string& tag : record.tags) {
        OrderedJson body = textualBody(w3c::kTagging, tag);
        if (const Tag* known = file.findTag(tag); known && known->label != tag) body["label"] = known->label;
        bodies.push_back(std::move(body));
    }
    if (!record.note.empty()) {
        OrderedJson body = textualBody(w3c::kCommenting, record.note);
        body["format"] = "text/plain";
        bodies.push_back(std::move(body));
    }
    if (!bodies.empty()) annotation["body"] = std::move(bodies);

    OrderedJson quote = {{"type", "TextQuoteSelector"}, {"exact", record.quote}};
    if (!record.prefix.empty()) quote["prefix"] = lastUtf16Units(record.prefix, kContextUtf16Units);
    if (!record.suffix.empty()) quote["suffix"] = firstUtf16Units(record.suffix, kContextUtf16Units);
    const OrderedJson position = {
        {"type", "TextPositionSelector"}, {"start", record.start}, {"end", record.end}};
    annotation["target"] = {{"source", source},
                            {"selector", OrderedJson::array({std::move(quote), position})}};
    return annotation;
}

} // namespace

void exportW3c(const Host&, std::string_view annotationsJson, gloss::plugin::ByteWriter& out) {
    const AnnotationFile file = readAnnotationFile(annotationsJson);
    const std::string source = std::string(w3c::kReportScheme) + file.reportSha256;

    OrderedJson items = OrderedJson::array();
    for (const Record& record : file.annotations) items.push_back(toAnnotation(record, file, source));

    OrderedJson collection;
    collection["@context"] = w3c::kContext;
    const std::string id = derivedUuid(annotationsJson);
    collection["id"] = std::string(w3c::kUuidScheme) + id;
    collection["type"] = "AnnotationCollection";
    collection["label"] = "Gloss annotations on " + file.reportName;
    collection["total"] = file.annotations.size();
    collection["first"] = {{"id", std::string(w3c::kUuidScheme) + derivedUuid(id + " page 1")},
                           {"type", "AnnotationPage"},
                           {"startIndex", 0},
                           {"items", std::move(items)}};
    out.write(collection.dump(2) + "\n");
}

} // namespace gloss_export
