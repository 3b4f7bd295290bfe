#pragma once

// Runs both readers of annotation files (annotation_readers.hpp) on one text
// and says how they differ. Header-only, so that the unit tests and the
// libFuzzer target (which links no test support) share it.

#include "gloss/annotations/annotation_readers.hpp"

#include <optional>
#include <string>
#include <string_view>

namespace gloss::test {

// What the fast reader and the DOM reader disagree on for `text`, or nullopt
// when they agree. Where the fast reader gives up, parseAnnotationFile uses
// the DOM reader, so only what the fast reader returns is compared: it must
// be exactly what the DOM reader returns, and the DOM reader must not refuse
// a text the fast reader read.
inline std::optional<std::string> readersDisagree(std::string_view text) {
    using namespace gloss::annotations;
    const std::optional<AnnotationFile> fast = parseAnnotationFileFast(text);
    if (!fast) return std::nullopt;
    AnnotationFile dom;
    try {
        dom = parseAnnotationFileWithDom(text);
    } catch (const FormatError& e) {
        return "the fast reader read a file the DOM reader refuses: " + std::string(e.what());
    }
    if (fast->report != dom.report) return "the report differs";
    if (fast->codebook != dom.codebook) return "the codebook differs";
    if (fast->extra != dom.extra) return "the unknown top-level fields differ";
    if (fast->annotations.size() != dom.annotations.size())
        return "the fast reader read " + std::to_string(fast->annotations.size()) +
               " annotations, the DOM reader " + std::to_string(dom.annotations.size());
    for (size_t i = 0; i < dom.annotations.size(); ++i)
        if (fast->annotations[i] != dom.annotations[i])
            return "annotation " + std::to_string(i) + " (" + dom.annotations[i].id + ") differs";
    if (fast->rejected != dom.rejected) return "the rejected records differ";
    if (fast->problems.size() != dom.problems.size())
        return "the fast reader found " + std::to_string(fast->problems.size()) +
               " problems, the DOM reader " + std::to_string(dom.problems.size()) +
               (dom.problems.empty() ? std::string() : " (first: " + dom.problems.front().text() + ")");
    for (size_t i = 0; i < dom.problems.size(); ++i)
        if (fast->problems[i].text() != dom.problems[i].text())
            return "problem " + std::to_string(i) + " differs: \"" + fast->problems[i].text() +
                   "\" against \"" + dom.problems[i].text() + "\"";
    return std::nullopt;
}

} // namespace gloss::test
