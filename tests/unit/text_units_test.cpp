// The export plugins' offset conversions (plugins/export/text_units.hpp)
// against a plain walk over the text: every code point and every UTF-16 unit
// of texts mixing ASCII, two- to four-byte characters, ZWJ sequences and CRLF,
// long enough to cross the sampled index's strides.

#include "text_units.hpp"

#include <doctest/doctest.h>
#include <string>
#include <vector>

using gloss_export::TextUnits;
using gloss_export::Unit;

namespace {

// The byte where each code point starts, and the UTF-16 units before it; one
// entry more for the end.
struct Walk {
    std::vector<size_t> bytes;
    std::vector<uint64_t> units;
};

Walk walk(const std::string& text) {
    Walk w;
    uint64_t units = 0;
    for (size_t i = 0; i < text.size();) {
        const auto lead = static_cast<unsigned char>(text[i]);
        const size_t length = lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
        w.bytes.push_back(i);
        w.units.push_back(units);
        units += length == 4 ? 2 : 1;
        i += length;
    }
    w.bytes.push_back(text.size());
    w.units.push_back(units);
    return w;
}

std::string sample(size_t repeats) {
    const std::vector<std::string> pieces = {"a",    "é", "e\u0301", "😔", "👨‍👩‍👧",
                                             "\r\n", "𝒱", "—",       " ", "🇬🇧"};
    std::string text;
    for (size_t i = 0; i < repeats; ++i) text += pieces[(i * 7 + i / 3) % pieces.size()];
    return text;
}

} // namespace

TEST_CASE("text units: every code point and UTF-16 unit maps as a plain walk says") {
    for (const size_t repeats : {0, 1, 5, 63, 64, 65, 300}) {
        const std::string text = sample(repeats);
        const Walk expected = walk(text);
        const TextUnits units(text, "sample");
        const uint64_t codepoints = expected.bytes.size() - 1;
        CAPTURE(repeats);
        REQUIRE(units.codepoints() == codepoints);
        REQUIRE(units.utf16Units() == expected.units.back());
        std::vector<bool> starts(units.utf16Units() + 1, false);
        for (uint64_t c = 0; c <= codepoints; ++c) {
            CHECK(units.byteOffset(c) == expected.bytes[c]);
            CHECK(units.utf16OfCodepoint(c) == expected.units[c]);
            CHECK(units.fromCodepoint(Unit::Utf16, c) == expected.units[c]);
            CHECK(units.toCodepoint(Unit::Codepoints, c) == c);
            CHECK(units.toCodepoint(Unit::Utf16, expected.units[c]) == c);
            CHECK(units.splitsCrlf(c) == (c > 0 && c < codepoints && text[expected.bytes[c]] == '\n' &&
                                          text[expected.bytes[c] - 1] == '\r'));
            starts[expected.units[c]] = true;
        }
        for (uint64_t u = 0; u <= units.utf16Units(); ++u)
            if (!starts[u]) CHECK_FALSE(units.toCodepoint(Unit::Utf16, u).has_value()); // inside a pair
        CHECK_FALSE(units.toCodepoint(Unit::Utf16, units.utf16Units() + 1).has_value());
        CHECK_FALSE(units.toCodepoint(Unit::Codepoints, codepoints + 1).has_value());
    }
}

TEST_CASE("text units: context cut to at most N UTF-16 units of whole code points") {
    const std::string text = sample(40);
    const Walk w = walk(text);
    const size_t last = w.bytes.size() - 1;
    for (uint64_t limit = 0; limit <= 40; ++limit) {
        CAPTURE(limit);
        // The longest start: the last code point boundary within `limit` units.
        size_t head = 0;
        while (head < last && w.units[head + 1] <= limit) ++head;
        CHECK(gloss_export::firstUtf16Units(text, limit) == text.substr(0, w.bytes[head]));
        size_t tail = last;
        while (tail > 0 && w.units[last] - w.units[tail - 1] <= limit) --tail;
        CHECK(gloss_export::lastUtf16Units(text, limit) == text.substr(w.bytes[tail]));
    }
}

TEST_CASE("text units: a text that is not UTF-8 is refused naming the byte") {
    CHECK_THROWS_WITH(TextUnits("ab\xC3(", "source x"),
                      "source x: not UTF-8: byte 2 does not start a well-formed character");
}
