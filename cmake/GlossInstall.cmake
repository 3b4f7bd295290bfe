# What `cmake --install` puts in place for plugin authors: the SDK headers,
# the shared ImGui library, gloss_add_plugin() and a package config, so that
# find_package(Gloss) + gloss_add_plugin() build a plugin outside this tree.

include(CMakePackageConfigHelpers)

install(DIRECTORY plugins/sdk/include/gloss DESTINATION include)
# Exported as Gloss::sdk, the name gloss_add_plugin() links (as inside this tree).
set_target_properties(gloss_sdk PROPERTIES EXPORT_NAME sdk)
install(TARGETS gloss_sdk gloss_imgui EXPORT GlossTargets
        LIBRARY DESTINATION lib
        INCLUDES DESTINATION include)
install(EXPORT GlossTargets NAMESPACE Gloss:: DESTINATION lib/cmake/Gloss)

configure_package_config_file(cmake/GlossConfig.cmake.in "${CMAKE_BINARY_DIR}/GlossConfig.cmake"
                              INSTALL_DESTINATION lib/cmake/Gloss)
write_basic_package_version_file("${CMAKE_BINARY_DIR}/GlossConfigVersion.cmake" COMPATIBILITY SameMajorVersion)
install(FILES "${CMAKE_BINARY_DIR}/GlossConfig.cmake" "${CMAKE_BINARY_DIR}/GlossConfigVersion.cmake"
              cmake/GlossPlugin.cmake
        DESTINATION lib/cmake/Gloss)
