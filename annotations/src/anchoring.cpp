// Re-anchoring (docs/formats.md, "Anchoring"). Index of this file:
// [SECTION] Limits
// [SECTION] Context
// [SECTION] Exact search near the expected place
// [SECTION] Exact search of the whole report, for many quotes in one pass
// [SECTION] Fuzzy search
// [SECTION] The steps in order

#include "gloss/annotations/anchoring.hpp"

#include "gloss/annotations/approximate_match.hpp"
#include "gloss/annotations/utf8.hpp"

#include <algorithm>
#include <cstring>
#include <optional>
#include <span>
#include <string>

namespace gloss::annotations {

namespace {

// [SECTION] Limits

// Bytes searched on each side of the expected position by the exact step
// before it reads the whole report, and at most by the fuzzy step, besides a
// few quote lengths: bounds their time whatever the report's size.
constexpr size_t kFuzzyWindowBytes = 64 * 1024;

// The exact step's first, small window: most edits move text by less.
constexpr size_t kNearWindowBytes = 2 * 1024;

// Fuzzy matches whose context is checked, the closest first.
constexpr size_t kFuzzyCandidates = 8;

struct ByteRange {
    size_t start = 0;
    size_t end = 0;
};

size_t distance(size_t a, size_t b) {
    return a > b ? a - b : b - a;
}

size_t errorBound(size_t bytes) {
    return static_cast<size_t>(static_cast<double>(bytes) * kMaxFuzzyErrorRate);
}

// [SECTION] Context

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

// How well the text around an exact candidate agrees with the stored
// context, in bytes of prefix and suffix that match.
size_t contextScore(std::string_view text, ByteRange at, const Annotation& annotation) {
    const size_t before = std::min(at.start, annotation.prefix.size());
    const size_t after = std::min(text.size() - at.end, annotation.suffix.size());
    return commonSuffixLength(text.substr(at.start - before, before), annotation.prefix) +
           commonPrefixLength(text.substr(at.end, after), annotation.suffix);
}

// Edits between the stored prefix and the text that ends at `start`.
size_t prefixErrors(std::string_view text, size_t start, std::string_view prefix) {
    const size_t reach = std::min(start, prefix.size() + errorBound(prefix.size()));
    const std::string_view before = text.substr(start - reach, reach);
    return distanceToBestPrefix(std::string(before.rbegin(), before.rend()),
                                std::string(prefix.rbegin(), prefix.rend()));
}

// Edits between the stored suffix and the text that starts at `end`.
size_t suffixErrors(std::string_view text, size_t end, std::string_view suffix) {
    return distanceToBestPrefix(text.substr(end, suffix.size() + errorBound(suffix.size())), suffix);
}

// A side of a fuzzy match agrees with its stored context when that context
// is there within the fuzzy error rate; an empty context (the quote began or
// ended the report) agrees only at the same edge.
bool sideAgrees(size_t errors, std::string_view context, bool atEdge) {
    return context.empty() ? atEdge : errors <= errorBound(context.size());
}

// [SECTION] Exact search near the expected place

// One annotation being placed: where it is expected (a byte offset), and
// the best exact occurrence of its quote found so far.
struct Search {
    Annotation* annotation = nullptr;
    size_t order = 0; // place in the order of stored starts
    size_t expected = 0;
    std::optional<ByteRange> found;
    size_t score = 0;

    // Keeps the occurrence with the best context, then the nearest.
    void offer(std::string_view text, ByteRange candidate) {
        const size_t candidateScore = contextScore(text, candidate, *annotation);
        if (!found || candidateScore > score ||
            (candidateScore == score &&
             distance(candidate.start, expected) < distance(found->start, expected))) {
            found = candidate;
            score = candidateScore;
        }
    }

