// Any bytes given to the .qdpx reader's zip archive and XML parser either
// read or fail with a message: every entry the archive lists is read within
// its declared size, and project.qde is parsed as the importer parses it.

#include "xml.hpp"
#include "zip_archive.hpp"

#include <cstdint>
#include <gloss/plugin.hpp>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    try {
        const gloss::plugin_support::ZipReader zip(
            std::string_view(reinterpret_cast<const char*>(data), size));
        for (const std::string& name : zip.names()) {
            try {
                const std::string bytes = zip.read(name);
                if (name == "project.qde") gloss_qdpx::parseXml(bytes, name);
            } catch (const gloss::plugin::Failure&) {
            }
        }
    } catch (const gloss::plugin::Failure&) {
    }
    return 0;
}
