#include "pdf_streams.hpp"

#include <array>
#include <gloss/limits.hpp>
#include <gloss/plugin.hpp>
#include <zlib.h>

namespace gloss::sources {

namespace {

namespace limits = gloss::limits;

// How far before `stream` its dictionary is looked for.
constexpr size_t kDictionaryBytes = 2048;

// Whether the dictionary before a stream marks what text extraction lays out.
bool isLaidOutContent(std::string_view dictionary) {
    if (dictionary.find("/FlateDecode") == std::string_view::npos &&
        dictionary.find("/Fl ") == std::string_view::npos &&
        dictionary.find("/Fl]") == std::string_view::npos)
        return false;
    for (const std::string_view skipped :
         {"/Image", "/Length1", "/Length2", "/Type1C", "/CIDFontType0C", "/OpenType", "/FontFile"})
        if (dictionary.find(skipped) != std::string_view::npos) return false;
    return true;
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
        if (!isLaidOutContent(dictionary)) continue;
        total += inflatedSize(pdf.substr(data), limit - total);
        if (total > limit) throw plugin::Failure(limits::exceeded(limits::kPdfContentBytes));
    }
}

} // namespace gloss::sources
