#include "gloss/annotations/utf8.hpp"

namespace gloss::annotations::utf8 {

namespace {

// Length of the sequence introduced by a lead byte, 0 for bytes that cannot
// start a sequence (continuations, 0xC0/0xC1 overlongs, 0xF5..0xFF).
int sequenceLength(unsigned char lead) {
    if (lead < 0x80) return 1;
    if (lead < 0xC2) return 0;
    if (lead < 0xE0) return 2;
    if (lead < 0xF0) return 3;
    if (lead < 0xF5) return 4;
    return 0;
}

} // namespace

std::optional<size_t> firstInvalidByte(std::string_view text) {
    const auto* bytes = reinterpret_cast<const unsigned char*>(text.data());
    const size_t size = text.size();
    size_t i = 0;
    while (i < size) {
        // Reports are mostly ASCII: skip eight bytes at a time while we can.
        if (i + 8 <= size && eightBytesAscii(text.data() + i)) {
            i += 8;
            continue;
        }
        const unsigned char lead = bytes[i];
        const int length = sequenceLength(lead);
        if (length == 0) return i;
        if (length == 1) {
            ++i;
            continue;
        }
        if (i + static_cast<size_t>(length) > size) return i;
        for (int k = 1; k < length; ++k)
            if (!isContinuationByte(bytes[i + static_cast<size_t>(k)])) return i;
        const unsigned char second = bytes[i + 1];
        if (lead == 0xE0 && second < 0xA0) return i;  // overlong 3-byte form
        if (lead == 0xED && second >= 0xA0) return i; // UTF-16 surrogate
        if (lead == 0xF0 && second < 0x90) return i;  // overlong 4-byte form
        if (lead == 0xF4 && second >= 0x90) return i; // past U+10FFFF
        i += static_cast<size_t>(length);
    }
    return std::nullopt;
}

uint64_t countCodepoints(std::string_view text) {
    uint64_t count = 0;
    for (char c : text) count += !isContinuationByte(static_cast<unsigned char>(c));
    return count;
}

size_t advanceCodepoints(std::string_view text, size_t from, uint64_t count) {
    size_t i = from;
    // Eight ASCII bytes are eight code points.
    while (count >= 8 && i + 8 <= text.size() && eightBytesAscii(text.data() + i)) {
        i += 8;
        count -= 8;
    }
    while (count > 0 && i < text.size()) {
        ++i;
        while (i < text.size() && isContinuationByte(static_cast<unsigned char>(text[i]))) ++i;
        --count;
    }
    return i;
}

size_t retreatCodepoints(std::string_view text, size_t from, uint64_t count) {
    size_t i = from;
    while (count > 0 && i > 0) {
        --i;
        while (i > 0 && isContinuationByte(static_cast<unsigned char>(text[i]))) --i;
        --count;
    }
    return i;
}

char32_t decode(std::string_view text, size_t& offset) {
    const auto lead = static_cast<unsigned char>(text[offset]);
    const int length = sequenceLength(lead);
    if (length <= 1) {
        ++offset;
        return lead;
    }
    char32_t value = lead & (0x7F >> length);
    for (int k = 1; k < length && offset + static_cast<size_t>(k) < text.size(); ++k)
        value = (value << 6) | (static_cast<unsigned char>(text[offset + static_cast<size_t>(k)]) & 0x3F);
    offset += static_cast<size_t>(length);
    return value;
}

void append(std::string& out, char32_t codepoint) {
    if (codepoint < 0x80) {
        out.push_back(static_cast<char>(codepoint));
    } else if (codepoint < 0x800) {
        out.push_back(static_cast<char>(0xC0 | (codepoint >> 6)));
        out.push_back(static_cast<char>(0x80 | (codepoint & 0x3F)));
    } else if (codepoint < 0x10000) {
        out.push_back(static_cast<char>(0xE0 | (codepoint >> 12)));
        out.push_back(static_cast<char>(0x80 | ((codepoint >> 6) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | (codepoint & 0x3F)));
    } else {
        out.push_back(static_cast<char>(0xF0 | (codepoint >> 18)));
        out.push_back(static_cast<char>(0x80 | ((codepoint >> 12) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | ((codepoint >> 6) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | (codepoint & 0x3F)));
    }
}

} // namespace gloss::annotations::utf8
