// A source's text with what positions into it need: code points <-> bytes,
// and UTF-16 units -> code points for producers that count those
// (docs/formats.md §9.3). Sampled every kStride code points, so a lookup
// walks at most kStride - 1 of them, whatever the text's length.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace gloss_qdpx {

class SourceText {
  public:
    // A view of `text`, which must outlive this. Throws
    // gloss::plugin::Failure naming `what` and the byte when it is not UTF-8.
    SourceText(std::string_view text, const std::string& what);

    std::string_view text() const { return text_; }
    uint64_t codepoints() const { return codepoints_; }
    uint64_t utf16Units() const { return utf16Units_; }
    // The byte where code point `codepoint` starts; past the end, the end.
    size_t byteOffset(uint64_t codepoint) const;
    std::string_view slice(uint64_t start, uint64_t end) const;
    // The code point that starts at UTF-16 unit `unit`: nullopt past the end
    // or inside a surrogate pair (a character outside the BMP).
    std::optional<uint64_t> codepointOfUtf16(uint64_t unit) const;
    // Whether code point `codepoint` is the LF of a CRLF, so a position there
    // splits the line end.
    bool splitsCrlf(uint64_t codepoint) const;

  private:
    static constexpr uint64_t kStride = 64;
    std::string_view text_;
    uint64_t codepoints_ = 0;
    uint64_t utf16Units_ = 0;
    std::vector<size_t> byteSample_;    // the byte of code point k * kStride
    std::vector<uint64_t> utf16Sample_; // UTF-16 units before code point k * kStride
};

} // namespace gloss_qdpx
