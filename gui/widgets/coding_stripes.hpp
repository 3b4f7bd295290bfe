#pragma once

#include <cstddef>
#include <cstdint>
#include <imgui.h>
#include <string>
#include <vector>

namespace gloss::annotations {
struct Annotation;
}

namespace gloss::gui {

// One code of one annotation: a bar in the margin beside the report, over the
// rows of bytes [start, end), and an underline under those bytes. A passage
// with three codes has three stripes, never one merged colour.
struct Stripe {
    size_t start = 0; // bytes of the document
    size_t end = 0;
    uint64_t firstRow = 0, endRow = 0; // visual rows of the bar, half-open, clipped to the view
    ImU32 color = 0;
    const annotations::Annotation* annotation = nullptr; // valid until the set changes
    std::string tag;                                     // empty for an annotation without codes (a note)
    int lane = 0;
    float top = 0, bottom = 0; // screen y of the bar, set by the view
};

// Gives each stripe the lowest lane that no earlier stripe sharing a row with
// it uses: bars in one lane never touch. `stripes` must be sorted by
// firstRow; the codes of one annotation, which share its rows, get lanes side
// by side in their order.
void assignLanes(std::vector<Stripe>& stripes);

// Where the lanes are on screen. Lane 0 is next to the text, at the right
// edge of the margin; lanes from `lanes` on are not drawn (the text's tooltip
// still lists their codes).
struct StripeMargin {
    float left = 0;      // screen x of the margin's left edge
    float laneWidth = 6; // pixels per lane: the bar and the gap after it
    int lanes = 0;

    float width() const { return laneWidth * static_cast<float>(lanes); }
    float barLeft(int lane) const { return left + width() - static_cast<float>(lane + 1) * laneWidth; }
    float barWidth() const { return laneWidth > 3 ? laneWidth - 2 : laneWidth; }
};

// The index of the stripe whose bar is under `point`, or -1.
int stripeAt(const std::vector<Stripe>& stripes, const StripeMargin& margin, ImVec2 point);

} // namespace gloss::gui
