// How much a PDF's streams inflate to, measured before poppler reads them:
// poppler's text layout takes about 45 bytes of memory per byte of page
// content, so a content stream that deflate shrank 1:300 could take many
// gigabytes from a small file.
#pragma once

#include <cstdint>
#include <string_view>

namespace gloss::sources {

// Throws plugin::Failure when the streams of `pdf` that are neither images
// nor embedded fonts (which poppler's text extraction does not lay out)
// decode to more than limits.hpp's kPdfContentBytes in all, under Flate,
// LZW, RunLength, ASCII85 and ASCIIHex, alone or after ASCII ones. Streams
// whose size cannot be measured so (another filter, one named indirectly, two
// that expand in a row) are refused too. Streams are found by their `stream`
// keyword, so an object stream's content is counted too.
void checkPdfContentSize(std::string_view pdf);

} // namespace gloss::sources
