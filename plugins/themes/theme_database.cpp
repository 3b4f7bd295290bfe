#include "theme_database.hpp"

#include <algorithm>
#include <climits>
#include <cstdlib>
#include <gloss/excerpt.hpp>
#include <gloss/limits.hpp>
#include <limits>
#include <nlohmann/json.hpp>
#include <optional>
#include <stdexcept>

namespace themes {

namespace {

using Json = nlohmann::json;

namespace limits = gloss::limits;

// One pattern as Vectorscan takes it, with where it came from for messages.
struct Expression {
    std::string text;
    unsigned flags;
    uint32_t theme;
    bool wholeWord;
    std::string source; // as the codebook has it
    bool literal;
    std::string
        origin; // "tags[3].patterns[1]: theme \"Label\" (id), regex \"...\"", values cut (gloss/excerpt.hpp)
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
    size_t regexes = 0;
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
            const std::string where = "tags[" + std::to_string(t) + "].patterns[" + std::to_string(p) + "]";
            if (source.size() > limits::valueOf(limits::kPatternBytes))
                throw std::runtime_error(where + ": " +
                                         limits::exceeded(limits::kPatternBytes, source.size()));
            regexes += isRegex;
            // Ends only: see match_starts.hpp for why Vectorscan is not asked for starts.
            unsigned flags = HS_FLAG_UTF8 | HS_FLAG_UCP;
            if (!pattern.value("case_sensitive", false)) flags |= HS_FLAG_CASELESS;
            expressions.push_back({isRegex ? source : escapeLiteral(source), flags, theme,
                                   pattern.value("whole_word", false), source, !isRegex,
                                   where + ": theme " + gloss::excerpt(label) + " (" +
                                       gloss::cutForMessage(id) + "), " + (isRegex ? "regex " : "literal ") +
                                       gloss::excerpt(source)});
        }
    }
    // Checked before anything is compiled: compiling is what takes the time.
    if (regexes > limits::valueOf(limits::kCodebookRegexes))
        throw std::runtime_error(limits::exceeded(limits::kCodebookRegexes, regexes));
    if (expressions.size() > limits::valueOf(limits::kCodebookPatterns))
        throw std::runtime_error(limits::exceeded(limits::kCodebookPatterns, expressions.size()));
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

char asciiLower(char c) {
    return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}

bool sameAsciiText(std::string_view text, std::string_view literal, bool caseless) {
    if (text.size() != literal.size()) return false;
    for (size_t i = 0; i < text.size(); ++i)
        if (text[i] != literal[i] && !(caseless && asciiLower(text[i]) == asciiLower(literal[i])))
            return false;
    return true;
}

// One end Vectorscan reported. An ASCII literal's end is checked as it is
// reported, while its bytes are still in the cache: its one start is its
// length before the end.
struct End {
    enum class Literal : uint8_t {
        Unchecked,  // not an ASCII literal, or its bytes differ (a caseless match
                    // through a non-ASCII fold, such as the Kelvin sign for "k"):
                    // PCRE2 finds the start
        Match,      // the literal, starting at `at` minus its length
        TouchesWord // the literal, but a whole-word pattern touches a letter there
    };
    uint64_t at;
    Literal literal;
};

struct Reports {
    std::string_view text;
    const std::vector<CompiledPattern>& patterns;
    std::vector<std::vector<End>> ends; // by pattern, in order
};

End::Literal checkLiteral(const CompiledPattern& pattern, std::string_view text, uint64_t end) {
    if (!pattern.asciiLiteral) return End::Literal::Unchecked;
    const std::string& literal = *pattern.asciiLiteral;
    if (end < literal.size()) return End::Literal::Unchecked;
    const uint64_t start = end - literal.size();
    if (!sameAsciiText(text.substr(start, literal.size()), literal, pattern.caseless))
        return End::Literal::Unchecked;
    if (pattern.wholeWord && (isWordBefore(text, start) || isWordAfter(text, end)))
        return End::Literal::TouchesWord;
    return End::Literal::Match;
}

// Vectorscan's reports: the ends of each pattern's matches, in order.
int onMatch(unsigned int id, unsigned long long, unsigned long long to, unsigned int, void* context) {
    auto& reports = *static_cast<Reports*>(context);
    auto& ends = reports.ends[id];
    if (ends.empty() || ends.back().at != to)
        ends.push_back({to, checkLiteral(reports.patterns[id], reports.text, to)});
    return 0;
}

bool isAscii(std::string_view text) {
    return std::all_of(text.begin(), text.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; });
}

