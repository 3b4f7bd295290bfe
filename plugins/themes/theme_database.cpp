#include "theme_database.hpp"

#include <algorithm>
#include <limits>
#include <nlohmann/json.hpp>
#include <stdexcept>

namespace themes {

namespace {

using Json = nlohmann::json;

// One pattern as Vectorscan takes it, with where it came from for messages.
struct Expression {
    std::string text;
    unsigned flags;
    uint32_t theme;
    bool wholeWord;
    std::string origin; // "tags[3].patterns[1]: theme \"Label\" (id), regex \"...\""
};

// A literal as a regular expression: every ASCII punctuation character is
// escaped, which PCRE syntax reads as itself; letters, digits and UTF-8
// bytes stand for themselves.
std::string escapeLiteral(std::string_view literal) {
    std::string out;
    for (char c : literal) {
        const auto byte = static_cast<unsigned char>(c);
        if (byte < 0x80 && !std::isalnum(byte) && c != ' ') out.push_back('\\');
        if (c == '\n')
            out += "n";
        else
            out.push_back(c);
    }
    return out;
}

std::vector<Expression> readExpressions(std::string_view codebookJson, std::vector<std::string>& themes) {
    const Json codebook = Json::parse(codebookJson);
    std::vector<Expression> expressions;
    const Json& tags = codebook.at("tags");
    for (size_t t = 0; t < tags.size(); ++t) {
        const Json& tag = tags[t];
        const auto patterns = tag.find("patterns");
        if (patterns == tag.end() || !patterns->is_array() || patterns->empty()) continue;
        const auto theme = static_cast<uint32_t>(themes.size());
        const std::string id = tag.at("id").get<std::string>();
        themes.push_back(id);
        const std::string label = tag.value("label", id);
        for (size_t p = 0; p < patterns->size(); ++p) {
            const Json& pattern = (*patterns)[p];
            const bool isRegex = pattern.contains("regex");
            const std::string source = pattern.at(isRegex ? "regex" : "literal").get<std::string>();
            unsigned flags = HS_FLAG_UTF8 | HS_FLAG_UCP | HS_FLAG_SOM_LEFTMOST;
            if (!pattern.value("case_sensitive", false)) flags |= HS_FLAG_CASELESS;
            expressions.push_back(
                {isRegex ? source : escapeLiteral(source), flags, theme, pattern.value("whole_word", false),
                 "tags[" + std::to_string(t) + "].patterns[" + std::to_string(p) + "]: theme \"" + label +
                     "\" (" + id + "), " + (isRegex ? "regex" : "literal") + " \"" + source + "\""});
        }
    }
    return expressions;
}

// [SECTION] Word boundaries
// A whole-word match must not touch a letter or digit on either side. Any
// code point from U+00C0 up counts as a letter (a combining mark belongs to
// the letter before it), except the punctuation and symbol blocks below, so
// curly quotes, dashes, fullwidth punctuation and emoji separate words.

struct CodepointRange {
    char32_t first;
    char32_t last;
};

constexpr CodepointRange kSeparatorBlocks[] = {
    {0x2000, 0x2BFF},   // general punctuation (quotes, dashes) up to miscellaneous symbols and arrows
    {0x2E00, 0x2E7F},   // supplemental punctuation (two- and three-em dashes)
    {0x3000, 0x303F},   // CJK symbols and punctuation
    {0xFE10, 0xFE1F},   // vertical forms
    {0xFE30, 0xFE6F},   // CJK compatibility forms, small form variants (small em dash)
    {0xFEFF, 0xFEFF},   // zero-width no-break space
    {0xFF01, 0xFF0F},   // fullwidth punctuation ...
    {0xFF1A, 0xFF20},   //
    {0xFF3B, 0xFF3E},   // (not U+FF3F, the fullwidth low line, a connector like "_")
    {0xFF40, 0xFF40},   //
    {0xFF5B, 0xFF65},   // ... and halfwidth CJK punctuation
    {0x1F000, 0x1FAFF}, // game symbols, enclosed alphanumerics, emoji and pictographs
};

bool isWordCodepoint(char32_t c) {
    if (c < 0x80) return std::isalnum(static_cast<int>(c)) || c == '_';
    if (c < 0xC0 || c == 0xD7 || c == 0xF7) return false;
    for (const CodepointRange& block : kSeparatorBlocks)
        if (c >= block.first && c <= block.last) return false;
    return true;
}

char32_t codepointAt(std::string_view text, size_t at) {
    const auto lead = static_cast<unsigned char>(text[at]);
    const int length = lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
    char32_t value = length == 1 ? lead : lead & (0x7F >> length);
    for (int k = 1; k < length && at + k < text.size(); ++k)
        value = (value << 6) | (static_cast<unsigned char>(text[at + k]) & 0x3F);
    return value;
}

bool isWordBefore(std::string_view text, size_t offset) {
    if (offset == 0) return false;
    size_t at = offset - 1;
    while (at > 0 && (static_cast<unsigned char>(text[at]) & 0xC0) == 0x80) --at;
    return isWordCodepoint(codepointAt(text, at));
}

bool isWordAfter(std::string_view text, size_t offset) {
    return offset < text.size() && isWordCodepoint(codepointAt(text, offset));
}

struct ScanContext {
    std::string_view text;
    const std::vector<bool>* wholeWord;
    const std::vector<uint32_t>* themeOf;
    std::vector<Match>* matches;
};

int onMatch(unsigned int id, unsigned long long from, unsigned long long to, unsigned int, void* context) {
    auto& scan = *static_cast<ScanContext*>(context);
    if ((*scan.wholeWord)[id] && (isWordBefore(scan.text, from) || isWordAfter(scan.text, to))) return 0;
    scan.matches->push_back({from, to, (*scan.themeOf)[id]});
    return 0;
}

} // namespace

ThemeDatabase::ThemeDatabase(std::string_view codebookJson) {
    std::vector<Expression> expressions = readExpressions(codebookJson, themes_);
    // Compile all at once; when Vectorscan names a pattern it refuses, set
    // that one aside with its reason and compile the rest again.
    for (;;) {
        if (expressions.empty()) return;
        std::vector<const char*> texts;
        std::vector<unsigned> flags, ids;
        for (size_t i = 0; i < expressions.size(); ++i) {
            texts.push_back(expressions[i].text.c_str());
            flags.push_back(expressions[i].flags);
            ids.push_back(static_cast<unsigned>(i));
        }
        hs_compile_error_t* error = nullptr;
        const hs_error_t status =
            hs_compile_multi(texts.data(), flags.data(), ids.data(), static_cast<unsigned>(texts.size()),
                             HS_MODE_BLOCK, nullptr, &database_, &error);
        if (status == HS_SUCCESS) break;
        const int refused = error ? error->expression : -1;
        const std::string message = error && error->message ? error->message : "unknown error";
        hs_free_compile_error(error);
        if (refused < 0 || static_cast<size_t>(refused) >= expressions.size())
            throw std::runtime_error("Vectorscan could not compile the codebook's patterns: " + message);
        errors_.push_back(expressions[static_cast<size_t>(refused)].origin + ": " + message);
        expressions.erase(expressions.begin() + refused);
    }
    for (const Expression& expression : expressions) {
        themeOfPattern_.push_back(expression.theme);
        patternIsWholeWord_.push_back(expression.wholeWord);
    }
    if (hs_alloc_scratch(database_, &scratch_) != HS_SUCCESS)
        throw std::runtime_error("Vectorscan could not allocate scratch space");
}

ThemeDatabase::~ThemeDatabase() {
    hs_free_scratch(scratch_);
    hs_free_database(database_);
}

std::vector<Match> ThemeDatabase::scan(std::string_view text) const {
    std::vector<Match> matches;
    if (!database_) return matches;
    if (text.size() > std::numeric_limits<unsigned int>::max())
        throw std::runtime_error("reports over 4 GiB are not supported by the themes scanner");
    ScanContext context{text, &patternIsWholeWord_, &themeOfPattern_, &matches};
    if (hs_scan(database_, text.data(), static_cast<unsigned int>(text.size()), 0, scratch_, onMatch,
                &context) != HS_SUCCESS)
        throw std::runtime_error("Vectorscan failed while scanning the report");

    // Leftmost-longest per theme: sort by theme, start, longest first, then
    // keep each match that starts after the previous kept one ended. The kept
    // ones are moved to the front in place: a long report has millions.
    std::sort(matches.begin(), matches.end(), [](const Match& a, const Match& b) {
        if (a.theme != b.theme) return a.theme < b.theme;
        if (a.start != b.start) return a.start < b.start;
        return a.end > b.end;
    });
    size_t kept = 0;
    for (const Match& match : matches) {
        const Match* last = kept ? &matches[kept - 1] : nullptr;
        if (!last || last->theme != match.theme || match.start >= last->end) matches[kept++] = match;
    }
    matches.resize(kept);
    std::sort(matches.begin(), matches.end(), [](const Match& a, const Match& b) {
        return a.start != b.start ? a.start < b.start : a.end != b.end ? a.end < b.end : a.theme < b.theme;
    });
    return matches;
}

} // namespace themes
