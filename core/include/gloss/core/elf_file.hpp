#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace gloss::core {

// Reads the value of a 4-byte read-only data symbol from a shared library's
// bytes, without loading it: the host learns a plugin's ABI version before
// any of its code (constructors included) can run. Understands 64-bit
// little-endian ELF for the machine Gloss was built for.
// Returns the value, or a reason for people ("not an ELF shared library").
std::variant<uint32_t, std::string> readElfDataWord(std::string_view file, const std::string& symbol);

// The libraries a shared library asks for (DT_NEEDED) and the folders it
// names to find them (DT_RUNPATH or DT_RPATH, "$ORIGIN" left as written).
// Empty for a file that is not a readable ELF shared library.
struct ElfDependencies {
    std::vector<std::string> needed;
    std::vector<std::string> searchPath;
};
ElfDependencies readElfDependencies(std::string_view file);

} // namespace gloss::core
