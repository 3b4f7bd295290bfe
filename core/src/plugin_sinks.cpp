#include "plugin_sinks.hpp"

#include "gloss/annotations/utf8.hpp"

#include <algorithm>
#include <cstring>

namespace gloss::core {

bool onBoundary(std::string_view text, uint64_t offset) {
    return offset == text.size() || (offset < text.size() && !annotations::utf8::isContinuationByte(
                                                                 static_cast<unsigned char>(text[offset])));
}

bool SpanCollector::tagIndex(const char* tag, size_t size, uint32_t& index) {
    SeenTag* slot = nullptr;
    for (size_t i = 0; i < seenCount; ++i) {
        SeenTag& entry = seen[i];
        if (entry.tag != tag || entry.size != size) continue;
        if (entry.call != call) {
            if (std::memcmp(tag, result.tags[entry.index].data(), size) != 0) {
                slot = &entry; // the memory now holds another tag
                break;
            }
            entry.call = call;
        }
        index = entry.index;
        return true;
    }
    if (!tag || size == 0 || size > kMaxTagBytes) return false;
    const std::string_view name(tag, size);
    auto it = indexOfTag.find(name);
    if (it == indexOfTag.end()) {
        if (annotations::utf8::firstInvalidByte(name)) return false;
        it = indexOfTag.emplace(std::string(name), static_cast<uint32_t>(result.tags.size())).first;
        result.tags.emplace_back(name);
    }
    if (!slot) {
        slot = &seen[nextSeen];
        nextSeen = nextSeen + 1 == kSeenTags ? 0 : nextSeen + 1;
        seenCount = std::min(seenCount + 1, kSeenTags);
    }
    *slot = {tag, size, call, it->second};
    index = it->second;
    return true;
}

gloss_status SpanCollector::emit(void* context, const gloss_span* spans, size_t count) {
    auto& self = *static_cast<SpanCollector*>(context);
    if (!spans) return count == 0 ? GLOSS_OK : GLOSS_ERROR;
    ++self.call;
    const std::string_view text = self.text;
    std::vector<Span>& out = self.result.spans;
    for (size_t i = 0; i < count; ++i) {
        const gloss_span& span = spans[i];
        uint32_t tag = 0;
        if (span.start >= span.end || span.end > text.size() || !onBoundary(text, span.start) ||
            !onBoundary(text, span.end) || !self.tagIndex(span.tag, span.tag_size, tag)) {
            ++self.result.dropped;
            continue;
        }
        out.push_back({span.start, span.end, tag});
    }
    return GLOSS_OK;
}

gloss_status TagCollector::emit(void* context, const char* tag, size_t size, double score) {
    auto& self = *static_cast<TagCollector*>(context);
    if (!tag || size == 0 || size > kMaxTagBytes || !(score >= 0.0 && score <= 1.0) ||
        annotations::utf8::firstInvalidByte(std::string_view(tag, size))) {
        ++self.dropped;
        return GLOSS_OK;
    }
    self.suggestions.push_back({std::string(tag, size), score});
    return GLOSS_OK;
}

gloss_status ByteCollector::write(void* context, const char* data, size_t size) {
    auto& self = *static_cast<ByteCollector*>(context);
    if (size == 0) return GLOSS_OK;
    if (!data) return GLOSS_ERROR;
    if (size > kMaxOutputBytes - self.bytes.size()) {
        self.overflowed = true;
        return GLOSS_STOP;
    }
    self.bytes.append(data, size);
    return GLOSS_OK;
}

gloss_status TextCollector::setText(void* context, const char* text, size_t size, const uint64_t* pageStarts,
                                    size_t pageCount) {
    auto& self = *static_cast<TextCollector*>(context);
    if (self.set)
        self.problem = "set_text was called more than once";
    else if (size > kMaxOutputBytes)
        self.problem = "the text is larger than 1 GiB";
    else if (size > 0 && !text)
        self.problem = "the text is NULL";
    else if (pageCount > 0 && !pageStarts)
        self.problem = "the page starts are NULL";
    if (!self.problem.empty()) return GLOSS_ERROR;
    self.set = true;
    self.result.text.assign(text ? text : "", size);
    if (pageCount > 0) self.result.pageStarts.assign(pageStarts, pageStarts + pageCount);
    return GLOSS_OK;
}

gloss_status TextCollector::setHeadings(void* context, const gloss_heading* headings, size_t count) {
    auto& self = *static_cast<TextCollector*>(context);
    if (!self.set)
        self.problem = "set_headings was called before set_text";
    else if (self.headingsSet)
        self.problem = "set_headings was called more than once";
    else if (count > 0 && !headings)
        self.problem = "the headings are NULL";
    else if (count > self.result.text.size())
        self.problem = "more headings than bytes of text";
    if (!self.problem.empty()) return GLOSS_ERROR;
    self.headingsSet = true;
    for (size_t i = 0; i < count; ++i)
        self.result.headings.push_back({headings[i].start, headings[i].end, headings[i].level});
    return GLOSS_OK;
}

std::string checkExtractedText(const ExtractedText& extracted) {
    const std::string_view text = extracted.text;
    if (text.empty()) return "extracted no text";
    if (const auto bad = annotations::utf8::firstInvalidByte(text))
        return "extracted text that is not UTF-8 at byte " + std::to_string(*bad);
    const auto& starts = extracted.pageStarts;
    for (size_t i = 0; i < starts.size(); ++i) {
        const std::string page =
            "extracted page " + std::to_string(i + 1) + " starting at byte " + std::to_string(starts[i]);
        if (i == 0 && starts[i] != 0) return page + ", not 0";
        if (i > 0 && starts[i] <= starts[i - 1])
            return page + ", not after page " + std::to_string(i) + " (byte " +
                   std::to_string(starts[i - 1]) + ")";
        if (starts[i] >= text.size())
            return page + ", past the end of the text (" + std::to_string(text.size()) + " bytes)";
        if (!onBoundary(text, starts[i])) return page + ", inside a character";
    }
    const auto& headings = extracted.headings;
    for (size_t i = 0; i < headings.size(); ++i) {
        const Heading& h = headings[i];
        const std::string heading = "extracted heading " + std::to_string(i + 1) + " at bytes " +
                                    std::to_string(h.start) + ".." + std::to_string(h.end);
        if (h.level < 1 || h.level > 6)
            return heading + ", at level " + std::to_string(h.level) + ", not 1 to 6";
        if (h.start >= h.end) return heading + ", empty";
        if (h.end > text.size())
            return heading + ", past the end of the text (" + std::to_string(text.size()) + " bytes)";
        if (i > 0 && h.start <= headings[i - 1].start)
            return heading + ", not after heading " + std::to_string(i) + " (byte " +
                   std::to_string(headings[i - 1].start) + ")";
        if (!onBoundary(text, h.start) || !onBoundary(text, h.end)) return heading + ", inside a character";
    }
    return {};
}

} // namespace gloss::core
