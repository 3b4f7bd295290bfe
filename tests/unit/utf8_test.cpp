#include "gloss/annotations/utf8.hpp"

#include <doctest/doctest.h>
#include <gloss/excerpt.hpp>
#include <string>

using namespace gloss::annotations;

TEST_CASE("utf8: well-formed text has no invalid byte") {
    CHECK_FALSE(utf8::firstInvalidByte("").has_value());
    CHECK_FALSE(utf8::firstInvalidByte("plain ASCII that is longer than eight bytes").has_value());
    CHECK_FALSE(utf8::firstInvalidByte("Siobhán Ní Bhriain — “quoted” 😀").has_value());
}

TEST_CASE("utf8: the first ill-formed sequence is located by byte") {
    SUBCASE("a lone continuation byte") {
        CHECK(utf8::firstInvalidByte("abc\x80xyz") == 3u);
    }
    SUBCASE("a Windows-1252 curly quote") {
        CHECK(utf8::firstInvalidByte("0123456789\x93quote\x94") == 10u);
    }
    SUBCASE("a truncated sequence at the end") {
        CHECK(utf8::firstInvalidByte("ab\xE2\x80") == 2u);
    }
    SUBCASE("an overlong slash") {
        CHECK(utf8::firstInvalidByte("x\xC0\xAF") == 1u);
    }
    SUBCASE("an overlong three-byte form") {
        CHECK(utf8::firstInvalidByte("\xE0\x80\xAF") == 0u);
    }
    SUBCASE("a UTF-16 surrogate") {
        CHECK(utf8::firstInvalidByte("ok\xED\xA0\x80") == 2u);
    }
    SUBCASE("a value past U+10FFFF") {
        CHECK(utf8::firstInvalidByte("\xF4\x90\x80\x80") == 0u);
    }
    SUBCASE("a byte that never occurs") {
        CHECK(utf8::firstInvalidByte("\xFF") == 0u);
    }
}

TEST_CASE("utf8: code points are counted, not bytes") {
    CHECK(utf8::countCodepoints("abc") == 3);
    CHECK(utf8::countCodepoints("é") == 1);
    CHECK(utf8::countCodepoints("e\xCC\x81") == 2); // e + combining acute
    CHECK(utf8::countCodepoints("😀") == 1);
}

TEST_CASE("utf8: advancing and retreating stop on code-point boundaries") {
    const std::string text = "a😀é b";
    CHECK(utf8::advanceCodepoints(text, 0, 2) == 5);
    CHECK(utf8::advanceCodepoints(text, 0, 100) == text.size());
    CHECK(utf8::retreatCodepoints(text, 7, 2) == 1);
    CHECK(utf8::retreatCodepoints(text, 7, 100) == 0);
}

TEST_CASE("utf8: decode and append are inverse") {
    const std::string text = "Aé€😀";
    std::string rebuilt;
    for (size_t offset = 0; offset < text.size();) utf8::append(rebuilt, utf8::decode(text, offset));
    CHECK(rebuilt == text);
}

TEST_CASE(
    "excerpt: a value in a message is cut at a character, marked with an ellipsis, and stays one line") {
    CHECK(gloss::excerpt("short") == "\"short\"");
    CHECK(gloss::excerpt(std::string(1'000'000, 'a')) == "\"" + std::string(40, 'a') + "\u2026\"");
    // "é" (2 bytes) across byte 40 is left out whole, not cut in two.
    CHECK(gloss::excerpt(std::string(39, 'a') + "\u00e9tude") == "\"" + std::string(39, 'a') + "\u2026\"");
    CHECK(gloss::excerpt("a\nb\"c\\d\x01") == "\"a\\nb\\\"c\\\\d\\u0001\"");
    CHECK(gloss::excerpt("caf\xE9!") == "\"caf\uFFFD!\"");
    CHECK(gloss::cutForMessage(std::string(41, 'x')) == std::string(40, 'x') + "\u2026");
}
