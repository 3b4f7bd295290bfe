#include "host.hpp"

#include "annotation_file.hpp"
#include "text.hpp"

#include <algorithm>

namespace gloss_export {

Host::Host(const gloss_host_services* services, const gloss_document* document, std::string_view options)
    : services_(services), document_(document),
      options_(nlohmann::json::parse(options.empty() ? std::string_view("{}") : options, nullptr, false)) {
    if (!document_) throw gloss::plugin::Failure("no report was given");
    if (!options_.is_object()) throw gloss::plugin::Failure("the options are not a JSON object");
}

std::optional<std::string> Host::option(std::string_view name) const {
    const auto found = options_.find(name);
    if (found == options_.end() || !found->is_string()) return std::nullopt;
    return found->get<std::string>();
}

bool Host::flag(std::string_view name) const {
    const auto found = options_.find(name);
    return found != options_.end() && found->is_boolean() && found->get<bool>();
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

void Host::warn(std::string_view message) const {
    gloss::plugin::log(services_, GLOSS_LOG_WARNING, message);
}

gloss_status runConversion(const gloss_host_services* services, const gloss_document* document,
                           std::string_view input, std::string_view options, const gloss_byte_sink* out,
                           Conversion convert) {
    return gloss::plugin::guard(services, [&] {
        const Host host(services, document, options);
        gloss::plugin::ByteWriter writer(out);
        convert(host, input, writer);
        const gloss_status status = writer.flush();
        return status == GLOSS_STOP ? GLOSS_OK : status;
    });
}

gloss_status exportThroughSlot(void* slot, const gloss_export_request* request, const gloss_byte_sink* out) {
    const auto& conversion = *static_cast<const ConversionSlot*>(slot);
    return runConversion(conversion.services, request->document,
                         {request->annotations_json, request->annotations_size},
                         {request->options_json, request->options_size}, out, conversion.convert);
}

gloss_status importThroughSlot(void* slot, const gloss_import_request* request, const gloss_byte_sink* out) {
    const auto& conversion = *static_cast<const ConversionSlot*>(slot);
    return runConversion(conversion.services, request->document, {request->bytes, request->size},
                         {request->options_json, request->options_size}, out, conversion.convert);
}

void placeOnText(std::string_view text, Record& record, uint64_t start, uint64_t end, size_t startByte,
                 size_t endByte) {
    const size_t prefixByte = retreatCodepoints(text, startByte, kContextCodepoints);
    record.start = start;
    record.end = end;
    record.quote = std::string(text.substr(startByte, endByte - startByte));
    record.prefix = std::string(text.substr(prefixByte, startByte - prefixByte));
    record.suffix =
        std::string(text.substr(endByte, advanceCodepoints(text, endByte, kContextCodepoints) - endByte));
}

void placeOnReport(const Host& host, Record& record, uint64_t start, uint64_t end) {
    placeOnText(host.text(), record, start, end, host.byteOffset(start), host.byteOffset(end));
}

} // namespace gloss_export
