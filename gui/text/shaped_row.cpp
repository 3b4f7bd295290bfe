// Shaping a row: bidi runs, split by script and font, shaped by HarfBuzz and
// laid out from the left; carets through the shaped clusters.

#include "text/shaped_row.hpp"

#include "gloss/annotations/utf8.hpp"
#include "text/bidi.hpp"

#include <algorithm>
#include <cmath>
#include <harfbuzz/hb.h>

namespace gloss::gui::text {

namespace {

// A stretch of code points [first, last) in one script and font.
struct Segment {
    size_t first = 0;
    size_t last = 0;
    int font = 0;
    hb_script_t script = HB_SCRIPT_COMMON;
};

bool inheritsScript(hb_script_t script) {
    return script == HB_SCRIPT_COMMON || script == HB_SCRIPT_INHERITED || script == HB_SCRIPT_UNKNOWN;
}

bool joinsPrevious(uint32_t c) {
    if (isIgnorable(c)) return true;
    const auto category = hb_unicode_general_category(hb_unicode_funcs_get_default(), c);
    return category == HB_UNICODE_GENERAL_CATEGORY_NON_SPACING_MARK ||
           category == HB_UNICODE_GENERAL_CATEGORY_SPACING_MARK ||
           category == HB_UNICODE_GENERAL_CATEGORY_ENCLOSING_MARK;
}

// Splits [first, last) into runs of one script (common characters such as
// spaces, digits and punctuation join the script around them), each in the
// first font that has all of it, or character by character in the fonts
// that have them when none does (marks and joiners stay with their base).
std::vector<Segment> itemize(FontStack& fonts, const std::vector<uint32_t>& cps, size_t first, size_t last) {
    std::vector<Segment> segments;
    hb_unicode_funcs_t* unicode = hb_unicode_funcs_get_default();
    std::vector<hb_script_t> scripts(last - first, HB_SCRIPT_COMMON);
    hb_script_t current = HB_SCRIPT_COMMON;
    for (size_t i = first; i < last; ++i) {
        const hb_script_t script = hb_unicode_script(unicode, cps[i]);
        if (!inheritsScript(script)) current = script;
        scripts[i - first] = current;
    }
    // Common characters before the first script take it.
    for (size_t i = last - first; i > 0; --i)
        if (scripts[i - 1] == HB_SCRIPT_COMMON && i < scripts.size()) scripts[i - 1] = scripts[i];
    for (size_t i = first; i < last;) {
        size_t j = i + 1;
        while (j < last && scripts[j - first] == scripts[i - first]) ++j;
        const hb_script_t script = scripts[i - first];
        if (const int runFont = fonts.fontForRun({cps.data() + i, j - i}); runFont >= 0) {
            segments.push_back({i, j, runFont, script});
        } else {
            int previous = 0;
            for (size_t k = i; k < j; ++k) {
                int font = k > i && joinsPrevious(cps[k]) ? previous : fonts.fontFor(cps[k]);
                if (font < 0) font = 0; // drawn as a box: .notdef of the first font
                if (!segments.empty() && segments.back().last == k && segments.back().font == font &&
                    segments.back().script == script)
                    segments.back().last = k + 1;
                else
                    segments.push_back({k, k + 1, font, script});
                previous = font;
            }
        }
        i = j;
    }
    return segments;
}

// Shapes one segment; `rtl` gives the direction. Glyphs come back in visual
// order, clusters as document bytes.
hb_buffer_t* shapeSegment(FontStack& fonts, std::string_view text, const std::vector<size_t>& bytes,
                          const Segment& segment, bool rtl, size_t contextStart, size_t contextEnd) {
    hb_buffer_t* buffer = hb_buffer_create();
    // The whole row as context, so that letters join across a font change.
    hb_buffer_add_utf8(buffer, text.data() + contextStart, static_cast<int>(contextEnd - contextStart),
                       static_cast<unsigned>(bytes[segment.first] - contextStart),
                       static_cast<int>(bytes[segment.last] - bytes[segment.first]));
    hb_buffer_set_direction(buffer, rtl ? HB_DIRECTION_RTL : HB_DIRECTION_LTR);
    hb_buffer_set_script(buffer, segment.script);
    hb_buffer_guess_segment_properties(buffer);
    hb_shape(fonts.font(segment.font).shaper, buffer, nullptr, 0);
    return buffer;
}

// Appends a shaped segment at `pen` as one piece.
void place(hb_buffer_t* buffer, const Segment& segment, const std::vector<uint32_t>& cps,
           const std::vector<size_t>& bytes, size_t contextStart, bool rtl, float tabWidth, float& pen,
           ShapedRow& row) {
    unsigned count = 0;
    const hb_glyph_info_t* infos = hb_buffer_get_glyph_infos(buffer, &count);
    const hb_glyph_position_t* positions = hb_buffer_get_glyph_positions(buffer, nullptr);
    ShapedPiece piece{bytes[segment.first], bytes[segment.last], rtl, pen, pen, {}};
    struct Cluster {
        size_t byte;
        float left, right;
    };
    std::vector<Cluster> clusters;
    for (unsigned i = 0; i < count; ++i) {
        const size_t byte = contextStart + infos[i].cluster;
        const auto cp =
            static_cast<size_t>(std::lower_bound(bytes.begin(), bytes.end(), byte) - bytes.begin());
        const uint32_t c = cp < cps.size() ? cps[cp] : 0;
        ShapedGlyph glyph;
        glyph.x = pen + static_cast<float>(positions[i].x_offset) / 64.0f;
        glyph.y = -static_cast<float>(positions[i].y_offset) / 64.0f;
        glyph.advance = c == '\t' ? tabWidth : static_cast<float>(positions[i].x_advance) / 64.0f;
        glyph.glyph = infos[i].codepoint;
        glyph.font = static_cast<int16_t>(segment.font);
        glyph.blank = c == '\t';
        glyph.missing = !glyph.blank && glyph.glyph == 0; // .notdef: no font has it
        glyph.codepoint = c;
        if (clusters.empty() || clusters.back().byte != byte)
            clusters.push_back({byte, pen, pen + glyph.advance});
        else
            clusters.back().right = pen + glyph.advance;
        pen += glyph.advance;
        row.glyphs.push_back(glyph);
    }
    piece.right = pen;
    std::sort(clusters.begin(), clusters.end(),
              [](const Cluster& a, const Cluster& b) { return a.byte < b.byte; });
    // A caret stop before each code point: those inside a cluster (a
    // ligature, a conjunct) share its width by the base characters before
    // them, so a mark's stop is where its base ends.
    for (size_t k = 0; k < clusters.size(); ++k) {
        const Cluster& cluster = clusters[k];
        const size_t clusterEnd = k + 1 < clusters.size() ? clusters[k + 1].byte : piece.end;
        const auto first =
            static_cast<size_t>(std::lower_bound(bytes.begin(), bytes.end(), cluster.byte) - bytes.begin());
        const auto last =
            static_cast<size_t>(std::lower_bound(bytes.begin(), bytes.end(), clusterEnd) - bytes.begin());
        const auto bases = std::max<size_t>(
            1, static_cast<size_t>(std::count_if(cps.begin() + static_cast<long>(first),
                                                 cps.begin() + static_cast<long>(last),
                                                 [](uint32_t c) { return !joinsPrevious(c); })));
        size_t before = 0;
        for (size_t cp = first; cp < last; ++cp) {
            const float share =
                (cluster.right - cluster.left) * static_cast<float>(before) / static_cast<float>(bases);
            piece.stops.push_back({bytes[cp], rtl ? cluster.right - share : cluster.left + share});
            if (!joinsPrevious(cps[cp])) ++before;
        }
    }
    piece.stops.push_back({piece.end, rtl ? piece.left : piece.right});
    row.pieces.push_back(std::move(piece));
}

void shapeSimple(FontStack& fonts, const std::vector<uint32_t>& cps, const std::vector<size_t>& bytes,
                 float tabWidth, ShapedRow& row) {
    ShapedPiece piece{row.start, row.end, false, 0, 0, {}};
    float pen = 0;
    for (size_t i = 0; i < cps.size(); ++i) {
        const FontStack::SimpleGlyph& simple = fonts.simple(cps[i]);
        ShapedGlyph glyph;
        glyph.x = pen;
        glyph.glyph = simple.glyph;
        glyph.blank = cps[i] == '\t';
        glyph.advance = glyph.blank ? tabWidth : simple.advance;
        glyph.missing = !glyph.blank && simple.glyph == 0;
        glyph.codepoint = cps[i];
        piece.stops.push_back({bytes[i], pen});
        pen += glyph.advance;
        row.glyphs.push_back(glyph);
    }
    piece.right = pen;
    piece.stops.push_back({row.end, pen});
    row.pieces.push_back(std::move(piece));
    row.width = pen;
}

// The piece showing the caret before `byte`: the one it starts a cluster
// of, else the one it ends.
const ShapedPiece* pieceOf(const std::vector<ShapedPiece>& pieces, size_t byte) {
    for (const ShapedPiece& piece : pieces)
        if (piece.start <= byte && byte < piece.end) return &piece;
    for (const ShapedPiece& piece : pieces)
        if (piece.end == byte) return &piece;
    return nullptr;
}

float xInPiece(const ShapedPiece& piece, size_t byte) {
    // Stops are at every code point; the document's offsets always are too.
    const auto after = std::upper_bound(piece.stops.begin(), piece.stops.end(), byte,
                                        [](size_t b, const CaretStop& stop) { return b < stop.byte; });
    return after == piece.stops.begin() ? piece.stops.front().x : (after - 1)->x;
}

} // namespace

void decodeRange(std::string_view text, size_t start, size_t end, std::vector<uint32_t>& codepoints,
                 std::vector<size_t>& bytes) {
    codepoints.clear();
    bytes.clear();
    const std::string_view range = text.substr(0, end);
    for (size_t at = start; at < end;) {
        bytes.push_back(at);
        codepoints.push_back(annotations::utf8::decode(range, at));
    }
    bytes.push_back(end);
}

bool isSimpleText(FontStack& fonts, std::string_view text) {
    for (size_t at = 0; at < text.size();) {
        if (text.size() - at >= 8 && annotations::utf8::eightBytesAscii(text.data() + at)) {
            at += 8;
            continue;
        }
        const uint32_t c = annotations::utf8::decode(text, at);
        if (!FontStack::isSimple(c) || (c >= 0x20 && c != 0x7F && fonts.simple(c).glyph == 0)) return false;
    }
    return true;
}

ShapedRow shapeRow(FontStack& fonts, std::string_view text, size_t start, size_t end, bool rtlParagraph,
                   bool simple, float tabWidth) {
    ShapedRow row;
    row.start = start;
    row.end = end;
    row.rtl = rtlParagraph;
    std::vector<uint32_t> cps;
    std::vector<size_t> bytes;
    decodeRange(text, start, end, cps, bytes);
    if (simple) {
        shapeSimple(fonts, cps, bytes, tabWidth, row);
        return row;
    }
    float pen = 0;
    for (const LevelRun& run : visualRuns(cps, rtlParagraph)) {
        std::vector<Segment> segments = itemize(fonts, cps, run.first, run.last);
        if (run.rtl()) std::reverse(segments.begin(), segments.end());
        for (const Segment& segment : segments) {
            hb_buffer_t* buffer = shapeSegment(fonts, text, bytes, segment, run.rtl(), start, end);
            place(buffer, segment, cps, bytes, start, run.rtl(), tabWidth, pen, row);
            hb_buffer_destroy(buffer);
        }
    }
    if (row.pieces.empty()) row.pieces.push_back({start, end, rtlParagraph, 0, 0, {{end, 0}}});
    row.width = pen;
    return row;
}

void measureClusters(FontStack& fonts, std::string_view text, size_t start, size_t end, bool simple,
                     float tabWidth, std::vector<float>& advances) {
    advances.assign(end - start, -1.0f);
    std::vector<uint32_t> cps;
    std::vector<size_t> bytes;
    decodeRange(text, start, end, cps, bytes);
    if (simple) {
        for (size_t i = 0; i < cps.size(); ++i)
            advances[bytes[i] - start] = cps[i] == '\t' ? tabWidth : fonts.simple(cps[i]).advance;
        return;
    }
    if (cps.empty()) return;
    // In logical order: the advances of a run do not depend on where bidi puts it.
    for (const Segment& segment : itemize(fonts, cps, 0, cps.size())) {
        const bool rtl = hb_script_get_horizontal_direction(segment.script) == HB_DIRECTION_RTL;
        hb_buffer_t* buffer = shapeSegment(fonts, text, bytes, segment, rtl, start, end);
        unsigned count = 0;
        const hb_glyph_info_t* infos = hb_buffer_get_glyph_infos(buffer, &count);
        const hb_glyph_position_t* positions = hb_buffer_get_glyph_positions(buffer, nullptr);
        for (unsigned i = 0; i < count; ++i) {
            const size_t at = infos[i].cluster;
            const bool tab = text[start + at] == '\t';
            float& advance = advances[at];
            advance = std::max(advance, 0.0f) +
                      (tab ? tabWidth : static_cast<float>(positions[i].x_advance) / 64.0f);
        }
        hb_buffer_destroy(buffer);
    }
}

float ShapedRow::xOf(size_t byte) const {
    const ShapedPiece* piece = pieceOf(pieces, std::clamp(byte, start, end));
    return piece ? xInPiece(*piece, std::clamp(byte, start, end)) : 0;
}

size_t ShapedRow::hitTest(float x) const {
    if (pieces.empty()) return start;
    const ShapedPiece* piece = &pieces.back();
    for (const ShapedPiece& p : pieces)
        if (x < p.right) {
            piece = &p;
            break;
        }
    // Of stops at the same place (a base and its marks), the last: after the marks.
    const CaretStop* nearest = &piece->stops.front();
    for (const CaretStop& stop : piece->stops)
        if (std::fabs(stop.x - x) <= std::fabs(nearest->x - x)) nearest = &stop;
    return nearest->byte;
}

std::vector<std::pair<float, float>> ShapedRow::extents(size_t from, size_t to) const {
    std::vector<std::pair<float, float>> out;
    for (const ShapedPiece& piece : pieces) {
        const size_t a = std::max(from, piece.start), b = std::min(to, piece.end);
        if (a >= b) continue;
        const float x0 = xInPiece(piece, a), x1 = xInPiece(piece, b);
        const float left = std::min(x0, x1), right = std::max(x0, x1);
        if (!out.empty() && std::fabs(out.back().second - left) < 0.5f)
            out.back().second = right;
        else
            out.emplace_back(left, right);
    }
    return out;
}

std::optional<size_t> ShapedRow::visualStep(size_t byte, int direction) const {
    const float from = xOf(byte);
    const CaretStop* best = nullptr;
    for (const ShapedPiece& piece : pieces)
        for (const CaretStop& stop : piece.stops) {
            const float ahead = (stop.x - from) * static_cast<float>(direction);
            if (ahead < 0.01f) continue;
            const float bestAhead = best ? (best->x - from) * static_cast<float>(direction) : 0;
            // The nearest place; of those there, the last in the text (after the marks).
            if (!best || ahead < bestAhead - 0.01f ||
                (std::fabs(ahead - bestAhead) <= 0.01f && stop.byte > best->byte))
                best = &stop;
        }
    if (!best) return std::nullopt;
    return best->byte;
}

const ShapedGlyph* ShapedRow::boxAt(float x) const {
    for (const ShapedGlyph& glyph : glyphs)
        if (glyph.missing && x >= glyph.x && x < glyph.x + glyph.advance) return &glyph;
    return nullptr;
}

void ShapedRow::shift(float dx) {
    for (ShapedGlyph& glyph : glyphs) glyph.x += dx;
    for (ShapedPiece& piece : pieces) {
        piece.left += dx;
        piece.right += dx;
        for (CaretStop& stop : piece.stops) stop.x += dx;
    }
}

} // namespace gloss::gui::text
