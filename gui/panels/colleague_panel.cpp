// Colleague: a colleague's annotation file as a layer over one's own (shown
// per author, accepted or rejected one by one), and the agreement between
// the two as a table.

#include "panels/sidebar_panels.hpp"
#include "segments_export.hpp"

#include <cstdio>

namespace gloss::gui {

namespace {

// Two decimals in the table, as agreement is usually reported; three in the
// row's tooltip and in `gloss-cli agree`.
std::string formatCoefficient(const std::optional<double>& value, int decimals) {
    if (!value) return decimals < 3 ? "-" : "undefined";
    char text[16];
    std::snprintf(text, sizeof text, "%.*f", decimals, *value);
    return text;
}

// A header cell that explains itself on hover.
void HeaderWithTooltip(const char* name, const char* explanation) {
    ImGui::TableNextColumn();
    ImGui::TableHeader(name);
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", explanation);
}

// Everything the row holds, uncut: its label may be cut and its figures
// rounded in the table.
void AgreementRowTooltip(const char* label, const annotations::TagAgreement& tag) {
    ImGui::SetTooltip(
        "%s\nannotations: yours %llu, theirs %llu\nCohen's kappa %s, Krippendorff's alpha %s, "
        "alpha for unitizing %s\ncharacters: both %llu, only you %llu, only them %llu, neither %llu",
        label, static_cast<unsigned long long>(tag.annotationsA),
        static_cast<unsigned long long>(tag.annotationsB), formatCoefficient(tag.kappa, 3).c_str(),
        formatCoefficient(tag.nominal.alpha, 3).c_str(), formatCoefficient(tag.unitizing.alpha, 3).c_str(),
        static_cast<unsigned long long>(tag.characters.both),
        static_cast<unsigned long long>(tag.characters.onlyA),
        static_cast<unsigned long long>(tag.characters.onlyB),
        static_cast<unsigned long long>(tag.characters.neither));
}

} // namespace

void AgreementTable(const annotations::AgreementSummary* summary, const annotations::Codebook& codebook) {
    if (!summary) return;
    // As wide as the sidebar: the figures are short (two decimals, "yours:theirs")
    // and keep their width, and the tag's label takes what is left.
    const ImGuiTableFlags flags = ImGuiTableFlags_Borders | ImGuiTableFlags_RowBg |
                                  ImGuiTableFlags_SizingFixedFit | ImGuiTableFlags_NoPadOuterX;
    if (!ImGui::BeginTable("##agreement", 5, flags, ImVec2(ImGui::GetContentRegionAvail().x, 0))) return;
    ImGui::TableSetupColumn("Tag", ImGuiTableColumnFlags_WidthStretch);
    ImGui::TableSetupColumn("n");
    ImGui::TableSetupColumn("kappa");
    ImGui::TableSetupColumn("alpha");
    ImGui::TableSetupColumn("unit");
    ImGui::TableNextRow(ImGuiTableRowFlags_Headers);
    HeaderWithTooltip("Tag", "Hover a row for all its figures");
    HeaderWithTooltip("n", "Annotations with the tag, yours:theirs");
    HeaderWithTooltip("kappa", "Cohen's kappa over characters");
    HeaderWithTooltip("alpha", "Krippendorff's alpha, nominal, over characters");
    HeaderWithTooltip("unit", "Krippendorff's alpha for unitizing: where passages start and end");
    for (const annotations::TagAgreement& tag : summary->tags) {
        if (tag.annotationsA == 0 && tag.annotationsB == 0) continue;
        ImGui::TableNextRow();
        const annotations::Tag* known = codebook.find(tag.tag);
        const char* label = known ? known->label.c_str() : tag.tag.c_str();
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(label);
        bool hovered = ImGui::IsItemHovered();
        ImGui::TableNextColumn();
        ImGui::Text("%llu:%llu", static_cast<unsigned long long>(tag.annotationsA),
                    static_cast<unsigned long long>(tag.annotationsB));
        hovered |= ImGui::IsItemHovered();
        for (const auto* value : {&tag.kappa, &tag.nominal.alpha, &tag.unitizing.alpha}) {
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(formatCoefficient(*value, 2).c_str());
            hovered |= ImGui::IsItemHovered();
        }
        if (hovered) AgreementRowTooltip(label, tag);
    }
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    ImGui::TextUnformatted("pooled");
    ImGui::TableNextColumn();
    for (const auto* value :
         {&summary->pooledKappa, &summary->pooledNominal.alpha, &summary->unitizingAlpha}) {
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(formatCoefficient(*value, 2).c_str());
    }
    ImGui::EndTable();
}

const annotations::AgreementSummary* colleagueAgreement(ColleaguePanelState& state,
                                                        const Workspace& workspace, std::string& error) {
    if (!state.layer || !workspace.document()) return nullptr;
    if (state.agreementRevision != workspace.revision()) {
        std::vector<std::string> tags;
        for (const auto& tag : workspace.codebook().tags) tags.push_back(tag.id);
        try {
            state.agreement =
                annotations::compareCoders(workspace.annotations().all(), state.layer->file.annotations,
                                           workspace.document()->codepointCount(), tags);
        } catch (const std::exception& e) {
            error = e.what();
            state.agreement.reset();
        }
        state.agreementRevision = workspace.revision();
    }
    return state.agreement ? &*state.agreement : nullptr;
}

ColleagueAction ColleaguePanel(ColleaguePanelState& state, const Workspace& workspace,
                               const std::string& selectedTheirs) {
    ColleagueAction action;
    if (!workspace.document()) return action;
    if (ImGui::Button("Open a colleague's annotations...")) action.open = true;
    if (!state.layer) {
        ImGui::TextWrapped("Their annotations are shown as outlines over yours, by author; "
                           "accept or reject them one by one.");
        return action;
    }
    ImGui::Checkbox("Show", &state.layer->visible);
    ImGui::SameLine();
    ImGui::TextUnformatted(state.layer->path.filename().c_str());
    ImGui::SameLine();
    if (ImGui::SmallButton("Close")) {
        state.layer.reset();
        return action;
    }
    for (const auto& author : state.layer->authors) {
        ImGui::PushID(author.c_str());
        bool shown = !state.layer->hiddenAuthors.count(author);
        if (ImGui::Checkbox("##author", &shown)) {
            if (shown)
                state.layer->hiddenAuthors.erase(author);
            else
                state.layer->hiddenAuthors.insert(author);
        }
        ImGui::SameLine();
        ImGui::ColorButton("##colour", ImGui::ColorConvertU32ToFloat4(authorColor(*state.layer, author)),
                           ImGuiColorEditFlags_NoTooltip, ImVec2(ImGui::GetFontSize(), ImGui::GetFontSize()));
        ImGui::SameLine();
        ImGui::TextUnformatted(author.empty() ? "(no author)" : author.c_str());
        ImGui::PopID();
    }
    ImGui::TextDisabled("%zu of theirs differ from yours", state.layer->differences.size());
    ImGui::BeginChild("##theirs", ImVec2(0, ImGui::GetFontSize() * 8), true);
    ImGuiListClipper clipper;
    clipper.Begin(static_cast<int>(state.layer->differences.size()));
    while (clipper.Step()) {
        for (int row = clipper.DisplayStart; row < clipper.DisplayEnd; ++row) {
            const annotations::Annotation& a = state.layer->differences.all()[static_cast<size_t>(row)];
            ImGui::PushID(a.id.c_str());
            if (ImGui::SmallButton("Accept")) action.accept = a.id;
            ImGui::SameLine();
            if (ImGui::SmallButton("Reject")) action.reject = a.id;
            ImGui::SameLine();
            // What differs from one's own counterpart, before the quote.
            const auto differs = state.layer->whatDiffers.find(a.id);
            ImGui::TextDisabled("%s",
                                differs == state.layer->whatDiffers.end() ? "" : differs->second.c_str());
            ImGui::SameLine();
            ImGui::PushStyleColor(ImGuiCol_Text, authorColor(*state.layer, a.author));
            const bool clicked =
                ImGui::Selectable(a.quote.c_str(), !selectedTheirs.empty() && selectedTheirs == a.id);
            ImGui::PopStyleColor();
            if (ImGui::IsItemHovered())
                ImGui::SetTooltip("%s: %s%s%s", a.author.c_str(),
                                  codeLabels(workspace.codebook(), a.tags, ", ").c_str(),
                                  a.note.empty() ? "" : "\nnote: ", a.note.c_str());
            if (clicked && a.status != annotations::AnchorStatus::Orphaned) action.show = &a;
            ImGui::PopID();
        }
    }
    ImGui::EndChild();
    if (ImGui::CollapsingHeader("Agreement"))
        AgreementTable(colleagueAgreement(state, workspace, action.error), workspace.codebook());
    return action;
}

} // namespace gloss::gui
