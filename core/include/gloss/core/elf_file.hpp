#pragma once

#include <cstdint>
#include <optional>
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

// A plugin's descriptor (gloss_plugin_info) as its file states it, read
// through the exported pointer GLOSS_PLUGIN_DESCRIPTOR_SYMBOL and the
// relocations the dynamic loader would apply, without loading it: the host
// checks it before any of the plugin's code runs. Returns std::monostate for
// a plugin built before that symbol existed, or a reason for people.
struct ElfPluginDescriptor {
    uint32_t structSize = 0;
    std::optional<std::string> id, name; // absent: a null pointer
    bool hasInit = false;
};
std::variant<std::monostate, ElfPluginDescriptor, std::string> readElfPluginDescriptor(std::string_view file);

// The libraries a shared library asks for (DT_NEEDED) and the folders it
// names to find them (DT_RUNPATH or DT_RPATH, "$ORIGIN" left as written).
// Empty for a file that is not a readable ELF shared library.
struct ElfDependencies {
    std::vector<std::string> needed;
    std::vector<std::string> searchPath;
};
ElfDependencies readElfDependencies(std::string_view file);

} // namespace gloss::core
