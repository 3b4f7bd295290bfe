#pragma once

#include <nlohmann/json.hpp>
#include <string_view>

namespace gloss::annotations {

// Deepest nesting of arrays and objects Gloss accepts in any JSON file. Real
// annotation and codebook files need about 5 levels; the bound keeps hostile
// files (100,000 '[') from exhausting the stack or memory.
inline constexpr int kMaxJsonDepth = 64;

// Longest string Gloss reads in any JSON file, four times the longest field
// of any of its files (an annotation's quote, 16 MiB): a string over its
// field's limit is refused for its record, one over this for the whole file,
// before the parser copies it, so a file of one huge note costs only its own
// size.
inline constexpr size_t kMaxJsonStringBytes = 64u << 20;

// Parses JSON text, keeping object keys in file order (so unknown fields
// survive a round trip unchanged). Throws FormatError located by line and
// column for syntax errors, ill-formed UTF-8, nesting deeper than
// kMaxJsonDepth and strings over kMaxJsonStringBytes; depth and string
// lengths are checked before the parser builds anything.
nlohmann::ordered_json parseBoundedJson(std::string_view text);

} // namespace gloss::annotations
