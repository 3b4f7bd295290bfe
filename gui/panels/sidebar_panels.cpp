#include "panels/sidebar_panels.hpp"

#include <cstdlib>

namespace gloss::gui {

ImU32 codeColor(const annotations::Codebook& codebook, const std::string& tagId) {
    const annotations::Tag* tag = codebook.find(tagId);
    if (!tag) return kUntaggedColor;
    const std::string& hex = tag->color;
    if (hex.size() != 7 || hex[0] != '#') return IM_COL32(255, 200, 0, 255);
    const unsigned long value = std::strtoul(hex.c_str() + 1, nullptr, 16);
    return IM_COL32((value >> 16) & 0xFF, (value >> 8) & 0xFF, value & 0xFF, 255);
}

} // namespace gloss::gui
