#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <optional>
#include <string>
#include <string_view>

// UTF-8 primitives shared by the annotation file (quote lengths, validation)
// and core's Document (indexes). Offsets are byte offsets unless named
// otherwise.
namespace gloss::annotations::utf8 {

inline bool isContinuationByte(unsigned char byte) {
    return (byte & 0xC0) == 0x80;
}

// True when none of the eight bytes at `p` is past ASCII: reports are mostly
// ASCII, so scans over a whole report skip eight bytes at a time.
inline bool eightBytesAscii(const char* p) {
    uint64_t word;
    std::memcpy(&word, p, sizeof word);
    return (word & 0x8080808080808080ull) == 0;
}

// Byte offset of the first ill-formed sequence (overlong forms, surrogates and
// values past U+10FFFF are ill-formed), or nullopt when `text` is valid UTF-8.
std::optional<size_t> firstInvalidByte(std::string_view text);

// Number of code points in valid UTF-8 text.
uint64_t countCodepoints(std::string_view text);

// Byte offset of the code point `count` code points after `from`, clamped to
// the end of the text.
size_t advanceCodepoints(std::string_view text, size_t from, uint64_t count);

// Byte offset of the code point `count` code points before `from`, clamped to 0.
size_t retreatCodepoints(std::string_view text, size_t from, uint64_t count);

// Decodes the code point starting at `offset` (valid UTF-8 assumed) and
// advances `offset` past it.
char32_t decode(std::string_view text, size_t& offset);

void append(std::string& out, char32_t codepoint);

} // namespace gloss::annotations::utf8
