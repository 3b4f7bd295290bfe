#include "text_units.hpp"

#include <algorithm>
#include <gloss/plugin.hpp>

namespace gloss_export {

namespace {

// The length of the well-formed UTF-8 sequence at `at` (RFC 3629: no
// overlong forms, no surrogates, nothing past U+10FFFF), or 0.
size_t sequenceLength(std::string_view text, size_t at) {
    const auto byte = [&](size_t i) { return i < text.size() ? static_cast<unsigned char>(text[i]) : 0u; };
    const unsigned lead = byte(at);
    const auto continuation = [&](size_t i, unsigned low = 0x80, unsigned high = 0xBF) {
        return byte(i) >= low && byte(i) <= high;
    };
    if (lead < 0x80) return 1;
    if (lead >= 0xC2 && lead <= 0xDF) return continuation(at + 1) ? 2 : 0;
    if (lead >= 0xE0 && lead <= 0xEF) {
        const unsigned low = lead == 0xE0 ? 0xA0 : 0x80;
        const unsigned high = lead == 0xED ? 0x9F : 0xBF;
        return continuation(at + 1, low, high) && continuation(at + 2) ? 3 : 0;
    }
    if (lead >= 0xF0 && lead <= 0xF4) {
        const unsigned low = lead == 0xF0 ? 0x90 : 0x80;
        const unsigned high = lead == 0xF4 ? 0x8F : 0xBF;
        return continuation(at + 1, low, high) && continuation(at + 2) && continuation(at + 3) ? 4 : 0;
    }
    return 0;
}

bool isContinuation(char c) {
    return (static_cast<unsigned char>(c) & 0xC0) == 0x80;
}

} // namespace

const char* unitName(Unit unit) {
    return unit == Unit::Utf16 ? "UTF-16 units" : "code points";
}

std::optional<Unit> unitOption(const std::optional<std::string>& positions) {
    if (!positions) return std::nullopt;
    if (*positions == "codepoints") return Unit::Codepoints;
    if (*positions == "utf16") return Unit::Utf16;
    throw gloss::plugin::Failure("positions: expected codepoints or utf16, not \"" + *positions + "\"");
}

std::string_view firstUtf16Units(std::string_view text, uint64_t units) {
    size_t at = 0;
    while (at < text.size()) {
        const size_t length = std::max<size_t>(sequenceLength(text, at), 1);
        const uint64_t width = length == 4 ? 2 : 1;
        if (width > units) break;
        units -= width;
        at += length;
    }
    return text.substr(0, at);
}

std::string_view lastUtf16Units(std::string_view text, uint64_t units) {
    size_t at = text.size();
    while (at > 0) {
        size_t start = at - 1;
        while (start > 0 && isContinuation(text[start])) --start;
        const uint64_t width = at - start == 4 ? 2 : 1;
        if (width > units) break;
        units -= width;
        at = start;
    }
    return text.substr(at);
}

TextUnits::TextUnits(std::string_view text, const std::string& what) : text_(text) {
    uint64_t& units = utf16Units_;
    for (size_t at = 0; at < text.size();) {
        if (codepoints_ % kStride == 0) {
            byteSample_.push_back(at);
            utf16Sample_.push_back(units);
        }
        const size_t length = sequenceLength(text, at);
        if (length == 0)
            throw gloss::plugin::Failure(what + ": not UTF-8: byte " + std::to_string(at) +
                                         " does not start a well-formed character");
        units += length == 4 ? 2 : 1;
        at += length;
        ++codepoints_;
    }
}

size_t TextUnits::byteOffset(uint64_t codepoint) const {
    if (codepoint >= codepoints_) return text_.size();
    size_t at = byteSample_[codepoint / kStride];
    for (uint64_t n = codepoint % kStride; n > 0; --n) do
            ++at;
        while (at < text_.size() && isContinuation(text_[at]));
    return at;
}

std::string_view TextUnits::slice(uint64_t start, uint64_t end) const {
    const size_t from = byteOffset(start);
    return text_.substr(from, byteOffset(std::max(start, end)) - from);
}

std::optional<uint64_t> TextUnits::codepointOfUtf16(uint64_t unit) const {
    if (utf16Sample_.empty()) return unit == 0 ? std::optional<uint64_t>(0) : std::nullopt;
    const auto sample = std::upper_bound(utf16Sample_.begin(), utf16Sample_.end(), unit) - 1;
    const auto index = static_cast<uint64_t>(sample - utf16Sample_.begin());
    uint64_t codepoint = index * kStride;
    uint64_t units = *sample;
    size_t at = byteSample_[index];
    while (units < unit && at < text_.size()) {
        const size_t length = sequenceLength(text_, at);
        units += length == 4 ? 2 : 1;
        at += length;
        ++codepoint;
    }
    if (units != unit) return std::nullopt;
    return codepoint;
}

uint64_t TextUnits::utf16OfCodepoint(uint64_t codepoint) const {
    if (codepoint >= codepoints_) return utf16Units_;
    const uint64_t index = codepoint / kStride;
    uint64_t units = utf16Sample_[index];
    size_t at = byteSample_[index];
    for (uint64_t n = codepoint % kStride; n > 0; --n) {
        const size_t length = sequenceLength(text_, at);
        units += length == 4 ? 2 : 1;
        at += length;
    }
    return units;
}

std::optional<uint64_t> TextUnits::toCodepoint(Unit unit, uint64_t position) const {
    if (unit == Unit::Utf16) return codepointOfUtf16(position);
    if (position > codepoints_) return std::nullopt;
    return position;
}

uint64_t TextUnits::fromCodepoint(Unit unit, uint64_t codepoint) const {
    return unit == Unit::Utf16 ? utf16OfCodepoint(codepoint) : std::min(codepoint, codepoints_);
}

bool TextUnits::splitsCrlf(uint64_t codepoint) const {
    if (codepoint == 0 || codepoint >= codepoints_) return false;
    const size_t at = byteOffset(codepoint);
    return text_[at] == '\n' && text_[at - 1] == '\r';
}

} // namespace gloss_export