    // Whether the context confirms the place: enough to trust the shift it
    // implies for the annotations after this one.
    bool confirmed() const { return score * 2 >= annotation->prefix.size() + annotation->suffix.size(); }
};

// Every occurrence of the quote in the part of `text` from `low` to `high`.
void searchPart(std::string_view text, size_t low, size_t high, Search& search) {
    const std::string_view quote = search.annotation->quote;
    const char* const end = text.data() + high;
    for (const char* from = text.data() + low;; ++from) {
        // glibc's memmem (two-way, vectorised) rather than string_view::find,
        // which compares at every position holding the quote's first byte.
        const auto* at = static_cast<const char*>(
            ::memmem(from, static_cast<size_t>(end - from), quote.data(), quote.size()));
        if (!at) return;
        const auto start = static_cast<size_t>(at - text.data());
        search.offer(text, {start, start + quote.size()});
        from = at;
    }
}

// The small window around the expected position, then the large one.
void searchNearby(std::string_view text, Search& search) {
    const size_t quoteBytes = search.annotation->quote.size();
    for (const size_t reach : {kNearWindowBytes + 2 * quoteBytes, kFuzzyWindowBytes + 4 * quoteBytes}) {
        const size_t low = search.expected > reach ? search.expected - reach : 0;
        const size_t high = std::min(text.size(), search.expected + quoteBytes + reach);
        searchPart(text, low, high, search);
        if (search.found) return;
    }
}

// [SECTION] Exact search of the whole report, for many quotes in one pass

// Quotes are looked up by their first 8 bytes; a bitmap of those keys'
// hashes turns most positions of the text away with one memory read, so a
// 10 MB report is read once for all the quotes rather than once for each.
constexpr size_t kKeyBytes = 8;

uint64_t keyAt(const char* bytes) {
    uint64_t key = 0;
    std::memcpy(&key, bytes, kKeyBytes);
    return key;
}

size_t bucketOf(uint64_t key, unsigned bits) {
    return static_cast<size_t>((key * 0x9E3779B97F4A7C15ull) >> (64 - bits));
}

void searchWholeReport(std::string_view text, std::span<Search> searches) {
    std::vector<std::pair<uint64_t, Search*>> keyed;
    for (Search& search : searches) {
        const std::string_view quote = search.annotation->quote;
        if (quote.size() >= kKeyBytes) {
            keyed.emplace_back(keyAt(quote.data()), &search);
            continue;
        }
        searchPart(text, 0, text.size(), search);
    }
    if (keyed.empty() || text.size() < kKeyBytes) return;
    std::sort(keyed.begin(), keyed.end(), [](const auto& a, const auto& b) { return a.first < b.first; });

    unsigned bits = 16; // about 1 in 64 of the bitmap set: few false hits
    while (bits < 26 && (size_t{1} << bits) < keyed.size() * 64) ++bits;
    std::vector<uint64_t> bitmap(((size_t{1} << bits) + 63) / 64);
    for (const auto& [key, search] : keyed) {
        const size_t bucket = bucketOf(key, bits);
        bitmap[bucket / 64] |= uint64_t{1} << (bucket % 64);
    }

    const char* data = text.data();
    for (size_t at = 0; at + kKeyBytes <= text.size(); ++at) {
        const uint64_t key = keyAt(data + at);
        const size_t bucket = bucketOf(key, bits);
        if (!((bitmap[bucket / 64] >> (bucket % 64)) & 1)) continue;
        auto it = std::lower_bound(keyed.begin(), keyed.end(), key,
                                   [](const auto& entry, uint64_t value) { return entry.first < value; });
        for (; it != keyed.end() && it->first == key; ++it) {
            const std::string_view quote = it->second->annotation->quote;
            if (text.size() - at >= quote.size() && std::memcmp(data + at, quote.data(), quote.size()) == 0)
                it->second->offer(text, {at, at + quote.size()});
        }
    }
}

// [SECTION] Fuzzy search

// The range widened to whole code points: byte edits can split a character.
ByteRange wholeCodepoints(std::string_view text, ByteRange range) {
    while (range.start > 0 && utf8::isContinuationByte(static_cast<unsigned char>(text[range.start])))
        --range.start;
    while (range.end < text.size() && utf8::isContinuationByte(static_cast<unsigned char>(text[range.end])))
        ++range.end;
    return range;
}

// The closest text to the quote within kMaxFuzzyErrorRate in `window` that
// its context supports: its prefix or its suffix is still there, or quote
// and context together are within the rate. A quote edited in place keeps
// some of its surroundings, while a similar passage elsewhere rarely has
// them; a short quote is placed only where its context confirms it. Scored
// on the errors in quote, prefix and suffix, then on the distance.
std::optional<ByteRange> searchFuzzy(std::string_view text, const Annotation& annotation, ByteRange window,
                                     size_t expected) {
    const std::string_view quote = annotation.quote;
    if (quote.size() > kMaxFuzzyQuoteBytes) return std::nullopt;
    const size_t maxErrors = errorBound(quote.size());
    // Short quotes have no room for errors: a fuzzy "match" would be a guess.
    if (maxErrors == 0) return std::nullopt;

    std::optional<ByteRange> best;
    size_t bestScore = 0;
    const size_t preferredEnd = std::clamp(expected + quote.size(), window.start, window.end) - window.start;
    for (const ApproximateMatch& match : findApproximate(text.substr(window.start, window.end - window.start),
                                                         quote, maxErrors, preferredEnd, kFuzzyCandidates)) {
        const ByteRange range = wholeCodepoints(text, {window.start + match.start, window.start + match.end});
        if (range.end <= range.start) continue;
        const size_t before =
            annotation.prefix.empty() ? 0 : prefixErrors(text, range.start, annotation.prefix);
        const size_t after = annotation.suffix.empty() ? 0 : suffixErrors(text, range.end, annotation.suffix);
        const size_t score = match.errors + before + after; // lower is better
        const size_t contextBytes = annotation.prefix.size() + annotation.suffix.size();
        if (!sideAgrees(before, annotation.prefix, range.start == 0) &&
            !sideAgrees(after, annotation.suffix, range.end == text.size()) &&
            score > errorBound(quote.size() + contextBytes))
            continue;
        if (!best || score < bestScore ||
            (score == bestScore && distance(range.start, expected) < distance(best->start, expected))) {
            best = range;
            bestScore = score;
        }
    }
    return best;
}

// A placement confirmed by the exact quote and its context, in the order of
// stored starts.
struct Confirmed {
    size_t order = 0;
    size_t start = 0;  // byte offset in the new text
    int64_t shift = 0; // code points from the stored start
};

// Where a quote edited in place can be: kFuzzyWindowBytes around where its
// last confirmed neighbour's shift puts it, narrowed to the stretch between
// the new places of its confirmed neighbours (the text between two passages
// that are still there is still between them) unless they changed order.
ByteRange fuzzyWindow(const ReportText& report, Search& search, std::span<const Confirmed> confirmed) {
    const std::string_view text = report.utf8();
    const auto next = std::upper_bound(confirmed.begin(), confirmed.end(), search.order,
                                       [](size_t order, const Confirmed& c) { return order < c.order; });
    if (next != confirmed.begin()) {
        const int64_t count = static_cast<int64_t>(report.codepointCount());
        const int64_t start = std::min(static_cast<int64_t>(search.annotation->start), count);
        search.expected = report.byteOffset(
            static_cast<uint64_t>(std::clamp<int64_t>(start + std::prev(next)->shift, 0, count)));
    }
    const size_t quoteBytes = search.annotation->quote.size();
    const size_t reach = kFuzzyWindowBytes + 4 * quoteBytes;
    const ByteRange window{search.expected > reach ? search.expected - reach : 0,
                           std::min(text.size(), search.expected + quoteBytes + reach)};
    if (next == confirmed.begin() || next == confirmed.end()) return window;
    const size_t low = std::prev(next)->start;
    const size_t high = std::min(text.size(), next->start + quoteBytes + errorBound(quoteBytes));
    if (low >= high) return window;
    return {std::max(window.start, low), std::min(window.end, high)};
}

// [SECTION] The steps in order

// Whether the text `shift` code points from the stored range holds the quote.
bool holdsQuote(const Annotation& annotation, const ReportText& text, int64_t shift) {
    if (shift < 0 && annotation.start < static_cast<uint64_t>(-shift)) return false;
    const uint64_t start = annotation.start + static_cast<uint64_t>(shift);
    const uint64_t end = annotation.end + static_cast<uint64_t>(shift);
    if (end > text.codepointCount() || start >= end) return false;
    const size_t startByte = text.byteOffset(start);
    const size_t endByte = text.byteOffset(end);
    return text.utf8().substr(startByte, endByte - startByte) == annotation.quote;
}

void moveTo(Annotation& annotation, const ReportText& text, ByteRange range) {
    setSelectors(annotation, text, text.codepointOffset(range.start), text.codepointOffset(range.end));
    annotation.status = AnchorStatus::Moved;
}

// Anchors annotations given in the order of their stored start. Text moved
// by an edit moves its neighbours by as much, so the shift of the last
// confirmed placement is where the next annotation is looked for first.
// What the windows do not hold is then searched for in one pass over the
// whole report, and what that does not find, fuzzily between its confirmed
// neighbours.
// Returns how many orphans were left without a fuzzy search.
size_t anchorInOrder(std::span<Annotation* const> ordered, const ReportText& text,
                     const AnchorOptions& options) {
    const std::string_view utf8Text = text.utf8();
    const uint64_t count = text.codepointCount();
    std::vector<Search> pending;
    std::vector<Confirmed> confirmed;
    int64_t shift = 0;
    for (size_t order = 0; order < ordered.size(); ++order) {
        Annotation* annotation = ordered[order];
        if (options.sameReport && annotation->status == AnchorStatus::Orphaned) continue;
        if (holdsQuote(*annotation, text, 0)) {
            annotation->status = AnchorStatus::Anchored;
            shift = 0;
            confirmed.push_back({order, text.byteOffset(annotation->start), 0});
            continue;
        }
        if (annotation->quote.empty()) {
            annotation->status = AnchorStatus::Orphaned;
            continue;
        }
        if (shift != 0 && holdsQuote(*annotation, text, shift)) {
            annotation->start += static_cast<uint64_t>(shift);
            annotation->end += static_cast<uint64_t>(shift);
            setSelectors(*annotation, text, annotation->start, annotation->end);
            annotation->status = AnchorStatus::Moved;
            confirmed.push_back({order, text.byteOffset(annotation->start), shift});
            continue;
        }
        const int64_t shifted = std::clamp<int64_t>(
            static_cast<int64_t>(std::min(annotation->start, count)) + shift, 0, static_cast<int64_t>(count));
        Search search{annotation, order, text.byteOffset(static_cast<uint64_t>(shifted)), std::nullopt, 0};
        searchNearby(utf8Text, search);
        if (!search.found) {
            pending.push_back(search);
            continue;
        }
        const uint64_t oldStart = annotation->start;
        moveTo(*annotation, text, *search.found);
        if (search.confirmed()) {
            shift = static_cast<int64_t>(annotation->start) - static_cast<int64_t>(oldStart);
            confirmed.push_back({order, search.found->start, shift});
        }
    }

    searchWholeReport(utf8Text, pending);
    for (Search& search : pending) {
        if (!search.found) continue;
        const uint64_t oldStart = search.annotation->start;
        moveTo(*search.annotation, text, *search.found);
        if (search.confirmed())
            confirmed.push_back(
                {search.order, search.found->start,
                 static_cast<int64_t>(search.annotation->start) - static_cast<int64_t>(oldStart)});
    }
    std::sort(confirmed.begin(), confirmed.end(),
              [](const Confirmed& a, const Confirmed& b) { return a.order < b.order; });
    // The fuzzy search costs quote bytes times window bytes; once the work
    // allowed is spent, the rest are orphaned unsearched, in the order of
    // their stored starts.
    uint64_t work = 0;
    size_t unsearched = 0;
    for (Search& search : pending) {
        if (search.found) continue;
        const ByteRange window = fuzzyWindow(text, search, confirmed);
        const uint64_t cost =
            static_cast<uint64_t>(search.annotation->quote.size()) * (window.end - window.start);
        const bool searchable = search.annotation->quote.size() <= kMaxFuzzyQuoteBytes;
        if (searchable && work + cost > options.fuzzyWork) {
            search.annotation->status = AnchorStatus::Orphaned;
            ++unsearched;
            continue;
        }
        if (searchable) work += cost;
        if (const auto found = searchFuzzy(utf8Text, *search.annotation, window, search.expected))
            moveTo(*search.annotation, text, *found);
        else
            search.annotation->status = AnchorStatus::Orphaned;
    }
    return unsearched;
}

} // namespace

Selectors selectorsOf(const ReportText& text, uint64_t start, uint64_t end) {
    const std::string_view utf8Text = text.utf8();
    const size_t startByte = text.byteOffset(start);
    const size_t endByte = text.byteOffset(end);
    const size_t prefixByte = utf8::retreatCodepoints(utf8Text, startByte, kContextCodepoints);
    const size_t suffixByte = utf8::advanceCodepoints(utf8Text, endByte, kContextCodepoints);
    return {utf8Text.substr(startByte, endByte - startByte),
            utf8Text.substr(prefixByte, startByte - prefixByte),
            utf8Text.substr(endByte, suffixByte - endByte)};
}

void setSelectors(Annotation& annotation, const ReportText& text, uint64_t start, uint64_t end) {
    const Selectors selectors = selectorsOf(text, start, end);
    annotation.start = start;
    annotation.end = end;
    annotation.quote = std::string(selectors.quote);
    annotation.prefix = std::string(selectors.prefix);
    annotation.suffix = std::string(selectors.suffix);
}

AnchorStatus anchor(Annotation& annotation, const ReportText& text) {
    Annotation* const one[] = {&annotation};
    anchorInOrder(one, text, {});
    return annotation.status;
}

AnchorCounts anchorAll(std::vector<Annotation>& annotations, const ReportText& text,
                       const AnchorOptions& options) {
    std::vector<Annotation*> ordered;
    ordered.reserve(annotations.size());
    for (Annotation& annotation : annotations) ordered.push_back(&annotation);
    std::stable_sort(ordered.begin(), ordered.end(), [](const Annotation* a, const Annotation* b) {
        return a->start < b->start || (a->start == b->start && a->end < b->end);
    });
    AnchorCounts counts;
    counts.unsearched = anchorInOrder(ordered, text, options);
    for (const Annotation& annotation : annotations) {
        switch (annotation.status) {
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
