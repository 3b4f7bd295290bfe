// The overview strip: where the themes and annotations are in the whole report.

#include "widgets/overview.hpp"

#include <algorithm>
#include <cmath>

namespace gloss::gui {

namespace {

// The bucket of `byte` among `buckets` for a report of `reportBytes` (> 0).
size_t bucketOf(size_t byte, size_t reportBytes, size_t buckets) {
    return std::min(buckets - 1,
                    static_cast<size_t>(static_cast<double>(byte) * static_cast<double>(buckets) /
                                        static_cast<double>(reportBytes)));
}

} // namespace

std::vector<float> themeDensity(size_t reportBytes, const std::vector<core::Span>& themeSpans,
                                size_t buckets) {
    std::vector<float> density(buckets, 0.0f);
    if (reportBytes == 0 || buckets == 0) return density;
    std::vector<size_t> counts(buckets, 0);
    for (const core::Span& span : themeSpans) ++counts[bucketOf(span.start, reportBytes, buckets)];
    // Shade by rank against the densest bucket, on a square-root scale so a
    // few matches still show beside a dense chapter.
    const size_t densest = *std::max_element(counts.begin(), counts.end());
    if (densest > 0)
        for (size_t b = 0; b < buckets; ++b)
            density[b] =
                static_cast<float>(std::sqrt(static_cast<double>(counts[b]) / static_cast<double>(densest)));
    return density;
}

std::vector<ImU32> annotationMarks(size_t reportBytes,
                                   const std::vector<std::pair<size_t, ImU32>>& annotationStarts,
                                   size_t buckets) {
    std::vector<ImU32> marks(buckets, 0);
    if (reportBytes == 0 || buckets == 0) return marks;
    for (const auto& [start, color] : annotationStarts) {
        ImU32& mark = marks[bucketOf(start, reportBytes, buckets)];
        if (mark == 0) mark = color;
    }
    return marks;
}

std::optional<size_t> Overview(const char* id, const OverviewMarks& marks, ImVec2 size, size_t firstVisible,
                               size_t lastVisible) {
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    ImGui::InvisibleButton(id, ImVec2(std::max(size.x, 1.0f), std::max(size.y, 1.0f)));
    ImDrawList* draw = ImGui::GetWindowDrawList();
    draw->AddRectFilled(origin, ImVec2(origin.x + size.x, origin.y + size.y),
                        ImGui::GetColorU32(ImGuiCol_FrameBg));
    const size_t buckets = marks.buckets();
    if (buckets == 0 || marks.reportBytes == 0) return std::nullopt;

    const float bucketHeight = size.y / static_cast<float>(buckets);
    const auto yOf = [&](size_t byte) {
        return origin.y + size.y * static_cast<float>(static_cast<double>(byte) /
                                                      static_cast<double>(marks.reportBytes));
    };
    for (size_t b = 0; b < buckets; ++b) {
        const float y0 = origin.y + bucketHeight * static_cast<float>(b);
        const float y1 = std::max(y0 + 1.0f, y0 + bucketHeight);
        if (b < marks.themeDensity.size() && marks.themeDensity[b] > 0)
            draw->AddRectFilled(ImVec2(origin.x, y0), ImVec2(origin.x + size.x * 0.45f, y1),
                                IM_COL32(90, 90, 90, static_cast<int>(40 + 180 * marks.themeDensity[b])));
        if (marks.annotation[b] != 0)
            draw->AddRectFilled(ImVec2(origin.x + size.x * 0.5f, y0),
                                ImVec2(origin.x + size.x, std::max(y1, y0 + 2.0f)), marks.annotation[b]);
    }
    draw->AddRect(ImVec2(origin.x, yOf(firstVisible)),
                  ImVec2(origin.x + size.x, std::max(yOf(lastVisible), yOf(firstVisible) + 3.0f)),
                  ImGui::GetColorU32(ImGuiCol_Text), 0.0f, 0, 1.5f);
    if (ImGui::IsItemHovered())
        ImGui::SetTooltip("Themes (grey) and annotations (colour) in the whole report");
    if (!ImGui::IsItemActive()) return std::nullopt;
    const float fraction = std::clamp((ImGui::GetIO().MousePos.y - origin.y) / size.y, 0.0f, 1.0f);
    return static_cast<size_t>(static_cast<double>(fraction) * static_cast<double>(marks.reportBytes));
}

} // namespace gloss::gui
