#pragma once

#include "gloss/annotations/annotation_set.hpp"
#include "gloss/annotations/codebook.hpp"
#include "gloss/core/document.hpp"
#include "gloss/core/plugin_host.hpp"

#include <string>
#include <vector>

namespace gloss::core {

enum class TagAction { Apply = GLOSS_TAG_APPLY, Remove = GLOSS_TAG_REMOVE, SetNote = GLOSS_TAG_SET_NOTE };

// One user action at a selection: from the editor's quick keys and tag
// popup, or from `gloss-cli tag`.
struct TagCommand {
    uint64_t start = 0; // code points, half-open
    uint64_t end = 0;
    TagAction action = TagAction::Apply;
    std::string tag;
    std::string note;
    std::string author; // of annotations this command creates or changes
};

struct TagOutcome {
    std::vector<std::string> added; // ids
    std::vector<std::string> updated;
    std::vector<std::string> removed;
};

// Asks the tagger plugin `taggerId` what `command` means for the annotations
// at its selection, checks every edit of its answer (ids it was shown, ranges
// inside the report, tags of the codebook) and only then applies them all to
// `set`, each an undoable edit. Throws PluginError when the plugin fails or
// answers with an edit that does not check out; `set` is then unchanged.
TagOutcome tagSelection(PluginHost& host, std::string_view taggerId, const Document& document,
                        const annotations::Codebook& codebook, annotations::AnnotationSet& set,
                        const TagCommand& command);

} // namespace gloss::core
