#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>

namespace tagging {

// The edits (plugin.h, gloss_tagger.edit) that carry out one action at the
// selection [start, end), given the annotations overlapping it:
//  - apply: add the tag to the annotation with exactly this range, else a new
//    annotation; applying a tag that is already there changes nothing;
//  - remove: take the tag off every overlapping annotation that has it, and
//    remove an annotation left with no tag;
//  - set note: the note of the annotation with exactly this range, else a
//    new annotation with the tag and note.
// Throws std::invalid_argument for an action it does not know or a note
// with no annotation and no tag to hang it on.
nlohmann::json editsFor(int32_t action, uint64_t start, uint64_t end, const std::string& tag,
                        const std::string& note, const nlohmann::json& overlapping);

} // namespace tagging
