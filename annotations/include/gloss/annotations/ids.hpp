#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace gloss::annotations {

// A random (version 4) UUID in lowercase hex, from the system's entropy source.
std::string newUuid();

// The same as 128 bits, version and variant set, for holders of many ids.
// Comparing two by (high, low) orders them as their text does.
struct UuidBits {
    uint64_t high = 0;
    uint64_t low = 0;
    auto operator<=>(const UuidBits&) const = default;
};
inline constexpr size_t kUuidLength = 36;
UuidBits newUuidBits();
// The text newUuid gives for `bits`: 8-4-4-4-12 lowercase hex digits.
void formatUuid(const UuidBits& bits, char (&text)[kUuidLength]);

// The current time as RFC 3339 in UTC with second precision: 2026-01-31T09:15:00Z.
std::string nowUtc();

// True for an RFC 3339 date-time ("2026-01-31T09:15:00Z",
// "2026-01-31T10:15:00.25+01:00"): the form `created` and `modified` take.
bool isRfc3339(std::string_view text);

} // namespace gloss::annotations
