// The sinks the host hands a plugin (gloss_span_sink, gloss_tag_sink,
// gloss_byte_sink, gloss_text_sink in gloss/plugin.h): each copies and checks
// what the plugin emits, so nothing a plugin returns reaches the caller
// unchecked.
#pragma once

#include "gloss/core/plugin_host.hpp"

#include <array>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace gloss::core {

constexpr size_t kMaxTagBytes = 256;
constexpr size_t kMaxOutputBytes = size_t{1} << 30; // an export larger than 1 GiB is a runaway plugin

// Whether `offset` is the end of `text` or the start of one of its characters.
bool onBoundary(std::string_view text, uint64_t offset);

// Hashes a tag by value, so that a lookup needs no std::string.
struct TagHash {
    using is_transparent = void;
    size_t operator()(std::string_view tag) const noexcept { return std::hash<std::string_view>{}(tag); }
};

struct SpanCollector {
    SpanCollector(std::string_view documentText, HighlightResult& output)
        : text(documentText), result(output) {}

    std::string_view text;
    HighlightResult& result;
    std::unordered_map<std::string, uint32_t, TagHash, std::equal_to<>> indexOfTag;
    // Plugins pass the same few tag strings over and over, so the last tags
    // accepted are remembered by address and size. Within one emit call the
    // bytes at an address cannot change; once a call returns the plugin may
    // reuse the memory for another tag, so an entry from an earlier call is
    // trusted only after its bytes are compared again.
    struct SeenTag {
        const char* tag;
        size_t size;
        uint64_t call; // the emit call that last confirmed the bytes
        uint32_t index;
    };
    static constexpr size_t kSeenTags = 8;
    std::array<SeenTag, kSeenTags> seen{};
    size_t seenCount = 0; // valid entries of `seen`
    size_t nextSeen = 0;  // the entry replaced next once all are valid
    uint64_t call = 0;    // numbers the emit calls

    bool tagIndex(const char* tag, size_t size, uint32_t& index);

    static gloss_status emit(void* context, const gloss_span* spans, size_t count);
};

struct TagCollector {
    explicit TagCollector(std::vector<TagSuggestion>& output) : suggestions(output) {}

    std::vector<TagSuggestion>& suggestions;
    size_t dropped = 0;

    static gloss_status emit(void* context, const char* tag, size_t size, double score);
};

struct ByteCollector {
    std::string bytes;
    bool overflowed = false;

    static gloss_status write(void* context, const char* data, size_t size);
};

// Keeps the one text a source sets; extractText checks it once the call returns.
struct TextCollector {
    ExtractedText result;
    bool set = false;
    std::string problem; // a misuse of the sink

    static gloss_status setText(void* context, const char* text, size_t size, const uint64_t* pageStarts,
                                size_t pageCount);
    static gloss_status setHeadings(void* context, const gloss_heading* headings, size_t count);
    bool headingsSet = false;
};

// Why extracted text cannot be a report's text, or empty when it can.
std::string checkExtractedText(const ExtractedText& extracted);

} // namespace gloss::core
