// pdf: the text of PDF reports, read with poppler (poppler-cpp) in reading
// order, as pdftotext writes it: each page's text followed by a form feed,
// and each page a page of the report (an empty page is just its form feed).

#include "extractors.hpp"
#include "pdf_streams.hpp"
#include "source_plugin.hpp"

#include <climits>
#include <gloss/limits.hpp>
#include <gloss/plugin.hpp>
#include <memory>
#include <poppler-document.h>
#include <poppler-global.h>
#include <poppler-page.h>
#include <poppler-version.h>

namespace gloss::sources {

namespace {

namespace limits = gloss::limits;

// poppler reports problems through one process-wide function; the last
// message explains a file it could not open. Calls into one plugin never
// run at once, so a plain string is enough.
std::string lastPopplerMessage;

void keepPopplerMessage(const std::string& message, void*) {
    lastPopplerMessage = message;
}

// Fonts draw "fi", "fl", ... as one glyph, which poppler returns as the
// presentation form (U+FB00-FB06, "\xEF\xAC\x80".."\x86"); the report text
// gets the letters, so that "final" finds "\uFB01nal".
void appendWithoutLigatures(std::string& out, std::string_view text) {
    static constexpr std::string_view kLetters[] = {"ff", "fi", "fl", "ffi", "ffl", "st", "st"};
    for (size_t at = 0;;) {
        const size_t found = text.find("\xEF\xAC", at);
        if (found == std::string_view::npos || found + 2 >= text.size()) {
            out.append(text.substr(at));
            return;
        }
        const auto last = static_cast<unsigned char>(text[found + 2]);
        out.append(text.substr(at, found - at));
        if (last >= 0x80 && last <= 0x86)
            out.append(kLetters[last - 0x80]);
        else
            out.append(text.substr(found, 3));
        at = found + 3;
    }
}

} // namespace

Extracted extractPdf(std::string_view bytes) {
    if (bytes.size() > static_cast<size_t>(INT_MAX)) throw plugin::Failure("PDF larger than 2 GiB");
    checkPdfContentSize(bytes);
    lastPopplerMessage.clear();
    std::unique_ptr<poppler::document> document(
        poppler::document::load_from_raw_data(bytes.data(), static_cast<int>(bytes.size())));
    if (!document) {
        // poppler says "encrypted" only through its message; a locked file
        // it could open is handled below.
        throw plugin::Failure("damaged PDF: poppler cannot read it" +
                              (lastPopplerMessage.empty() ? std::string() : " (" + lastPopplerMessage + ")"));
    }
    if (document->is_locked())
        throw plugin::Failure("encrypted PDF: it needs a password to open; save a copy without one");

    Extracted extracted;
    const int pages = document->pages();
    if (pages <= 0) throw plugin::Failure("damaged PDF: it has no pages");
    bool anyText = false;
    const uint64_t textLimit = limits::valueOf(limits::kPdfTextBytes);
    for (int i = 0; i < pages; ++i) {
        extracted.pageStarts.push_back(extracted.text.size());
        const std::unique_ptr<poppler::page> page(document->create_page(i));
        if (page) {
            const poppler::byte_array utf8 =
                page->text(poppler::rectf(), poppler::page::non_raw_non_physical_layout).to_utf8();
            const size_t pageStart = extracted.text.size();
            if (pageStart + utf8.size() > textLimit)
                throw plugin::Failure("page " + std::to_string(i + 1) + ": " +
                                      limits::exceeded(limits::kPdfTextBytes));
            appendWithoutLigatures(extracted.text, std::string_view(utf8.data(), utf8.size()));
            anyText =
                anyText || extracted.text.find_first_not_of(" \t\r\n\f", pageStart) != std::string::npos;
        }
        // poppler ends a page's text with a form feed; one that did not gets one.
        if (extracted.text.empty() || extracted.text.back() != '\f') extracted.text += '\f';
    }
    if (!anyText)
        throw plugin::Failure("no text layer on any of its " + std::to_string(pages) +
                              " pages (a scan?); OCR first, e.g. with ocrmypdf");
    return extracted;
}

namespace {

void sendPopplerMessagesHere() {
    poppler::set_debug_error_function(keepPopplerMessage, nullptr);
}

const SourceSpec spec{"pdf",   "poppler",  poppler::version_string(), "pdf", "application/pdf",
                      "%PDF-", extractPdf, sendPopplerMessagesHere};

} // namespace

} // namespace gloss::sources

GLOSS_SOURCE_PLUGIN(gloss::sources::spec, "pdf", "PDF reports",
                    "Opens .pdf reports with poppler: the text in reading order, page by page.")
