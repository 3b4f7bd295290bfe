// The host as one export or import call sees it: its services and the report
// the call was given, with the offset conversions the formats need.
#pragma once

#include <cstdint>
#include <gloss/plugin.hpp>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

namespace gloss_export {

struct Record;

class Host {
  public:
    // `options`: the user's options for the call (gloss/plugin.h,
    // options_json); throws Failure when they are not a JSON object.
    Host(const gloss_host_services* services, const gloss_document* document,
         std::string_view options = "{}");

    std::string_view text() const { return gloss::plugin::text(document_); }
    std::string_view name() const { return {document_->name, document_->name_size}; }
    uint64_t codepoints() const { return document_->codepoints; }

    // Code points <-> bytes of text(), through the host's index (no scan).
    // Past the end maps to the end.
    size_t byteOffset(uint64_t codepoint) const;
    uint64_t codepointOffset(size_t byte) const;
    // The text of code points [start, end), clamped to the report.
    std::string_view slice(uint64_t start, uint64_t end) const;

    // The option `name` when it is a string, a boolean one as a flag.
    std::optional<std::string> option(std::string_view name) const;
    bool flag(std::string_view name) const;

    void warn(std::string_view message) const;

  private:
    const gloss_host_services* services_;
    const gloss_document* document_;
    nlohmann::json options_;
};

// What each format provides: a conversion of the input (for exporters the
// Gloss annotation file as JSON text, for importers the file to import) into
// `out`. Bad input throws gloss::plugin::Failure with a message that names
// the JSON path; export_plugin.cpp turns it into the call's error.
using Conversion = void (*)(const Host& host, std::string_view input, gloss::plugin::ByteWriter& out);

// One export or import callback: runs `convert` on `input` with the report
// `document` and the user's `options`, writing to `out`. An exception becomes GLOSS_ERROR with its
// message; a host that asks to stop early ends the call with GLOSS_OK.
gloss_status runConversion(const gloss_host_services* services, const gloss_document* document,
                           std::string_view input, std::string_view options, const gloss_byte_sink* out,
                           Conversion convert);

// What a plugin registers as an exporter's or importer's state: the host's
// services and the one conversion the format runs.
struct ConversionSlot {
    const gloss_host_services* services = nullptr;
    Conversion convert = nullptr;
};
// The ABI's export and import callbacks over a ConversionSlot: each runs the
// slot's conversion through runConversion.
gloss_status exportThroughSlot(void* slot, const gloss_export_request* request, const gloss_byte_sink* out);
gloss_status importThroughSlot(void* slot, const gloss_import_request* request, const gloss_byte_sink* out);

// Places `record` on code points [start, end) of the report (start <= end <=
// codepoints()): sets start, end, quote, and prefix and suffix as Gloss keeps
// them (kContextCodepoints either side).
void placeOnReport(const Host& host, Record& record, uint64_t start, uint64_t end);
// The same on any text: code points [start, end) are its bytes [startByte, endByte).
void placeOnText(std::string_view text, Record& record, uint64_t start, uint64_t end, size_t startByte,
                 size_t endByte);

void copyJson(const Host& host, std::string_view glossFile,
              gloss::plugin::ByteWriter& out); // json, both ways
void exportW3c(const Host& host, std::string_view annotationsJson, gloss::plugin::ByteWriter& out);
void importW3c(const Host& host, std::string_view bytes, gloss::plugin::ByteWriter& out);
void exportCsv(const Host& host, std::string_view annotationsJson, gloss::plugin::ByteWriter& out);
void exportHtml(const Host& host, std::string_view annotationsJson, gloss::plugin::ByteWriter& out);
void exportBrat(const Host& host, std::string_view annotationsJson, gloss::plugin::ByteWriter& out);
void importBrat(const Host& host, std::string_view bytes, gloss::plugin::ByteWriter& out);
void exportLabelStudio(const Host& host, std::string_view annotationsJson, gloss::plugin::ByteWriter& out);
void importLabelStudio(const Host& host, std::string_view bytes, gloss::plugin::ByteWriter& out);
void exportDoccano(const Host& host, std::string_view annotationsJson, gloss::plugin::ByteWriter& out);
void importDoccano(const Host& host, std::string_view bytes, gloss::plugin::ByteWriter& out);

} // namespace gloss_export
