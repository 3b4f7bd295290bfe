// REFI-QDA project exchange (QDA-XML 1.0, docs/formats.md §qdpx): the two
// conversions the plugin registers, and the names both directions share.
#pragma once

#include "host.hpp"

#include <string>
#include <string_view>

namespace gloss_qdpx {

using gloss_export::Host;

inline constexpr std::string_view kProjectEntry = "project.qde";
inline constexpr std::string_view kSourcesFolder = "sources/";
inline constexpr std::string_view kInternalScheme = "internal://";

// A Gloss annotation file (JSON text) -> a .qdpx archive.
void exportQdpx(const Host& host, std::string_view annotationsJson, gloss::plugin::ByteWriter& out);
// A .qdpx archive -> a Gloss annotation file (JSON text) for the host's report.
void importQdpx(const Host& host, std::string_view archive, gloss::plugin::ByteWriter& out);

// The GUID of a Gloss object of `kind` ("code", "user", ...) with id `id`:
// the id itself when it is a UUID, else a UUID derived from kind and id, so
// that exporting the same file twice gives the same GUIDs.
std::string guidFor(std::string_view kind, std::string_view id);

} // namespace gloss_qdpx
