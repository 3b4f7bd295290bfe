# Gloss::imgui: Dear ImGui as one shared library, built from the members of
# Debian's libimgui.a (libimgui-dev). The editor and every panel plugin link
# it, so there is a single ImGui context and a single set of globals
# (docs/plugin-guide.md, "Panels"). The GLFW and OpenGL 3 backends stay out of it: only the
# editor uses them (GLOSS_IMGUI_BACKEND_OBJECTS).

find_package(PkgConfig REQUIRED)
pkg_check_modules(IMGUI REQUIRED IMPORTED_TARGET imgui)
find_library(GLOSS_IMGUI_ARCHIVE NAMES libimgui.a REQUIRED HINTS ${IMGUI_LIBRARY_DIRS})

set(members imgui.o imgui_draw.o imgui_tables.o imgui_widgets.o imgui_stdlib.o)
set(backend_members imgui_impl_glfw.o imgui_impl_opengl3.o)
set(extract_dir "${CMAKE_BINARY_DIR}/imgui-objects")
set(objects "")
foreach(member IN LISTS members backend_members)
    list(APPEND objects "${extract_dir}/${member}")
endforeach()
add_custom_command(
    OUTPUT ${objects}
    COMMAND ${CMAKE_COMMAND} -E make_directory "${extract_dir}"
    COMMAND ${CMAKE_COMMAND} -E chdir "${extract_dir}" ${CMAKE_AR} x "${GLOSS_IMGUI_ARCHIVE}" ${members} ${backend_members}
    DEPENDS "${GLOSS_IMGUI_ARCHIVE}"
    COMMENT "Extracting Dear ImGui objects from ${GLOSS_IMGUI_ARCHIVE}")

set(core_objects "")
foreach(member IN LISTS members)
    list(APPEND core_objects "${extract_dir}/${member}")
endforeach()
set(GLOSS_IMGUI_BACKEND_OBJECTS "")
foreach(member IN LISTS backend_members)
    list(APPEND GLOSS_IMGUI_BACKEND_OBJECTS "${extract_dir}/${member}")
endforeach()
set_source_files_properties(${objects} PROPERTIES EXTERNAL_OBJECT TRUE GENERATED TRUE)

add_library(gloss_imgui SHARED ${core_objects})
add_library(Gloss::imgui ALIAS gloss_imgui)
set_target_properties(gloss_imgui PROPERTIES
    LINKER_LANGUAGE CXX
    OUTPUT_NAME gloss_imgui
    LIBRARY_OUTPUT_DIRECTORY "${CMAKE_BINARY_DIR}/lib"
    EXPORT_NAME imgui)
target_link_options(gloss_imgui PRIVATE "LINKER:--no-undefined")
target_link_libraries(gloss_imgui PRIVATE stb)
# Debian's system folders (/usr/include/imgui, /usr/include/stb), the same
# for the build tree and an installed Gloss.
target_include_directories(gloss_imgui SYSTEM INTERFACE ${IMGUI_INCLUDE_DIRS})
