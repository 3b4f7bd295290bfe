#pragma once

#include "gloss/annotations/codebook.hpp"

#include <functional>
#include <imgui.h>
#include <string>
#include <vector>

namespace gloss::gui {

// The tags whose label or id contains `filter` (ASCII case folded), in
// codebook order; labels that start with it first. Without a filter, all of
// them as the code system's tree (code_system.hpp).
std::vector<size_t> filterTags(const annotations::Codebook& codebook, std::string_view filter);

struct TagPopupState {
    std::string filter;
    int highlighted = 0; // index into the filtered list; its size means "new tag"
    bool justOpened = false;
    bool openRequested = false; // opened by the next TagPopup call, in its ID scope
    ImVec2 position;
};

struct TagPopupResult {
    std::string toggleTag;   // a codebook tag id to apply, or to take off when applied
    std::string createLabel; // a new tag to create, then apply
};

inline constexpr const char* kTagPopupId = "##tag-popup";

// Opens the popup at `position` (screen coordinates) when TagPopup next runs.
void openTagPopup(TagPopupState& state, ImVec2 position);
// The popup at the selection: the codes as a tree, those in `applied`
// checked; type to filter, Up/Down to choose, Enter or a click toggles the
// code; a name no tag has offers to create that tag.
TagPopupResult TagPopup(TagPopupState& state, const annotations::Codebook& codebook,
                        const std::function<ImU32(const std::string&)>& tagColor,
                        const std::vector<std::string>& applied = {});

} // namespace gloss::gui
