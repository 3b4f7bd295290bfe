// html: one self-contained page: the report with its annotations highlighted
// in codebook colours, a legend with counts per tag, notes as footnotes (and
// as title tooltips), and the annotations not found in the report.
//
// Safety: every string from the file or the report is HTML-escaped (& < > "
// '), colours are used only when they are "#rrggbb", the page carries a
// Content-Security-Policy that forbids everything but inline style, and there
// is no script at all.
//
// Directions: every string a user wrote (tag labels, notes, quotes, authors,
// the report's name) is isolated in <bdi>, or is a paragraph of its own with
// dir="auto", so that an Arabic author's name cannot reorder the date beside
// it; each line of the report takes its own direction (unicode-bidi:plaintext).
//
// Overlaps: the text is cut at every start and end of an annotation, and each
// piece is wrapped in one <mark> per (annotation, tag) covering it. Each of
// those gets a lane, so that its underline sits at the same depth along its
// whole length and overlapping ones stack; the tinted backgrounds blend.

#include "annotation_file.hpp"
#include "host.hpp"
#include "text.hpp"

#include <algorithm>
#include <map>

namespace gloss_export {

namespace {

// [SECTION] Model of the page

constexpr size_t kTitleCodepoints = 200;
constexpr size_t kQuoteCodepoints = 300;
constexpr size_t kLanePixels = 3;
constexpr size_t kDrawnLanes = 8; // deeper overlaps share the last lane's underline
constexpr size_t kEscapeChunk = 1 << 16;

struct TagClass {
    std::string id;
    std::string label;
    std::string color;
    size_t count = 0; // annotations with this tag
};

// One (annotation, tag) drawn over bytes [start, end) of the report.
struct Layer {
    size_t start = 0;
    size_t end = 0;
    size_t annotation = 0;
    size_t tagClass = 0;
    size_t lane = 0;
};

struct FootnoteRef {
    size_t end = 0; // byte after the annotation
    size_t number = 0;
};

struct Page {
    std::vector<TagClass> classes;
    std::vector<Layer> layers;       // sorted by start, then longest first
    std::vector<FootnoteRef> refs;   // sorted by end
    std::vector<size_t> noteNumber;  // per annotation; 0 when it has no footnote (no note, or not placed)
    std::vector<bool> placed;        // per annotation: found in the report
    std::vector<std::string> titles; // per annotation, escaped
    size_t lanes = 0;
};

bool isPlaced(const Record& record, uint64_t codepoints) {
    return record.status != "orphaned" && record.start < record.end && record.end <= codepoints;
}

// The tags that annotations use, codebook ones first in codebook order; a
// last class "(no tag)" when some annotation has none.
std::vector<TagClass> tagClasses(const AnnotationFile& file,
                                 std::map<std::string, size_t, std::less<>>& index) {
    std::map<std::string, size_t, std::less<>> counts;
    std::vector<std::string> firstSeen;
    size_t untagged = 0;
    for (const Record& record : file.annotations) {
        untagged += record.tags.empty();
        for (const std::string& tag : record.tags)
            if (counts[tag]++ == 0) firstSeen.push_back(tag);
    }
    std::vector<TagClass> classes;
    const auto add = [&](const std::string& id, std::string label, std::string color) {
        index[id] = classes.size();
        classes.push_back({id, std::move(label), std::move(color), counts[id]});
    };
    for (const Tag& tag : file.codebook)
        if (counts.contains(tag.id) && !index.contains(tag.id)) add(tag.id, tag.label, tag.color);
    for (const std::string& tag : firstSeen)
        if (!index.contains(tag)) add(tag, tag, paletteColor(tag));
    if (untagged > 0) classes.push_back({"", "(no tag)", "#888888", untagged});
    return classes;
}

std::string tagLabels(const Record& record, const AnnotationFile& file) {
    std::string labels;
    for (const std::string& tag : record.tags) {
        const Tag* known = file.findTag(tag);
        labels += (labels.empty() ? "" : ", ") + (known ? known->label : tag);
    }
    return labels;
}

// A user's string as HTML, escaped and isolated from the text around it.
std::string isolated(std::string_view text) {
    return "<bdi>" + htmlEscaped(text) + "</bdi>";
}

// The tooltip of an annotation's highlights, escaped.
std::string title(const Record& record, const AnnotationFile& file) {
    std::string text = record.tags.empty() ? "(no tag)" : tagLabels(record, file);
    if (!record.note.empty()) text += " — " + excerpt(record.note, kTitleCodepoints);
    if (!record.author.empty()) text += " (" + record.author + ")";
    return htmlEscaped(text);
}

Page buildPage(const Host& host, const AnnotationFile& file) {
    Page page;
    std::map<std::string, size_t, std::less<>> index;
    page.classes = tagClasses(file, index);
    const size_t untaggedClass = page.classes.size() - 1; // only used when that class exists
    page.noteNumber.assign(file.annotations.size(), 0);
    page.placed.assign(file.annotations.size(), false);
    size_t notes = 0;
    for (size_t i = 0; i < file.annotations.size(); ++i) {
        const Record& record = file.annotations[i];
        page.titles.push_back(title(record, file));
        if (!isPlaced(record, host.codepoints())) continue; // listed at the end instead
        page.placed[i] = true;
        if (!record.note.empty()) page.noteNumber[i] = ++notes;
        const size_t start = host.byteOffset(record.start);
        const size_t end = host.byteOffset(record.end);
        if (record.tags.empty()) page.layers.push_back({start, end, i, untaggedClass});
        for (const std::string& tag : record.tags) page.layers.push_back({start, end, i, index.at(tag)});
        if (page.noteNumber[i]) page.refs.push_back({end, page.noteNumber[i]});
    }
    std::stable_sort(page.layers.begin(), page.layers.end(), [](const Layer& a, const Layer& b) {
        return a.start != b.start ? a.start < b.start : a.end > b.end;
    });
    std::stable_sort(page.refs.begin(), page.refs.end(),
                     [](const FootnoteRef& a, const FootnoteRef& b) { return a.end < b.end; });
    // Lanes: each layer takes the lowest lane free where it starts.
    std::vector<size_t> laneEnds;
    for (Layer& layer : page.layers) {
        const auto free =
            std::find_if(laneEnds.begin(), laneEnds.end(), [&](size_t end) { return end <= layer.start; });
        layer.lane = std::min(static_cast<size_t>(free - laneEnds.begin()), kDrawnLanes - 1);
        if (free == laneEnds.end())
            laneEnds.push_back(layer.end);
        else
            *free = layer.end;
    }
    page.lanes = std::min(laneEnds.size(), kDrawnLanes);
    return page;
}

// [SECTION] Writing

void writeEscaped(gloss::plugin::ByteWriter& out, std::string_view text) {
    std::string chunk;
    for (size_t at = 0; at < text.size() && !out.stopped(); at += kEscapeChunk) {
        chunk.clear();
        appendHtmlEscaped(chunk, text.substr(at, kEscapeChunk)); // bytewise, so any cut is safe
        out.write(chunk);
    }
}

// "#rrggbb" as a light tint for the background under text.
std::string tint(const std::string& color) {
    const auto channel = [&](size_t at) {
        return std::to_string(std::stoi(color.substr(at, 2), nullptr, 16));
    };
    return "rgba(" + channel(1) + "," + channel(3) + "," + channel(5) + ",.22)";
}

std::string styleSheet(const Page& page) {
    std::string css =
        "*{box-sizing:border-box}"
        "body{margin:0 auto;max-width:52rem;padding:1.5rem;font:16px/1.5 system-ui,sans-serif;color:#1a1a1a;"
        "background:#fff}"
        "h1{font-size:1.5rem;overflow-wrap:anywhere}h2{font-size:1.15rem;margin-top:2rem}"
        ".summary,.meta,.count,.legend code{color:#555}"
        ".legend ul{list-style:none;margin:0;padding:0;display:flex;flex-wrap:wrap;gap:.4rem 1.4rem}"
        ".swatch{display:inline-block;width:.9em;height:.9em;border-radius:2px;vertical-align:-.1em;"
        "margin-right:.35em}"
        ".report{white-space:pre-wrap;overflow-wrap:anywhere;unicode-bidi:plaintext;font-family:Georgia,"
        "serif;line-height:calc(1."
        "6em + " +
        std::to_string(page.lanes * kLanePixels) +
        "px)}"
        "mark{color:inherit;background:none;border-bottom:2px solid #888;padding:0}"
        "sup.ref{font-size:.7em;line-height:0}sup.ref a{text-decoration:none}"
        ".notes li{margin:.6rem 0}.note{white-space:pre-wrap;margin:.2rem "
        "0}.quote{font-style:italic;margin:0}"
        ".meta{font-size:.9em;margin:.2rem 0}";
    for (size_t lane = 0; lane < page.lanes; ++lane)
        css += "mark.l" + std::to_string(lane) + "{padding-bottom:" + std::to_string(1 + lane * kLanePixels) +
               "px}";
    for (size_t i = 0; i < page.classes.size(); ++i) {
        const std::string& color = page.classes[i].color;
        const std::string name = ".t" + std::to_string(i);
        css += "mark" + name + "{background-color:" + tint(color) + ";border-bottom-color:" + color + "}";
        css += ".swatch" + name + "{background:" + color + "}";
    }
    return css;
}

void writeHead(gloss::plugin::ByteWriter& out, const AnnotationFile& file, const Page& page) {
    out.write("<!doctype html>\n<html>\n<head>\n<meta charset=\"utf-8\">\n"
              "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
              "style-src 'unsafe-inline'\">\n"
              "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
              "<meta name=\"generator\" content=\"Gloss\">\n<title>");
    out.write(htmlEscaped(file.reportName) + " — annotations</title>\n<style>" + styleSheet(page) +
              "</style>\n</head>\n<body>\n");
}

void writeHeader(gloss::plugin::ByteWriter& out, const AnnotationFile& file, const Page& page) {
    const size_t placed = static_cast<size_t>(std::count(page.placed.begin(), page.placed.end(), true));
    std::string html = "<header>\n<h1 dir=\"auto\">" + htmlEscaped(file.reportName) +
                       "</h1>\n<p class=\"summary\">" + std::to_string(file.annotations.size()) +
                       " annotations";
    if (placed != file.annotations.size())
        html += ", " + std::to_string(file.annotations.size() - placed) + " of them not found in this report";
    html += ".</p>\n</header>\n<section class=\"legend\">\n<h2>Tags</h2>\n<ul>\n";
    for (size_t i = 0; i < page.classes.size(); ++i) {
        const TagClass& tag = page.classes[i];
        html += "<li><span class=\"swatch t" + std::to_string(i) + "\"></span>" + isolated(tag.label);
        if (!tag.id.empty() && tag.id != tag.label) html += " <code>" + isolated(tag.id) + "</code>";
        html += " <span class=\"count\">" + std::to_string(tag.count) + "</span></li>\n";
    }
    out.write(html + "</ul>\n</section>\n");
}

void writeReport(gloss::plugin::ByteWriter& out, std::string_view text, const Page& page) {
    std::vector<size_t> boundaries{text.size()};
    for (const Layer& layer : page.layers) boundaries.insert(boundaries.end(), {layer.start, layer.end});
    std::sort(boundaries.begin(), boundaries.end());
    boundaries.erase(std::unique(boundaries.begin(), boundaries.end()), boundaries.end());

    out.write("<main>\n<h2>Report</h2>\n<div class=\"report\" dir=\"auto\">");
    std::vector<const Layer*> active; // by lane
    size_t nextLayer = 0, nextRef = 0, at = 0;
    for (const size_t boundary : boundaries) {
        if (boundary > at) { // the piece [at, boundary), under every active layer
            std::string open, close;
            for (const Layer* layer : active) {
                open += "<mark class=\"t" + std::to_string(layer->tagClass) + " l" +
                        std::to_string(layer->lane) + "\" title=\"" + page.titles[layer->annotation] + "\">";
                close += "</mark>";
            }
            out.write(open);
            writeEscaped(out, text.substr(at, boundary - at));
            out.write(close);
            at = boundary;
        }
        std::erase_if(active, [&](const Layer* layer) { return layer->end <= boundary; });
        for (; nextRef < page.refs.size() && page.refs[nextRef].end <= boundary; ++nextRef) {
            const std::string number = std::to_string(page.refs[nextRef].number);
            out.write("<sup class=\"ref\" id=\"ref-" + number + "\"><a href=\"#note-" + number + "\">" +
                      number + "</a></sup>");
        }
        for (; nextLayer < page.layers.size() && page.layers[nextLayer].start <= boundary; ++nextLayer)
            active.push_back(&page.layers[nextLayer]);
        std::sort(active.begin(), active.end(),
                  [](const Layer* a, const Layer* b) { return a->lane < b->lane; });
        if (out.stopped()) return;
    }
    out.write("</div>\n</main>\n");
}

// One annotation as a list item: quote, note, then tags, author and date.
std::string describeAnnotation(const Record& record, const AnnotationFile& file) {
    std::string html =
        "<p class=\"quote\" dir=\"auto\">“" + isolated(excerpt(record.quote, kQuoteCodepoints)) + "”</p>";
    if (!record.note.empty()) html += "<p class=\"note\" dir=\"auto\">" + htmlEscaped(record.note) + "</p>";
    std::string meta;
    for (const std::string& part : {tagLabels(record, file), record.author, record.created})
        if (!part.empty()) meta += (meta.empty() ? "" : " · ") + isolated(part);
    if (!meta.empty()) html += "<p class=\"meta\">" + meta + "</p>";
    return html;
}

void writeNotes(gloss::plugin::ByteWriter& out, const AnnotationFile& file, const Page& page) {
    std::string notes, orphans;
    for (size_t i = 0; i < file.annotations.size(); ++i) {
        const Record& record = file.annotations[i];
        if (!page.placed[i]) {
            orphans += "<li>" + describeAnnotation(record, file) + "</li>\n";
        } else if (const size_t number = page.noteNumber[i]) {
            const std::string n = std::to_string(number);
            notes += "<li id=\"note-" + n + "\" value=\"" + n + "\">" + describeAnnotation(record, file) +
                     "<p class=\"meta\"><a href=\"#ref-" + n + "\">back to the text</a></p></li>\n";
        }
    }
    if (!notes.empty())
        out.write("<section class=\"notes\">\n<h2>Notes</h2>\n<ol>\n" + notes + "</ol>\n</section>\n");
    if (!orphans.empty())
        out.write("<section class=\"orphans\">\n<h2>Not found in this report</h2>\n<ul>\n" + orphans +
                  "</ul>\n</section>\n");
}

} // namespace

void exportHtml(const Host& host, std::string_view annotationsJson, gloss::plugin::ByteWriter& out) {
    const AnnotationFile file = readAnnotationFile(annotationsJson);
    const Page page = buildPage(host, file);
    writeHead(out, file, page);
    writeHeader(out, file, page);
    writeReport(out, host.text(), page);
    writeNotes(out, file, page);
    out.write("<footer class=\"meta\">Exported by Gloss.</footer>\n</body>\n</html>\n");
}

} // namespace gloss_export
