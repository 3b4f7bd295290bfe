#pragma once

#include "colleague_layer.hpp"
#include "gloss/annotations/agreement.hpp"
#include "gloss/core/plugin_host.hpp"
#include "widgets/wrapped_input.hpp"
#include "workspace.hpp"

#include <cstdint>
#include <filesystem>
#include <imgui.h>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

// The sidebar's panels, Dear ImGui style as the project's panels
// (project_panels.hpp): each a function over its own state struct that reads
// the Workspace and returns what the user asked for, for the App to do (an
// undo step, a message). The App keeps where they go and their headers.
// Codebook and Counts per tag (codebook_panel.cpp), Report memo
// (memo_panel.cpp), Annotations (annotations_panel.cpp), the selected
// annotation's pane under the report (selection_pane.cpp), Colleague
// (colleague_panel.cpp), Plugins (plugins_panel.cpp).
namespace gloss::gui {

// Shared by the panels (sidebar_panels.cpp).
// A code's colour from its "#rrggbb"; kUntaggedColor for an id the codebook lacks.
ImU32 codeColor(const annotations::Codebook& codebook, const std::string& tagId);
inline constexpr ImU32 kUntaggedColor = IM_COL32(160, 160, 160, 255); // and tags not in the codebook
// By annotations::AnchorStatus.
inline constexpr const char* kStatusNames[] = {"anchored", "moved", "orphaned"};

// How often a code is used: annotations with it, and theme matches in the report.
struct TagCounts {
    size_t annotated = 0;
    size_t matches = 0;
};

struct CodebookPanelState {
    std::map<std::string, bool> hidden; // tag id -> hidden in the report
    bool showAnnotations = true;        // the report's layers
    bool showThemes = true;
    std::string editingTag; // tag id whose editor should open
    std::string editorFor;  // tag id the open editor shows, and its fields as edited:
    std::string label, description, key;
    ImVec4 color;
    std::string deletingTag; // asked to confirm
    std::string newTagLabel;
};

// A tag's fields as the editor applies them.
struct TagEdit {
    std::string tag; // its id
    std::string label;
    std::string color; // "#rrggbb"
    std::string key;   // "1".."9" or ""
    std::string description;
};

struct CodebookAction {
    std::optional<std::pair<std::string, std::string>>
        reparent; // a code, and its new parent ("": the top level)
    std::optional<std::pair<std::string, std::string>> merge; // a code, and the one its codings move to
    std::string deleteTag;                                    // confirmed
    std::string createLabel;                                  // a new tag's
    std::optional<TagEdit> edit;                              // each field one undo step
};

// The code system as a tree: each code's switch in the report (state.hidden),
// its colour and counts (`counts`, by tag id), its label, which filters the
// annotation list by it (`filterTag`) and opens its editor on a double click;
// its menu, a drop target for another code, new tags below.
CodebookAction CodebookPanel(CodebookPanelState& state, const annotations::Codebook& codebook,
                             const std::map<std::string, TagCounts>& counts, std::string& filterTag);
// Horizontal bars: annotations per tag (solid) and theme matches (light).
void CountsChart(const annotations::Codebook& codebook, const std::map<std::string, TagCounts>& counts);
// The code other than `exceptTag` whose quick key is `key`: the tag editor
// says the key moves from it. Null when none has it.
const annotations::Tag* quickKeyHolder(const annotations::Codebook& codebook, const std::string& key,
                                       const std::string& exceptTag);

struct MemoPanelState {
    std::string draft;
    WrappedInputState field;
    bool active = false; // typed in last frame: the draft is ahead of the workspace's memo
    bool focus = false;  // asked for (View > Report memo): open it and put the keyboard in it
};

// The memo about the whole report, in a field that wraps. Returns the memo
// to keep when the field lets go of the keyboard: one undo step.
std::optional<std::string> MemoPanel(MemoPanelState& state, const Workspace& workspace);

// Which annotations the annotations panel lists; empty strings match all.
struct AnnotationFilter {
    std::string tag;
    std::string author;
    std::string origin;
    int status = -1;            // an annotations::AnchorStatus, or -1 for any
    bool conflictsOnly = false; // left by a merge, to resolve

