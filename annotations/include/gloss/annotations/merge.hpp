#pragma once

#include "gloss/annotations/annotation_file.hpp"

#include <string>
#include <vector>

// The 3-way merge of annotation files (docs/formats.md §3.6): what `gloss-cli
// merge` and the git merge driver do.
namespace gloss::annotations {

// One thing both sides changed in ways the merge cannot choose between. It is
// also kept in the merged file, in a `conflict` member of the object concerned.
struct MergeConflict {
    std::string where; // "annotation ID", "codebook tag ID", "codebook", "report" or "top level"
    std::string what;  // "changed differently in ours and theirs", ...
    std::string text() const { return where + ": " + what; }
};

struct MergeResult {
    AnnotationFile file;
    std::vector<MergeConflict> conflicts; // in the order of the merged file
};

// Merges what changed from `base` to `theirs` into `ours`, object by object:
// annotations by id, codebook tags by id, the report and the unknown
// top-level fields each as a whole. An object one side changed (or deleted)
// and the other left alone takes that side's version; one both sides changed
// alike is kept once; one they changed differently is a conflict: the merged
// file keeps ours (theirs where ours deleted it) with a `conflict` member
// holding all three versions. The report is in conflict whenever the two
// sides name different report files (sha256), since their offsets count
// code points of different texts. Two annotations with different ids that
// both sides added with the same range, tags and note are kept once, the one
// with the smaller id. A codebook tag one side deleted is kept (as a
// conflict) while the merged file still uses it.
// Rejected records and problems of the inputs are not merged: callers merge
// files without problems.
MergeResult mergeAnnotationFiles(const AnnotationFile& base, const AnnotationFile& ours,
                                 const AnnotationFile& theirs);

} // namespace gloss::annotations
