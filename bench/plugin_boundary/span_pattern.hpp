// span_pattern.hpp: the spans of the plugin boundary benchmark.
//
// One generator, compiled into both sides of the comparison: the bench_spans
// plugin sends its spans through the host's sink, the in-process baseline
// pushes the same spans into a std::vector. Plugin code, so it uses nothing
// but the standard library.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <string_view>

namespace gloss::bench {

// The codebook ids the spans are tagged with, as a real codebook spells them
// (one with a multi-byte character). The spans cycle through them, so
// consecutive spans never share a tag.
inline constexpr std::array<std::string_view, 5> kSpanTags = {
    "leadership-development", "speaking-up", "café-culture", "workforce-race-equality", "pay-gap",
};

inline bool isContinuationByte(char c) {
    return (static_cast<unsigned char>(c) & 0xC0) == 0x80;
}

// The first code-point boundary at or after `at` (`at` itself when past the end).
inline size_t boundaryAtOrAfter(std::string_view text, size_t at) {
    while (at < text.size() && isContinuationByte(text[at])) ++at;
    return at;
}

// Calls emit(start, end, tagIndex) for `count` spans over `text`, in order:
// lengths of 1-7 bytes, steps of 3-7 bytes (so some spans overlap), each end
// moved forward to a code-point boundary. Wraps to the start of the text at
// its end. Stops early when emit returns false. `text` must be at least 16
// bytes long.
template <typename Emit>
void forEachSpan(std::string_view text, uint64_t count, Emit&& emit) {
    if (text.size() < 16) return;
    size_t at = 0;
    uint32_t length = 0; // cycles 0-6
    uint32_t step = 0;   // cycles 0-4
    uint32_t tag = 0;    // cycles through kSpanTags
    for (uint64_t emitted = 0; emitted < count;) {
        const size_t start = boundaryAtOrAfter(text, at);
        const size_t end = boundaryAtOrAfter(text, start + 1 + length);
        if (end > text.size() || start >= text.size()) {
            at = 0;
            continue;
        }
        if (!emit(static_cast<uint64_t>(start), static_cast<uint64_t>(end), tag)) return;
        ++emitted;
        at = start + 3 + step;
        length = length == 6 ? 0 : length + 1;
        step = step == 4 ? 0 : step + 1;
        tag = tag + 1 == kSpanTags.size() ? 0 : tag + 1;
    }
}

} // namespace gloss::bench
