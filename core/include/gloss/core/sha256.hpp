#pragma once

#include <string>
#include <string_view>

namespace gloss::core {

// SHA-256 of `bytes` as 64 lowercase hex digits (OpenSSL's implementation).
std::string sha256Hex(std::string_view bytes);

} // namespace gloss::core
