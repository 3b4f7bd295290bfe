#include "gloss/annotations/annotation_set.hpp"

#include <algorithm>

namespace gloss::annotations {

AnnotationSet::AnnotationSet(std::vector<Annotation> annotations) : annotations_(std::move(annotations)) {
    std::sort(annotations_.begin(), annotations_.end(), precedes);
}

const Annotation* AnnotationSet::find(std::string_view id) const {
    for (const auto& annotation : annotations_)
        if (annotation.id == id) return &annotation;
    return nullptr;
}

bool AnnotationSet::add(Annotation annotation) {
    if (find(annotation.id)) return false;
    record({std::nullopt, std::move(annotation)});
    return true;
}

bool AnnotationSet::replace(Annotation annotation) {
    const Annotation* current = find(annotation.id);
    if (!current) return false;
    record({*current, std::move(annotation)});
    return true;
}

bool AnnotationSet::remove(std::string_view id) {
    const Annotation* current = find(id);
    if (!current) return false;
    record({*current, std::nullopt});
    return true;
}

void AnnotationSet::record(Edit edit) {
    apply(edit);
    if (!stepOpen_ || undo_.empty()) undo_.emplace_back();
    undo_.back().push_back(std::move(edit));
    redo_.clear();
}

void AnnotationSet::beginStep() {
    // The first edit opens the step; an empty step leaves no trace.
    if (!stepOpen_) undo_.emplace_back();
    stepOpen_ = true;
}

void AnnotationSet::endStep() {
    stepOpen_ = false;
    if (!undo_.empty() && undo_.back().empty()) undo_.pop_back();
}

bool AnnotationSet::undo() {
    if (undo_.empty()) return false;
    Step step = std::move(undo_.back());
    undo_.pop_back();
    for (auto edit = step.rbegin(); edit != step.rend(); ++edit) apply({edit->after, edit->before});
    redo_.push_back(std::move(step));
    return true;
}

bool AnnotationSet::redo() {
    if (redo_.empty()) return false;
    Step step = std::move(redo_.back());
    redo_.pop_back();
    for (const Edit& edit : step) apply(edit);
    undo_.push_back(std::move(step));
    return true;
}

void AnnotationSet::apply(const Edit& edit) {
    if (edit.before) {
        const auto it = std::find_if(annotations_.begin(), annotations_.end(),
                                     [&](const Annotation& a) { return a.id == edit.before->id; });
        if (it != annotations_.end()) annotations_.erase(it);
    }
    if (edit.after) {
        const auto at = std::upper_bound(annotations_.begin(), annotations_.end(), *edit.after, precedes);
        annotations_.insert(at, *edit.after);
    }
    indexValid_ = false;
}

// [SECTION] Interval index

namespace {

uint64_t buildMaxEnd(const std::vector<Annotation>& items, std::vector<uint64_t>& maxEnd, size_t low,
                     size_t high) {
    if (low >= high) return 0;
    const size_t mid = low + (high - low) / 2;
    const uint64_t left = buildMaxEnd(items, maxEnd, low, mid);
    const uint64_t right = buildMaxEnd(items, maxEnd, mid + 1, high);
    maxEnd[mid] = std::max({items[mid].end, left, right});
    return maxEnd[mid];
}

} // namespace

void AnnotationSet::rebuildIndex() const {
    maxEnd_.assign(annotations_.size(), 0);
    buildMaxEnd(annotations_, maxEnd_, 0, annotations_.size());
    indexValid_ = true;
}

void AnnotationSet::collectOverlaps(size_t low, size_t high, uint64_t start, uint64_t end,
                                    std::vector<const Annotation*>& out) const {
    if (low >= high) return;
    const size_t mid = low + (high - low) / 2;
    if (maxEnd_[mid] <= start) return; // nothing in this subtree reaches the range
    collectOverlaps(low, mid, start, end, out);
    if (annotations_[mid].start >= end) return; // mid and everything right of it start after the range
    if (annotations_[mid].end > start) out.push_back(&annotations_[mid]);
    collectOverlaps(mid + 1, high, start, end, out);
}

std::vector<const Annotation*> AnnotationSet::overlapping(uint64_t start, uint64_t end) const {
    if (!indexValid_) rebuildIndex();
    std::vector<const Annotation*> out;
    if (start < end) collectOverlaps(0, annotations_.size(), start, end, out);
    return out;
}

} // namespace gloss::annotations
