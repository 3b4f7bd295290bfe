// The outline of a report: its headings, for moving around it.

#include "widgets/outline.hpp"

#include <algorithm>
#include <imgui.h>

namespace gloss::gui {

std::optional<size_t> headingAt(const std::vector<core::Heading>& headings, size_t byte) {
    const auto after = std::upper_bound(headings.begin(), headings.end(), byte,
                                        [](size_t at, const core::Heading& h) { return at < h.start; });
    if (after == headings.begin()) return std::nullopt;
    return static_cast<size_t>(after - headings.begin()) - 1;
}

std::optional<size_t> Outline(const core::Document& document, size_t topByte) {
    const std::vector<core::Heading>& headings = document.headings();
    if (headings.empty()) {
        ImGui::TextWrapped("No headings: a DOCX or HTML report's headings, or a text report's Markdown "
                           "\"#\" lines, are listed here.");
        return std::nullopt;
    }
    // A heading on the top line is the section in view, "# " and all.
    const std::optional<size_t> current =
        headingAt(headings, document.lineEnd(document.lineOfByte(topByte)) - 1);
    const std::string_view text = document.utf8();
    const float indent = ImGui::GetFontSize();
    std::optional<size_t> jump;
    // Thousands of headings in a long report: only the visible rows are drawn.
    ImGuiListClipper clipper;
    clipper.Begin(static_cast<int>(headings.size()));
    while (clipper.Step()) {
        for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
            const core::Heading& h = headings[static_cast<size_t>(i)];
            const std::string title(text.substr(h.start, std::min<uint64_t>(h.end - h.start, 200)));
            ImGui::PushID(i);
            ImGui::SetCursorPosX(ImGui::GetCursorPosX() + indent * static_cast<float>(h.level - 1));
            if (ImGui::Selectable(title.c_str(), current == static_cast<size_t>(i))) jump = h.start;
            ImGui::PopID();
        }
    }
    return jump;
}

} // namespace gloss::gui
