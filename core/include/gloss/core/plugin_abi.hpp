#pragma once

// How the host reads the tables a plugin fills in (its gloss_plugin_info and
// the capability tables it registers), whatever minor of the major version
// the plugin was built against. The rule is the one docs/plugin-guide.md
// states under "The ABI version policy": a table is accepted when it is at
// least as large as the first layout published for it, and the fields the
// plugin's minor did not have yet read as zero (absent).

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <gloss/plugin.h>
#include <optional>
#include <string>

namespace gloss::core {

// How many bytes of a plugin's table the host copies: all the plugin declares
// in `declared` (its struct_size), but no more than the host's own layout
// (`hostSize`). nullopt when `declared` is smaller than `firstLayoutSize`,
// the table's size in the minor that introduced it: no plugin of this major
// can have made such a table.
std::optional<size_t> acceptTable(uint64_t declared, size_t firstLayoutSize, size_t hostSize);

// What the host knows of each table a plugin fills in: the name its messages
// use, the minor that introduced it and the size of that first layout, up to
// the end of the last field of that minor. When a later minor appends a
// field, `sizeof` grows and these stay as they are.
template <typename Table>
struct PluginTable;

#define GLOSS_PLUGIN_TABLE(TYPE, SINCE_MINOR, LAST_FIELD)                                                    \
    template <>                                                                                              \
    struct PluginTable<TYPE> {                                                                               \
        static constexpr const char* name = #TYPE;                                                           \
        static constexpr uint32_t sinceMinor = SINCE_MINOR;                                                  \
        static constexpr size_t firstLayoutSize = offsetof(TYPE, LAST_FIELD) + sizeof(TYPE::LAST_FIELD);     \
    }

GLOSS_PLUGIN_TABLE(gloss_plugin_info, 0, shutdown);
GLOSS_PLUGIN_TABLE(gloss_highlighter, 0, highlight);
GLOSS_PLUGIN_TABLE(gloss_tagger, 0, edit);
GLOSS_PLUGIN_TABLE(gloss_exporter, 0, export_annotations);
GLOSS_PLUGIN_TABLE(gloss_importer, 0, import_annotations);
GLOSS_PLUGIN_TABLE(gloss_panel, 0, draw);
GLOSS_PLUGIN_TABLE(gloss_source, 1, extract);

#undef GLOSS_PLUGIN_TABLE

// The plugin's `table` copied into a zeroed table of the host's layout, or
// nullopt with `problem` saying why it cannot be read. The copy is what the
// host keeps: the plugin's own may be gone after the call.
template <typename Table>
std::optional<Table> copyTable(const Table* table, std::string& problem) {
    using Known = PluginTable<Table>;
    if (!table) {
        problem = std::string(Known::name) + " is missing (NULL)";
        return std::nullopt;
    }
    const auto size = acceptTable(table->struct_size, Known::firstLayoutSize, sizeof(Table));
    if (!size) {
        problem = std::string(Known::name) + " has struct_size " + std::to_string(table->struct_size) +
                  ", less than the " + std::to_string(Known::firstLayoutSize) +
                  " bytes it has had since ABI " + std::to_string(GLOSS_PLUGIN_ABI_MAJOR) + "." +
                  std::to_string(Known::sinceMinor);
        return std::nullopt;
    }
    Table copy;
    std::memset(&copy, 0, sizeof copy);
    std::memcpy(&copy, table, *size);
    return copy;
}

} // namespace gloss::core
