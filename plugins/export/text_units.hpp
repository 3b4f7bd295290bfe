// A text with the offsets other tools count in it: code points <-> bytes,
// and code points <-> UTF-16 units, for formats whose positions count UTF-16
// (NVivo's REFI-QDA, doccano, quote context for JavaScript; docs/formats.md
// §2.2). Every exporter and
// importer converts offsets here, and nowhere else. Sampled every kStride
// code points, so a lookup walks at most kStride - 1 of them, whatever the
// text's length.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace gloss_export {

// The unit a format counts positions in.
enum class Unit { Codepoints, Utf16 };

// "code points" / "UTF-16 units", for messages.
const char* unitName(Unit unit);
// The unit the option "positions" names ("codepoints" or "utf16"), nullopt
// without it; throws gloss::plugin::Failure for another value.
std::optional<Unit> unitOption(const std::optional<std::string>& positions);

// The longest start / end of UTF-8 `text` that is at most `units` UTF-16
// units long and made of whole code points: quote context for tools that
// count UTF-16 (Hypothesis' 32-unit patterns).
std::string_view firstUtf16Units(std::string_view text, uint64_t units);
std::string_view lastUtf16Units(std::string_view text, uint64_t units);

class TextUnits {
  public:
    // A view of `text`, which must outlive this. Throws
    // gloss::plugin::Failure naming `what` and the byte when it is not UTF-8.
    TextUnits(std::string_view text, const std::string& what);

    std::string_view text() const { return text_; }
    uint64_t codepoints() const { return codepoints_; }
    uint64_t utf16Units() const { return utf16Units_; }
    uint64_t length(Unit unit) const { return unit == Unit::Utf16 ? utf16Units_ : codepoints_; }
    // The byte where code point `codepoint` starts; past the end, the end.
    size_t byteOffset(uint64_t codepoint) const;
    std::string_view slice(uint64_t start, uint64_t end) const;
    // The code point that starts at UTF-16 unit `unit`: nullopt past the end
    // or inside a surrogate pair (a character outside the BMP).
    std::optional<uint64_t> codepointOfUtf16(uint64_t unit) const;
    // The UTF-16 units before code point `codepoint` (clamped to the end).
    uint64_t utf16OfCodepoint(uint64_t codepoint) const;
    // A position counted in `unit` as a code point: nullopt past the end or
    // inside a character (a surrogate pair).
    std::optional<uint64_t> toCodepoint(Unit unit, uint64_t position) const;
    uint64_t fromCodepoint(Unit unit, uint64_t codepoint) const;
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

} // namespace gloss_export
