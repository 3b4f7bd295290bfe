// json: the native Gloss annotation file (docs/formats.md), both ways.
//
// The host hands exporters the file in its canonical serialization, so the
// export writes that text through byte for byte. An import checks that the
// input is a Gloss annotation file and passes it on; the host then validates
// and anchors it like any file a user opens.

#include "annotation_file.hpp"
#include "host.hpp"

namespace gloss_export {

void copyJson(const Host&, std::string_view glossFile, gloss::plugin::ByteWriter& out) {
    parseGlossFile(glossFile);
    out.write(glossFile);
}

} // namespace gloss_export
