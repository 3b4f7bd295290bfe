# gloss_add_plugin(<name> SOURCES <files>... [PANEL] [OUTPUT_DIRECTORY <dir>])
#
# Builds a Gloss plugin: a shared module named <name>.gloss-plugin that
# exports only gloss_plugin_abi_version, gloss_plugin_descriptor and
# gloss_plugin_entry (hidden visibility plus a version script), links with --no-undefined so a missing
# symbol is a build error rather than a load-time refusal, and is compiled
# with -fno-gnu-unique so that unloading it really unloads it (hot reload).
# PANEL links the shared Dear ImGui library the editor uses, so the plugin
# draws into the editor's own ImGui context.
#
# The same file serves the plugins of the Gloss source tree and, installed
# with the SDK, plugins built elsewhere with find_package(Gloss).

set(GLOSS_PLUGIN_SUFFIX ".gloss-plugin")
set(GLOSS_PLUGIN_INSTALL_DIR "lib/gloss/plugins" CACHE STRING "Where plugins are installed, below the prefix")

function(gloss_add_plugin name)
    cmake_parse_arguments(PARSE_ARGV 1 ARG "PANEL" "OUTPUT_DIRECTORY" "SOURCES")
    if(NOT ARG_SOURCES)
        message(FATAL_ERROR "gloss_add_plugin(${name}): SOURCES is required")
    endif()

    add_library(${name} MODULE ${ARG_SOURCES})
    target_link_libraries(${name} PRIVATE Gloss::sdk)
    if(ARG_PANEL)
        target_link_libraries(${name} PRIVATE Gloss::imgui)
    endif()

    set(exports "${CMAKE_CURRENT_BINARY_DIR}/${name}.exports.map")
    file(WRITE "${exports}" "{\n  global: gloss_plugin_abi_version; gloss_plugin_descriptor; gloss_plugin_entry;\n  local: *;\n};\n")
    target_link_options(${name} PRIVATE "LINKER:--version-script=${exports}" "LINKER:--no-undefined")
    set_property(TARGET ${name} APPEND PROPERTY LINK_DEPENDS "${exports}")
    target_compile_options(${name} PRIVATE $<$<AND:$<COMPILE_LANGUAGE:CXX>,$<CXX_COMPILER_ID:GNU>>:-fno-gnu-unique>)

    set_target_properties(${name} PROPERTIES
        PREFIX ""
        SUFFIX "${GLOSS_PLUGIN_SUFFIX}"
        C_VISIBILITY_PRESET hidden
        CXX_VISIBILITY_PRESET hidden
        VISIBILITY_INLINES_HIDDEN ON
        # Installed plugins live in lib/gloss/plugins; the ImGui library in lib.
        INSTALL_RPATH "$ORIGIN/../..")

    if(ARG_OUTPUT_DIRECTORY)
        set_target_properties(${name} PROPERTIES LIBRARY_OUTPUT_DIRECTORY "${ARG_OUTPUT_DIRECTORY}")
    elseif(DEFINED GLOSS_PLUGIN_OUTPUT_DIRECTORY)
        set_target_properties(${name} PROPERTIES LIBRARY_OUTPUT_DIRECTORY "${GLOSS_PLUGIN_OUTPUT_DIRECTORY}")
    endif()
endfunction()
