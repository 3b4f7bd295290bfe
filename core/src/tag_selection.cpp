#include "gloss/core/tag_selection.hpp"

#include "gloss/annotations/anchoring.hpp"
#include "gloss/annotations/annotation_file.hpp"
#include "gloss/annotations/ids.hpp"
#include "gloss/annotations/utf8.hpp"

#include <set>

namespace gloss::core {

namespace {

using Json = nlohmann::json;

constexpr size_t kMaxEdits = 10000;

[[noreturn]] void badEdit(std::string_view taggerId, size_t index, const std::string& message) {
    throw PluginError("plugin " + std::string(taggerId) + ": edit " + std::to_string(index) + ": " + message);
}

std::vector<std::string> checkedTags(const Json& edit, const annotations::Codebook& codebook,
                                     std::string_view taggerId, size_t index) {
    const auto tags = edit.find("tags");
    if (tags == edit.end() || !tags->is_array() || tags->empty())
        badEdit(taggerId, index, "needs a list of tags");
    std::vector<std::string> out;
    for (const Json& tag : *tags) {
        if (!tag.is_string() || !codebook.find(tag.get<std::string>()))
            badEdit(taggerId, index, "tag " + annotations::excerptJson(tag) + " is not in the codebook");
        if (std::find(out.begin(), out.end(), tag.get<std::string>()) == out.end()) out.push_back(tag);
    }
    return out;
}

std::string checkedNote(const Json& edit, std::string_view taggerId, size_t index) {
    const auto note = edit.find("note");
    if (note == edit.end() || note->is_null()) return {};
    if (!note->is_string()) badEdit(taggerId, index, "note must be a string");
    const std::string& text = note->get_ref<const std::string&>();
    if (text.size() > annotations::kMaxNoteBytes) badEdit(taggerId, index, "note is too long");
    return text;
}

} // namespace

TagOutcome tagSelection(PluginHost& host, std::string_view taggerId, const Document& document,
                        const annotations::Codebook& codebook, annotations::AnnotationSet& set,
                        const TagCommand& command) {
    if (command.start >= command.end || command.end > document.codepointCount())
        throw PluginError("the selection " + std::to_string(command.start) + ":" +
                          std::to_string(command.end) + " is empty or outside the report");
    if (!command.tag.empty() && !codebook.find(command.tag))
        throw PluginError("tag \"" + command.tag + "\" is not in the codebook");

    nlohmann::ordered_json overlapping = nlohmann::ordered_json::array();
    std::set<std::string> shown;
    for (const annotations::Annotation* annotation : set.overlapping(command.start, command.end)) {
        overlapping.push_back(annotations::annotationToJson(*annotation));
        shown.insert(annotation->id);
    }
    const std::string codebookJson = annotations::codebookToJson(codebook).dump();
    const std::string overlappingJson = overlapping.dump();
    const std::string answer =
        host.editTags(taggerId, document,
                      {command.start, command.end, static_cast<int32_t>(command.action), command.tag,
                       command.note, codebookJson, overlappingJson});

    Json edits;
    try {
        edits = Json::parse(answer);
    } catch (const Json::parse_error&) {
        throw PluginError("plugin " + std::string(taggerId) + " answered with text that is not JSON");
    }
    if (!edits.is_array() || edits.size() > kMaxEdits)
        throw PluginError("plugin " + std::string(taggerId) +
                          " answered with something other than a list of edits");

    // Check everything first, so that a bad answer changes nothing.
    const std::string now = annotations::nowUtc();
    std::vector<annotations::Annotation> additions, updates;
    std::vector<std::string> removals;
    for (size_t i = 0; i < edits.size(); ++i) {
        const Json& edit = edits[i];
        const std::string op = edit.is_object() ? edit.value("op", "") : "";
        if (op == "add") {
            const uint64_t start = edit.value("start", uint64_t{0}), end = edit.value("end", uint64_t{0});
            if (start >= end || end > document.codepointCount())
                badEdit(taggerId, i,
                        "range " + std::to_string(start) + ":" + std::to_string(end) +
                            " is not in the report");
            annotations::Annotation added;
            added.id = annotations::newUuid();
            annotations::setSelectors(added, document, start, end);
            added.tags = checkedTags(edit, codebook, taggerId, i);
            added.note = checkedNote(edit, taggerId, i);
            added.author = command.author;
            added.created = added.modified = now;
            additions.push_back(std::move(added));
        } else if (op == "update" || op == "remove") {
            const std::string id = edit.value("id", "");
            if (!shown.contains(id))
                badEdit(taggerId, i, "id \"" + id + "\" is not one of the annotations it was shown");
            if (op == "remove") {
                removals.push_back(id);
                continue;
            }
            annotations::Annotation updated = *set.find(id);
            updated.tags = checkedTags(edit, codebook, taggerId, i);
            updated.note = checkedNote(edit, taggerId, i);
            updated.modified = now;
            updates.push_back(std::move(updated));
        } else {
            badEdit(taggerId, i, "op must be add, update or remove");
        }
    }

    TagOutcome outcome;
    set.beginStep();
    for (auto& annotation : additions) {
        outcome.added.push_back(annotation.id);
        set.add(std::move(annotation));
    }
    for (auto& annotation : updates) {
        outcome.updated.push_back(annotation.id);
        set.replace(std::move(annotation));
    }
    for (const auto& id : removals)
        if (set.remove(id)) outcome.removed.push_back(id);
    set.endStep();
    return outcome;
}

} // namespace gloss::core
