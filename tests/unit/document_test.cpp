#include "gloss/annotations/format_error.hpp"
#include "gloss/core/document.hpp"
#include "gloss/core/files.hpp"
#include "printers.hpp"
#include "temp_dir.hpp"

#include <doctest/doctest.h>
#include <string>

using gloss::core::Document;
using gloss::core::Encoding;

namespace {

// Reference conversion by scanning from the start, to check the index against.
uint64_t codepointsBefore(std::string_view text, size_t byte) {
    uint64_t count = 0;
    for (size_t i = 0; i < byte; ++i) count += (static_cast<unsigned char>(text[i]) & 0xC0) != 0x80;
    return count;
}

} // namespace

TEST_CASE("document: byte and code-point offsets convert both ways on mixed text") {
    std::string text;
    for (int i = 0; i < 500; ++i) text += i % 7 == 0 ? "😀 e\xCC\x81 Łukasz “quote” " : "plain words here ";
    const Document document = Document::fromBytes(text);
    REQUIRE(document.codepointCount() == codepointsBefore(text, text.size()));
    for (size_t byte = 0; byte <= text.size(); ++byte) {
        if (byte < text.size() && (static_cast<unsigned char>(text[byte]) & 0xC0) == 0x80) continue;
        const uint64_t codepoint = codepointsBefore(text, byte);
        CHECK(document.codepointOffset(byte) == codepoint);
        CHECK(document.byteOffset(codepoint) == byte);
    }
    CHECK(document.byteOffset(document.codepointCount() + 10) == text.size());
}

TEST_CASE("document: the compact index holds across long runs of four-byte and of ASCII characters") {
    // 20,000 emoji then 20,000 ASCII letters: the widest and narrowest steps
    // between samples, each over many runs of the index.
    std::string text;
    for (int i = 0; i < 20000; ++i) text += "😀";
    text += std::string(20000, 'a') + "é";
    const Document document = Document::fromBytes(text);
    uint64_t codepoint = 0;
    for (size_t byte = 0; byte <= text.size(); ++byte) {
        if (byte < text.size() && (static_cast<unsigned char>(text[byte]) & 0xC0) == 0x80) continue;
        if (document.codepointOffset(byte) != codepoint || document.byteOffset(codepoint) != byte) {
            FAIL("byte ", byte, " and code point ", codepoint, " do not convert both ways");
        }
        ++codepoint;
    }
    CHECK(document.codepointCount() == 40001);
}

TEST_CASE("document: a byte order mark is dropped from the text and reported") {
    const Document document = Document::fromBytes("\xEF\xBB\xBFHello");
    CHECK(document.hadByteOrderMark());
    CHECK(document.utf8() == "Hello");
    CHECK(document.codepointCount() == 5);
    CHECK(document.fileSize() == 8);
}

TEST_CASE("document: CRLF line endings are kept and lines are indexed") {
    const Document document = Document::fromBytes("one\r\ntwo\r\n\r\nfour");
    CHECK(document.utf8() == "one\r\ntwo\r\n\r\nfour");
    CHECK(document.codepointCount() == 16);
    REQUIRE(document.lineCount() == 4);
    CHECK(document.lineStart(1) == 5);
    CHECK(document.lineStart(3) == 12);
    CHECK(document.lineOfByte(6) == 1);
    CHECK(document.lineEnd(0) == 5);
}

TEST_CASE("document: words ignore lone punctuation; pages follow form feeds") {
    const Document document =
        Document::fromBytes("Leadership — for all.\n\n“Why?” she asked.\fPage two 2022");
    CHECK(document.wordCount() == 9); // the dash alone is not a word
    CHECK(document.pageCount() == 2);
}

TEST_CASE("document: invalid UTF-8 is refused at its first bad byte") {
    try {
        (void)Document::fromBytes("The \x93quoted\x94 text");
        FAIL("invalid UTF-8 was accepted");
    } catch (const gloss::annotations::FormatError& e) {
        CHECK(e.where() == "byte 4");
        CHECK(std::string(e.what()).find("--encoding windows-1252") != std::string::npos);
    }
}

TEST_CASE("document: binary data is refused as not a text report, without the Windows-1252 advice") {
    const std::string elf("\x7f"
                          "ELF\x02\x01\x01\0\0\0\0\0\0\0\0\0\x03\0\x3e\0\x01\0\0\0\xf0",
                          25);
    std::string noisy(400, 'a'); // no NUL, but every fourth byte a control character, and one bad byte
    for (size_t i = 0; i < noisy.size(); i += 4) noisy[i] = '\x02';
    noisy[5] = '\xff';
    for (const std::string& bytes : {elf, noisy}) {
        try {
            (void)Document::fromBytes(bytes);
            FAIL("binary data was accepted");
        } catch (const gloss::annotations::FormatError& e) {
            CHECK(std::string(e.what()).find("not a text report") != std::string::npos);
            CHECK(std::string(e.what()).find("--encoding") == std::string::npos);
        }
    }
    // Valid UTF-8 with a NUL byte is text with a control character in it.
    CHECK(Document::fromBytes(std::string("a\0b\n", 4)).utf8().size() == 4);
    CHECK(!gloss::core::looksBinary("The \x93quoted\x94 text\r\n\tcaf\xE9\f"));
}

TEST_CASE("document: Windows-1252 is decoded when asked for, and recorded") {
    const Document document =
        Document::fromBytes("The \x93quoted\x94 text \x80 caf\xE9", Encoding::Windows1252);
    CHECK(document.utf8() == "The “quoted” text € café");
    CHECK(document.encoding() == Encoding::Windows1252);
    CHECK(gloss::core::describeReport(document).encoding == "windows-1252");
}

TEST_CASE("document: loading reads the file and leaves it unchanged") {
    const gloss::test::TempDir dir;
    const auto path = dir.write("report.txt", "Some report text.\n");
    const auto before = std::filesystem::last_write_time(path);
    const Document document = gloss::core::loadReport(path, Encoding::Utf8);
    CHECK(document.name() == "report.txt");
    CHECK(std::filesystem::last_write_time(path) == before);
    CHECK(gloss::test::readText(path) == "Some report text.\n");
}

TEST_CASE("document: the sha256 is that of the file's bytes") {
    // Known vector: SHA-256("abc").
    CHECK(Document::fromBytes("abc").sha256() ==
          "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST_CASE("document: Markdown '#' lines of a text report are its headings, at their levels") {
    const std::string text = "# Leading Together\r\n"
                             "Intro with a # inside.\n"
                             "## 7.3 Pay gaps ##\n"
                             "   ### Indented three\n"
                             "    # four spaces is code\n"
                             "#hashtag is not a heading\n"
                             "####### seven is too many\n"
                             "#\n"
                             "###### Six";
    const auto document = Document::fromBytes(text);
    std::vector<std::pair<std::string, uint32_t>> outline;
    for (const auto& h : document.headings())
        outline.emplace_back(text.substr(h.start, h.end - h.start), h.level);
    CHECK(outline == std::vector<std::pair<std::string, uint32_t>>{
                         {"Leading Together", 1}, {"7.3 Pay gaps", 2}, {"Indented three", 3}, {"Six", 6}});
    CHECK(Document::fromBytes("No headings here.\n").headings().empty());
}
