#include "segments_export.hpp"

#include "gloss/core/csv.hpp"

namespace gloss::gui {

namespace {

// Text and attribute values alike. The export plugin's HTML escapes the
// same way; plugins link only the SDK, so it has its own copy.
std::string escapeHtml(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (const char c : text) {
        switch (c) {
        case '&':
            out += "&amp;";
            break;
        case '<':
            out += "&lt;";
            break;
        case '>':
            out += "&gt;";
            break;
        case '"':
            out += "&quot;";
            break;
        case '\'':
            out += "&#39;";
            break;
        case '\0':
            out += "\xEF\xBF\xBD"; // U+FFFD, as an HTML parser would read it
            break;
        default:
            out += c;
        }
    }
    return out;
}

} // namespace

std::string codeLabels(const annotations::Codebook& codebook, const std::vector<std::string>& tags,
                       std::string_view separator) {
    std::string text;
    for (const std::string& id : tags) {
        const annotations::Tag* tag = codebook.find(id);
        if (!text.empty()) text += separator;
        text += tag ? tag->label : id;
    }
    return text;
}

std::string segmentsCsv(const std::vector<core::Segment>& segments, const annotations::Codebook& codebook) {
    std::string out;
    core::appendCsvRow(out,
                       {"report", "start", "end", "quote", "prefix", "suffix", "codes", "coder", "note"});
    for (const core::Segment& segment : segments) {
        const annotations::Annotation& a = segment.annotation;
        core::appendCsvRow(out, {segment.report, std::to_string(a.start), std::to_string(a.end), a.quote,
                                 a.prefix, a.suffix, codeLabels(codebook, a.tags, ";"), a.author, a.note});
    }
    return out;
}

std::string segmentsHtml(const std::string& title, const std::vector<core::Segment>& segments,
                         const annotations::Codebook& codebook) {
    std::string out = "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>" + escapeHtml(title) +
                      "</title>\n<style>body{font-family:sans-serif}table{border-collapse:collapse}"
                      "td,th{border:1px solid #ccc;padding:4px;vertical-align:top}.context{color:#777}"
                      "</style></head><body>\n<h1>" +
                      escapeHtml(title) + "</h1>\n<p>" + std::to_string(segments.size()) +
                      " segments</p>\n<table>\n<tr><th>Report</th><th>Passage</th><th>Codes</th>"
                      "<th>Coder</th><th>Note</th></tr>\n";
    for (const core::Segment& segment : segments) {
        const annotations::Annotation& a = segment.annotation;
        out += "<tr><td>" + escapeHtml(segment.report) + "<br>" + std::to_string(a.start) + "-" +
               std::to_string(a.end) + "</td><td><span class=\"context\">" + escapeHtml(a.prefix) +
               "</span><strong>" + escapeHtml(a.quote) + "</strong><span class=\"context\">" +
               escapeHtml(a.suffix) + "</span></td><td>" + escapeHtml(codeLabels(codebook, a.tags, ", ")) +
               "</td><td>" + escapeHtml(a.author) + "</td><td>" + escapeHtml(a.note) + "</td></tr>\n";
    }
    out += "</table>\n</body></html>\n";
    return out;
}

} // namespace gloss::gui
