#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace gloss::core {

// How a report's bytes are read. UTF-8 is the default; Windows-1252 is the
// explicit fallback for reports saved by older Windows software (docs/formats.md, "Units").
enum class Encoding { Utf8, Windows1252 };

std::string_view encodingName(Encoding encoding); // "utf-8", "windows-1252"
std::optional<Encoding> encodingFromName(std::string_view name);

// Windows-1252 bytes as UTF-8. Every byte maps to a code point; the five bytes
// the code page leaves undefined map to the C1 controls of the same value, as
// the WHATWG Encoding Standard does.
std::string decodeWindows1252(std::string_view bytes);

// Whether bytes that are not UTF-8 are binary data rather than text in a
// single-byte encoding: a NUL byte, or many control characters, in their
// first 64 KiB. Such a file is not a report in any encoding.
bool looksBinary(std::string_view bytes);

} // namespace gloss::core
