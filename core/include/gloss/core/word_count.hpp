#pragma once

#include <cstdint>
#include <string_view>

namespace gloss::core {

// Words in UTF-8 text: runs of non-space code points that hold at least one
// letter or digit, so a lone dash or bullet is not a word. Any code point
// outside ASCII and the punctuation blocks counts as a letter.
uint64_t countWords(std::string_view text);

} // namespace gloss::core
