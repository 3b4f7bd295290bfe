#pragma once

#include "gloss/core/document.hpp"

#include <optional>

namespace gloss::gui {

// The heading at or before `byte`: the section the reader is in; nullopt
// before the first heading.
std::optional<size_t> headingAt(const std::vector<core::Heading>& headings, size_t byte);

// The report's headings (docs/plugin-guide.md, "Sources") as an outline to
// move around a long report: one row per heading, indented by its level, the
// section of the line at `topByte` (the top of the view) highlighted. Returns the byte
// to show when a heading is clicked.
std::optional<size_t> Outline(const core::Document& document, size_t topByte);

} // namespace gloss::gui
