#include "gloss/annotations/ids.hpp"

#include <cctype>
#include <chrono>
#include <ctime>
#include <random>

namespace gloss::annotations {

UuidBits newUuidBits() {
    // One generator per thread, seeded once from the OS: ids must not repeat
    // across coders, but they need no cryptographic strength.
    thread_local std::mt19937_64 generator{[] {
        std::random_device device;
        return (static_cast<uint64_t>(device()) << 32) ^ device();
    }()};
    UuidBits bits{generator(), generator()};
    bits.high = (bits.high & ~0xF000ull) | 0x4000ull;               // version 4
    bits.low = (bits.low & ~(0xC000ull << 48)) | (0x8000ull << 48); // RFC 4122 variant
    return bits;
}

void formatUuid(const UuidBits& bits, char (&text)[kUuidLength]) {
    static constexpr char kHex[] = "0123456789abcdef";
    size_t at = 0;
    const auto digits = [&](uint64_t value, int count) {
        for (int shift = 4 * (count - 1); shift >= 0; shift -= 4) text[at++] = kHex[(value >> shift) & 0xF];
    };
    digits(bits.high >> 32, 8);
    text[at++] = '-';
    digits(bits.high >> 16, 4);
    text[at++] = '-';
    digits(bits.high, 4);
    text[at++] = '-';
    digits(bits.low >> 48, 4);
    text[at++] = '-';
    digits(bits.low, 12);
}

std::string newUuid() {
    char text[kUuidLength];
    formatUuid(newUuidBits(), text);
    return std::string(text, kUuidLength);
}

std::string nowUtc() {
    const std::time_t now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
    std::tm utc{};
    gmtime_r(&now, &utc);
    char text[32];
    std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &utc);
    return text;
}

namespace {

bool digits(std::string_view text, size_t at, size_t count) {
    if (at + count > text.size()) return false;
    for (size_t i = at; i < at + count; ++i)
        if (!std::isdigit(static_cast<unsigned char>(text[i]))) return false;
    return true;
}

int number(std::string_view text, size_t at, size_t count) {
    int value = 0;
    for (size_t i = at; i < at + count; ++i) value = value * 10 + (text[i] - '0');
    return value;
}

} // namespace

bool isRfc3339(std::string_view t) {
    // YYYY-MM-DDTHH:MM:SS[.frac](Z|+HH:MM|-HH:MM)
    if (!digits(t, 0, 4) || t.size() < 20 || t[4] != '-' || !digits(t, 5, 2) || t[7] != '-' ||
        !digits(t, 8, 2) || (t[10] != 'T' && t[10] != 't') || !digits(t, 11, 2) || t[13] != ':' ||
        !digits(t, 14, 2) || t[16] != ':' || !digits(t, 17, 2))
        return false;
    const int month = number(t, 5, 2), day = number(t, 8, 2);
    if (month < 1 || month > 12 || day < 1 || day > 31 || number(t, 11, 2) > 23 || number(t, 14, 2) > 59 ||
        number(t, 17, 2) > 60)
        return false;
    size_t i = 19;
    if (i < t.size() && t[i] == '.') {
        ++i;
        const size_t fractionStart = i;
        while (i < t.size() && std::isdigit(static_cast<unsigned char>(t[i]))) ++i;
        if (i == fractionStart) return false;
    }
    if (i < t.size() && (t[i] == 'Z' || t[i] == 'z')) return i + 1 == t.size();
    return i + 6 == t.size() && (t[i] == '+' || t[i] == '-') && digits(t, i + 1, 2) && t[i + 3] == ':' &&
           digits(t, i + 4, 2);
}

} // namespace gloss::annotations
