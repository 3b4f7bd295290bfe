#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

namespace tagging {

struct Suggestion {
    std::string tag;
    double score;
};

// Tags whose literal patterns occur in `selection`, best first. The score
// grows with the number of occurrences: 0.6 for one, 1.0 from three on.
std::vector<Suggestion> suggestTags(std::string_view selection, const nlohmann::json& codebook);

} // namespace tagging
