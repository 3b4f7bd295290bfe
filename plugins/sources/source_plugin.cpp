#include "source_plugin.hpp"

#include <gloss/plugin.hpp>

namespace gloss::sources {

namespace {

// Each plugin links its own copy of this file, so these are per plugin.
const gloss_host_services* hostServices = nullptr;
const SourceSpec* registered = nullptr;

gloss_status extract(void*, const gloss_source_request* request, const gloss_text_sink* out) {
    return plugin::guard(hostServices, [&] {
        const Extracted extracted = registered->extract({request->bytes, request->size});
        const gloss_status status = out->set_text(out->context, extracted.text.data(), extracted.text.size(),
                                                  extracted.pageStarts.data(), extracted.pageStarts.size());
        if (status != GLOSS_OK || extracted.headings.empty()) return status;
        return out->set_headings(out->context, extracted.headings.data(), extracted.headings.size());
    });
}

} // namespace

gloss_status registerSource(const gloss_host_services* services, const SourceSpec& spec) {
    hostServices = services;
    registered = &spec;
    return plugin::guard(services, [&] {
        if (spec.setUp) spec.setUp();
        const gloss_source source{sizeof(gloss_source),
                                  spec.format,
                                  spec.extractor,
                                  spec.extractorVersion.c_str(),
                                  spec.extensions,
                                  spec.mimeType,
                                  spec.magic.data(),
                                  spec.magic.size(),
                                  nullptr,
                                  extract};
        if (services->register_source(services->host, &source) != GLOSS_OK)
            throw plugin::Failure("could not register the " + std::string(spec.format) + " source");
        return GLOSS_OK;
    });
}

} // namespace gloss::sources
