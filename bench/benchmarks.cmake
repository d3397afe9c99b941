# Google Benchmark executables (see bench/README.md and scripts/bench.sh). Each validates its
# output before timing. The archive comes from caci_gen_archive via $CACI_BENCH_ARCHIVE.
find_package(SQLite3 QUIET)

function(caci_add_bench name src)
  add_executable(${name} ${src})
  target_include_directories(${name} PRIVATE ${CMAKE_CURRENT_SOURCE_DIR}/support)
  target_link_libraries(${name} PRIVATE caci_core caci_internal_flags)
endfunction()

caci_add_bench(caci_bench_parse ${CMAKE_CURRENT_SOURCE_DIR}/parse_bench.cpp)
target_link_libraries(caci_bench_parse PRIVATE benchmark::benchmark simdjson::simdjson)

caci_add_bench(caci_bench_rss ${CMAKE_CURRENT_SOURCE_DIR}/rss_main.cpp)

caci_add_bench(caci_bench_text_codec ${CMAKE_CURRENT_SOURCE_DIR}/text_codec_bench.cpp)
target_link_libraries(caci_bench_text_codec PRIVATE benchmark::benchmark)

if(SQLite3_FOUND)
  caci_add_bench(caci_bench_index ${CMAKE_CURRENT_SOURCE_DIR}/index_bench.cpp)
  target_link_libraries(caci_bench_index PRIVATE benchmark::benchmark SQLite::SQLite3)
  caci_add_bench(caci_bench_query ${CMAKE_CURRENT_SOURCE_DIR}/query_bench.cpp)
  target_link_libraries(caci_bench_query PRIVATE benchmark::benchmark SQLite::SQLite3)
else()
  message(STATUS "SQLite3 not found: index and query benchmarks (FTS5 comparison) disabled")
endif()
