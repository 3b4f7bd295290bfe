#include "text.hpp"

#include <algorithm>

namespace gloss_export {

size_t codepointCount(std::string_view text) {
    size_t count = 0;
    for (const char c : text) count += !isContinuationByte(c);
    return count;
}

size_t advanceCodepoints(std::string_view text, size_t byte, size_t count) {
    while (byte < text.size() && count > 0) {
        ++byte;
        while (byte < text.size() && isContinuationByte(text[byte])) ++byte;
        --count;
    }
    return std::min(byte, text.size());
}

size_t retreatCodepoints(std::string_view text, size_t byte, size_t count) {
    byte = std::min(byte, text.size());
    while (byte > 0 && count > 0) {
        --byte;
        while (byte > 0 && isContinuationByte(text[byte])) --byte;
        --count;
    }
    return byte;
}

std::string_view firstCodepoints(std::string_view text, size_t count) {
    return text.substr(0, advanceCodepoints(text, 0, count));
}

std::string_view lastCodepoints(std::string_view text, size_t count) {
    return text.substr(retreatCodepoints(text, text.size(), count));
}

std::string excerpt(std::string_view text, size_t count) {
    const std::string_view head = firstCodepoints(text, count);
    return head.size() == text.size() ? std::string(text) : std::string(head) + "…";
}

} // namespace gloss_export
