# ABI and library hygiene gates (lessons 10, 12, 20). Label "hygiene".
set(caci_hygiene_dir ${CMAKE_CURRENT_LIST_DIR})
set(caci_abi_dir ${PROJECT_SOURCE_DIR}/capi/abi)
find_program(CACI_NM NAMES nm llvm-nm llvm-nm-14)

# (a) exported_symbols.txt is exactly the CACI_API declarations of caci.h ...
add_test(NAME abi_symbols_match_header
  COMMAND ${CMAKE_COMMAND} -DMODE=check-header -DHEADER=${PROJECT_SOURCE_DIR}/capi/include/caci/caci.h
          -DLIST=${caci_abi_dir}/exported_symbols.txt -P ${caci_hygiene_dir}/abi_symbols.cmake)
set_tests_properties(abi_symbols_match_header PROPERTIES LABELS hygiene)

# (e) sources are ASCII.
add_executable(check_ascii ${caci_hygiene_dir}/check_ascii.cpp)
add_test(NAME sources_are_ascii COMMAND check_ascii ${PROJECT_SOURCE_DIR} core capi cli wasm/glue)
set_tests_properties(sources_are_ascii PROPERTIES LABELS hygiene)

get_target_property(caci_library_type caci TYPE)
if(caci_library_type STREQUAL "SHARED_LIBRARY" AND CACI_NM AND CMAKE_SYSTEM_NAME STREQUAL "Linux")
  # ... and libcaci.so exports exactly that list, nothing else (no C++, utf8proc or simdjson).
  add_test(NAME abi_exported_symbols
    COMMAND ${CMAKE_COMMAND} -DMODE=check-lib -DLIB=$<TARGET_FILE:caci> -DNM=${CACI_NM}
            -DLIST=${caci_abi_dir}/exported_symbols.txt -P ${caci_hygiene_dir}/abi_symbols.cmake)
  # (d) never prints, never aborts.
  add_test(NAME lib_never_prints_or_aborts
    COMMAND ${CMAKE_COMMAND} -DLIB=$<TARGET_FILE:caci> -DNM=${CACI_NM}
            -P ${caci_hygiene_dir}/no_stdio_abort.cmake)
  set_tests_properties(abi_exported_symbols lib_never_prints_or_aborts PROPERTIES LABELS hygiene)

  # (c) abidiff against the committed baseline. The capi translation units (the only ones that
  # define ABI types and functions) get debug info so abidw sees the types; the rest stays as built.
  option(CACI_ABI_DEBUG_INFO "Compile the C ABI sources with -g for the abidiff gate" ON)
  if(CACI_ABI_DEBUG_INFO AND CMAKE_CXX_COMPILER_ID MATCHES "GNU|Clang")
    target_compile_options(caci PRIVATE -g)
  endif()
  add_test(NAME abi_abidiff
    COMMAND ${caci_hygiene_dir}/abi_check.sh check $<TARGET_FILE:caci> ${caci_abi_dir}/caci.abi
            ${PROJECT_SOURCE_DIR}/CMakeLists.txt ${PROJECT_SOURCE_DIR}/capi/include/caci
            ${PROJECT_BINARY_DIR}/capi/include/caci)
  set_tests_properties(abi_abidiff PROPERTIES LABELS hygiene SKIP_RETURN_CODE 77)
  # Refresh the baseline (only together with a SOVERSION bump): cmake --build B --target caci_abi_baseline
  add_custom_target(caci_abi_baseline
    COMMAND ${caci_hygiene_dir}/abi_check.sh update $<TARGET_FILE:caci> ${caci_abi_dir}/caci.abi
            ${PROJECT_SOURCE_DIR}/capi/include/caci ${PROJECT_BINARY_DIR}/capi/include/caci
    DEPENDS caci VERBATIM)
endif()

# (f) every source is formatted by the repo's .clang-format.
find_program(CACI_CLANG_FORMAT NAMES clang-format clang-format-14)
add_test(NAME sources_are_formatted
  COMMAND ${CMAKE_COMMAND} -DROOT=${PROJECT_SOURCE_DIR} -DCLANG_FORMAT=${CACI_CLANG_FORMAT}
          -P ${caci_hygiene_dir}/format_check.cmake)
set_tests_properties(sources_are_formatted PROPERTIES LABELS hygiene)

# (g) every copy of an enumerated concept (enums, name functions, caci.h constants and their static
# checks, query field names, JS and Python constants, docs) is what tools/gen_tables.py makes from
# core/tables/*.tsv. No Python is a failure, not a skip: the gate must not disappear.
find_program(CACI_PYTHON3 NAMES python3)
if(CACI_PYTHON3)
  add_test(NAME generated_tables_current
    COMMAND ${CACI_PYTHON3} ${PROJECT_SOURCE_DIR}/tools/gen_tables.py --check
            --root ${PROJECT_SOURCE_DIR})
  # The generator itself: a hand edit is caught, regeneration fixes it, a new field reaches every
  # copy.
  add_test(NAME generated_tables_selftest
    COMMAND ${CACI_PYTHON3} ${caci_hygiene_dir}/gen_tables_test.py ${PROJECT_SOURCE_DIR})
else()
  message(WARNING "python3 not found: the generated_tables_* tests fail (scripts/setup.sh)")
  add_test(NAME generated_tables_current COMMAND ${CMAKE_COMMAND} -E false)
  add_test(NAME generated_tables_selftest COMMAND ${CMAKE_COMMAND} -E false)
endif()
set_tests_properties(generated_tables_current generated_tables_selftest PROPERTIES LABELS hygiene)
