#include "gloss/annotations/anchoring.hpp"

#include "gloss/annotations/approximate_match.hpp"
#include "gloss/annotations/utf8.hpp"

#include <algorithm>
#include <optional>

namespace gloss::annotations {

namespace {

// Bytes searched on each side of the old position by the exact step first
// and by the fuzzy step, besides a few quote lengths: bounds their time
// whatever the report's size.
constexpr size_t kFuzzyWindowBytes = 64 * 1024;

// The exact step's first, small window: most edits move text by less.
constexpr size_t kNearWindowBytes = 2 * 1024;

// Exact occurrences examined on each side of the old position.
constexpr int kCandidatesPerSide = 16;

struct ByteRange {
    size_t start = 0;
    size_t end = 0;
};

size_t commonSuffixLength(std::string_view a, std::string_view b) {
    size_t n = 0;
    while (n < a.size() && n < b.size() && a[a.size() - 1 - n] == b[b.size() - 1 - n]) ++n;
    return n;
}

size_t commonPrefixLength(std::string_view a, std::string_view b) {
    size_t n = 0;
    while (n < a.size() && n < b.size() && a[n] == b[n]) ++n;
    return n;
}

// How well the text around a candidate agrees with the stored context, in
// bytes of prefix and suffix that match.
size_t contextScore(std::string_view text, ByteRange at, const Annotation& annotation) {
    const size_t before = std::min(at.start, annotation.prefix.size());
    const size_t after = std::min(text.size() - at.end, annotation.suffix.size());
    return commonSuffixLength(text.substr(at.start - before, before), annotation.prefix) +
           commonPrefixLength(text.substr(at.end, after), annotation.suffix);
}

size_t distance(size_t a, size_t b) {
    return a > b ? a - b : b - a;
}

// Up to `perSide` occurrences of the quote on each side of `expected`, in
// the part of `text` from `low` to `high`.
void collectOccurrences(std::string_view text, std::string_view quote, size_t expected, size_t low,
                        size_t high, int perSide, std::vector<ByteRange>& out) {
    const std::string_view part = text.substr(low, high - low);
    const size_t pivot = std::clamp(expected, low, high) - low;
    size_t from = pivot;
    for (int i = 0; i < perSide; ++i) {
        const size_t at = part.find(quote, from);
        if (at == std::string_view::npos) break;
        out.push_back({low + at, low + at + quote.size()});
        from = at + 1;
    }
    size_t before = pivot;
    for (int i = 0; i < perSide && before > 0; ++i) {
        const size_t at = part.rfind(quote, before - 1);
        if (at == std::string_view::npos) break;
        out.push_back({low + at, low + at + quote.size()});
        before = at;
    }
}

// The exact occurrence of the quote with the best context, nearest `expected`.
// Edits move text by little, so the search looks in a small window around
// the old position, then a larger one, and reads the whole report only when
// neither has it: re-anchoring after an edit costs a window per annotation.
std::optional<ByteRange> findExact(std::string_view text, const Annotation& annotation, size_t expected) {
    const std::string_view quote = annotation.quote;
    std::vector<ByteRange> candidates;
    for (const size_t reach : {kNearWindowBytes + 2 * quote.size(), kFuzzyWindowBytes + 4 * quote.size()}) {
        const size_t low = expected > reach ? expected - reach : 0;
        const size_t high = std::min(text.size(), expected + quote.size() + reach);
        collectOccurrences(text, quote, expected, low, high, kCandidatesPerSide, candidates);
        if (!candidates.empty()) break;
    }
    if (candidates.empty()) collectOccurrences(text, quote, expected, 0, text.size(), 1, candidates);

    std::optional<ByteRange> best;
    size_t bestScore = 0;
    for (const ByteRange& candidate : candidates) {
        const size_t score = contextScore(text, candidate, annotation);
        if (!best || score > bestScore ||
            (score == bestScore && distance(candidate.start, expected) < distance(best->start, expected))) {
            best = candidate;
            bestScore = score;
        }
    }
    return best;
}

std::optional<ByteRange> findFuzzy(std::string_view text, const Annotation& annotation, size_t expected) {
    const std::string_view quote = annotation.quote;
    if (quote.size() > kMaxFuzzyQuoteBytes) return std::nullopt;
    const auto maxErrors = static_cast<size_t>(static_cast<double>(quote.size()) * kMaxFuzzyErrorRate);
    // Short quotes have no room for errors: a fuzzy "match" would be a guess.
    if (maxErrors == 0) return std::nullopt;

    const size_t reach = kFuzzyWindowBytes + 4 * quote.size();
    const size_t windowStart = expected > reach ? expected - reach : 0;
    const size_t windowEnd = std::min(text.size(), expected + quote.size() + reach);
    const std::string_view window = text.substr(windowStart, windowEnd - windowStart);
    const auto match = findApproximate(window, quote, maxErrors, expected + quote.size() - windowStart);
    if (!match) return std::nullopt;

    // Byte edits can split a multi-byte character: widen to whole code points.
    ByteRange range{windowStart + match->start, windowStart + match->end};
    while (range.start > 0 && utf8::isContinuationByte(static_cast<unsigned char>(text[range.start])))
        --range.start;
    while (range.end < text.size() && utf8::isContinuationByte(static_cast<unsigned char>(text[range.end])))
        ++range.end;
    if (range.end <= range.start) return std::nullopt;
    return range;
}

} // namespace

void setSelectors(Annotation& annotation, const ReportText& text, uint64_t start, uint64_t end) {
    const std::string_view utf8Text = text.utf8();
    const size_t startByte = text.byteOffset(start);
    const size_t endByte = text.byteOffset(end);
    const size_t prefixByte = utf8::retreatCodepoints(utf8Text, startByte, kContextCodepoints);
    const size_t suffixByte = utf8::advanceCodepoints(utf8Text, endByte, kContextCodepoints);
    annotation.start = start;
    annotation.end = end;
    annotation.quote = std::string(utf8Text.substr(startByte, endByte - startByte));
    annotation.prefix = std::string(utf8Text.substr(prefixByte, startByte - prefixByte));
    annotation.suffix = std::string(utf8Text.substr(endByte, suffixByte - endByte));
}

AnchorStatus anchor(Annotation& annotation, const ReportText& text) {
    const std::string_view utf8Text = text.utf8();
    const uint64_t count = text.codepointCount();
    if (annotation.end <= count && annotation.start < annotation.end) {
        const size_t startByte = text.byteOffset(annotation.start);
        const size_t endByte = text.byteOffset(annotation.end);
        if (utf8Text.substr(startByte, endByte - startByte) == annotation.quote) {
            annotation.status = AnchorStatus::Anchored;
            return annotation.status;
        }
    }
    if (annotation.quote.empty()) {
        annotation.status = AnchorStatus::Orphaned;
        return annotation.status;
    }

    const size_t expected = text.byteOffset(std::min(annotation.start, count));
    auto found = findExact(utf8Text, annotation, expected);
    if (!found) found = findFuzzy(utf8Text, annotation, expected);
    if (!found) {
        annotation.status = AnchorStatus::Orphaned;
        return annotation.status;
    }
    setSelectors(annotation, text, text.codepointOffset(found->start), text.codepointOffset(found->end));
    annotation.status = AnchorStatus::Moved;
    return annotation.status;
}

AnchorCounts anchorAll(std::vector<Annotation>& annotations, const ReportText& text) {
    AnchorCounts counts;
    for (Annotation& annotation : annotations) {
        switch (anchor(annotation, text)) {
        case AnchorStatus::Anchored:
            ++counts.anchored;
            break;
        case AnchorStatus::Moved:
            ++counts.moved;
            break;
        case AnchorStatus::Orphaned:
            ++counts.orphaned;
            break;
        }
    }
    return counts;
}

} // namespace gloss::annotations
