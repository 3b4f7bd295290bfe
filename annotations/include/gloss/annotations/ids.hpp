#pragma once

#include <string>
#include <string_view>

namespace gloss::annotations {

// A random (version 4) UUID in lowercase hex, from the system's entropy source.
std::string newUuid();

// The current time as RFC 3339 in UTC with second precision: 2026-01-31T09:15:00Z.
std::string nowUtc();

// True for an RFC 3339 date-time ("2026-01-31T09:15:00Z",
// "2026-01-31T10:15:00.25+01:00"): the form `created` and `modified` take.
bool isRfc3339(std::string_view text);

} // namespace gloss::annotations
