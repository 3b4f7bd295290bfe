// Report text from the blocks of a document tree (DOCX paragraphs, HTML
// block elements): blocks separated by a blank line, lines inside a block by
// a line feed, and runs of white space in flowing text collapsed to one space.
#pragma once

#include <gloss/plugin.h>
#include <string>
#include <string_view>
#include <vector>

namespace gloss::sources {

class BlockText {
  public:
    // The text from here to endHeading() is the title of a heading of
    // `level` (1 to 6); a heading without text is dropped.
    void beginHeading(uint32_t level);
    void endHeading();
    // Flowing text: white space runs become one space, none at a line start.
    void flowing(std::string_view text);
    // Text kept exactly as it is (preformatted text, a tab between cells).
    void verbatim(std::string_view text);
    void endLine();  // the next text starts a new line
    void endBlock(); // the next text starts a new block, after a blank line
    // The text, ending with one line feed (empty when there was none).
    std::string finish();
    // The headings, in text order; valid after finish().
    const std::vector<gloss_heading>& headings() const { return headings_; }

  private:
    void flushBreak();
    void startText(); // before a character: owed breaks, and a heading's start

    std::string text_;
    int pendingBreak_ = 0; // line feeds owed before the next text: 0, 1 or 2
    bool pendingSpace_ = false;
    uint32_t headingLevel_ = 0; // inside a heading
    size_t headingStart_ = std::string::npos;
    std::vector<gloss_heading> headings_;
};

} // namespace gloss::sources
