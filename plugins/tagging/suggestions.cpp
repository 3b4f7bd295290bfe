#include "suggestions.hpp"

#include <algorithm>
#include <cctype>

namespace tagging {

namespace {

char foldAscii(char c) {
    return static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
}

bool isAsciiWordByte(char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '_';
}

// Occurrences of `literal` in `text`; ASCII letters compare without case
// unless `caseSensitive`. With `wholeWord`, an ASCII letter or digit may not
// touch either end.
size_t countLiteral(std::string_view text, std::string_view literal, bool caseSensitive, bool wholeWord) {
    if (literal.empty() || literal.size() > text.size()) return 0;
    size_t count = 0;
    for (size_t at = 0; at + literal.size() <= text.size(); ++at) {
        bool equal = true;
        for (size_t i = 0; i < literal.size() && equal; ++i)
            equal =
                caseSensitive ? text[at + i] == literal[i] : foldAscii(text[at + i]) == foldAscii(literal[i]);
        if (!equal) continue;
        const bool touchesWord =
            (at > 0 && isAsciiWordByte(text[at - 1])) ||
            (at + literal.size() < text.size() && isAsciiWordByte(text[at + literal.size()]));
        if (wholeWord && touchesWord) continue;
        ++count;
        at += literal.size() - 1;
    }
    return count;
}

} // namespace

std::vector<Suggestion> suggestTags(std::string_view selection, const nlohmann::json& codebook) {
    std::vector<Suggestion> suggestions;
    for (const auto& tag : codebook.at("tags")) {
        size_t occurrences = 0;
        for (const auto& pattern : tag.value("patterns", nlohmann::json::array())) {
            if (!pattern.contains("literal")) continue;
            occurrences +=
                countLiteral(selection, pattern.at("literal").get<std::string>(),
                             pattern.value("case_sensitive", false), pattern.value("whole_word", false));
        }
        if (occurrences > 0)
            suggestions.push_back(
                {tag.at("id").get<std::string>(), std::min(1.0, 0.4 + 0.2 * double(occurrences))});
    }
    std::stable_sort(suggestions.begin(), suggestions.end(),
                     [](const Suggestion& a, const Suggestion& b) { return a.score > b.score; });
    return suggestions;
}

} // namespace tagging
