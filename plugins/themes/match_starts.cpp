#include "match_starts.hpp"

#include <algorithm>
#include <stdexcept>
#include <utility>

namespace themes {

namespace {

// Bytes past the last end PCRE2 is shown, so that \b, \B and $ there see
// the code point after the end (at most 4 bytes) and whether the text ends.
constexpr uint64_t kLookahead = 8;

// PCRE2's DFA workspace, in ints; a pattern that needs more gets more.
constexpr size_t kWorkspace = 4096;

std::string pcre2Message(int code) {
    PCRE2_UCHAR buffer[256];
    if (pcre2_get_error_message(code, buffer, sizeof buffer) < 0)
        return "PCRE2 error " + std::to_string(code);
    return reinterpret_cast<const char*>(buffer);
}

} // namespace

MatchStarts::MatchStarts(const std::string& source, bool literal, bool caseless, uint64_t maxWidth)
    : window_(std::min(maxWidth, kMaxMatchBytes)) {
    uint32_t options = PCRE2_UTF | (caseless ? PCRE2_CASELESS : 0u);
    // PCRE2_LITERAL admits no UCP, and a literal has no \w or \b it would change.
    options |= literal ? PCRE2_LITERAL : PCRE2_UCP;
    int error = 0;
    PCRE2_SIZE offset = 0;
    code_ = pcre2_compile(reinterpret_cast<PCRE2_SPTR>(source.data()), source.size(), options, &error,
                          &offset, nullptr);
    if (!code_) throw std::invalid_argument(pcre2Message(error) + " at byte " + std::to_string(offset));
}

MatchStarts::~MatchStarts() {
    pcre2_code_free(code_);
}

MatchStarts::MatchStarts(MatchStarts&& other) noexcept
    : code_(std::exchange(other.code_, nullptr)), window_(other.window_) {}

MatchScratch::MatchScratch(std::string_view text)
    : text_(text),
      data_(pcre2_match_data_create(static_cast<uint32_t>(2 * kMaxMatchBytes + 2 * kLookahead + 8), nullptr)),
      workspace_(kWorkspace) {
    if (!data_) throw std::bad_alloc();
}

MatchScratch::~MatchScratch() {
    pcre2_match_data_free(data_);
}

void MatchScratch::checkUtf8Once() {
    if (checked_) return;
    const std::string_view text = text_;
    // A match attempt checks the whole subject before it starts; "\\A" then
    // matches at once.
    int error = 0;
    PCRE2_SIZE offset = 0;
    pcre2_code* start =
        pcre2_compile(reinterpret_cast<PCRE2_SPTR>("\\A"), 2, PCRE2_UTF, &error, &offset, nullptr);
    if (!start) throw std::bad_alloc();
    pcre2_match_data* data = pcre2_match_data_create(1, nullptr);
    const int result =
        data ? pcre2_match(start, reinterpret_cast<PCRE2_SPTR>(text.data()), text.size(), 0, 0, data, nullptr)
             : 0;
    const PCRE2_SIZE at = data ? pcre2_get_startchar(data) : 0;
    pcre2_match_data_free(data);
    pcre2_code_free(start);
    if (!data) throw std::bad_alloc();
    if (result <= PCRE2_ERROR_UTF8_ERR1 && result >= PCRE2_ERROR_UTF8_ERR21)
        throw std::runtime_error("the report is not UTF-8 at byte " + std::to_string(at) + ": " +
                                 pcre2Message(result));
    checked_ = true;
}

std::optional<MatchStarts::Found> MatchStarts::leftmost(uint64_t from, uint64_t limit,
                                                        MatchScratch& scratch) const {
    scratch.checkUtf8Once();
    const std::string_view text = scratch.text_;
    // PCRE2 starts only on a code point's first byte.
    while (from < text.size() && (static_cast<unsigned char>(text[from]) & 0xC0) == 0x80) ++from;
    if (from >= limit || from >= text.size()) return std::nullopt;
    // Every match starting before `limit` ends within the subject, with
    // kLookahead bytes after it when the text has them; the subject ends
    // between code points.
    uint64_t subjectEnd = std::min<uint64_t>(text.size(), limit + window_ + kLookahead);
    while (subjectEnd < text.size() && (static_cast<unsigned char>(text[subjectEnd]) & 0xC0) == 0x80)
        ++subjectEnd;
    // DFA matching gives the leftmost start's matches longest first; the
    // scratch's vector holds all of them (limit - from is at most a window),
    // so none is lost to its size.
    std::vector<int>& workspace = scratch.workspace_;
    int found = 0;
    for (;;) {
        found =
            pcre2_dfa_match(code_, reinterpret_cast<PCRE2_SPTR>(text.data()), subjectEnd, from,
                            PCRE2_NO_UTF_CHECK, scratch.data_, nullptr, workspace.data(), workspace.size());
        if (found != PCRE2_ERROR_DFA_WSSIZE || workspace.size() >= (kWorkspace << 8)) break;
        workspace.resize(workspace.size() * 4);
    }
    if (found == PCRE2_ERROR_NOMATCH) return std::nullopt;
    if (found < 0) throw std::runtime_error("PCRE2 could not match: " + pcre2Message(found));
    const PCRE2_SIZE* ovector = pcre2_get_ovector_pointer(scratch.data_);
    const uint32_t count = found == 0 ? pcre2_get_ovector_count(scratch.data_) : static_cast<uint32_t>(found);
    Found result{ovector[0], {}};
    if (result.start >= limit) return std::nullopt;
    for (uint32_t i = count; i-- > 0;) {
        const uint64_t end = ovector[2 * i + 1];
        if (end > result.start && end - result.start <= window_) result.ends.push_back(end);
    }
    return result;
}

} // namespace themes
