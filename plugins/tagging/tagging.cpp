// tagging: the built-in tagger. The editor and `gloss-cli tag`
// ask it what applying or removing a tag at a selection means; it answers
// with edits the host checks and applies, and it suggests tags for a
// selection from the codebook's literals.

#include "suggestions.hpp"
#include "tag_edits.hpp"

#include <gloss/plugin.hpp>
#include <memory>

namespace {

using Json = nlohmann::json;

struct Tagging {
    const gloss_host_services* host = nullptr;
};

gloss_status suggest(void* state, const gloss_tag_request* request, const gloss_tag_sink* sink) {
    return gloss::plugin::guard(static_cast<Tagging*>(state)->host, [&] {
        const std::string_view text = gloss::plugin::text(request->document);
        if (request->start > request->end || request->end > text.size())
            throw gloss::plugin::Failure("the selection is outside the document");
        const Json codebook = Json::parse(std::string_view(request->codebook_json, request->codebook_size));
        const auto selection = text.substr(request->start, request->end - request->start);
        for (const auto& suggestion : tagging::suggestTags(selection, codebook))
            if (gloss::plugin::suggest(sink, suggestion.tag, suggestion.score) != GLOSS_OK) break;
        return GLOSS_OK;
    });
}

gloss_status edit(void* state, const gloss_tag_edit_request* request, const gloss_byte_sink* out) {
    return gloss::plugin::guard(static_cast<Tagging*>(state)->host, [&] {
        if (request->start >= request->end || request->end > request->document->codepoints)
            throw gloss::plugin::Failure("the selection is empty or outside the document");
        const Json overlapping =
            Json::parse(std::string_view(request->annotations_json, request->annotations_size));
        const Json edits = tagging::editsFor(request->action, request->start, request->end,
                                             std::string(request->tag, request->tag_size),
                                             std::string(request->note, request->note_size), overlapping);
        gloss::plugin::ByteWriter writer(out);
        writer.write(edits.dump());
        return writer.flush();
    });
}

gloss_status init(const gloss_host_services* services, void** state) {
    return gloss::plugin::guard(services, [&] {
        auto self = std::make_unique<Tagging>();
        self->host = services;
        const gloss_tagger tagger{sizeof(gloss_tagger), "Codebook tagging", self.get(), suggest, edit};
        if (services->register_tagger(services->host, &tagger) != GLOSS_OK)
            throw gloss::plugin::Failure("could not register the tagger");
        *state = self.release();
        return GLOSS_OK;
    });
}

void shutdown(void* state) {
    delete static_cast<Tagging*>(state);
}

const gloss_plugin_info kInfo = {
    sizeof(gloss_plugin_info),
    "tagging",
    "Tagging",
    "1.0.0",
    "Applies and removes codebook tags at a selection; suggests tags from literals.",
    init,
    shutdown};

} // namespace

GLOSS_PLUGIN_DEFINE(kInfo)
