#include "segments_export.hpp"

#include "gloss/core/csv.hpp"

#include <gloss/html.hpp>

namespace gloss::gui {

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
    std::string out = "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>" +
                      html::htmlEscaped(title) +
                      "</title>\n<style>body{font-family:sans-serif}table{border-collapse:collapse}"
                      "td,th{border:1px solid #ccc;padding:4px;vertical-align:top}.context{color:#777}"
                      "</style></head><body>\n<h1>" +
                      html::htmlEscaped(title) + "</h1>\n<p>" + std::to_string(segments.size()) +
                      " segments</p>\n<table>\n<tr><th>Report</th><th>Passage</th><th>Codes</th>"
                      "<th>Coder</th><th>Note</th></tr>\n";
    for (const core::Segment& segment : segments) {
        const annotations::Annotation& a = segment.annotation;
        out += "<tr><td>" + html::htmlEscaped(segment.report) + "<br>" + std::to_string(a.start) + "-" +
               std::to_string(a.end) + "</td><td><span class=\"context\">" + html::htmlEscaped(a.prefix) +
               "</span><strong>" + html::htmlEscaped(a.quote) + "</strong><span class=\"context\">" +
               html::htmlEscaped(a.suffix) + "</span></td><td>" +
               html::htmlEscaped(codeLabels(codebook, a.tags, ", ")) + "</td><td>" +
               html::htmlEscaped(a.author) + "</td><td>" + html::htmlEscaped(a.note) + "</td></tr>\n";
    }
    out += "</table>\n</body></html>\n";
    return out;
}

} // namespace gloss::gui
