#pragma once

#include "match_starts.hpp"

#include <hs/hs.h>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace themes {

// A theme match: bytes [start, end) of the text, for theme `theme` (an index
// into ThemeDatabase::themes()).
struct Match {
    uint64_t start;
    uint64_t end;
    uint32_t theme;
};

// A pattern as the scan uses it: its theme, its options, and PCRE2's form of
// it for where its matches start. An ASCII literal's start is found without
// PCRE2 (its length before the end) wherever the text there is the literal.
struct CompiledPattern {
    uint32_t theme;
    bool wholeWord;
    bool caseless;
    std::optional<std::string> asciiLiteral;
    MatchStarts starts;
};

// Every pattern of every theme of a codebook, compiled into one Vectorscan
// database, which finds where matches end. A pattern Vectorscan refuses is left out and described in
// errors(); the others still work.
class ThemeDatabase {
  public:
    // Throws std::runtime_error for a codebook that is not JSON of the
    // gloss.codebook shape, or when Vectorscan fails as a whole.
    explicit ThemeDatabase(std::string_view codebookJson);
    ~ThemeDatabase();
    ThemeDatabase(const ThemeDatabase&) = delete;
    ThemeDatabase& operator=(const ThemeDatabase&) = delete;

    const std::vector<std::string>& themes() const { return themes_; }
    const std::vector<std::string>& errors() const { return errors_; }
    size_t patternCount() const { return patterns_.size(); }

    // All matches in `text`, in start order. Per theme, overlapping matches
    // are merged into the leftmost-longest ones; matches of different themes
    // may overlap. Whole-word patterns only match between non-word characters.
    std::vector<Match> scan(std::string_view text) const;

  private:
    std::vector<std::string> themes_;
    // Indexed by the Vectorscan expression id.
    std::vector<CompiledPattern> patterns_;
    std::vector<std::string> errors_;
    hs_database_t* database_ = nullptr;
    hs_scratch_t* scratch_ = nullptr;
};

} // namespace themes
