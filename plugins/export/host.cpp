#include "host.hpp"

#include "text.hpp"

#include <algorithm>

namespace gloss_export {

Host::Host(const gloss_host_services* services, const gloss_document* document)
    : services_(services), document_(document) {
    if (!document_) throw gloss::plugin::Failure("no report was given");
}

size_t Host::byteOffset(uint64_t codepoint) const {
    if (codepoint >= document_->codepoints) return document_->text_size;
    return static_cast<size_t>(services_->byte_offset(services_->host, document_, codepoint));
}

uint64_t Host::codepointOffset(size_t byte) const {
    if (byte >= document_->text_size) return document_->codepoints;
    return services_->codepoint_offset(services_->host, document_, byte);
}

std::string_view Host::slice(uint64_t start, uint64_t end) const {
    const size_t from = byteOffset(start);
    return text().substr(from, byteOffset(std::max(start, end)) - from);
}

Host::Passage Host::passage(uint64_t start, uint64_t end, size_t context) const {
    const std::string_view all = text();
    const size_t startByte = byteOffset(start);
    const size_t endByte = byteOffset(end);
    const size_t prefixByte = retreatCodepoints(all, startByte, context);
    const size_t suffixByte = advanceCodepoints(all, endByte, context);
    return {all.substr(prefixByte, startByte - prefixByte), all.substr(startByte, endByte - startByte),
            all.substr(endByte, suffixByte - endByte)};
}

void Host::warn(std::string_view message) const {
    gloss::plugin::log(services_, GLOSS_LOG_WARNING, message);
}

} // namespace gloss_export
