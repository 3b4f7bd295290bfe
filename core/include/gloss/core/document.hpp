#pragma once

#include "gloss/annotations/report_text.hpp"
#include "gloss/annotations/text_extractor.hpp"
#include "gloss/core/text_encoding.hpp"

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace gloss::core {

using annotations::TextExtractor;

// A non-decreasing sequence of offsets, stored as a 64-bit base for each run
// of 64 values and a 16-bit step from it: 2 bytes a value instead of 8, so a
// 100 MB report's two code-point indexes take 6 MB rather than 25.
class SampledOffsets {
  public:
    void reserve(size_t count);
    // Throws std::logic_error when `value` is more than 65535 past its run's
    // base: the indexes sample often enough that this cannot happen.
    void push_back(uint64_t value);
    uint64_t operator[](size_t i) const { return bases_[i / kRun] + steps_[i]; }
    size_t size() const { return steps_.size(); }

  private:
    static constexpr size_t kRun = 64;
    std::vector<uint64_t> bases_;
    std::vector<uint16_t> steps_;
};

// A heading of a report, for an outline: bytes [start, end) are its title;
// level 1 is a title or chapter, down to 6.
struct Heading {
    uint64_t start = 0;
    uint64_t end = 0;
    uint32_t level = 1;
    bool operator==(const Heading&) const = default;
};

// Markdown's "#" headings ("# Title", "## 7.3 Pay gaps"; up to three spaces
// before the hashes, one to six of them, then a blank or the line's end),
// without the hashes and the blanks around the title.
std::vector<Heading> markdownHeadings(std::string_view text);

// A report: immutable UTF-8 text plus the indexes every view needs. Offsets
// are UTF-8 byte offsets unless a name says code points. Conversions between
// the two read one sample of a sampled index and walk at most
// kIndexStride - 1 positions, whatever the report's size.
class Document final : public annotations::ReportText {
  public:
    static constexpr size_t kIndexStride = 64;

    // Builds a document from a file's bytes. A UTF-8 byte order mark is
    // accepted, dropped from the text and reported. Throws
    // annotations::FormatError located at "byte N" for ill-formed UTF-8;
    // Windows-1252 decoding cannot fail.
    static Document fromBytes(std::string bytes, Encoding encoding = Encoding::Utf8, std::string name = {});

    // Builds a document from text a source extracted from a file's bytes
    // (`fileBytes`: for the size and sha256). The text must be UTF-8 and the
    // page starts checked as PluginHost::extractText checks them; empty page
    // starts mean pages by form feed, as for a text file.
    static Document fromExtracted(std::string text, std::vector<uint64_t> pageStarts,
                                  std::string_view fileBytes, std::string name, TextExtractor extractor,
                                  std::vector<Heading> headings = {});

    // Reads `path` (read-only: Gloss never writes a report) and builds it.
    // Throws IoError or annotations::FormatError.
    static Document load(const std::filesystem::path& path, Encoding encoding = Encoding::Utf8);

    // annotations::ReportText
    std::string_view utf8() const override { return text_; }
    uint64_t codepointCount() const override { return codepointCount_; }
    size_t byteOffset(uint64_t codepoint) const override;
    uint64_t codepointOffset(size_t byte) const override;

    const std::string& name() const { return name_; }
    Encoding encoding() const { return encoding_; }
    bool hadByteOrderMark() const { return hadByteOrderMark_; }
    size_t fileSize() const { return fileSize_; }
    const std::string& sha256() const { return sha256_; } // of the file's bytes
    // The extractor of a report that is not a text file; nullopt for text.
    const std::optional<TextExtractor>& extractor() const { return extractor_; }

    // Lines end after '\n' ("\r\n" stays in the text); a final line without
    // one counts, an empty one after the last '\n' does not.
    size_t lineCount() const { return lineStarts_.size(); }
    size_t lineStart(size_t line) const { return lineStarts_[line]; }
    size_t lineEnd(size_t line) const;
    size_t lineOfByte(size_t byte) const;

    // Pages: as a source extracted them, else separated by form feeds, as
    // pdftotext writes them (a final form feed starts no page).
    size_t pageCount() const { return pageStarts_.size(); }
    const std::vector<uint64_t>& pageStarts() const { return pageStarts_; } // bytes
    size_t pageOfByte(size_t byte) const;                                   // 0-based; 0 for an empty report
    uint64_t wordCount() const;
    // Headings in text order: as a source extracted them, else the text's
    // Markdown "#" lines.
    const std::vector<Heading>& headings() const { return headings_; }

  private:
    Document() = default;
    void buildIndexes(); // and, unless a source gave them, the page starts

    std::string text_;
    std::string name_;
    std::string sha256_;
    Encoding encoding_ = Encoding::Utf8;
    bool hadByteOrderMark_ = false;
    size_t fileSize_ = 0;
    uint64_t codepointCount_ = 0;
    std::optional<TextExtractor> extractor_;
    std::vector<uint64_t> pageStarts_;
    std::vector<Heading> headings_;
    std::vector<size_t> lineStarts_;
    SampledOffsets codepointsBeforeByteSample_; // [i]: code points before byte i * kIndexStride
    SampledOffsets byteOfCodepointSample_;      // [i]: byte offset of code point i * kIndexStride
    mutable uint64_t wordCount_ = 0;
    mutable bool wordCountKnown_ = false;
};

} // namespace gloss::core
