# Pathological inputs and corrupted index files: one gtest executable (label "pathological").
# Uses the C ABI, plus the internal core for the normaliser cases; the fuzz oracles are shared.
file(GLOB caci_patho_sources CONFIGURE_DEPENDS ${CMAKE_CURRENT_LIST_DIR}/*.cpp)
add_executable(test_pathological ${caci_patho_sources})
target_include_directories(test_pathological PRIVATE ${CMAKE_CURRENT_LIST_DIR}
  ${CMAKE_CURRENT_LIST_DIR}/../fuzz)
target_link_libraries(test_pathological PRIVATE GTest::gtest caci_gtest_main caci_internal_flags
  caci::caci caci_core)
gtest_discover_tests(test_pathological DISCOVERY_TIMEOUT 60 PROPERTIES LABELS pathological TIMEOUT 900)
