# Defines the target `imgui` (Dear ImGui's core + misc/cpp/imgui_stdlib) from PODPLAY_IMGUI_DIR,
# the unpacked Debian source (web/build.sh fetches it to ~/.cache/podplay/src/imgui-1.86).
# Both the wasm app and the native smoke test use these same sources.
if(TARGET imgui)
  return()
endif()
if(NOT PODPLAY_IMGUI_DIR)
  set(PODPLAY_IMGUI_DIR $ENV{HOME}/.cache/podplay/src/imgui-1.86)
endif()
if(NOT EXISTS ${PODPLAY_IMGUI_DIR}/imgui.cpp)
  message(FATAL_ERROR "imgui sources not found in ${PODPLAY_IMGUI_DIR} (web/build.sh fetches them)")
endif()
add_library(imgui STATIC
  ${PODPLAY_IMGUI_DIR}/imgui.cpp
  ${PODPLAY_IMGUI_DIR}/imgui_draw.cpp
  ${PODPLAY_IMGUI_DIR}/imgui_tables.cpp
  ${PODPLAY_IMGUI_DIR}/imgui_widgets.cpp
  ${PODPLAY_IMGUI_DIR}/misc/cpp/imgui_stdlib.cpp)
target_include_directories(imgui PUBLIC ${PODPLAY_IMGUI_DIR} ${PODPLAY_IMGUI_DIR}/misc/cpp)
target_compile_definitions(imgui PUBLIC IMGUI_DISABLE_OBSOLETE_FUNCTIONS IMGUI_DISABLE_METRICS_WINDOW)
if(EMSCRIPTEN)
  target_compile_options(imgui PUBLIC -fwasm-exceptions)
endif()
if(NOT EMSCRIPTEN)
  # Native builds (the smoke test) keep IM_ASSERT active even in release configurations.
  target_compile_options(imgui PUBLIC -UNDEBUG)
endif()
