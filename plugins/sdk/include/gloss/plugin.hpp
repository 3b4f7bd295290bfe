// gloss/plugin.hpp: header-only C++ helpers for writing Gloss plugins.
//
// Nothing here crosses the boundary: these wrap the C types of plugin.h so
// that a C++ plugin can use exceptions, string_view and RAII inside itself
// while the host still sees plain C calls and status codes. Panel plugins
// also include gloss/plugin_imgui.hpp.
#pragma once

#include <exception>
#include <gloss/plugin.h>
#include <string>
#include <string_view>
#include <vector>

namespace gloss::plugin {

// [SECTION] Errors

// Runs `body` (returning gloss_status) and turns any exception into
// GLOSS_ERROR with the exception's message passed to set_error, so that no
// exception ever crosses into the host. Wrap every callback's body in it.
template <typename Body>
gloss_status guard(const gloss_host_services* services, Body&& body) noexcept {
    auto report = [services](const char* message) {
        if (services && services->set_error) {
            const std::string_view text(message ? message : "unknown error");
            services->set_error(services->host, text.data(), text.size());
        }
    };
    try {
        return body();
    } catch (const std::exception& e) {
        report(e.what());
    } catch (...) {
        report("unknown exception");
    }
    return GLOSS_ERROR;
}

// Fails the current call with `message` (for use inside guard()).
struct Failure : std::exception {
    explicit Failure(std::string text) : message(std::move(text)) {}
    const char* what() const noexcept override { return message.c_str(); }
    std::string message;
};

inline void log(const gloss_host_services* services, int32_t level, std::string_view message) {
    services->log(services->host, level, message.data(), message.size());
}

// [SECTION] Views of what the host passes in

inline std::string_view text(const gloss_document* document) {
    return {document->text, static_cast<size_t>(document->text_size)};
}

inline std::string_view settings(const gloss_host_services* services) {
    return {services->settings_json, services->settings_size};
}

// [SECTION] Sinks
// Writers that buffer output and hand it to the host's sink in batches: one
// boundary crossing per batch rather than per item. Each remembers a
// GLOSS_STOP or error from the host; check stopped() in long loops.

class SpanWriter {
  public:
    explicit SpanWriter(const gloss_span_sink* sink, size_t batch = 1024) : sink_(sink), batch_(batch) {
        buffer_.reserve(batch);
    }
    SpanWriter(const SpanWriter&) = delete;
    SpanWriter& operator=(const SpanWriter&) = delete;
    ~SpanWriter() { flush(); }

    // `tag` must stay valid until the next flush (a codebook id the plugin keeps).
    void emit(uint64_t start, uint64_t end, std::string_view tag) {
        buffer_.push_back({start, end, tag.data(), tag.size()});
        if (buffer_.size() >= batch_) flush();
    }

    gloss_status flush() {
        if (!buffer_.empty() && status_ == GLOSS_OK)
            status_ = sink_->emit(sink_->context, buffer_.data(), buffer_.size());
        buffer_.clear();
        return status_;
    }

    bool stopped() const { return status_ != GLOSS_OK; }

  private:
    const gloss_span_sink* sink_;
    size_t batch_;
    std::vector<gloss_span> buffer_;
    gloss_status status_ = GLOSS_OK;
};

class ByteWriter {
  public:
    explicit ByteWriter(const gloss_byte_sink* sink) : sink_(sink) {}
    ByteWriter(const ByteWriter&) = delete;
    ByteWriter& operator=(const ByteWriter&) = delete;
    ~ByteWriter() { flush(); }

    void write(std::string_view bytes) {
        buffer_.append(bytes);
        if (buffer_.size() >= kBatch) flush();
    }

    gloss_status flush() {
        if (!buffer_.empty() && status_ == GLOSS_OK)
            status_ = sink_->write(sink_->context, buffer_.data(), buffer_.size());
        buffer_.clear();
        return status_;
    }

    bool stopped() const { return status_ != GLOSS_OK; }

  private:
    static constexpr size_t kBatch = 1 << 16;
    const gloss_byte_sink* sink_;
    std::string buffer_;
    gloss_status status_ = GLOSS_OK;
};

inline gloss_status suggest(const gloss_tag_sink* sink, std::string_view tag, double score) {
    return sink->emit(sink->context, tag.data(), tag.size(), score);
}

} // namespace gloss::plugin
