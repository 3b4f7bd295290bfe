// w3c import: W3C Web Annotations (an AnnotationCollection with embedded
// pages, an AnnotationPage, one Annotation, or a JSON array of them), from
// Gloss or from other tools, to a Gloss annotation file:
//
//   - the passage: a TextPositionSelector (code points) whose text matches the
//     TextQuoteSelector, else the quote searched for in the report (the
//     occurrence whose surroundings best match prefix and suffix, nearest the
//     given position); a quote found nowhere is kept as an orphan;
//   - tags: bodies with purpose "tagging" (their value; a "label" names the
//     tag in the embedded codebook); every other body, and bodyValue, goes
//     into the note, their texts joined by blank lines;
//   - id: the UUID of a "urn:uuid:" id, else a new UUID v4; author: the
//     creator's name; created, modified; origin "manual".
//
// The host then validates the file and anchors it to the report.

#include "annotation_file.hpp"
#include "host.hpp"
#include "text.hpp"
#include "w3c.hpp"

#include <algorithm>
#include <cctype>
#include <map>
#include <optional>
#include <set>

namespace gloss_export {

namespace {

constexpr size_t kMaxTagBytes = 256;
constexpr size_t kMaxQuoteCandidates = 4096;

std::string where(const std::string& path) {
    return path.empty() ? "top level" : path;
}

// Whether `object`'s member `key` is `value` or an array holding it.
bool includes(const Json& object, std::string_view key, std::string_view value) {
    const Json* member_ = member(object, key);
    if (!member_) return false;
    const auto same = [value](const Json& entry) {
        return entry.is_string() && entry.get_ref<const std::string&>() == value;
    };
    return same(*member_) || (member_->is_array() && std::any_of(member_->begin(), member_->end(), same));
}

bool hasType(const Json& object, std::string_view type) {
    return includes(object, "type", type);
}

// The string of `object`'s member `key`, or of that member's "id"; empty if neither.
std::string stringOrId(const Json& object, std::string_view key) {
    const Json* value = member(object, key);
    if (!value) return {};
    if (value->is_string()) return value->get<std::string>();
    const Json* id = member(*value, "id");
    return id && id->is_string() ? id->get<std::string>() : std::string();
}

struct Selectors {
    const Json* quote = nullptr; // a TextQuoteSelector
    std::string quotePath;
    const Json* position = nullptr; // a TextPositionSelector
    std::string positionPath;
};

void takeSelector(const Json& selector, const std::string& path, Selectors& found) {
    if (hasType(selector, "TextQuoteSelector") && !found.quote) {
        found.quote = &selector;
        found.quotePath = path;
    } else if (hasType(selector, "TextPositionSelector") && !found.position) {
        found.position = &selector;
        found.positionPath = path;
    }
    // Other selectors (XPath, CSS, Range, ...) point into markup a plain-text report does not have.
}

// The selectors of the first target that has any.
void findSelectors(const Json& target, const std::string& path, Selectors& found) {
    if (target.is_array()) {
        for (size_t i = 0; i < target.size() && !found.quote && !found.position; ++i)
            findSelectors(target[i], item(path, i), found);
        return;
    }
    const Json* selector = member(target, "selector");
    if (!selector) return;
    const std::string selectorPath = child(path, "selector");
    if (!selector->is_array()) return takeSelector(*selector, selectorPath, found);
    for (size_t i = 0; i < selector->size(); ++i) takeSelector((*selector)[i], item(selectorPath, i), found);
}

size_t commonPrefixLength(std::string_view a, std::string_view b) {
    size_t n = 0;
    while (n < a.size() && n < b.size() && a[n] == b[n]) ++n;
    return n;
}

size_t commonSuffixLength(std::string_view a, std::string_view b) {
    size_t n = 0;
    while (n < a.size() && n < b.size() && a[a.size() - 1 - n] == b[b.size() - 1 - n]) ++n;
    return n;
}

std::string creatorName(const Json& creator) {
    if (creator.is_string()) return creator.get<std::string>();
    if (creator.is_array()) {
        std::string names;
        for (const Json& one : creator)
            if (const std::string name = creatorName(one); !name.empty())
                names += (names.empty() ? "" : ", ") + name;
        return names;
    }
    for (const char* key : {"name", "nickname", "id"}) {
        const Json* value = member(creator, key);
        if (value && value->is_array() && !value->empty()) value = &value->front();
        if (value && value->is_string() && !value->get_ref<const std::string&>().empty())
            return value->get<std::string>();
    }
    return {};
}

class Importer {
  public:
    explicit Importer(const Host& host) : host_(host) {
        file_.reportName = std::string(host.name());
        file_.codepoints = host.codepoints();
    }

