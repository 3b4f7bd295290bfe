// Sharing in the editor: a colleague's annotations as a layer over one's own
// (shown per author, accepted or rejected one by one), the agreement between
// the two as a table, and the conflicts a merge left.
//
// [SECTION] Colleague layer
// [SECTION] Merge conflicts
// [SECTION] Panels

#include "app.hpp"
#include "gloss/annotations/ids.hpp"

#include <cstdio>

namespace gloss::gui {

namespace {

std::string formatCoefficient(const std::optional<double>& value) {
    if (!value) return "undefined";
    char text[16];
    std::snprintf(text, sizeof text, "%.3f", *value);
    return text;
}

} // namespace

//-----------------------------------------------------------------------------
// [SECTION] Colleague layer
//-----------------------------------------------------------------------------

bool App::openColleague(const std::filesystem::path& path) {
    if (!workspace_.document()) return false;
    try {
        colleague_ = loadColleagueLayer(path, *workspace_.document());
    } catch (const std::exception& e) {
        report(e.what());
        return false;
    }
    colleagueRevision_ = UINT64_MAX;
    agreementRevision_ = UINT64_MAX;
    return true;
}

bool App::acceptColleague(const std::string& id) {
    if (!colleague_) return false;
    const auto& theirs = colleague_->file.annotations;
    const auto it = std::find_if(theirs.begin(), theirs.end(), [&](const auto& a) { return a.id == id; });
    if (it == theirs.end()) return false;
    // Their tags come with the annotation, so the saved file stands alone.
    if (colleague_->file.codebook) workspace_.addMissingTags(*colleague_->file.codebook, it->tags);
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
    if (!colleague_) return;
    colleague_->rejected.insert(id);
    colleagueRevision_ = UINT64_MAX;
    if (view_.selectedInOverlay && view_.selectedAnnotation == id) view_.selectedAnnotation.clear();
}

const annotations::AgreementSummary* App::agreement() {
    if (!colleague_ || !workspace_.document()) return nullptr;
    if (agreementRevision_ != workspace_.revision()) {
        std::vector<std::string> tags;
        for (const auto& tag : workspace_.codebook().tags) tags.push_back(tag.id);
        try {
            agreement_ =
                annotations::compareCoders(workspace_.annotations().all(), colleague_->file.annotations,
                                           workspace_.document()->codepointCount(), tags);
        } catch (const std::exception& e) {
            report(std::string("agreement: ") + e.what());
            agreement_.reset();
        }
        agreementRevision_ = workspace_.revision();
    }
    return agreement_ ? &*agreement_ : nullptr;
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
// [SECTION] Panels
//-----------------------------------------------------------------------------

void App::drawColleaguePanel() {
    if (!workspace_.document()) return;
    if (ImGui::Button("Open a colleague's annotations...")) askForFile(DialogPurpose::OpenColleague);
    if (!colleague_) {
        ImGui::TextWrapped("Their annotations are shown as outlines over yours, by author; "
                           "accept or reject them one by one.");
        return;
    }
    ImGui::Checkbox("Show", &colleague_->visible);
    ImGui::SameLine();
    ImGui::TextUnformatted(colleague_->path.filename().c_str());
    ImGui::SameLine();
    if (ImGui::SmallButton("Close")) {
        colleague_.reset();
        return;
    }
    for (const auto& author : colleague_->authors) {
        ImGui::PushID(author.c_str());
        bool shown = !colleague_->hiddenAuthors.count(author);
        if (ImGui::Checkbox("##author", &shown)) {
            if (shown)
                colleague_->hiddenAuthors.erase(author);
            else
                colleague_->hiddenAuthors.insert(author);
        }
        ImGui::SameLine();
        ImGui::ColorButton("##colour", ImGui::ColorConvertU32ToFloat4(authorColor(*colleague_, author)),
                           ImGuiColorEditFlags_NoTooltip, ImVec2(ImGui::GetFontSize(), ImGui::GetFontSize()));
        ImGui::SameLine();
        ImGui::TextUnformatted(author.empty() ? "(no author)" : author.c_str());
        ImGui::PopID();
    }
    ImGui::TextDisabled("%zu of theirs differ from yours", colleague_->differences.size());
    ImGui::BeginChild("##theirs", ImVec2(0, ImGui::GetFontSize() * 8), true);
    ImGuiListClipper clipper;
    clipper.Begin(static_cast<int>(colleague_->differences.size()));
    std::string accept, reject;
    while (clipper.Step()) {
        for (int row = clipper.DisplayStart; row < clipper.DisplayEnd; ++row) {
            const annotations::Annotation& a = colleague_->differences.all()[static_cast<size_t>(row)];
            ImGui::PushID(a.id.c_str());
            if (ImGui::SmallButton("Accept")) accept = a.id;
            ImGui::SameLine();
            if (ImGui::SmallButton("Reject")) reject = a.id;
            ImGui::SameLine();
            // What differs from one's own counterpart, before the quote.
            const auto differs = colleague_->whatDiffers.find(a.id);
            ImGui::TextDisabled("%s",
                                differs == colleague_->whatDiffers.end() ? "" : differs->second.c_str());
            ImGui::SameLine();
            ImGui::PushStyleColor(ImGuiCol_Text, authorColor(*colleague_, a.author));
            const bool clicked = ImGui::Selectable(a.quote.c_str(), view_.selectedInOverlay &&
                                                                        view_.selectedAnnotation == a.id);
            ImGui::PopStyleColor();
            if (ImGui::IsItemHovered())
                ImGui::SetTooltip("%s: %s%s%s", a.author.c_str(), tagLabels(a.tags).c_str(),
                                  a.note.empty() ? "" : "\nnote: ", a.note.c_str());
            if (clicked && a.status != annotations::AnchorStatus::Orphaned) {
                view_.select(workspace_.document()->byteOffset(a.start),
                             workspace_.document()->byteOffset(a.end));
                view_.scrollTo = view_.selectionStart();
                view_.selectedAnnotation = a.id;
                view_.selectedInOverlay = true;
            }
            ImGui::PopID();
        }
    }
    ImGui::EndChild();
    if (!accept.empty()) acceptColleague(accept);
    if (!reject.empty()) rejectColleague(reject);
    if (ImGui::CollapsingHeader("Agreement")) drawAgreementTable();
}

// Per tag: how many each of you coded, Cohen's kappa over characters and
// Krippendorff's alpha (nominal and unitizing), then the pooled figures.
void App::drawAgreementTable() {
    const annotations::AgreementSummary* summary = agreement();
    if (!summary) return;
    // As wide as the sidebar: the numbers keep their width and the tag's
    // label takes what is left, cut with its whole text in a tooltip.
    const ImGuiTableFlags flags =
        ImGuiTableFlags_Borders | ImGuiTableFlags_RowBg | ImGuiTableFlags_SizingFixedFit;
    if (!ImGui::BeginTable("##agreement", 6, flags, ImVec2(ImGui::GetContentRegionAvail().x, 0))) return;
    ImGui::TableSetupColumn("Tag", ImGuiTableColumnFlags_WidthStretch);
    ImGui::TableSetupColumn("You");
    ImGui::TableSetupColumn("Them");
    ImGui::TableSetupColumn("kappa");
    ImGui::TableSetupColumn("alpha");
    ImGui::TableSetupColumn("alpha_u");
    ImGui::TableHeadersRow();
    for (const annotations::TagAgreement& tag : summary->tags) {
        if (tag.annotationsA == 0 && tag.annotationsB == 0) continue;
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        const annotations::Tag* known = workspace_.codebook().find(tag.tag);
        const char* label = known ? known->label.c_str() : tag.tag.c_str();
        const bool cut = ImGui::CalcTextSize(label).x > ImGui::GetContentRegionAvail().x;
        ImGui::TextUnformatted(label);
        if (cut && ImGui::IsItemHovered()) ImGui::SetTooltip("%s", label);
        ImGui::TableNextColumn();
        ImGui::Text("%llu", static_cast<unsigned long long>(tag.annotationsA));
        ImGui::TableNextColumn();
        ImGui::Text("%llu", static_cast<unsigned long long>(tag.annotationsB));
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(formatCoefficient(tag.kappa).c_str());
        if (ImGui::IsItemHovered())
            ImGui::SetTooltip("characters: both %llu, only you %llu, only them %llu, neither %llu",
                              static_cast<unsigned long long>(tag.characters.both),
                              static_cast<unsigned long long>(tag.characters.onlyA),
                              static_cast<unsigned long long>(tag.characters.onlyB),
                              static_cast<unsigned long long>(tag.characters.neither));
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(formatCoefficient(tag.nominal.alpha).c_str());
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(formatCoefficient(tag.unitizing.alpha).c_str());
    }
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    ImGui::TextUnformatted("pooled");
    ImGui::TableNextColumn();
    ImGui::TableNextColumn();
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(formatCoefficient(summary->pooledKappa).c_str());
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(formatCoefficient(summary->pooledNominal.alpha).c_str());
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(formatCoefficient(summary->unitizingAlpha).c_str());
    ImGui::EndTable();
}

} // namespace gloss::gui
