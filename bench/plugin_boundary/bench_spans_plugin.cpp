// bench_spans: the plugin side of the plugin boundary benchmark.
//
// A highlighter that emits the spans of span_pattern.hpp through the host's
// sink with gloss::plugin::SpanWriter, as a real highlighter does. Its
// settings choose how many spans and the writer's batch size:
//   {"spans": 10000000, "batch": 1024}
// A missing or zero "batch" uses SpanWriter's default.

#include "span_pattern.hpp"

#include <cstdlib>
#include <gloss/plugin.hpp>
#include <string>
#include <string_view>

namespace {

struct BenchSpans {
    const gloss_host_services* host = nullptr;
    uint64_t spans = 10'000'000;
    size_t batch = 0; // 0: SpanWriter's default
};

// Reads a non-negative integer setting from a flat JSON object.
uint64_t numberSetting(std::string_view json, std::string_view key, uint64_t fallback) {
    std::string quotedKey; // appended, not "+"-ed: GCC 12 -O3 warns falsely on the latter (bug 105329)
    quotedKey.append(1, '"').append(key).append(1, '"');
    const size_t keyAt = json.find(quotedKey);
    if (keyAt == std::string_view::npos) return fallback;
    const size_t colon = json.find(':', keyAt + quotedKey.size());
    if (colon == std::string_view::npos) return fallback;
    const std::string rest(json.substr(colon + 1));
    char* end = nullptr;
    const unsigned long long value = std::strtoull(rest.c_str(), &end, 10);
    return end == rest.c_str() ? fallback : static_cast<uint64_t>(value);
}

gloss_status highlight(void* state, const gloss_highlight_request* request, const gloss_span_sink* sink) {
    const auto& bench = *static_cast<const BenchSpans*>(state);
    return gloss::plugin::guard(bench.host, [&] {
        gloss::plugin::SpanWriter writer =
            bench.batch == 0 ? gloss::plugin::SpanWriter(sink) : gloss::plugin::SpanWriter(sink, bench.batch);
        gloss::bench::forEachSpan(gloss::plugin::text(request->document), bench.spans,
                                  [&](uint64_t start, uint64_t end, uint32_t tag) {
                                      writer.emit(start, end, gloss::bench::kSpanTags[tag]);
                                      return !writer.stopped();
                                  });
        const gloss_status status = writer.flush();
        return status == GLOSS_STOP ? GLOSS_OK : status;
    });
}

gloss_status init(const gloss_host_services* services, void** state) {
    return gloss::plugin::guard(services, [&] {
        auto bench = new BenchSpans;
        *state = bench;
        bench->host = services;
        const std::string_view settings = gloss::plugin::settings(services);
        bench->spans = numberSetting(settings, "spans", bench->spans);
        bench->batch = static_cast<size_t>(numberSetting(settings, "batch", bench->batch));

        const gloss_highlighter highlighter{sizeof(gloss_highlighter), "Benchmark spans", bench, highlight};
        if (services->register_highlighter(services->host, &highlighter) != GLOSS_OK)
            throw gloss::plugin::Failure("could not register the highlighter");
        return GLOSS_OK;
    });
}

void shutdown(void* state) {
    delete static_cast<BenchSpans*>(state);
}

const gloss_plugin_info kInfo = {sizeof(gloss_plugin_info),
                                 "bench-spans",
                                 "Benchmark spans",
                                 "1.0.0",
                                 "Emits a fixed pattern of spans, for the plugin boundary benchmark.",
                                 init,
                                 shutdown};

} // namespace

GLOSS_PLUGIN_DEFINE(kInfo)
