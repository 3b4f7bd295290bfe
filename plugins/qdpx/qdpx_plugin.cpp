// qdpx: REFI-QDA project exchange, both ways (qdpx_export.cpp,
// qdpx_import.cpp). Each call goes through runConversion (host.hpp), so a
// refused archive becomes GLOSS_ERROR with a message naming the entry, line
// or field.

#include "qdpx.hpp"

#include <libxml/parser.h>
#include <memory>

namespace {

constexpr const char* kFormat = "qdpx";
constexpr const char* kExtension = "qdpx";

struct Plugin {
    gloss_export::ConversionSlot exporter;
    gloss_export::ConversionSlot importer;
};

gloss_status init(const gloss_host_services* services, void** state) {
    return gloss::plugin::guard(services, [&] {
        // libxml2's globals are set up here, once, and freed in shutdown.
        xmlInitParser();
        auto plugin = std::make_unique<Plugin>();
        plugin->exporter = {services, gloss_qdpx::exportQdpx};
        plugin->importer = {services, gloss_qdpx::importQdpx};
        const gloss_exporter exporter{sizeof(gloss_exporter),
                                      kFormat,
                                      kExtension,
                                      "REFI-QDA project (.qdpx): NVivo, ATLAS.ti, MAXQDA, QualCoder",
                                      &plugin->exporter,
                                      gloss_export::exportThroughSlot};
        if (services->register_exporter(services->host, &exporter) != GLOSS_OK)
            throw gloss::plugin::Failure("could not register the qdpx exporter");
        const gloss_importer importer{
            sizeof(gloss_importer),
            kFormat,
            kExtension,
            "REFI-QDA project (.qdpx): the codings of the report's text source, or the whole project",
            &plugin->importer,
            gloss_export::importThroughSlot};
        if (services->register_importer(services->host, &importer) != GLOSS_OK)
            throw gloss::plugin::Failure("could not register the qdpx importer");
        *state = plugin.release();
        return GLOSS_OK;
    });
}

void shutdown(void* state) {
    delete static_cast<Plugin*>(state);
    // libxml2 keeps its encoding handlers and locks in globals (set up by
    // xmlInitParser in init); the host unloads this plugin, and libxml2 with
    // it when nothing else holds it, after shutdown, so they are freed here
    // or never. A later user of libxml2 in the process sets them up again.
    xmlCleanupParser();
}

const gloss_plugin_info kInfo = {sizeof(gloss_plugin_info),
                                 "qdpx",
                                 "REFI-QDA exchange",
                                 "1.0.0",
                                 "Exports and imports REFI-QDA projects (.qdpx, QDA-XML 1.0).",
                                 init,
                                 shutdown};

} // namespace

GLOSS_PLUGIN_DEFINE(kInfo)
