#include "pdf_streams.hpp"

#include <array>
#include <gloss/limits.hpp>
#include <gloss/plugin.hpp>
#include <string>
#include <vector>
#include <zlib.h>

namespace gloss::sources {

namespace {

namespace limits = gloss::limits;

// How far before `stream` its dictionary is looked for.
constexpr size_t kDictionaryBytes = 2048;

// Whether the dictionary before a stream marks what text extraction does
// not lay out: images and embedded fonts.
bool isImageOrFont(std::string_view dictionary) {
    for (const std::string_view skipped :
         {"/Image", "/Length1", "/Length2", "/Type1C", "/CIDFontType0C", "/OpenType", "/FontFile"})
        if (dictionary.find(skipped) != std::string_view::npos) return true;
    return false;
}

enum class Filter { Flate, Lzw, RunLength, Ascii85, AsciiHex };

bool isDelimiter(char c) {
    return std::string_view(" \t\r\n\f/[]<>()%{}").find(c) != std::string_view::npos || c == '\0';
}

// The stream's filters, in the order they decode, from its /Filter entry (a
// name or an array of names; none: the bytes are as stored). A filter Gloss
// cannot measure, or one named through an indirect object, is a
// plugin::Failure: poppler would expand it unmeasured.
std::vector<Filter> filtersOf(std::string_view dictionary) {
    std::vector<Filter> filters;
    const size_t key = dictionary.rfind("/Filter"); // the stream's own, last before `stream`
    if (key == std::string_view::npos) return filters;
    size_t at = key + 7;
    const auto skipSpace = [&] {
        while (at < dictionary.size() &&
               std::string_view(" \t\r\n\f").find(dictionary[at]) != std::string_view::npos)
            ++at;
    };
    skipSpace();
    const bool array = at < dictionary.size() && dictionary[at] == '[';
    if (array) ++at;
    for (;;) {
        skipSpace();
        if (at >= dictionary.size() || dictionary[at] != '/') break;
        const size_t start = ++at;
        while (at < dictionary.size() && !isDelimiter(dictionary[at])) ++at;
        const std::string_view name = dictionary.substr(start, at - start);
        if (name == "FlateDecode" || name == "Fl")
            filters.push_back(Filter::Flate);
        else if (name == "LZWDecode" || name == "LZW")
            filters.push_back(Filter::Lzw);
        else if (name == "RunLengthDecode" || name == "RL")
            filters.push_back(Filter::RunLength);
        else if (name == "ASCII85Decode" || name == "A85")
            filters.push_back(Filter::Ascii85);
        else if (name == "ASCIIHexDecode" || name == "AHx")
            filters.push_back(Filter::AsciiHex);
        else
            throw plugin::Failure(
                "a page content stream under the /" + std::string(name.substr(0, 40)) +
                " filter, whose decoded size Gloss cannot measure before poppler expands it");
        if (!array) return filters;
    }
    if (filters.empty())
        throw plugin::Failure(
            "a page content stream whose /Filter is not a name or an array of names (an "
            "indirect object?): its decoded size cannot be measured before poppler expands it");
    return filters;
}

// Inflates the zlib data at the start of `data`, counting the bytes out and
// stopping once `budget` is passed; returns the count.
uint64_t inflatedSize(std::string_view data, uint64_t budget) {
    z_stream zs{};
    if (inflateInit(&zs) != Z_OK) return 0;
    std::array<Bytef, 1 << 16> out{};
    zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
    zs.avail_in = static_cast<uInt>(std::min<size_t>(data.size(), UINT32_MAX));
    uint64_t total = 0;
    for (;;) {
        zs.next_out = out.data();
        zs.avail_out = static_cast<uInt>(out.size());
        const int status = inflate(&zs, Z_NO_FLUSH);
        total += out.size() - zs.avail_out;
        if (status != Z_OK || total > budget) break;
    }
    inflateEnd(&zs);
    return total;
}

// LZW as PDF has it (9- to 12-bit codes, most significant bit first, 256
// clears, 257 ends, widths change one code early): only the length of each
// table entry is kept, which is all the decoded size needs.
uint64_t lzwSize(std::string_view data, uint64_t budget) {
    std::array<uint32_t, 4096> length{};
    for (size_t i = 0; i < 256; ++i) length[i] = 1;
    uint32_t next = 258, width = 9;
    int64_t previous = -1;
    uint64_t bits = 0, total = 0;
    uint32_t held = 0;
    for (const char byte : data) {
        bits = (bits << 8) | static_cast<unsigned char>(byte);
        held += 8;
        while (held >= width) {
            const auto code = static_cast<uint32_t>(bits >> (held - width)) & ((1u << width) - 1);
            held -= width;
            bits &= (uint64_t{1} << held) - 1;
            if (code == 256) {
                next = 258;
                width = 9;
                previous = -1;
                continue;
            }
            if (code == 257) return total;
            uint32_t size = 0;
            if (code < 256 || (code > 257 && code < next))
                size = length[code];
            else if (code == next && previous >= 0)
                size = length[previous] + 1;
            else
                return total; // damaged: poppler stops here too
            if (previous >= 0 && next < 4096) length[next++] = length[previous] + 1;
            previous = code;
            total += size;
            if (total > budget) return total;
            if (next + 1 >= (1u << width) && width < 12) ++width;
        }
    }
    return total;
}

// RunLength: a length byte L, then L + 1 bytes as they are (L < 128) or one
// byte repeated 257 - L times (L > 128); 128 ends.
uint64_t runLengthSize(std::string_view data, uint64_t budget) {
    uint64_t total = 0;
    for (size_t at = 0; at < data.size() && total <= budget;) {
        const auto length = static_cast<unsigned char>(data[at]);
        if (length == 128) break;
        if (length < 128) {
            total += length + 1u;
            at += length + 2u;
        } else {
            total += 257u - length;
            at += 2;
        }
    }
    return total;
}

// The ASCII filters decode into memory: they shrink, but for ASCII85's "z",
// which is four bytes, so what they give is at most four times their input.
std::string ascii85(std::string_view data) {
    std::string out;
    uint32_t group = 0;
    int count = 0;
    for (const char c : data) {
        if (c == '~') break;
        if (c == 'z' && count == 0) {
            out.append(4, '\0');
            continue;
        }
        if (c < '!' || c > 'u') continue; // white space
        group = group * 85 + static_cast<uint32_t>(c - '!');
        if (++count == 5) {
            for (int shift = 24; shift >= 0; shift -= 8) out += static_cast<char>(group >> shift);
            group = 0;
            count = 0;
        }
    }
    if (count > 1) {
        for (int i = count; i < 5; ++i) group = group * 85 + 84;
        for (int i = 0; i < count - 1; ++i) out += static_cast<char>(group >> (24 - 8 * i));
    }
    return out;
}

std::string asciiHex(std::string_view data) {
    std::string out;
    int high = -1;
    for (const char c : data) {
        if (c == '>') break;
        int value = -1;
        if (c >= '0' && c <= '9') value = c - '0';
        if (c >= 'a' && c <= 'f') value = c - 'a' + 10;
        if (c >= 'A' && c <= 'F') value = c - 'A' + 10;
        if (value < 0) continue;
        if (high < 0) {
            high = value;
        } else {
            out += static_cast<char>(high * 16 + value);
            high = -1;
        }
    }
    if (high >= 0) out += static_cast<char>(high * 16);
    return out;
}

// The decoded size of a stream's `data` under `filters`, counting up to just
// past `budget`. The ASCII filters may come first; a filter that expands
// (Flate, LZW, RunLength) can only be last, as its output would have to be
// held whole to measure the next one.
uint64_t decodedSize(std::string_view data, const std::vector<Filter>& filters, uint64_t budget) {
    std::string decoded;
    for (size_t i = 0; i < filters.size(); ++i) {
        const bool last = i + 1 == filters.size();
        switch (filters[i]) {
        case Filter::Ascii85:
            decoded = ascii85(data);
            break;
        case Filter::AsciiHex:
            decoded = asciiHex(data);
            break;
        case Filter::Flate:
        case Filter::Lzw:
        case Filter::RunLength:
            if (!last)
                throw plugin::Failure(
                    "a page content stream that is decompressed and then decoded again: its "
                    "size cannot be measured before poppler expands it");
            return filters[i] == Filter::Flate ? inflatedSize(data, budget)
                   : filters[i] == Filter::Lzw ? lzwSize(data, budget)
                                               : runLengthSize(data, budget);
        }
        data = decoded;
    }
    return decoded.size();
}

} // namespace

void checkPdfContentSize(std::string_view pdf) {
    const uint64_t limit = limits::valueOf(limits::kPdfContentBytes);
    uint64_t total = 0;
    for (size_t at = 0; (at = pdf.find("stream", at)) != std::string_view::npos; at += 6) {
        if (at >= 3 && pdf.substr(at - 3, 3) == "end") continue;
        size_t data = at + 6;
        if (pdf.substr(data, 2) == "\r\n")
            data += 2;
        else if (data < pdf.size() && (pdf[data] == '\n' || pdf[data] == '\r'))
            data += 1;
        else
            continue; // "stream" inside some other word or string
        const size_t from = at > kDictionaryBytes ? at - kDictionaryBytes : 0;
        std::string_view dictionary = pdf.substr(from, at - from);
        if (const size_t object = dictionary.rfind(" obj"); object != std::string_view::npos)
            dictionary.remove_prefix(object);
        if (isImageOrFont(dictionary)) continue;
        const std::vector<Filter> filters = filtersOf(dictionary);
        if (filters.empty()) continue; // stored as it is: no bigger than the file
        // zlib finds the end of its own data; the others stop at `endstream`.
        const size_t end = pdf.find("endstream", data);
        const std::string_view bytes = filters.back() == Filter::Flate && filters.size() == 1
                                           ? pdf.substr(data)
                                           : pdf.substr(data, end - data);
        total += decodedSize(bytes, filters, limit - total);
        if (total > limit) throw plugin::Failure(limits::exceeded(limits::kPdfContentBytes));
    }
}

} // namespace gloss::sources
