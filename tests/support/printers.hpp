#pragma once

// How doctest shows Gloss's enums in a failed CHECK.

#include "gloss/annotations/annotation.hpp"
#include "gloss/core/text_encoding.hpp"

#include <ostream>

namespace gloss::annotations {
inline std::ostream& operator<<(std::ostream& out, AnchorStatus status) {
    return out << statusName(status);
}
} // namespace gloss::annotations

namespace gloss::core {
inline std::ostream& operator<<(std::ostream& out, Encoding encoding) {
    return out << encodingName(encoding);
}
} // namespace gloss::core
