// export: the built-in exporters and importers, one plugin with
// one source file per format:
//
//   json  json_format.cpp   the native file, both ways
//   w3c   w3c_export.cpp    W3C Web Annotation collection (JSON-LD)
//         w3c_import.cpp    ... and back, also from other tools
//   csv   csv_format.cpp    RFC 4180, formula-injection safe
//   html  html_format.cpp   the report with highlights, legend and notes
//   brat         brat_format.cpp         brat / INCEpTION standoff (.ann), both ways
//   labelstudio  labelstudio_format.cpp  Label Studio tasks (JSON), both ways
//   doccano      doccano_format.cpp      doccano sequence labelling (JSONL), both ways
//
// This file registers them and runs each call inside guard(), so bad input
// becomes GLOSS_ERROR with a message naming where it is.

#include "host.hpp"

#include <array>
#include <memory>

namespace {

using gloss_export::Conversion;

struct Format {
    const char* name;
    const char* extension;
    const char* exportDescription;
    Conversion exporter;
    const char* importDescription; // nullptr: no importer
    Conversion importer;
};

constexpr std::array kFormats = {
    Format{"json", "json", "Gloss annotation file (the native format)", gloss_export::copyJson,
           "Gloss annotation file (the native format)", gloss_export::copyJson},
    Format{"w3c", "jsonld", "W3C Web Annotation (JSON-LD)", gloss_export::exportW3c,
           "W3C Web Annotations (JSON-LD): a collection, a page, one annotation or an array",
           gloss_export::importW3c},
    Format{"csv", "csv", "CSV, one row per annotation (spreadsheets, R, pandas)", gloss_export::exportCsv,
           nullptr, nullptr},
    Format{"html", "html", "HTML page of the report with its highlights and notes", gloss_export::exportHtml,
           nullptr, nullptr},
    Format{"brat", "ann", "brat standoff (.ann) for brat and INCEpTION, beside the report's text",
           gloss_export::exportBrat, "brat standoff (.ann) of the report's text", gloss_export::importBrat},
    Format{"labelstudio", "json", "Label Studio task (JSON) with the report's text and labelled regions",
           gloss_export::exportLabelStudio,
           "Label Studio tasks (JSON): the task whose data is the report's text",
           gloss_export::importLabelStudio},
    Format{"doccano", "jsonl", "doccano sequence labelling (JSONL)", gloss_export::exportDoccano,
           "doccano sequence labelling (JSONL): the line whose text is the report's",
           gloss_export::importDoccano},
};

struct Plugin {
    std::array<gloss_export::ConversionSlot, kFormats.size()> exporters;
    std::array<gloss_export::ConversionSlot, kFormats.size()> importers;
};

gloss_status init(const gloss_host_services* services, void** state) {
    return gloss::plugin::guard(services, [&] {
        auto plugin = std::make_unique<Plugin>();
        for (size_t i = 0; i < kFormats.size(); ++i) {
            const Format& format = kFormats[i];
            plugin->exporters[i] = {services, format.exporter};
            const gloss_exporter exporter{sizeof(gloss_exporter), format.name,
                                          format.extension,       format.exportDescription,
                                          &plugin->exporters[i],  gloss_export::exportThroughSlot};
            if (services->register_exporter(services->host, &exporter) != GLOSS_OK)
                throw gloss::plugin::Failure(std::string("could not register the exporter ") + format.name);
            if (!format.importer) continue;
            plugin->importers[i] = {services, format.importer};
            const gloss_importer importer{sizeof(gloss_importer), format.name,
                                          format.extension,       format.importDescription,
                                          &plugin->importers[i],  gloss_export::importThroughSlot};
            if (services->register_importer(services->host, &importer) != GLOSS_OK)
                throw gloss::plugin::Failure(std::string("could not register the importer ") + format.name);
        }
        *state = plugin.release();
        return GLOSS_OK;
    });
}

void shutdown(void* state) {
    delete static_cast<Plugin*>(state);
}

const gloss_plugin_info kInfo = {
    sizeof(gloss_plugin_info),
    "export",
    "Export and import",
    "1.0.0",
    "Exports annotations as json, w3c, csv, html, brat, labelstudio and doccano; imports all but csv "
    "and html.",
    init,
    shutdown};

} // namespace

GLOSS_PLUGIN_DEFINE(kInfo)
