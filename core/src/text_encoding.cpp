#include "gloss/core/text_encoding.hpp"

#include "gloss/annotations/utf8.hpp"

#include <array>

namespace gloss::core {

std::string_view encodingName(Encoding encoding) {
    return encoding == Encoding::Windows1252 ? "windows-1252" : "utf-8";
}

std::optional<Encoding> encodingFromName(std::string_view name) {
    if (name == "utf-8" || name == "utf8" || name == "UTF-8") return Encoding::Utf8;
    if (name == "windows-1252" || name == "cp1252" || name == "Windows-1252") return Encoding::Windows1252;
    return std::nullopt;
}

std::string decodeWindows1252(std::string_view bytes) {
    // 0x80..0x9F; the rest of the code page is Latin-1, i.e. the byte's value.
    static constexpr std::array<char16_t, 32> kHighControls = {
        0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
        0x2039, 0x0152, 0x008D, 0x017D, 0x008F, 0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
        0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178};
    std::string out;
    out.reserve(bytes.size() + bytes.size() / 8);
    for (char c : bytes) {
        const auto byte = static_cast<unsigned char>(c);
        if (byte < 0x80)
            out.push_back(c);
        else if (byte < 0xA0)
            annotations::utf8::append(out, kHighControls[byte - 0x80]);
        else
            annotations::utf8::append(out, byte);
    }
    return out;
}

bool looksBinary(std::string_view bytes) {
    const std::string_view head = bytes.substr(0, 64 * 1024);
    size_t controls = 0;
    for (const char c : head) {
        const auto byte = static_cast<unsigned char>(c);
        if (byte == 0) return true;
        // Tab, line feed, vertical tab, form feed and carriage return are text.
        if ((byte < 0x20 && (byte < 0x09 || byte > 0x0D)) || byte == 0x7F) ++controls;
    }
    return controls * 10 > head.size(); // more than one byte in ten
}

} // namespace gloss::core
