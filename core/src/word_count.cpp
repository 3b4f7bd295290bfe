#include "gloss/core/word_count.hpp"

#include "gloss/annotations/utf8.hpp"

namespace gloss::core {

namespace {

bool isSpace(char32_t c) {
    return c == ' ' || (c >= 0x09 && c <= 0x0D) || c == 0x85 || c == 0xA0 || c == 0x1680 ||
           (c >= 0x2000 && c <= 0x200A) || c == 0x2028 || c == 0x2029 || c == 0x202F || c == 0x205F ||
           c == 0x3000;
}

bool isLetterOrDigit(char32_t c) {
    if (c < 0x80) return (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z');
    if (c < 0xC0) return false;                          // Latin-1 punctuation and symbols
    if (c == 0xD7 || c == 0xF7) return false;            // multiplication and division signs
    if (c >= 0x2000 && c <= 0x2BFF) return false;        // punctuation, symbols, arrows, shapes
    if (c >= 0x3000 && c <= 0x303F) return false;        // CJK punctuation
    return !(c >= 0xFE00 && c <= 0xFE0F) && c != 0xFEFF; // variation selectors, BOM
}

} // namespace

uint64_t countWords(std::string_view text) {
    uint64_t words = 0;
    bool inToken = false;
    bool tokenHasLetter = false;
    size_t offset = 0;
    while (offset < text.size()) {
        const char32_t c = annotations::utf8::decode(text, offset);
        if (isSpace(c)) {
            words += inToken && tokenHasLetter;
            inToken = tokenHasLetter = false;
        } else {
            inToken = true;
            tokenHasLetter = tokenHasLetter || isLetterOrDigit(c);
        }
    }
    return words + (inToken && tokenHasLetter);
}

} // namespace gloss::core
