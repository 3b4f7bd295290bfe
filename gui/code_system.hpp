#pragma once

#include "gloss/annotations/codebook.hpp"

#include <string>
#include <vector>

namespace gloss::gui {

// The code system's tree and the edits that reorganise it, on the codebook
// alone (App moves the codings that go with them).

// One row of the codebook as a tree: a tag and how deep it sits.
struct CodeRow {
    size_t index = 0; // into Codebook::tags
    int depth = 0;
};

// Every tag once, depth first in codebook order; a tag whose parent is not in
// the codebook (or that sits in a cycle) is shown at the top level.
std::vector<CodeRow> codeTree(const annotations::Codebook& codebook);

// True when `ancestor` is `id` or above it.
bool isWithin(const annotations::Codebook& codebook, const std::string& id, const std::string& ancestor);

// Makes `id` a sub-code of `parent` (empty: the top level). False, and no
// change, when that would put a code under itself or either is unknown.
bool reparentCode(annotations::Codebook& codebook, const std::string& id, const std::string& parent);

// Takes `id` out of the codebook; its sub-codes move up to its parent.
bool removeCode(annotations::Codebook& codebook, const std::string& id);

// Gives `key` ("1".."9", or "" for none) to `id`, taking it from any code
// that had it.
bool setQuickKey(annotations::Codebook& codebook, const std::string& id, const std::string& key);

// A codebook without any quick key gets 1-9 for its first nine top-level codes.
void assignDefaultQuickKeys(annotations::Codebook& codebook);

} // namespace gloss::gui