// One pattern's candidates in start order: each call gives the leftmost
// start at or after a place, with the longest end a whole-word pattern
// allows there.
class Cursor {
  public:
    Cursor(const CompiledPattern& pattern, const std::vector<End>& ends, std::string_view text,
           MatchScratch& scratch)
        : pattern_(pattern), ends_(ends), text_(text), scratch_(scratch) {}

    struct Candidate {
        uint64_t start;
        uint64_t end;
    };

    std::optional<Candidate> next(uint64_t from) {
        // A match starting at `from` or later ends after it, and at most a
        // window after its start: the first end after `from` bounds where
        // the leftmost such start can be.
        while (at_ < ends_.size() && ends_[at_].at <= from) ++at_;
        for (; at_ < ends_.size(); ++at_) {
            const uint64_t end = ends_[at_].at;
            switch (ends_[at_].literal) {
            case End::Literal::Match: {
                const uint64_t start = end - pattern_.asciiLiteral->size();
                if (start >= from) return Candidate{start, end};
                continue;
            }
            case End::Literal::TouchesWord:
                continue;
            case End::Literal::Unchecked:
                break;
            }
            for (uint64_t low =
                     std::max(from, end > pattern_.starts.window() ? end - pattern_.starts.window() : 0);
                 ;) {
                const auto found = pattern_.starts.leftmost(low, end, scratch_);
                if (!found) break;
                if (const auto kept = longestAllowed(found->start, found->ends))
                    return Candidate{found->start, *kept};
                // A whole-word pattern cannot start inside a word: on to its end.
                low = found->start + 1;
                while (pattern_.wholeWord && low < end && isWordBefore(text_, low)) ++low;
            }
        }
        return std::nullopt;
    }

  private:
    std::optional<uint64_t> longestAllowed(uint64_t start, const std::vector<uint64_t>& ends) const {
        if (!pattern_.wholeWord) return ends.empty() ? std::nullopt : std::optional<uint64_t>(ends.back());
        if (isWordBefore(text_, start)) return std::nullopt;
        for (auto end = ends.rbegin(); end != ends.rend(); ++end)
            if (!isWordAfter(text_, *end)) return *end;
        return std::nullopt;
    }

    const CompiledPattern& pattern_;
    const std::vector<End>& ends_;
    std::string_view text_;
    MatchScratch& scratch_;
    size_t at_ = 0;
};

// Compiles `expressions` into `database`; each pattern Vectorscan refuses is
// left out of `expressions`, its reason added to `errors`.
void compileVectorscan(std::vector<Expression>& expressions, std::vector<std::string>& errors,
                       hs_database_t*& database) {
    hs_free_database(database);
    database = nullptr;
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
                             HS_MODE_BLOCK, nullptr, &database, &error);
        if (status == HS_SUCCESS) return;
        const int refused = error ? error->expression : -1;
        const std::string message = error && error->message ? error->message : "unknown error";
        hs_free_compile_error(error);
        if (refused < 0 || static_cast<size_t>(refused) >= expressions.size())
            throw std::runtime_error("Vectorscan could not compile the codebook's patterns: " + message);
        errors.push_back(expressions[static_cast<size_t>(refused)].origin + ": " + message);
        expressions.erase(expressions.begin() + refused);
    }
}

