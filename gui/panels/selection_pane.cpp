// The selected annotation, in a pane under the report: its codes, who made
// and changed it, its merge conflict, and its note edited in place; a
// colleague's, to accept or reject. And the right-click menu of a stripe.

#include "panels/sidebar_panels.hpp"
#include "segments_export.hpp"

#include <algorithm>
#include <cinttypes>

namespace gloss::gui {

namespace {

// A colleague's annotation: read-only, to accept into one's own work or reject.
void Theirs(AnnotationAction& action, const annotations::Annotation& theirs,
            const annotations::Codebook& codebook) {
    ImGui::TextWrapped("%s's annotation: %s", theirs.author.c_str(),
                       codeLabels(codebook, theirs.tags, ", ").c_str());
    action.id = theirs.id;
    if (ImGui::Button("Accept into mine")) action.accept = true;
    ImGui::SameLine();
    if (ImGui::Button("Reject")) action.reject = true;
    if (!theirs.note.empty()) ImGui::TextWrapped("Note: %s", theirs.note.c_str());
}

// The selected annotation's conflict: what each side made of it.
void Conflict(AnnotationAction& action, const annotations::Annotation& a) {
    ImGui::PushStyleColor(ImGuiCol_Text, IM_COL32(180, 30, 30, 255));
    ImGui::TextWrapped("Merge conflict: both sides changed this annotation.");
    ImGui::PopStyleColor();
    for (const char* side : {"ours", "theirs"}) {
        const auto& version = a.conflict[side];
        if (version.is_null()) {
            ImGui::BulletText("%s: deleted", side);
            continue;
        }
        std::string tags;
        if (version.contains("tags") && version["tags"].is_array())
            for (const auto& t : version["tags"])
                if (t.is_string()) tags += (tags.empty() ? "" : ", ") + t.get<std::string>();
        const std::string note =
            version.contains("note") && version["note"].is_string() ? version["note"].get<std::string>() : "";
        ImGui::BulletText("%s: %s%s%s", side, tags.c_str(), note.empty() ? "" : "; note: ", note.c_str());
    }
    if (ImGui::Button("Keep ours")) action.takeTheirs = false;
    ImGui::SameLine();
    if (ImGui::Button("Take theirs")) action.takeTheirs = true;
}

// One's own annotation: its codes (each can be taken off), who made and
// changed it, Delete, and its note, edited in place in a field that wraps (the
// change is one undo step when the field loses the keyboard).
void Own(SelectionPaneState& state, AnnotationAction& action, const annotations::Annotation& a,
         const annotations::Codebook& codebook) {
    if (state.noteDraftFor != a.id) {
        state.noteDraft = a.note;
        state.noteDraftFor = a.id;
    }
    action.id = a.id;
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted(a.tags.empty() ? "No codes" : "Codes:");
    const float swatch = ImGui::GetFontSize() * 0.8f;
    for (const auto& tag : a.tags) {
        ImGui::PushID(tag.c_str());
        ImGui::SameLine();
        ImGui::ColorButton("##c", ImGui::ColorConvertU32ToFloat4(codeColor(codebook, tag)),
                           ImGuiColorEditFlags_NoTooltip, ImVec2(swatch, swatch));
        ImGui::SameLine(0, ImGui::GetStyle().ItemInnerSpacing.x);
        const annotations::Tag* known = codebook.find(tag);
        ImGui::TextUnformatted(known ? known->label.c_str() : tag.c_str());
        ImGui::SameLine(0, ImGui::GetStyle().ItemInnerSpacing.x);
        if (ImGui::SmallButton("x")) action.removeTag = tag;
        if (ImGui::IsItemHovered()) ImGui::SetTooltip("Take this code off the passage");
        ImGui::PopID();
    }
    const auto by = a.extra.find("modified_by");
    const std::string changedBy =
        by != a.extra.end() && by->is_string() ? ", changed by " + by->get<std::string>() : std::string();
    ImGui::TextDisabled("by %s%s, %s, %s, chars %" PRIu64 "-%" PRIu64, a.author.c_str(), changedBy.c_str(),
                        a.origin.c_str(), kStatusNames[static_cast<int>(a.status)], a.start, a.end);
    ImGui::SameLine();
    action.remove = ImGui::SmallButton("Delete annotation");
    if (!a.conflict.is_null()) Conflict(action, a);
    ImGui::TextUnformatted("Note");
    if (InputWrapped("##note", state.noteField, state.noteDraft, ImVec2(-1, -1)))
        action.note = state.noteDraft;
}

} // namespace

AnnotationAction SelectionPane(SelectionPaneState& state, const annotations::Annotation* own,
                               const annotations::Annotation* theirs, const annotations::Codebook& codebook,
                               float statusHeight) {
    AnnotationAction action;
    const float em = ImGui::GetFontSize();
    ImGui::InvisibleButton("##pane-splitter", ImVec2(-1, ImGui::GetStyle().ItemSpacing.y));
    if (ImGui::IsItemHovered() || ImGui::IsItemActive()) ImGui::SetMouseCursor(ImGuiMouseCursor_ResizeNS);
    if (ImGui::IsItemActive())
        state.height = std::clamp(state.height - ImGui::GetIO().MouseDelta.y / em, 4.0f, 30.0f);
    ImGui::BeginChild("##selected", ImVec2(0, -statusHeight), true);
    if (own)
        Own(state, action, *own, codebook);
    else if (theirs)
        Theirs(action, *theirs, codebook);
    ImGui::EndChild();
    return action;
}

AnnotationAction StripeMenu(SelectionPaneState& state, const annotations::AnnotationSet& set,
                            const annotations::Codebook& codebook) {
    AnnotationAction action;
    if (!ImGui::BeginPopup("##stripe-menu")) return action;
    action.id = state.stripeMenuAnnotation;
    const annotations::Annotation* a = set.find(state.stripeMenuAnnotation);
    std::vector<std::string> codes;
    if (!state.stripeMenuTag.empty())
        codes.push_back(state.stripeMenuTag);
    else if (a)
        codes = a->tags;
    for (const std::string& code : codes) {
        const annotations::Tag* tag = codebook.find(code);
        const std::string label = (state.stripeMenuTag.empty() ? "Remove code \"" : "Remove this code (\"") +
                                  (tag ? tag->label : code) + (state.stripeMenuTag.empty() ? "\"" : "\")");
        if (ImGui::MenuItem(label.c_str())) action.removeTag = code;
    }
    if (ImGui::MenuItem("Delete annotation")) action.remove = true;
    ImGui::EndPopup();
    return action;
}

} // namespace gloss::gui
