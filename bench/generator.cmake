# The synthetic archive generator (tools/gen_archive.cpp): deterministic input for the benchmarks.
# Included by bench/ and by tests/ (the generated-archive tests): the first include defines it.
if(TARGET caci_gen_archive)
  return()
endif()
add_executable(caci_gen_archive ${PROJECT_SOURCE_DIR}/tools/gen_archive.cpp)
target_link_libraries(caci_gen_archive PRIVATE caci_internal_flags)
