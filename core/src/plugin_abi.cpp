#include "gloss/core/plugin_abi.hpp"

#include <algorithm>

namespace gloss::core {

std::optional<size_t> acceptTable(uint64_t declared, size_t firstLayoutSize, size_t hostSize) {
    if (declared < firstLayoutSize) return std::nullopt;
    // A struct_size larger than the host's comes from a newer minor, which the
    // version check refuses before this; copying the host's part is still safe.
    return static_cast<size_t>(std::min<uint64_t>(declared, hostSize));
}

} // namespace gloss::core
