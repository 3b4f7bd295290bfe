#pragma once

#include "gloss/annotations/report_text.hpp"
#include "gloss/annotations/utf8.hpp"

#include <string>

namespace gloss::test {

// A report for annotation tests: conversions by scanning, so the tests of
// annotations/ do not depend on core's index.
class PlainText final : public annotations::ReportText {
  public:
    explicit PlainText(std::string text) : text_(std::move(text)) {}
    std::string_view utf8() const override { return text_; }
    uint64_t codepointCount() const override { return annotations::utf8::countCodepoints(text_); }
    size_t byteOffset(uint64_t codepoint) const override {
        return annotations::utf8::advanceCodepoints(text_, 0, codepoint);
    }
    uint64_t codepointOffset(size_t byte) const override {
        return annotations::utf8::countCodepoints(std::string_view(text_).substr(0, byte));
    }

  private:
    std::string text_;
};

} // namespace gloss::test
