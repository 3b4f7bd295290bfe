#pragma once

#include "gloss/annotations/annotation_file.hpp"

#include <optional>
#include <string_view>

// The two readers behind parseAnnotationFile. They must never disagree: tests
// and a fuzz target run both on the same text and compare what they give.
namespace gloss::annotations {

// The reference: the whole text parsed by nlohmann, each record read from the
// tree. Gives every error and problem its message.
AnnotationFile parseAnnotationFileWithDom(std::string_view text);

// Straight from the text into Annotations, for the files Gloss writes;
// nullopt where it gives up and the DOM reader must read the file.
std::optional<AnnotationFile> parseAnnotationFileFast(std::string_view text);

} // namespace gloss::annotations
