#pragma once

#include "gloss/annotations/annotation_set.hpp"
#include "gloss/core/document.hpp"
#include "gloss/core/plugin_host.hpp"
#include "widgets/coding_stripes.hpp"
#include "widgets/report_layout.hpp"

#include <functional>
#include <imgui.h>
#include <optional>
#include <string>
#include <vector>

namespace gloss::gui {

// Theme spans (docs/architecture.md, "Data flow"): a live overlay from a highlighter plugin, drawn
// lighter than annotations. `spans` are sorted by start.
struct ThemeLayer {
    const std::vector<core::Span>* spans = nullptr;
    std::vector<ImU32> colors; // by Span::tag; 0 hides that theme
    size_t longestSpan = 0;    // bytes, so a view can find the spans reaching into it
};

// The colour an annotation is drawn in; 0 hides it.
using AnnotationColor = std::function<ImU32(const annotations::Annotation&)>;
// The colour of a code (a tag id); 0 hides that code's stripes.
using CodeColor = std::function<ImU32(const std::string&)>;

struct AnnotationLayer {
    const annotations::AnnotationSet* set = nullptr;
    AnnotationColor color; // the light wash over the passage
    // Each code of an annotation as a stripe in the margin and an underline
    // in its colour; without it, one per annotation in `color`.
    CodeColor codeColor;
    // Someone else's annotations over one's own, drawn as outlines (in
    // `overlayColor`, 0 hides one) so the two are never confused.
    const annotations::AnnotationSet* overlay = nullptr;
    AnnotationColor overlayColor;
};

// One highlight drawn in the last frame, for tests and for the scroll marks.
struct DrawnHighlight {
    size_t start = 0; // bytes
    size_t end = 0;
    int lane = 0;
    ImU32 color = 0;
    std::string id;
    bool overlay = false;                                // from AnnotationLayer::overlay
    const annotations::Annotation* annotation = nullptr; // valid until its set changes
};

// Everything ReportView keeps between frames. Offsets are bytes of the
// document, always on code-point boundaries.
struct ReportViewState {
    size_t anchor = 0;     // where the selection started
    size_t cursor = 0;     // the caret; the selection is between the two
    float preferredX = -1; // kept across Up/Down
    bool dragging = false;
    int dragUnit = 0;                  // 0 characters, 1 words, 2 lines (paragraphs)
    size_t dragStart = 0, dragEnd = 0; // the word or line first clicked
    std::string selectedAnnotation;    // outlined; Delete removes it
    bool selectedInOverlay = false;    // selectedAnnotation is an overlay one
    std::optional<size_t> scrollTo;    // a byte to bring into view next frame
    bool focusNextFrame = true;
    // Scrolling: the first row shown is the one holding `topByte`, with
    // `topOffset` pixels of it above the view. A byte, so the passage at the
    // top stays there when the text is wrapped anew (another text size or
    // width); rows, not pixels from the report's start, which a float cannot
    // hold exactly a few million rows down. ImGui's scroll bar only mirrors it.
    size_t topByte = 0;
    float topOffset = 0;
    ReportLayout layout;
    // Filled each frame.
    std::vector<DrawnHighlight> drawn;
    std::vector<Stripe> stripes; // one's own codes in view, with their lanes
    StripeMargin margin;
    size_t firstVisibleByte = 0, lastVisibleByte = 0;
    float rowHeight = 0;
    ImVec2 viewOrigin;   // screen position of the top-left of the text in view
    uint64_t topRow = 0; // the layout's index of the first row shown

    // Screen y of the top of the layout's row `row`, as drawn in the last frame.
    float rowY(uint64_t row) const {
        return viewOrigin.y - topOffset +
               static_cast<float>((static_cast<double>(row) - static_cast<double>(topRow)) * rowHeight);
    }

    size_t selectionStart() const { return anchor < cursor ? anchor : cursor; }
    size_t selectionEnd() const { return anchor < cursor ? cursor : anchor; }
    bool hasSelection() const { return anchor != cursor; }
    void select(size_t start, size_t end) {
        anchor = start;
        cursor = end;
        preferredX = -1;
    }
};

struct ReportViewResult {
    bool selectionChanged = false;
    bool annotationClicked = false; // selectedAnnotation changed by a click
    bool copied = false;
    bool focused = false;
    // Under the mouse: a highlight in the text or a stripe in the margin (then
    // `hoveredTag` is its code). Valid until the annotations change.
    const annotations::Annotation* hovered = nullptr;
    bool hoveredOverlay = false;
    const std::string* hoveredTag = nullptr;
    // A stripe right-clicked: its annotation and code, for a menu.
    const annotations::Annotation* stripeMenu = nullptr;
    std::string stripeMenuTag;
    // Set when characters no installed font has came into view: their
    // scripts and the packages with fonts for them, for the status bar.
    std::string missingFonts;
};

struct ReportViewStyle {
    float fontSize = 0;   // the current font's size when 0
    float rowSpacing = 8; // pixels between rows, where the codes' underlines show
    int stripeLanes = 6;  // lanes of the coding-stripe margin; 0: no margin
};

// The report: wrapped text with annotation highlights (stacked where they
// overlap, each code underlined in its colour), coding stripes in a margin on
// the left, a lighter theme overlay, mouse and keyboard selection, and
// scrolling. Fills the available region, or `size` when given.
ReportViewResult ReportView(const char* id, ReportViewState& state, const core::Document& document,
                            const AnnotationLayer& annotations, const ThemeLayer& themes,
                            const ReportViewStyle& style = {}, ImVec2 size = ImVec2(0, 0));

// Where the caret before `byte` is, as people count: the line (1-based) and
// the column within it in characters (code points, 1-based), so a caret after
// "é" at the start of line 2 is at line 2, column 2.
struct CaretPlace {
    size_t line = 1;
    uint64_t column = 1;
};
CaretPlace caretPlace(const core::Document& document, size_t byte);

// Word boundaries around `byte`: letters, digits, '_', apostrophes inside
// words and any non-ASCII code point except spaces form words.
std::pair<size_t, size_t> wordAt(const core::Document& document, size_t byte);

} // namespace gloss::gui
