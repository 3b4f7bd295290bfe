#pragma once

// The editor benchmark's inputs, generated deterministically: a report of
// English-like prose in paragraphs, a codebook whose themes match it at a
// chosen rate, and a valid annotation file on it.

#include "gloss/annotations/codebook.hpp"
#include "gloss/core/document.hpp"
#include "rng.hpp"

#include <filesystem>
#include <string>

namespace gloss::bench {

// The codebook the report is written for: 20 themes of whole-word,
// case-insensitive literals (one of them a regex), quick keys 1-9, two child
// tags. Its terms also occur in the seed reports (leadership, equality, ...).
annotations::Codebook makeBenchCodebook();

// About `bytes` of prose, one paragraph a line with blank lines between,
// headings every few paragraphs, curly quotes, dashes and a few accented
// names. A term of the codebook is written about every `bytesPerTerm` bytes,
// so the themes plugin finds about bytes / bytesPerTerm spans. The prose
// vocabulary never contains a theme term (checked: this throws otherwise).
std::string makeBenchReport(size_t bytes, size_t bytesPerTerm, Rng& rng);

// `count` annotations of 5-300 code points at random places of `report`,
// tagged with one to three tags of `codebook`, saved to `path` in the
// annotation format (docs/formats.md) with the codebook embedded.
void writeBenchAnnotations(const std::filesystem::path& path, const core::Document& report,
                           const annotations::Codebook& codebook, size_t count, Rng& rng);

} // namespace gloss::bench
