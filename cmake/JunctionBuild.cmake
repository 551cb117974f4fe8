# Build settings shared by every target: language level, warnings, sanitizers, ccache.
set(CMAKE_CXX_STANDARD 20)
set(CMAKE_CXX_STANDARD_REQUIRED ON)
set(CMAKE_CXX_EXTENSIONS OFF)
set(CMAKE_EXPORT_COMPILE_COMMANDS ON)

find_program(JUNCTION_CCACHE ccache)
if(JUNCTION_CCACHE AND NOT CMAKE_CXX_COMPILER_LAUNCHER)
  set(CMAKE_CXX_COMPILER_LAUNCHER "${JUNCTION_CCACHE}")
endif()

add_library(junction_options INTERFACE)
target_compile_options(junction_options INTERFACE -Wall -Wextra -Wpedantic -Wshadow
  -Wnon-virtual-dtor -Wcast-align -Woverloaded-virtual -Wimplicit-fallthrough)
# GCC 12 reports -Wrestrict inside std::string's operator+ at -O3 (GCC bug 105329), a false
# positive on ordinary string concatenation.
if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU" AND CMAKE_CXX_COMPILER_VERSION VERSION_LESS 13)
  target_compile_options(junction_options INTERFACE -Wno-restrict)
endif()
if(JUNCTION_WERROR)
  target_compile_options(junction_options INTERFACE -Werror)
endif()
if(JUNCTION_SANITIZE)
  target_compile_options(junction_options INTERFACE -fsanitize=address,undefined
    -fno-sanitize-recover=undefined -fno-omit-frame-pointer)
  target_link_options(junction_options INTERFACE -fsanitize=address,undefined)
endif()
target_include_directories(junction_options INTERFACE ${PROJECT_SOURCE_DIR}/src)

# junction_library(NAME SOURCES... DEPS ...): one static library per src/ folder.
function(junction_library name)
  cmake_parse_arguments(ARG "" "" "SOURCES;DEPS;PRIVATE_DEPS" ${ARGN})
  add_library(junction_${name} STATIC ${ARG_SOURCES})
  target_link_libraries(junction_${name} PUBLIC junction_options ${ARG_DEPS}
    PRIVATE ${ARG_PRIVATE_DEPS})
endfunction()
