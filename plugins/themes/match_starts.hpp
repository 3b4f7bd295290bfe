// Where a pattern's matches start, found with PCRE2 near the ends Vectorscan
// reports. Vectorscan finds ends only: asking it for starts too
// (HS_FLAG_SOM_LEFTMOST) reaches a stack overflow in Debian 12's Vectorscan
// 5.4.9 on ordinary patterns such as "e+d". PCRE2's DFA matcher gives every
// match at the leftmost point where one starts, which is what the
// leftmost-longest merge of docs/formats.md ("Themes") needs.
#pragma once

#define PCRE2_CODE_UNIT_WIDTH 8
#include <cstdint>
#include <optional>
#include <pcre2.h>
#include <string>
#include <string_view>
#include <vector>

namespace themes {

// No match of a pattern is longer than this many bytes: a pattern that could
// match more is matched within this window before each end (docs/formats.md,
// "Themes").
inline constexpr uint64_t kMaxMatchBytes = 1024;

// What PCRE2's DFA matcher works in, made once per scan of a text and used
// for every call on that text.
class MatchScratch {
  public:
    explicit MatchScratch(std::string_view text);
    ~MatchScratch();
    MatchScratch(const MatchScratch&) = delete;
    MatchScratch& operator=(const MatchScratch&) = delete;

  private:
    friend class MatchStarts;
    // Throws std::runtime_error naming the byte where the text is not UTF-8,
    // which the matcher then need not check again on each call. Done before
    // the first call only: a scan whose patterns all take the literal fast
    // path never reads the text twice.
    void checkUtf8Once();

    std::string_view text_;
    bool checked_ = false;
    pcre2_match_data* data_;
    std::vector<int> workspace_;
};

// One pattern compiled for PCRE2's DFA matcher.
class MatchStarts {
  public:
    // `source` is a regex, or a literal when `literal`; throws
    // std::invalid_argument with PCRE2's reason when it refuses the pattern.
    MatchStarts(const std::string& source, bool literal, bool caseless, uint64_t maxWidth);
    ~MatchStarts();
    MatchStarts(MatchStarts&& other) noexcept;
    MatchStarts(const MatchStarts&) = delete;
    MatchStarts& operator=(const MatchStarts&) = delete;
    MatchStarts& operator=(MatchStarts&&) = delete;

    // The longest match possible, up to kMaxMatchBytes.
    uint64_t window() const { return window_; }

    // Every match at the leftmost start at or after `from` (ends in
    // increasing order, each at most window() after the start), looking at
    // `text` only up to `limit` plus a few bytes for a word boundary or `$`
    // after the end. nullopt when no match starts in [from, limit). The
    // text is the scratch's.
    struct Found {
        uint64_t start;
        std::vector<uint64_t> ends;
    };
    std::optional<Found> leftmost(uint64_t from, uint64_t limit, MatchScratch& scratch) const;

  private:
    pcre2_code* code_ = nullptr;
    uint64_t window_;
};

} // namespace themes
