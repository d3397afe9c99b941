# The synthetic archive generator (tools/gen_archive.cpp): deterministic input for the benchmarks.
add_executable(caci_gen_archive ${PROJECT_SOURCE_DIR}/tools/gen_archive.cpp)
target_link_libraries(caci_gen_archive PRIVATE caci_internal_flags)
