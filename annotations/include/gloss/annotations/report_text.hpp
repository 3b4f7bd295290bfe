#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace gloss::annotations {

// The report as anchoring sees it: its UTF-8 text and conversions between
// byte offsets and code-point offsets. core::Document implements it with its
// sampled index; tests may use a plain string.
class ReportText {
  public:
    virtual ~ReportText() = default;
    virtual std::string_view utf8() const = 0;
    virtual uint64_t codepointCount() const = 0;
    // Byte offset of code point `codepoint` (clamped to the end of the text).
    virtual size_t byteOffset(uint64_t codepoint) const = 0;
    // Number of code points before byte `byte` (which is on a code-point boundary).
    virtual uint64_t codepointOffset(size_t byte) const = 0;
};

} // namespace gloss::annotations