    void add(const Json& annotation, const std::string& path) {
        if (annotation.is_string())
            fail(where(path), "a link to an annotation (" + shortText(annotation) +
                                  "); Gloss imports only annotations embedded in the file");
        asObject(annotation, where(path));
        Record record;
        record.id = glossId(annotation, path);
        place(annotation, path, record);
        std::vector<std::string> notes;
        if (const Json* body = member(annotation, "body"))
            readBody(*body, child(path, "body"), record, notes);
        if (const Json* value = member(annotation, "bodyValue"))
            notes.push_back(asString(*value, child(path, "bodyValue")));
        for (const std::string& note : notes) record.note += (record.note.empty() ? "" : "\n\n") + note;
        if (const Json* creator = member(annotation, "creator")) record.author = creatorName(*creator);
        record.created = date(annotation, "created", path);
        record.modified = date(annotation, "modified", path);
        file_.annotations.push_back(std::move(record));
    }

    const AnnotationFile& file() const { return file_; }

  private:
    std::string glossId(const Json& annotation, const std::string& path) {
        std::string id;
        if (const Json* value = member(annotation, "id"); value && value->is_string()) {
            const std::string& iri = value->get_ref<const std::string&>();
            const std::string_view scheme = w3c::kUuidScheme;
            if (iri.size() == scheme.size() + 36 &&
                std::equal(scheme.begin(), scheme.end(), iri.begin(),
                           [](char a, char b) { return a == std::tolower(static_cast<unsigned char>(b)); }))
                id = iri.substr(scheme.size());
            if (!isUuid(id)) id.clear();
        }
        if (!id.empty() && ids_.contains(id)) {
            host_.warn(child(path, "id") + ": \"" + id +
                       "\" is also the id of an earlier annotation; given a new one");
            id.clear();
        }
        while (id.empty() || ids_.contains(id)) id = randomUuid();
        ids_.insert(id);
        return id;
    }

    // Sets start, end, quote, prefix, suffix and status from the selectors.
    void place(const Json& annotation, const std::string& path, Record& record) {
        const std::string targetPath = child(path, "target");
        Selectors selectors;
        findSelectors(required(annotation, "target", path), targetPath, selectors);
        if (!selectors.quote && !selectors.position)
            fail(targetPath, "no TextQuoteSelector or TextPositionSelector; Gloss needs the passage of the "
                             "report an annotation is on");

        std::string exact, prefix, suffix;
        if (const Json* quote = selectors.quote) {
            exact =
                asString(required(*quote, "exact", selectors.quotePath), child(selectors.quotePath, "exact"));
            prefix = optionalString(*quote, "prefix", selectors.quotePath);
            suffix = optionalString(*quote, "suffix", selectors.quotePath);
        }
        std::optional<uint64_t> start, end;
        if (const Json* position = selectors.position) {
            const std::string& at = selectors.positionPath;
            start = asWholeNumber(required(*position, "start", at), child(at, "start"));
            end = asWholeNumber(required(*position, "end", at), child(at, "end"));
            if (exact.empty()) { // the position is all there is: it must fit the report
                if (*end <= *start)
                    fail(child(at, "end"),
                         std::to_string(*end) + " is not after start (" + std::to_string(*start) + ")");
                if (*end > host_.codepoints())
                    fail(child(at, "end"), std::to_string(*end) + " is past the end of the report (" +
                                               std::to_string(host_.codepoints()) + " code points)");
            }
        }
        if (exact.empty() && !start) fail(child(selectors.quotePath, "exact"), "is empty");

        if (start && *end > *start && *end <= host_.codepoints() &&
            (exact.empty() || host_.slice(*start, *end) == exact))
            return placeOnReport(host_, record, *start, *end);
        if (const auto found = findQuote(exact, prefix, suffix, start))
            return placeOnReport(host_, record, found->first, found->second);

        // Found nowhere: kept as an orphan, as Gloss keeps every annotation it cannot anchor.
        const uint64_t length = codepointCount(exact);
        record.start = start.value_or(0) <= UINT64_MAX - length ? start.value_or(0) : 0;
        record.end = record.start + length;
        record.quote = exact;
        record.prefix = std::string(lastCodepoints(prefix, kContextCodepoints));
        record.suffix = std::string(firstCodepoints(suffix, kContextCodepoints));
        record.status = "orphaned";
    }

