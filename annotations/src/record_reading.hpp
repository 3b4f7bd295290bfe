#pragma once

// The checks both readers of an annotation file share (annotation_file.cpp
// holds them and the DOM reader; annotation_fast_reader.cpp the fast one), so
// that a header, a codebook or a record is judged by one piece of code.

#include "gloss/annotations/annotation_file.hpp"

#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace gloss::annotations {

using Json = nlohmann::ordered_json;
using TagIds = std::set<std::string, std::less<>>;

// The size limit (bytes) of each of a record's text fields (docs/formats.md):
// both readers refuse a record over one, and the writer refuses to write one.
size_t recordFieldLimit(std::string_view field);
// How a value over its limit is described: "N bytes is longer than the limit of M".
std::string tooLong(size_t bytes, size_t limit);

// Throw FormatError at the first thing wrong with the file as a whole.
void checkFormatAndVersion(const Json& root);
ReportInfo readReport(const Json& root);
// The embedded codebook at `root`'s "codebook", checked whole by the
// codebook's rules (docs/formats.md §4); none when absent or null.
std::optional<Codebook> readEmbeddedCodebook(const Json& root);
// Its tag ids: annotations may only use these.
TagIds tagIdsOf(const Codebook& codebook);

// One record, or nullopt with its problems appended (each at its path under
// `path`). A check added here needs its twin in the fast reader's
// readPlainRecord, or that path would accept records this one rejects; the
// differential test (tests/unit/annotation_readers_test.cpp) holds them equal.
std::optional<Annotation> readAnnotation(const Json& record, const std::string& path,
                                         const ReportInfo& report, const TagIds* codebookIds,
                                         std::vector<Problem>& problems);

} // namespace gloss::annotations
