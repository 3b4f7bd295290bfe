#pragma once

#include "gloss/annotations/annotation.hpp"

#include <optional>
#include <string_view>
#include <vector>

namespace gloss::annotations {

// The annotations of one report: the single source of truth the editor, the
// CLI and plugins read. Kept sorted by (start, end, id). Every change is a
// recorded edit, so each one can be undone and redone. Overlap queries use an
// implicit interval tree over the sorted array: O(log n + k).
class AnnotationSet {
  public:
    AnnotationSet() = default;
    explicit AnnotationSet(std::vector<Annotation> annotations);

    const std::vector<Annotation>& all() const { return annotations_; }
    size_t size() const { return annotations_.size(); }
    const Annotation* find(std::string_view id) const;

    // Annotations that share at least one code point with [start, end), in order.
    std::vector<const Annotation*> overlapping(uint64_t start, uint64_t end) const;

    // Edits. `add` and `replace` return false (and change nothing) when the id
    // is already taken or not found; `remove` likewise.
    bool add(Annotation annotation);
    bool replace(Annotation annotation);
    bool remove(std::string_view id);

    // Groups the edits made until endStep() into one undo step, so that one
    // user action (a tag removed from three annotations) undoes at once.
    void beginStep();
    void endStep();

    bool canUndo() const { return !undo_.empty(); }
    bool canRedo() const { return !redo_.empty(); }
    bool undo();
    bool redo();

  private:
    // One edit: the annotation before (absent for an add) and after (absent
    // for a remove). Undo applies it with the two swapped.
    struct Edit {
        std::optional<Annotation> before;
        std::optional<Annotation> after;
    };

    using Step = std::vector<Edit>;

    void apply(const Edit& edit);
    void record(Edit edit);
    void rebuildIndex() const;
    void collectOverlaps(size_t low, size_t high, uint64_t start, uint64_t end,
                         std::vector<const Annotation*>& out) const;

    std::vector<Annotation> annotations_;
    std::vector<Step> undo_;
    std::vector<Step> redo_;
    bool stepOpen_ = false;
    // maxEnd_[mid] is the largest end in the subtree whose root is `mid`, the
    // middle of a half-open index range; rebuilt lazily after edits.
    mutable std::vector<uint64_t> maxEnd_;
    mutable bool indexValid_ = false;
};

} // namespace gloss::annotations
