// Coding stripes: lanes for the codes of the visible annotations, and which
// bar a point is on.

#include "widgets/coding_stripes.hpp"

#include "widgets/report_layout.hpp"

#include <cmath>

namespace gloss::gui {

void assignLanes(std::vector<Stripe>& stripes) {
    std::vector<std::pair<size_t, size_t>> ranges;
    ranges.reserve(stripes.size());
    for (const Stripe& stripe : stripes) ranges.emplace_back(stripe.firstRow, stripe.endRow);
    const std::vector<int> lanes = stackLanes(ranges);
    for (size_t i = 0; i < stripes.size(); ++i) stripes[i].lane = lanes[i];
}

int stripeAt(const std::vector<Stripe>& stripes, const StripeMargin& margin, ImVec2 point) {
    if (margin.lanes <= 0 || point.x < margin.left || point.x >= margin.left + margin.width()) return -1;
    // The whole lane's width counts, gap included, so a thin bar is easy to hit.
    const int lane =
        static_cast<int>(std::floor((margin.left + margin.width() - point.x) / margin.laneWidth));
    for (size_t i = 0; i < stripes.size(); ++i)
        if (stripes[i].lane == lane && point.y >= stripes[i].top && point.y < stripes[i].bottom)
            return static_cast<int>(i);
    return -1;
}

} // namespace gloss::gui
