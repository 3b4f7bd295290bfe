#include "gloss/core/document.hpp"

#include "gloss/annotations/format_error.hpp"
#include "gloss/annotations/utf8.hpp"
#include "gloss/core/file_io.hpp"
#include "gloss/core/sha256.hpp"
#include "gloss/core/word_count.hpp"

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <future>
#include <stdexcept>

namespace gloss::core {

namespace utf8 = annotations::utf8;

namespace {

constexpr std::string_view kByteOrderMark = "\xEF\xBB\xBF";

std::string describeInvalidByte(std::string_view bytes, size_t offset) {
    if (looksBinary(bytes))
        return "not a text report: binary data (NUL bytes or control characters), not UTF-8";
    char hex[8];
    std::snprintf(hex, sizeof hex, "0x%02X", static_cast<unsigned char>(bytes[offset]));
    return std::string("invalid UTF-8 (") + hex +
           "); if the report is Windows-1252 text, open it with --encoding windows-1252";
}

// 0, then the offset after each `separator`, for a non-empty text; a
// separator at the very end starts nothing.
template <typename Offset>
std::vector<Offset> startsAfter(std::string_view text, char separator) {
    std::vector<Offset> starts;
    if (text.empty()) return starts;
    starts.push_back(0);
    const char* const end = text.data() + text.size();
    for (const char* p = text.data();
         (p = static_cast<const char*>(std::memchr(p, separator, static_cast<size_t>(end - p))));) {
        if (++p == end) break;
        starts.push_back(static_cast<Offset>(p - text.data()));
    }
    return starts;
}

} // namespace

Document Document::fromBytes(std::string bytes, Encoding encoding, std::string name) {
    Document document;
    document.name_ = std::move(name);
    document.encoding_ = encoding;
    document.fileSize_ = bytes.size();
    // UTF-8 is checked in place and becomes the text; other encodings are decoded.
    const bool decode = encoding == Encoding::Windows1252;
    std::string& file = decode ? bytes : (document.text_ = std::move(bytes));
    // The digest runs beside validation and indexing, so a second core halves
    // the wait for a long report. `file` does not change until it is in.
    auto digest = std::async(std::launch::async, [view = std::string_view(file)] { return sha256Hex(view); });
    if (decode) {
        document.text_ = decodeWindows1252(file);
    } else {
        if (const auto bad = utf8::firstInvalidByte(file))
            throw annotations::FormatError("byte " + std::to_string(*bad), describeInvalidByte(file, *bad));
        if (std::string_view(file).starts_with(kByteOrderMark)) {
            document.hadByteOrderMark_ = true;
            document.sha256_ = digest.get();
            file.erase(0, kByteOrderMark.size());
        }
    }
    document.buildIndexes();
    document.headings_ = markdownHeadings(document.text_);
    if (digest.valid()) document.sha256_ = digest.get();
    return document;
}

Document Document::fromExtracted(std::string text, std::vector<uint64_t> pageStarts,
                                 std::string_view fileBytes, std::string name, TextExtractor extractor,
                                 std::vector<Heading> headings) {
    Document document;
    document.name_ = std::move(name);
    document.fileSize_ = fileBytes.size();
    auto digest = std::async(std::launch::async, [fileBytes] { return sha256Hex(fileBytes); });
    document.extractor_ = std::move(extractor);
    document.text_ = std::move(text);
    document.pageStarts_ = std::move(pageStarts);
    document.headings_ = std::move(headings);
    document.buildIndexes();
    document.sha256_ = digest.get();
    return document;
}

std::vector<Heading> markdownHeadings(std::string_view text) {
    std::vector<Heading> headings;
    const auto blank = [](char c) { return c == ' ' || c == '\t'; };
    for (size_t start = 0; start < text.size();) {
        size_t end = text.find('\n', start);
        if (end == std::string_view::npos) end = text.size();
        size_t at = start;
        while (at < end && at - start < 3 && text[at] == ' ') ++at;
        const size_t hashes = at;
        while (at < end && text[at] == '#') ++at;
        const auto level = static_cast<uint32_t>(at - hashes);
        if (level >= 1 && level <= 6 && (at == end || blank(text[at]) || text[at] == '\r')) {
            size_t titleEnd = end;
            while (titleEnd > at && (blank(text[titleEnd - 1]) || text[titleEnd - 1] == '\r')) --titleEnd;
            // A closing run of hashes after a blank is not part of the title.
            size_t closing = titleEnd;
            while (closing > at && text[closing - 1] == '#') --closing;
            if (closing < titleEnd && (closing == at || blank(text[closing - 1]))) titleEnd = closing;
            while (titleEnd > at && blank(text[titleEnd - 1])) --titleEnd;
            while (at < titleEnd && blank(text[at])) ++at;
            if (at < titleEnd) headings.push_back({at, titleEnd, level});
        }
        start = end + 1;
    }
    return headings;
}

Document Document::load(const std::filesystem::path& path, Encoding encoding) {
    return fromBytes(readFile(path), encoding, path.filename().string());
}

void Document::buildIndexes() {
    const std::string_view text = text_;
    const size_t size = text.size();
    codepointsBeforeByteSample_.reserve(size / kIndexStride + 1);
    byteOfCodepointSample_.reserve(size / kIndexStride + 1);

    // One block of kIndexStride bytes at a time. In an ASCII block every byte
    // is a code point, so its samples are found by arithmetic; only blocks
    // with other characters are walked byte by byte.
    uint64_t codepoints = 0;
    for (size_t block = 0; block < size; block += kIndexStride) {
        codepointsBeforeByteSample_.push_back(codepoints);
        const size_t length = std::min(kIndexStride, size - block);
        bool ascii = length == kIndexStride;
        for (size_t i = 0; ascii && i < length; i += 8)
            ascii = utf8::eightBytesAscii(text.data() + block + i);
        if (ascii) {
            const uint64_t after = codepoints + length;
            for (uint64_t next = (codepoints + kIndexStride - 1) / kIndexStride * kIndexStride; next < after;
                 next += kIndexStride)
                byteOfCodepointSample_.push_back(block + (next - codepoints));
            codepoints = after;
            continue;
        }
        for (size_t i = block; i < block + length; ++i) {
            if (utf8::isContinuationByte(static_cast<unsigned char>(text[i]))) continue;
            if (codepoints % kIndexStride == 0) byteOfCodepointSample_.push_back(i);
            ++codepoints;
        }
    }
    codepointCount_ = codepoints;

    lineStarts_ = startsAfter<size_t>(text, '\n');
    if (pageStarts_.empty()) pageStarts_ = startsAfter<uint64_t>(text, '\f');
}

void SampledOffsets::reserve(size_t count) {
    bases_.reserve(count / kRun + 1);
    steps_.reserve(count);
}

void SampledOffsets::push_back(uint64_t value) {
    if (steps_.size() % kRun == 0) bases_.push_back(value);
    const uint64_t step = value - bases_.back();
    if (step > UINT16_MAX) throw std::logic_error("SampledOffsets: samples too far apart");
    steps_.push_back(static_cast<uint16_t>(step));
}

size_t Document::pageOfByte(size_t byte) const {
    if (pageStarts_.empty()) return 0;
    const auto it = std::upper_bound(pageStarts_.begin(), pageStarts_.end(), byte);
    return static_cast<size_t>(it - pageStarts_.begin()) - 1;
}

size_t Document::byteOffset(uint64_t codepoint) const {
    if (codepoint >= codepointCount_) return text_.size();
    const size_t sample = static_cast<size_t>(codepoint / kIndexStride);
    return utf8::advanceCodepoints(text_, byteOfCodepointSample_[sample], codepoint % kIndexStride);
}

uint64_t Document::codepointOffset(size_t byte) const {
    if (byte >= text_.size()) return codepointCount_;
    const size_t sample = byte / kIndexStride;
    uint64_t codepoints = codepointsBeforeByteSample_[sample];
    for (size_t i = sample * kIndexStride; i < byte; ++i)
        codepoints += !utf8::isContinuationByte(static_cast<unsigned char>(text_[i]));
    return codepoints;
}

size_t Document::lineEnd(size_t line) const {
    return line + 1 < lineStarts_.size() ? lineStarts_[line + 1] : text_.size();
}

size_t Document::lineOfByte(size_t byte) const {
    if (lineStarts_.empty()) return 0;
    const auto it = std::upper_bound(lineStarts_.begin(), lineStarts_.end(), byte);
    return static_cast<size_t>(it - lineStarts_.begin()) - 1;
}

uint64_t Document::wordCount() const {
    if (!wordCountKnown_) {
        wordCount_ = countWords(text_);
        wordCountKnown_ = true;
    }
    return wordCount_;
}

} // namespace gloss::core
