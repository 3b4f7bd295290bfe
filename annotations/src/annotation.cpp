#include "gloss/annotations/annotation.hpp"

#include <tuple>

namespace gloss::annotations {

std::string_view statusName(AnchorStatus status) {
    switch (status) {
    case AnchorStatus::Anchored:
        return "anchored";
    case AnchorStatus::Moved:
        return "moved";
    case AnchorStatus::Orphaned:
        return "orphaned";
    }
    return "orphaned";
}

std::optional<AnchorStatus> anchorStatusFromString(std::string_view text) {
    if (text == "anchored") return AnchorStatus::Anchored;
    if (text == "moved") return AnchorStatus::Moved;
    if (text == "orphaned") return AnchorStatus::Orphaned;
    return std::nullopt;
}

bool precedes(const Annotation& a, const Annotation& b) {
    return std::tie(a.start, a.end, a.id) < std::tie(b.start, b.end, b.id);
}

} // namespace gloss::annotations
