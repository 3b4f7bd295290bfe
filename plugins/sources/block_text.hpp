// Report text from the blocks of a document tree (DOCX paragraphs, HTML
// block elements): blocks separated by a blank line, lines inside a block by
// a line feed, and runs of white space in flowing text collapsed to one space.
#pragma once

#include <string>
#include <string_view>

namespace gloss::sources {

class BlockText {
  public:
    // Flowing text: white space runs become one space, none at a line start.
    void flowing(std::string_view text);
    // Text kept exactly as it is (preformatted text, a tab between cells).
    void verbatim(std::string_view text);
    void endLine();  // the next text starts a new line
    void endBlock(); // the next text starts a new block, after a blank line
    // The text, ending with one line feed (empty when there was none).
    std::string finish();

  private:
    void flushBreak();

    std::string text_;
    int pendingBreak_ = 0; // line feeds owed before the next text: 0, 1 or 2
    bool pendingSpace_ = false;
};

} // namespace gloss::sources