// The longest match Vectorscan sees `expression` could have; unbounded is
// the type's maximum.
uint64_t maxWidth(const Expression& expression) {
    hs_expr_info_t* info = nullptr;
    hs_compile_error_t* error = nullptr;
    if (hs_expression_info(expression.text.c_str(), expression.flags, &info, &error) != HS_SUCCESS) {
        hs_free_compile_error(error);
        return std::numeric_limits<uint64_t>::max();
    }
    const uint64_t width =
        info->max_width == UINT_MAX ? std::numeric_limits<uint64_t>::max() : info->max_width;
    std::free(info);
    return width;
}

} // namespace

ThemeDatabase::ThemeDatabase(std::string_view codebookJson) {
    std::vector<Expression> expressions = readExpressions(codebookJson, themes_);
    // Compile all at once; when Vectorscan or PCRE2 refuses a pattern, set
    // that one aside with its reason and compile the rest again.
    for (;;) {
        compileVectorscan(expressions, errors_, database_);
        if (expressions.empty()) return;
        patterns_.clear();
        std::vector<size_t> refused;
        for (size_t i = 0; i < expressions.size(); ++i) {
            const Expression& expression = expressions[i];
            const bool caseless = expression.flags & HS_FLAG_CASELESS;
            try {
                patterns_.push_back(
                    {expression.theme, expression.wholeWord, caseless,
                     expression.literal && isAscii(expression.source)
                         ? std::optional<std::string>(expression.source)
                         : std::nullopt,
                     MatchStarts(expression.source, expression.literal, caseless, maxWidth(expression))});
            } catch (const std::invalid_argument& why) {
                errors_.push_back(expression.origin + ": " + why.what());
                refused.push_back(i);
            }
        }
        if (refused.empty()) break;
        for (auto i = refused.rbegin(); i != refused.rend(); ++i)
            expressions.erase(expressions.begin() + static_cast<std::ptrdiff_t>(*i));
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
    Reports reports{text, patterns_, std::vector<std::vector<End>>(patterns_.size())};
    if (hs_scan(database_, text.data(), static_cast<unsigned int>(text.size()), 0, scratch_, onMatch,
                &reports) != HS_SUCCESS)
        throw std::runtime_error("Vectorscan failed while scanning the report");

    MatchScratch scratch(text);
    // Leftmost-longest per theme: from the end of the last kept match, keep
    // the candidate of any of the theme's patterns that starts first, the
    // longest of those that start there. Each pattern's next candidate is
    // kept until a kept match passes its start.
    for (uint32_t theme = 0; theme < themes_.size(); ++theme) {
        std::vector<Cursor> cursors;
        for (size_t i = 0; i < patterns_.size(); ++i)
            if (patterns_[i].theme == theme && !reports.ends[i].empty())
                cursors.emplace_back(patterns_[i], reports.ends[i], text, scratch);
        std::vector<std::optional<Cursor::Candidate>> next(cursors.size());
        std::vector<bool> done(cursors.size());
        for (uint64_t from = 0;;) {
            std::optional<Cursor::Candidate> best;
            for (size_t i = 0; i < cursors.size(); ++i) {
                if (done[i]) continue;
                if (!next[i] || next[i]->start < from) next[i] = cursors[i].next(from);
                if (!next[i]) {
                    done[i] = true;
                    continue;
                }
                if (!best || next[i]->start < best->start ||
                    (next[i]->start == best->start && next[i]->end > best->end))
                    best = next[i];
            }
            if (!best) break;
            matches.push_back({best->start, best->end, theme});
            from = best->end;
        }
    }
    std::sort(matches.begin(), matches.end(), [](const Match& a, const Match& b) {
        return a.start != b.start ? a.start < b.start : a.end != b.end ? a.end < b.end : a.theme < b.theme;
    });
    return matches;
}

} // namespace themes
