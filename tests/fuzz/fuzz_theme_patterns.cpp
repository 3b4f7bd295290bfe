// A codebook pattern and a report text through the themes plugin's matcher
// (Vectorscan for ends, PCRE2 for starts). Input: one byte of options (bit 0
// case-sensitive, bit 1 whole word, bit 2 literal), the pattern up to the
// first newline, then the text. A refused pattern or text is fine; a match
// off the text, inside a code point, or overlapping another of its theme is
// not.

#include "theme_database.hpp"

#include <cstdint>
#include <cstdlib>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    if (size < 2) return 0;
    const std::string_view input(reinterpret_cast<const char*>(data) + 1, size - 1);
    const size_t newline = input.find('\n');
    if (newline == std::string_view::npos || newline == 0) return 0;
    const std::string_view text = input.substr(newline + 1);
    nlohmann::json pattern = {{data[0] & 4 ? "literal" : "regex", std::string(input.substr(0, newline))},
                              {"case_sensitive", (data[0] & 1) != 0},
                              {"whole_word", (data[0] & 2) != 0}};
    const nlohmann::json codebook = {
        {"format", "gloss.codebook"},
        {"version", 1},
        {"tags", nlohmann::json::array({{{"id", "t"}, {"color", "#000000"}, {"patterns", {pattern}}}})}};
    try {
        const themes::ThemeDatabase database(
            codebook.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
        uint64_t lastEnd = 0;
        for (const themes::Match& match : database.scan(text)) {
            if (match.start >= match.end || match.end > text.size() || match.start < lastEnd) std::abort();
            for (const uint64_t at : {match.start, match.end})
                if (at < text.size() && (static_cast<unsigned char>(text[at]) & 0xC0) == 0x80) std::abort();
            lastEnd = match.end;
        }
    } catch (const std::runtime_error&) {
        // A codebook over a limit, a text that is not UTF-8.
    }
    return 0;
}