    bool operator==(const AnnotationFilter&) const = default;
};

// The annotations of `set` that `filter` lets through, as indexes into
// set.all(); a code lets its sub-codes' passages through too.
std::vector<size_t> filterAnnotations(const annotations::AnnotationSet& set,
                                      const annotations::Codebook& codebook, const AnnotationFilter& filter);

struct AnnotationsPanelState {
    AnnotationFilter filter;
    std::set<std::string> authors, origins; // what the filter offers: the App's, from its count
    std::vector<size_t> listed; // filterAnnotations' answer, kept until the annotations or the filter change
    uint64_t listedRevision = UINT64_MAX;
    AnnotationFilter listedFilter;
};

// The filters, then the annotations they let through, `selected` (an id)
// marked. Returns the one clicked.
const annotations::Annotation* AnnotationsPanel(AnnotationsPanelState& state, const Workspace& workspace,
                                                const std::string& selected);

struct SelectionPaneState {
    std::string noteDraft, noteDraftFor; // the note as typed, and whose
    WrappedInputState noteField;
    float height = 9;                                // in text heights
    std::string stripeMenuAnnotation, stripeMenuTag; // the stripe whose menu is open
};

// What the user asked of one annotation.
struct AnnotationAction {
    std::string id;                  // the annotation
    bool accept = false;             // a colleague's, into one's own work
    bool reject = false;             // a colleague's
    std::optional<bool> takeTheirs;  // its merge conflict resolved: their side, or ours
    std::optional<std::string> note; // its note, typed
    std::string removeTag;           // a code to take off it
    bool remove = false;             // delete it
};

// Under the report: a border to drag (the pane's height), then the selected
// annotation: one's own (`own`), else a colleague's (`theirs`), read-only.
AnnotationAction SelectionPane(SelectionPaneState& state, const annotations::Annotation* own,
                               const annotations::Annotation* theirs, const annotations::Codebook& codebook,
                               float statusHeight);
// The right-click menu of a stripe (state.stripeMenuTag, its code) or of a
// highlight (each of its codes): take a code off the passage, or delete it.
AnnotationAction StripeMenu(SelectionPaneState& state, const annotations::AnnotationSet& set,
                            const annotations::Codebook& codebook);

struct ColleaguePanelState {
    std::optional<ColleagueLayer> layer;
    uint64_t comparedRevision = UINT64_MAX; // of one's own set when the layer was compared
    std::optional<annotations::AgreementSummary> agreement;
    uint64_t agreementRevision = UINT64_MAX;
};

// The agreement between one's own annotations and the layer's, worked out
// again when one's own changed; null without a layer or a report. When it
// cannot be worked out, `error` says why (once).
const annotations::AgreementSummary* colleagueAgreement(ColleaguePanelState& state,
                                                        const Workspace& workspace, std::string& error);

// Per tag: annotations yours:theirs, Cohen's kappa and Krippendorff's alpha
// (nominal and unitizing) to two decimals, then the pooled figures; a row's
// tooltip has its whole label and every figure. Fits the sidebar.
void AgreementTable(const annotations::AgreementSummary* summary, const annotations::Codebook& codebook);

struct ColleagueAction {
    bool open = false;                             // ask for a colleague's file
    std::string accept, reject;                    // one of theirs
    const annotations::Annotation* show = nullptr; // one of theirs clicked: select it in the report
    std::string error;                             // colleagueAgreement's
};

// The layer's switch and authors, their annotations that differ from one's
// own (`selectedTheirs` marked) to accept or reject, and the agreement table.
// The layer's switches and Close act on state.layer.
ColleagueAction ColleaguePanel(ColleaguePanelState& state, const Workspace& workspace,
                               const std::string& selectedTheirs);

struct PluginsAction {
    bool reload = false;                                // load again the plugins whose files changed
    std::optional<std::pair<std::string, bool>> enable; // a plugin's switch: its id, on or off
    std::filesystem::path load;                         // an example plugin to load now and on every start
};

// Each loaded plugin with its switch (the reason it is off in its tooltip),
// the example plugins not loaded, and the refused files.
PluginsAction PluginsPanel(const core::PluginHost& host);

} // namespace gloss::gui
