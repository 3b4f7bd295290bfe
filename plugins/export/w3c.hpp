// Terms of the W3C Web Annotation Data Model (https://www.w3.org/TR/annotation-model/)
// shared by the w3c exporter and importer.
#pragma once

#include <string_view>

namespace gloss_export::w3c {

inline constexpr std::string_view kContext = "http://www.w3.org/ns/anno.jsonld";
inline constexpr std::string_view kUuidScheme = "urn:uuid:";
// The report, named by its content: an RFC 6920 hash URI of the SHA-256 the
// Gloss file records for the report's bytes.
inline constexpr std::string_view kReportScheme = "nih:sha-256;";
inline constexpr std::string_view kTagging = "tagging";
inline constexpr std::string_view kCommenting = "commenting";

} // namespace gloss_export::w3c
