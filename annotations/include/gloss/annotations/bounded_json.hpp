#pragma once

#include <nlohmann/json.hpp>
#include <string>
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
// column for syntax errors, ill-formed UTF-8 and what checkJsonText refuses
// (nesting deeper than kMaxJsonDepth, strings over kMaxJsonStringBytes...),
// checked before the parser builds anything.
nlohmann::ordered_json parseBoundedJson(std::string_view text);

// The checks parseBoundedJson makes on the text before parsing it: nesting,
// a NUL byte anywhere outside a string (nlohmann would take it for the end
// and ignore the rest), an integer outside the 64-bit range (it would become
// a rounded double and be saved so) and a number beyond a double's range.
// Throws FormatError located by line and column, naming the key when known.
void checkJsonText(std::string_view text);

// The reader's depth rule for a value about to be written `outerLevels`
// arrays and objects deep (a record's field is 3 deep: the file, its
// annotations array, the record): throws FormatError at `where` when the
// file would nest deeper than kMaxJsonDepth, so Gloss never writes a file it
// would refuse to read.
void checkWrittenDepth(const nlohmann::ordered_json& value, int outerLevels, const std::string& where);

} // namespace gloss::annotations
