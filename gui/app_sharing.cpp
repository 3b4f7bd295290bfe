// Sharing in the editor: a colleague's annotations as a layer over one's own
// (accepted or rejected one by one, their agreement with one's own), and the
// conflicts a merge left. The Colleague panel is panels/colleague_panel.cpp.
//
// [SECTION] Colleague layer
// [SECTION] Merge conflicts
// [SECTION] Panel

#include "app.hpp"
#include "gloss/annotations/ids.hpp"

namespace gloss::gui {

//-----------------------------------------------------------------------------
// [SECTION] Colleague layer
//-----------------------------------------------------------------------------

bool App::openColleague(const std::filesystem::path& path) {
    if (!workspace_.document()) return false;
    try {
        ColleaguePanelState opened; // compared and its agreement worked out on first use
        opened.layer = loadColleagueLayer(path, *workspace_.document());
        colleague_ = std::move(opened);
    } catch (const std::exception& e) {
        report(e.what());
        return false;
    }
    return true;
}

bool App::acceptColleague(const std::string& id) {
    if (!colleague_.layer) return false;
    const auto& theirs = colleague_.layer->file.annotations;
    const auto it = std::find_if(theirs.begin(), theirs.end(), [&](const auto& a) { return a.id == id; });
    if (it == theirs.end()) return false;
    // Their tags come with the annotation, so the saved file stands alone.
    if (colleague_.layer->file.codebook)
        workspace_.addMissingTags(*colleague_.layer->file.codebook, it->tags);
    // The same coding under another id (same span and codes) is merged into
    // one's own, their note joining it, rather than added a second time.
    const annotations::Annotation* mine = sameCoding(workspace_.annotations(), *it);
    if (mine && mine->id != id) {
        annotations::Annotation merged = *mine;
        if (merged.note.empty())
            merged.note = it->note;
        else if (!it->note.empty() && merged.note.find(it->note) == std::string::npos)
            merged.note += "\n\n" + it->note;
        if (merged == *mine) return false;
        return workspace_.replaceAnnotation(std::move(merged));
    }
    return workspace_.changeAnnotations(
        [&](annotations::AnnotationSet& set) { return mine ? set.replace(*it) : set.add(*it); });
}

void App::rejectColleague(const std::string& id) {
    if (!colleague_.layer) return;
    colleague_.layer->rejected.insert(id);
    colleague_.comparedRevision = UINT64_MAX;
    if (view_.selectedInOverlay && view_.selectedAnnotation == id) view_.selectedAnnotation.clear();
}

const annotations::AgreementSummary* App::agreement() {
    std::string error;
    const annotations::AgreementSummary* summary = colleagueAgreement(colleague_, workspace_, error);
    if (!error.empty()) report("agreement: " + error);
    return summary;
}

//-----------------------------------------------------------------------------
// [SECTION] Merge conflicts
//-----------------------------------------------------------------------------

bool App::resolveConflict(const std::string& id, bool takeTheirs) {
    const annotations::Annotation* current = workspace_.annotations().find(id);
    if (!current || current->conflict.is_null()) return false;
    annotations::Annotation resolved = *current;
    resolved.conflict = nullptr;
    const nlohmann::ordered_json& version = current->conflict[takeTheirs ? "theirs" : "ours"];
    if (version.is_null()) return workspace_.deleteAnnotation(id); // that side deleted it
    if (takeTheirs) {
        // Their record, with every check a record in a file gets.
        try {
            std::vector<annotations::Annotation> theirs{
                annotations::annotationFromJson(version, workspace_.file().report)};
            annotations::anchorAll(theirs, *workspace_.document());
            resolved = std::move(theirs.front());
            resolved.conflict = nullptr;
        } catch (const std::exception& e) {
            report("annotation " + id + ": their version cannot be used: " + e.what());
            return false;
        }
    }
    resolved.modified = annotations::nowUtc();
    return workspace_.changeAnnotations(
        [&](annotations::AnnotationSet& set) { return set.replace(std::move(resolved)); });
}

//-----------------------------------------------------------------------------
// [SECTION] Panel
//-----------------------------------------------------------------------------

void App::drawColleaguePanel() {
    const ColleagueAction action = ColleaguePanel(
        colleague_, workspace_, view_.selectedInOverlay ? view_.selectedAnnotation : std::string());
    if (action.open) askForFile(DialogPurpose::OpenColleague);
    if (!action.error.empty()) report("agreement: " + action.error);
    if (const annotations::Annotation* a = action.show) {
        view_.select(workspace_.document()->byteOffset(a->start), workspace_.document()->byteOffset(a->end));
        view_.scrollTo = view_.selectionStart();
        view_.selectedAnnotation = a->id;
        view_.selectedInOverlay = true;
    }
    if (!action.accept.empty()) acceptColleague(action.accept);
    if (!action.reject.empty()) rejectColleague(action.reject);
}

} // namespace gloss::gui
