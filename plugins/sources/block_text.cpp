#include "block_text.hpp"

#include <algorithm>

namespace gloss::sources {

namespace {

bool isSpace(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

} // namespace

void BlockText::flushBreak() {
    if (pendingBreak_ > 0 && !text_.empty()) text_.append(static_cast<size_t>(pendingBreak_), '\n');
    pendingBreak_ = 0;
}

void BlockText::startText() {
    flushBreak();
    if (headingLevel_ > 0 && headingStart_ == std::string::npos) headingStart_ = text_.size();
}

void BlockText::beginHeading(uint32_t level) {
    endHeading();
    headingLevel_ = level;
}

void BlockText::endHeading() {
    size_t end = text_.size();
    while (end > headingStart_ && isSpace(text_[end - 1])) --end;
    if (headingLevel_ > 0 && headingStart_ != std::string::npos && end > headingStart_)
        headings_.push_back({headingStart_, end, headingLevel_});
    headingLevel_ = 0;
    headingStart_ = std::string::npos;
}

void BlockText::flowing(std::string_view text) {
    for (const char c : text) {
        if (isSpace(c)) {
            pendingSpace_ = pendingBreak_ == 0 && !text_.empty() && !isSpace(text_.back());
            continue;
        }
        flushBreak();
        if (pendingSpace_) text_ += ' ';
        pendingSpace_ = false;
        startText();
        text_ += c;
    }
}

void BlockText::verbatim(std::string_view text) {
    if (text.empty()) return;
    startText();
    pendingSpace_ = false;
    text_ += text;
}

void BlockText::endLine() {
    pendingBreak_ = std::max(pendingBreak_, 1);
    pendingSpace_ = false;
}

void BlockText::endBlock() {
    pendingBreak_ = 2;
    pendingSpace_ = false;
}

std::string BlockText::finish() {
    endHeading();
    while (!text_.empty() && isSpace(text_.back())) text_.pop_back();
    if (!text_.empty()) text_ += '\n';
    pendingBreak_ = 0;
    pendingSpace_ = false;
    return std::move(text_);
}

} // namespace gloss::sources
