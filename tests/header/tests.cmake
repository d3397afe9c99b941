# Header test (lesson 10b): caci.h compiles on its own as C99, C11 and C++17 with strict warnings.
# Each compilation is a ctest test (label "header") so a failure shows in the summary.
if(CMAKE_C_COMPILER_ID MATCHES "GNU|Clang" AND CMAKE_CXX_COMPILER_ID MATCHES "GNU|Clang")
  set(caci_header_dir ${CMAKE_CURRENT_LIST_DIR})
  set(caci_header_includes -I${PROJECT_SOURCE_DIR}/capi/include -I${PROJECT_BINARY_DIR}/capi/include)
  set(caci_header_flags -Wall -Wextra -pedantic -Werror -fsyntax-only)
  foreach(std c99 c11)
    add_test(NAME header_${std}
      COMMAND ${CMAKE_C_COMPILER} -std=${std} ${caci_header_flags} ${caci_header_includes}
              ${caci_header_dir}/header_c.c)
    add_test(NAME header_${std}_static
      COMMAND ${CMAKE_C_COMPILER} -std=${std} -DCACI_STATIC_DEFINE ${caci_header_flags}
              ${caci_header_includes} ${caci_header_dir}/header_c.c)
  endforeach()
  add_test(NAME header_cxx17
    COMMAND ${CMAKE_CXX_COMPILER} -std=c++17 ${caci_header_flags} ${caci_header_includes}
            ${caci_header_dir}/header_cxx.cpp)
  add_test(NAME header_cxx11
    COMMAND ${CMAKE_CXX_COMPILER} -std=c++11 ${caci_header_flags} ${caci_header_includes}
            ${caci_header_dir}/header_cxx.cpp)
  set_tests_properties(header_c99 header_c11 header_c99_static header_c11_static header_cxx17
    header_cxx11 PROPERTIES LABELS "header;hygiene")
endif()