    // The occurrence of `exact` whose surroundings agree most with prefix and
    // suffix, ties going to the one nearest `near` (code points).
    std::optional<std::pair<uint64_t, uint64_t>> findQuote(std::string_view exact, std::string_view prefix,
                                                           std::string_view suffix,
                                                           std::optional<uint64_t> near) const {
        if (exact.empty()) return std::nullopt;
        const std::string_view text = host_.text();
        const size_t nearByte = near ? host_.byteOffset(*near) : 0;
        size_t best = std::string_view::npos, bestScore = 0, bestDistance = 0;
        size_t candidates = 0;
        for (size_t at = text.find(exact); at != std::string_view::npos && candidates < kMaxQuoteCandidates;
             at = text.find(exact, at + 1), ++candidates) {
            const size_t score = commonSuffixLength(text.substr(0, at), prefix) +
                                 commonPrefixLength(text.substr(at + exact.size()), suffix);
            const size_t distance = at > nearByte ? at - nearByte : nearByte - at;
            if (best == std::string_view::npos || score > bestScore ||
                (score == bestScore && distance < bestDistance))
                best = at, bestScore = score, bestDistance = distance;
        }
        if (best == std::string_view::npos) return std::nullopt;
        const uint64_t start = host_.codepointOffset(best);
        return std::pair{start, start + codepointCount(exact)};
    }

    void readBody(const Json& body, const std::string& path, Record& record,
                  std::vector<std::string>& notes) {
        if (body.is_array()) {
            for (size_t i = 0; i < body.size(); ++i) readBody(body[i], item(path, i), record, notes);
            return;
        }
        if (body.is_string()) return notes.push_back(body.get<std::string>()); // a link: kept as text
        asObject(body, path);
        if (const Json* items = member(body, "items");
            items && items->is_array()) // Choice, Composite, List, ...
            return readBody(*items, child(path, "items"), record, notes);
        std::string text = stringOrId(body, "value");
        if (text.empty()) text = stringOrId(body, "id");
        if (text.empty()) text = stringOrId(body, "source");
        if (text.empty()) return host_.warn(path + ": a body without text was left out");
        if (includes(body, "purpose", w3c::kTagging))
            return addTag(record, text, optionalString(body, "label", path), path);
        notes.push_back(std::move(text));
    }

    void addTag(Record& record, const std::string& tag, const std::string& label, const std::string& path) {
        if (tag.size() > kMaxTagBytes)
            fail(path, "a tag of " + std::to_string(tag.size()) + " bytes is longer than the limit of " +
                           std::to_string(kMaxTagBytes));
        if (std::find(record.tags.begin(), record.tags.end(), tag) == record.tags.end())
            record.tags.push_back(tag);
        const auto [entry, added] = tagIndex_.try_emplace(tag, file_.codebook.size());
        if (added) file_.codebook.push_back({tag, tag, paletteColor(tag), {}, {}});
        Tag& known = file_.codebook[entry->second];
        if (known.label == known.id && !label.empty()) known.label = label;
    }

    std::string date(const Json& annotation, std::string_view key, const std::string& path) const {
        const std::string value = optionalString(annotation, key, path);
        if (value.empty() || isRfc3339(value)) return value;
        host_.warn(child(path, key) + ": " + shortText(value) + " is not an RFC 3339 date-time; left out");
        return {};
    }

    const Host& host_;
    AnnotationFile file_;
    std::set<std::string, std::less<>> ids_;
    std::map<std::string, size_t, std::less<>> tagIndex_; // tag id -> index in file_.codebook
};

// Calls add(annotation, path) for each annotation of a page and the pages
// embedded after it ("next").
template <typename Add>
void forEachOnPage(const Json* page, std::string path, Add&& add) {
    while (page) {
        if (page->is_string())
            fail(path, "a link to a page (" + shortText(*page) +
                           "); Gloss imports only pages embedded in the file");
        asObject(*page, where(path));
        const std::string itemsPath = child(path, "items");
        const Json& items = asArray(required(*page, "items", path), itemsPath);
        for (size_t i = 0; i < items.size(); ++i) add(items[i], item(itemsPath, i));
        page = member(*page, "next");
        path = child(path, "next");
    }
}

template <typename Add>
void forEachAnnotation(const Json& root, Add&& add) {
    if (root.is_array()) {
        for (size_t i = 0; i < root.size(); ++i) add(root[i], item("", i));
    } else if (!root.is_object()) {
        fail("top level",
             "expected a Web Annotation, an AnnotationPage or AnnotationCollection, or an array of "
             "annotations, found " +
                 describe(root));
    } else if (const Json* format = member(root, "format"); format && *format == "gloss.annotations") {
        fail("format", "this is a Gloss annotation file; import it with --format json");
    } else if (hasType(root, "AnnotationCollection")) {
        forEachOnPage(member(root, "first"), "first", add);
    } else if (hasType(root, "AnnotationPage")) {
        forEachOnPage(&root, "", add);
    } else {
        add(root, "");
    }
}

} // namespace

void importW3c(const Host& host, std::string_view bytes, gloss::plugin::ByteWriter& out) {
    Importer importer(host);
    forEachAnnotation(parseJson(bytes), [&](const Json& annotation, const std::string& path) {
        importer.add(annotation, path);
    });
    out.write(writeAnnotationFile(importer.file()));
}

} // namespace gloss_export
