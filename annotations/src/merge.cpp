#include "gloss/annotations/merge.hpp"

#include <algorithm>
#include <map>
#include <set>
#include <unordered_map>

// Index of this file:
// [SECTION] The 3-way rule
// [SECTION] Annotations
// [SECTION] Codebook
// [SECTION] Report and top level
// [SECTION] Listing the conflicts

namespace gloss::annotations {

using Json = nlohmann::ordered_json;

namespace {

// [SECTION] The 3-way rule
// Every merged object (annotation, codebook tag, the codebook's own fields,
// the report, the unknown top-level fields) goes through pick(): a null
// pointer is an object that side does not have.

enum class Pick { Ours, Theirs, Conflict };

template <typename T>
bool same(const T* a, const T* b) {
    return a == b || (a && b && *a == *b);
}

template <typename T>
Pick pick(const T* base, const T* ours, const T* theirs) {
    if (same(ours, theirs) || same(base, theirs)) return Pick::Ours; // alike, or only ours changed
    if (same(base, ours)) return Pick::Theirs;
    return Pick::Conflict;
}

// The version the merged file holds: null when deleted. A conflict keeps
// ours, or theirs where ours deleted it, so that the conflict has a home.
template <typename T>
const T* keptVersion(Pick choice, const T* ours, const T* theirs) {
    if (choice == Pick::Theirs) return theirs;
    if (choice == Pick::Ours) return ours;
    return ours ? ours : theirs;
}

// The value of a `conflict` member: each side's version, null where it has none.
Json conflictOf(const Json* base, const Json* ours, const Json* theirs) {
    Json conflict = Json::object();
    conflict["base"] = base ? *base : Json();
    conflict["ours"] = ours ? *ours : Json();
    conflict["theirs"] = theirs ? *theirs : Json();
    return conflict;
}

// [SECTION] Annotations

using AnnotationIndex = std::unordered_map<std::string_view, const Annotation*>;

AnnotationIndex indexById(const std::vector<Annotation>& annotations) {
    AnnotationIndex index;
    index.reserve(annotations.size());
    for (const Annotation& a : annotations) index.emplace(a.id, &a);
    return index;
}

const Annotation* find(const AnnotationIndex& index, std::string_view id) {
    const auto it = index.find(id);
    return it == index.end() ? nullptr : it->second;
}

Json recordOrNull(const Annotation* a) {
    return a ? annotationToJson(*a) : Json();
}

// What makes two annotations the same coding when two people added it each
// under their own id: the passage, the tags (in any order) and the note. A
// different note keeps both, so that neither is lost.
std::string codingKey(const Annotation& a) {
    std::vector<std::string> tags = a.tags;
    std::sort(tags.begin(), tags.end());
    std::string key = std::to_string(a.start) + ':' + std::to_string(a.end);
    for (const std::string& tag : tags) key += '\0' + tag;
    return key + '\1' + a.note;
}

struct MergedAnnotations {
    std::vector<Annotation> annotations;
    std::vector<size_t> addedByOurs, addedByTheirs; // indexes into `annotations`
};

MergedAnnotations mergeById(const std::vector<Annotation>& base, const std::vector<Annotation>& ours,
                            const std::vector<Annotation>& theirs) {
    const AnnotationIndex baseIndex = indexById(base), oursIndex = indexById(ours),
                          theirsIndex = indexById(theirs);
    MergedAnnotations merged;
    merged.annotations.reserve(std::max(ours.size(), theirs.size()));
    // Every id once: ours', then those only theirs has, then those only base has.
    const auto mergeId = [&](const std::string& id) {
        const Annotation* b = find(baseIndex, id);
        const Annotation* o = find(oursIndex, id);
        const Annotation* t = find(theirsIndex, id);
        const Pick choice = pick(b, o, t);
        const Annotation* kept = keptVersion(choice, o, t);
        if (!kept) return; // deleted
        if (!b && (!o || !t))
            (o ? merged.addedByOurs : merged.addedByTheirs).push_back(merged.annotations.size());
        merged.annotations.push_back(*kept);
        if (choice == Pick::Conflict) {
            const Json versions[] = {recordOrNull(b), recordOrNull(o), recordOrNull(t)};
            merged.annotations.back().conflict = conflictOf(
                b ? &versions[0] : nullptr, o ? &versions[1] : nullptr, t ? &versions[2] : nullptr);
        }
    };
    for (const Annotation& a : ours) mergeId(a.id);
    for (const Annotation& a : theirs)
        if (!oursIndex.contains(a.id)) mergeId(a.id);
    for (const Annotation& a : base)
        if (!oursIndex.contains(a.id) && !theirsIndex.contains(a.id)) mergeId(a.id);
    return merged;
}

// Keeps once each coding both sides added under different ids: the smaller id.
std::vector<Annotation> withoutDuplicateAdditions(MergedAnnotations merged) {
    std::multimap<std::string, size_t> oursByKey;
    for (size_t index : merged.addedByOurs) oursByKey.emplace(codingKey(merged.annotations[index]), index);
    std::vector<bool> dropped(merged.annotations.size(), false);
    for (size_t index : merged.addedByTheirs) {
        const auto match = oursByKey.find(codingKey(merged.annotations[index]));
        if (match == oursByKey.end()) continue;
        const bool oursFirst = merged.annotations[match->second].id < merged.annotations[index].id;
        dropped[oursFirst ? index : match->second] = true;
        oursByKey.erase(match);
    }
    std::vector<Annotation> kept;
    kept.reserve(merged.annotations.size());
    for (size_t i = 0; i < merged.annotations.size(); ++i)
        if (!dropped[i]) kept.push_back(std::move(merged.annotations[i]));
    std::sort(kept.begin(), kept.end(), precedes);
    return kept;
}

// [SECTION] Codebook
// The embedded codebooks merge as the JSON they are written as, every field
// compared: tags by id; the codebook's other fields (format, version, unknown
// ones) as one object.

const Json kEmptyCodebook = {{"format", "gloss.codebook"}, {"version", 1}, {"tags", Json::array()}};

using TagIndex = std::map<std::string, const Json*, std::less<>>;

TagIndex tagsById(const Json& codebook) {
    TagIndex index;
    for (const Json& tag : codebook.at("tags")) index.emplace(tag.at("id").get<std::string>(), &tag);
    return index;
}

const Json* find(const TagIndex& index, std::string_view id) {
    const auto it = index.find(id);
    return it == index.end() ? nullptr : it->second;
}

Json withoutTags(const Json& codebook) {
    Json rest = codebook;
    rest.erase("tags");
    return rest;
}

// The merged version of tag `id`, or null when it is deleted.
Json mergeTag(const Json* base, const Json* ours, const Json* theirs) {
    const Pick choice = pick(base, ours, theirs);
    const Json* kept = keptVersion(choice, ours, theirs);
    if (!kept) return Json();
    Json tag = *kept;
    if (choice == Pick::Conflict) tag["conflict"] = conflictOf(base, ours, theirs);
    return tag;
}

// The ids the merged file needs: its annotations' tags and its tags' parents.
std::set<std::string> usedTagIds(const std::vector<Annotation>& annotations, const Json& tags) {
    std::set<std::string> used;
    for (const Annotation& a : annotations) used.insert(a.tags.begin(), a.tags.end());
    for (const Json& tag : tags)
        if (const auto parent = tag.find("parent");
            parent != tag.end() && parent->is_string() && !parent->empty())
            used.insert(parent->get<std::string>());
    return used;
}

// The merged codebook. Each tag comes whole from one side, so its fields
// are valid; the rules between tags may not hold (checkCodebook tells).
std::optional<Codebook> mergeCodebooks(const std::optional<Codebook>& baseCodebook,
                                       const std::optional<Codebook>& oursCodebook,
                                       const std::optional<Codebook>& theirsCodebook,
                                       const std::vector<Annotation>& annotations) {
    if (!oursCodebook && !theirsCodebook) return std::nullopt;
    const auto asJson = [](const std::optional<Codebook>& c) {
        return c ? codebookToJson(*c) : kEmptyCodebook;
    };
    const Json baseBook = asJson(baseCodebook), oursBook = asJson(oursCodebook),
               theirsBook = asJson(theirsCodebook);

    const Json baseRest = withoutTags(baseBook), oursRest = withoutTags(oursBook),
               theirsRest = withoutTags(theirsBook);
    const Pick restChoice = pick(&baseRest, &oursRest, &theirsRest);
    Json rest = restChoice == Pick::Theirs ? theirsRest : oursRest;
    if (restChoice == Pick::Conflict) rest["conflict"] = conflictOf(&baseRest, &oursRest, &theirsRest);

    // Ours' tags in ours' order, then those only theirs has, in theirs' order.
    const TagIndex base = tagsById(baseBook), ours = tagsById(oursBook), theirs = tagsById(theirsBook);
    Json tags = Json::array();
    std::set<std::string, std::less<>> present;
    const auto mergeId = [&](const std::string& id) {
        Json merged = mergeTag(find(base, id), find(ours, id), find(theirs, id));
        if (merged.is_null()) return;
        present.insert(id);
        tags.push_back(std::move(merged));
    };
    for (const Json& tag : oursBook.at("tags")) mergeId(tag.at("id").get<std::string>());
    for (const Json& tag : theirsBook.at("tags"))
        if (!ours.contains(tag.at("id").get_ref<const std::string&>()))
            mergeId(tag.at("id").get<std::string>());
    // A tag one side deleted while the merged file still uses it is kept,
    // from the side that kept it, as a conflict; then its parents, likewise.
    for (bool added = true; added;) {
        added = false;
        for (const std::string& id : usedTagIds(annotations, tags)) {
            if (present.contains(id)) continue;
            const Json* b = find(base, id);
            const Json* o = find(ours, id);
            const Json* t = find(theirs, id);
            if (!o && !t) continue; // not in any codebook: the input had none to check against
            Json tag = o ? *o : *t;
            tag["conflict"] = conflictOf(b, o, t);
            tags.push_back(std::move(tag));
            present.insert(id);
            added = true;
        }
    }

    // The layout of docs/formats.md §4.3: format, version, tags, then the rest.
    Json codebook = Json::object();
    for (const char* key : {"format", "version"})
        if (rest.contains(key)) codebook[key] = rest[key];
    codebook["tags"] = std::move(tags);
    for (const auto& [key, value] : rest.items())
        if (key != "format" && key != "version") codebook[key] = value;
    return codebookFieldsFromJson(codebook, "codebook");
}

// [SECTION] Report and top level

// The report: also in conflict when the sides are on different report files.
ReportInfo mergeReports(const ReportInfo& base, const ReportInfo& ours, const ReportInfo& theirs) {
    const Pick choice = pick(&base, &ours, &theirs);
    ReportInfo report = choice == Pick::Theirs ? theirs : ours;
    if (choice == Pick::Conflict || ours.sha256 != theirs.sha256) {
        const Json versions[] = {reportToJson(base), reportToJson(ours), reportToJson(theirs)};
        report = ours;
        report.extra["conflict"] = conflictOf(&versions[0], &versions[1], &versions[2]);
    }
    return report;
}

// The unknown top-level fields, as one object.
Json mergeTopLevel(const Json& base, const Json& ours, const Json& theirs) {
    const Pick choice = pick(&base, &ours, &theirs);
    Json extra = choice == Pick::Theirs ? theirs : ours;
    if (choice == Pick::Conflict) extra["conflict"] = conflictOf(&base, &ours, &theirs);
    return extra;
}

// [SECTION] Listing the conflicts
// Read back from the `conflict` members of the merged file, so that the list
// and the file cannot disagree.

// One side's version in a `conflict` member; null for anything unexpected,
// since a file may carry a hand-edited one.
const Json& versionIn(const Json& conflict, const char* side) {
    static const Json kNone;
    if (!conflict.is_object()) return kNone;
    const auto it = conflict.find(side);
    return it == conflict.end() ? kNone : *it;
}

std::string describe(const Json& conflict) {
    const Json &base = versionIn(conflict, "base"), &ours = versionIn(conflict, "ours"),
               &theirs = versionIn(conflict, "theirs");
    if (base.is_null()) return "added differently in ours and theirs";
    if (ours.is_null())
        return theirs == base ? "deleted in ours but still used in the merged file"
                              : "deleted in ours, changed in theirs";
    if (theirs.is_null())
        return ours == base ? "deleted in theirs but still used in the merged file"
                            : "changed in ours, deleted in theirs";
    return "changed differently in ours and theirs";
}

// The first digits of a report version's sha256, for messages.
std::string shortHash(const Json& report) {
    const auto it = report.find("sha256");
    return it != report.end() && it->is_string() ? it->get<std::string>().substr(0, 12) : std::string();
}

std::vector<MergeConflict> conflictsIn(const AnnotationFile& file) {
    std::vector<MergeConflict> conflicts;
    if (const auto it = file.report.extra.find("conflict"); it != file.report.extra.end()) {
        const Json &ours = versionIn(*it, "ours"), &theirs = versionIn(*it, "theirs");
        const bool otherReport =
            ours.is_object() && theirs.is_object() && shortHash(ours) != shortHash(theirs);
        conflicts.push_back({"report", otherReport
                                           ? "ours is on report sha256 " + shortHash(ours) +
                                                 "..., theirs on " + shortHash(theirs) +
                                                 "...; open both with the same report, then merge again"
                                           : describe(*it)});
    }
    if (const auto it = file.extra.find("conflict"); it != file.extra.end())
        conflicts.push_back({"top level", describe(*it)});
    if (file.codebook) {
        if (const auto it = file.codebook->extra.find("conflict"); it != file.codebook->extra.end())
            conflicts.push_back({"codebook", describe(*it)});
        for (const Tag& tag : file.codebook->tags)
            if (const auto it = tag.extra.find("conflict"); it != tag.extra.end())
                conflicts.push_back({"codebook tag " + tag.id, describe(*it)});
    }
    for (const Annotation& a : file.annotations)
        if (!a.conflict.is_null()) conflicts.push_back({"annotation " + a.id, describe(a.conflict)});
    return conflicts;
}

} // namespace

MergeResult mergeAnnotationFiles(const AnnotationFile& base, const AnnotationFile& ours,
                                 const AnnotationFile& theirs) {
    MergeResult result;
    AnnotationFile& file = result.file;
    file.annotations =
        withoutDuplicateAdditions(mergeById(base.annotations, ours.annotations, theirs.annotations));
    file.codebook = mergeCodebooks(base.codebook, ours.codebook, theirs.codebook, file.annotations);
    file.report = mergeReports(base.report, ours.report, theirs.report);
    file.extra = mergeTopLevel(base.extra, ours.extra, theirs.extra);
    result.conflicts = conflictsIn(file);
    return result;
}

} // namespace gloss::annotations
