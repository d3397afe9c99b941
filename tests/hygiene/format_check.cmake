# Every C and C++ source of the repository is formatted by the repo's .clang-format (and so stays
# within its column limit). Run: cmake -DROOT=<repo> -DCLANG_FORMAT=<clang-format> -P format_check.cmake
# To fix: git ls-files '*.cpp' '*.hpp' '*.c' '*.h' | xargs clang-format -i
if(NOT CLANG_FORMAT)
  message(FATAL_ERROR "clang-format not found (scripts/setup.sh installs it)")
endif()
file(GLOB_RECURSE sources RELATIVE ${ROOT}
  ${ROOT}/core/*.cpp ${ROOT}/core/*.hpp ${ROOT}/capi/*.cpp ${ROOT}/capi/*.hpp ${ROOT}/capi/*.h
  ${ROOT}/cli/*.cpp ${ROOT}/cli/*.hpp ${ROOT}/tests/*.cpp ${ROOT}/tests/*.hpp ${ROOT}/tests/*.c
  ${ROOT}/bench/*.cpp ${ROOT}/bench/*.hpp ${ROOT}/tools/*.cpp ${ROOT}/wasm/glue/*.c
  ${ROOT}/wasm/glue/*.cpp)
list(FILTER sources EXCLUDE REGEX "(^|/)(build|third_party|node_modules)[^/]*/")
list(LENGTH sources count)
if(count LESS 50)
  message(FATAL_ERROR "only ${count} sources found under ${ROOT}: the glob is broken")
endif()
set(bad "")
foreach(f ${sources})
  execute_process(COMMAND ${CLANG_FORMAT} --dry-run --Werror ${ROOT}/${f}
                  RESULT_VARIABLE rc OUTPUT_QUIET ERROR_QUIET)
  if(NOT rc EQUAL 0)
    list(APPEND bad ${f})
  endif()
endforeach()
if(bad)
  list(JOIN bad "\n  " shown)
  message(FATAL_ERROR "not formatted by .clang-format (run clang-format -i on them):\n  ${shown}")
endif()
message(STATUS "${count} sources formatted")
