// The Coded segments panel: every passage of a code and its sub-codes across
// a project's reports, with its context, coder and note; exported as CSV or
// HTML.

#include "gloss/core/file_io.hpp"
#include "panels/project_panels.hpp"
#include "segments_export.hpp"

#include <imgui.h>

namespace gloss::gui {

namespace {

const FileFilter kCsvFilter{"CSV (*.csv)", {".csv"}};
const FileFilter kHtmlFilter{"HTML (*.html)", {".html", ".htm"}};

void exportSegments(SegmentsPanelState& state, const annotations::Codebook& codebook) {
    const annotations::Tag* tag = codebook.find(state.tag);
    const std::string title = "Coded segments: " + (tag ? tag->label : state.tag);
    try {
        core::writeFileAtomically(state.dialog.chosen,
                                  state.exportHtml ? segmentsHtml(title, state.results.segments, codebook)
                                                   : segmentsCsv(state.results.segments, codebook));
        state.message = "Exported " + std::to_string(state.results.segments.size()) + " segments to " +
                        state.dialog.chosen.string();
    } catch (const std::exception& e) {
        state.message = std::string("export failed: ") + e.what();
    }
}

void askWhereToExport(SegmentsPanelState& state, const ProjectWorkspace& workspace, bool html) {
    state.exportHtml = html;
    const std::filesystem::path suggested =
        workspace.project().folder() / ("segments-" + state.tag + (html ? ".html" : ".csv"));
    openFileDialog(state.dialog, FileDialogMode::Save,
                   html ? "Export segments as HTML" : "Export segments as CSV", suggested,
                   {html ? kHtmlFilter : kCsvFilter});
}

} // namespace

std::optional<ProjectJump> SegmentsPanel(SegmentsPanelState& state, const ProjectWorkspace& workspace,
                                         const annotations::Codebook& codebook, const LiveView& live) {
    std::optional<ProjectJump> jump;
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 16);
    CodeCombo("Code", state.tag, codebook);
    ImGui::SameLine();
    if (ImGui::Button("Refresh")) state.refresh = true;
    ImGui::SameLine();
    const bool any = !state.results.segments.empty();
    if (!any) ImGui::BeginDisabled();
    if (ImGui::Button("Export CSV...")) askWhereToExport(state, workspace, false);
    ImGui::SameLine();
    if (ImGui::Button("Export HTML...")) askWhereToExport(state, workspace, true);
    if (!any) ImGui::EndDisabled();
    if (FileDialog("##segments-export", state.dialog)) exportSegments(state, codebook);

    if (ready(state.work)) {
        state.results = state.work.get();
        ++state.computed;
    }
    const bool stale = state.refresh || state.resultsFor != state.tag ||
                       state.resultsRevision != live.revision ||
                       state.resultsReport != live.annotations.report;
    if (stale && !state.work.valid()) { // else once the running work is in
        state.resultsFor = state.tag;
        state.resultsRevision = live.revision;
        state.resultsReport = live.annotations.report;
        state.refresh = false;
        state.work = std::async(std::launch::async, [project = workspace.project(), codebook, tag = state.tag,
                                                     copy = LiveCopy(live.annotations)] {
            return tag.empty() ? core::SegmentResults{}
                               : projectSegments(project, codebook, tag, copy.view());
        });
    }
    if (state.tag.empty()) {
        ImGui::TextDisabled("Choose a code to see its segments, with its sub-codes', in every report.");
        return jump;
    }
    const size_t subCodes = codebook.withDescendants(state.tag).size() - 1;
    ImGui::Text("%zu segment%s%s", state.results.segments.size(),
                state.results.segments.size() == 1 ? "" : "s",
                subCodes ? (" (with " + std::to_string(subCodes) + " sub-codes)").c_str() : "");
    if (state.work.valid()) {
        ImGui::SameLine();
        ImGui::TextDisabled("reading...");
    }
    if (!state.message.empty()) {
        ImGui::SameLine();
        ImGui::TextDisabled("%s", state.message.c_str());
    }
    for (const std::string& problem : state.results.problems)
        ImGui::TextColored(ImVec4(0.8f, 0.2f, 0.2f, 1), "%s", problem.c_str());

    if (BeginKwicTable("##segments", "Quote", {1.2f, 2, 2.5f, 2},
                       {{"Codes", 1.2f}, {"Coder", 0.8f}, {"Note", 1.5f}}))
        KwicRows(state.results.segments.size(), [&](size_t row) {
            const core::Segment& segment = state.results.segments[row];
            const annotations::Annotation& a = segment.annotation;
            const std::string quote = oneLine(a.quote);
            const KwicRowResult kwic = KwicRow(segment.report, oneLine(a.prefix), quote, oneLine(a.suffix));
            if (kwic.clicked) {
                if (const auto index = workspace.indexOf(workspace.project().resolve(segment.report)))
                    jump = ProjectJump{*index, a.id, a.start, a.end};
            }
            if (kwic.hovered)
                ImGui::SetTooltip("%s, %llu-%llu\n%s%s%s", segment.report.c_str(),
                                  static_cast<unsigned long long>(a.start),
                                  static_cast<unsigned long long>(a.end), quote.c_str(),
                                  a.note.empty() ? "" : "\nNote: ", a.note.c_str());
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(codeLabels(codebook, a.tags, ", ").c_str());
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(a.author.c_str());
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(oneLine(a.note).c_str());
        });
    return jump;
}

} // namespace gloss::gui
