// themes: the built-in highlighter of codebook themes.
//
// Each highlight request carries the open codebook. Its patterns are compiled
// once per distinct codebook text and kept, so re-highlighting after an edit
// of the report or a toggle in the editor costs only the scan.

#include "theme_database.hpp"

#include <gloss/plugin.hpp>
#include <list>
#include <memory>

namespace {

constexpr size_t kCachedCodebooks = 4;

struct Themes {
    const gloss_host_services* host = nullptr;
    // Most recently used first.
    std::list<std::pair<std::string, std::shared_ptr<themes::ThemeDatabase>>> cache;

    std::shared_ptr<themes::ThemeDatabase> databaseFor(std::string_view codebookJson) {
        for (auto it = cache.begin(); it != cache.end(); ++it) {
            if (it->first != codebookJson) continue;
            cache.splice(cache.begin(), cache, it);
            return cache.front().second;
        }
        auto database = std::make_shared<themes::ThemeDatabase>(codebookJson);
        // A refused pattern is an error for the user, reported on every
        // compile of the codebook that holds it; the other themes still work.
        for (const std::string& error : database->errors()) gloss::plugin::log(host, GLOSS_LOG_ERROR, error);
        cache.emplace_front(std::string(codebookJson), database);
        if (cache.size() > kCachedCodebooks) cache.pop_back();
        return database;
    }
};

gloss_status highlight(void* state, const gloss_highlight_request* request, const gloss_span_sink* sink) {
    auto& self = *static_cast<Themes*>(state);
    return gloss::plugin::guard(self.host, [&] {
        const std::string_view codebook(request->codebook_json, request->codebook_size);
        if (codebook.empty()) throw gloss::plugin::Failure("no codebook was given");
        const auto database = self.databaseFor(codebook);
        const auto matches = database->scan(gloss::plugin::text(request->document));
        gloss::plugin::SpanWriter spans(sink);
        for (const themes::Match& match : matches) {
            spans.emit(match.start, match.end, database->themes()[match.theme]);
            if (spans.stopped()) break;
        }
        spans.flush();
        return GLOSS_OK;
    });
}

gloss_status init(const gloss_host_services* services, void** state) {
    return gloss::plugin::guard(services, [&] {
        auto self = std::make_unique<Themes>();
        self->host = services;
        const gloss_highlighter highlighter{sizeof(gloss_highlighter), "Codebook themes", self.get(),
                                            highlight};
        if (services->register_highlighter(services->host, &highlighter) != GLOSS_OK)
            throw gloss::plugin::Failure("could not register the highlighter");
        *state = self.release();
        return GLOSS_OK;
    });
}

void shutdown(void* state) {
    delete static_cast<Themes*>(state);
}

const gloss_plugin_info kInfo = {sizeof(gloss_plugin_info),
                                 "themes",
                                 "Themes",
                                 "1.0.0",
                                 "Highlights the patterns of every codebook theme in one Vectorscan pass.",
                                 init,
                                 shutdown};

} // namespace

GLOSS_PLUGIN_DEFINE(kInfo)
