#include "gloss/annotations/approximate_match.hpp"

#include <algorithm>
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace gloss::annotations {

namespace {

// Column-by-column edit distance of a pattern against a text, one 64-bit
// block of pattern bytes per word (Myers 1999, in Hyyro's block form).
class MyersMatcher {
  public:
    explicit MyersMatcher(std::string_view pattern)
        : length_(pattern.size()), blocks_((pattern.size() + 63) / 64), peq_(blocks_) {
        for (size_t i = 0; i < pattern.size(); ++i)
            peq_[i / 64][static_cast<unsigned char>(pattern[i])] |= uint64_t{1} << (i % 64);
        lastBit_ = uint64_t{1} << ((length_ - 1) % 64);
        reset();
    }

    void reset() {
        positive_.assign(blocks_, ~uint64_t{0});
        negative_.assign(blocks_, 0);
        score_ = length_;
    }

    // Feeds one text byte; returns the edit distance of the whole pattern
    // against the best substring ending here. With `anchored` the text is
    // matched from its first byte (the top row grows by one per column).
    size_t step(unsigned char c, bool anchored) {
        int carry = anchored ? 1 : 0;
        for (size_t b = 0; b < blocks_; ++b) {
            const uint64_t high = b + 1 == blocks_ ? lastBit_ : uint64_t{1} << 63;
            carry = advance(b, peq_[b][c], carry, high);
        }
        score_ = static_cast<size_t>(static_cast<int64_t>(score_) + carry);
        return score_;
    }

  private:
    int advance(size_t block, uint64_t eq, int carryIn, uint64_t high) {
        uint64_t pv = positive_[block];
        uint64_t mv = negative_[block];
        const uint64_t carryNegative = carryIn < 0 ? 1 : 0;
        const uint64_t xv = eq | mv;
        eq |= carryNegative;
        const uint64_t xh = (((eq & pv) + pv) ^ pv) | eq;
        uint64_t ph = mv | ~(xh | pv);
        uint64_t mh = pv & xh;
        int carryOut = 0;
        if (ph & high)
            carryOut = 1;
        else if (mh & high)
            carryOut = -1;
        ph = (ph << 1) | (carryIn > 0 ? 1 : 0);
        mh = (mh << 1) | carryNegative;
        positive_[block] = mh | ~(xv | ph);
        negative_[block] = ph & xv;
        return carryOut;
    }

    size_t length_;
    size_t blocks_;
    std::vector<std::array<uint64_t, 256>> peq_;
    uint64_t lastBit_ = 0;
    std::vector<uint64_t> positive_;
    std::vector<uint64_t> negative_;
    size_t score_ = 0;
};

size_t distance(size_t a, size_t b) {
    return a > b ? a - b : b - a;
}

// Where the match ending at `match.end` starts: a backward pass with the
// pattern reversed and the end fixed finds the nearest start at which the
// distance equals the one the forward pass gave.
size_t matchStart(std::string_view text, std::string_view pattern, size_t maxErrors,
                  const ApproximateMatch& match) {
    const std::string reversed(pattern.rbegin(), pattern.rend());
    MyersMatcher backward(reversed);
    const size_t reach = std::min(match.end, pattern.size() + maxErrors);
    for (size_t k = 1; k <= reach; ++k)
        if (backward.step(static_cast<unsigned char>(text[match.end - k]), true) == match.errors)
            return match.end - k;
    return match.end - reach;
}

} // namespace

std::vector<ApproximateMatch> findApproximate(std::string_view text, std::string_view pattern,
                                              size_t maxErrors, size_t preferredEnd, size_t limit) {
    std::vector<ApproximateMatch> found;
    if (pattern.empty() || text.empty() || limit == 0) return found;
    const auto better = [&](const ApproximateMatch& a, const ApproximateMatch& b) {
        return a.errors < b.errors ||
               (a.errors == b.errors && distance(a.end, preferredEnd) < distance(b.end, preferredEnd));
    };

    // Forward pass: the best end of each run of ends within maxErrors. A run
    // is one place in the text, seen through a few neighbouring ends.
    MyersMatcher forward(pattern);
    std::optional<ApproximateMatch> run;
    const auto closeRun = [&] {
        if (!run) return;
        found.push_back(*run);
        run.reset();
    };
    for (size_t i = 0; i < text.size(); ++i) {
        const size_t errors = forward.step(static_cast<unsigned char>(text[i]), false);
        if (errors > maxErrors) {
            closeRun();
            continue;
        }
        const ApproximateMatch here{0, i + 1, errors};
        if (!run || better(here, *run)) run = here;
    }
    closeRun();

    std::sort(found.begin(), found.end(), better);
    if (found.size() > limit) found.resize(limit);
    for (ApproximateMatch& match : found) match.start = matchStart(text, pattern, maxErrors, match);
    return found;
}

size_t distanceToBestPrefix(std::string_view text, std::string_view pattern) {
    if (pattern.empty()) return 0;
    MyersMatcher matcher(pattern);
    size_t best = pattern.size(); // against the empty prefix
    for (const char c : text) best = std::min(best, matcher.step(static_cast<unsigned char>(c), true));
    return best;
}

} // namespace gloss::annotations
