// What each source plugin registers as its extract callback, declared for
// the fuzz targets (tests/fuzz), which call them without a plugin host.
#pragma once

#include "source_plugin.hpp"

#include <string_view>

namespace gloss::sources {

// Each throws plugin::Failure with a message for the user.
Extracted extractPdf(std::string_view bytes);
Extracted extractDocx(std::string_view bytes);
Extracted extractHtml(std::string_view bytes);

} // namespace gloss::sources
