# Fuzzing (lesson 16). Always: one replay_<target> executable per fuzz target, running every seed
# file through LLVMFuzzerTestOneInput as an ordinary ctest test (label fuzz-replay). With
# CACI_FUZZ=ON and clang: the libFuzzer executables fuzz_<target> (scripts/fuzz.sh drives them).
set(caci_fuzz_dir ${CMAKE_CURRENT_LIST_DIR})
set(caci_fuzz_generated ${CMAKE_CURRENT_BINARY_DIR}/fuzz_seeds)
set(caci_fuzz_targets parse normalize search index_load capi_sequence roundtrip text_codec)

# normalize and text_codec exercise the internal C++ core; the others only the public C ABI.
function(caci_fuzz_link exe name)
  target_include_directories(${exe} PRIVATE ${caci_fuzz_dir})
  target_link_libraries(${exe} PRIVATE caci_internal_flags)
  if(name STREQUAL "normalize" OR name STREQUAL "text_codec")
    target_link_libraries(${exe} PRIVATE caci_core)
  else()
    target_link_libraries(${exe} PRIVATE caci::caci)
  endif()
endfunction()

# Generated seeds (saved indexes), made by the library itself: nothing binary is committed.
add_executable(make_fuzz_seeds ${caci_fuzz_dir}/make_fuzz_seeds.cpp)
caci_fuzz_link(make_fuzz_seeds seeds)
add_test(NAME fuzz_generate_seeds COMMAND make_fuzz_seeds ${caci_fuzz_generated})
set_tests_properties(fuzz_generate_seeds PROPERTIES LABELS fuzz-replay FIXTURES_SETUP caci_fuzz_seeds)

foreach(name ${caci_fuzz_targets})
  add_executable(replay_${name} ${caci_fuzz_dir}/fuzz_${name}.cpp ${caci_fuzz_dir}/replay_main.cpp)
  caci_fuzz_link(replay_${name} ${name})
  add_test(NAME fuzz_replay_${name}
    COMMAND replay_${name} ${caci_fuzz_dir}/corpus/${name} ${caci_fuzz_generated}/${name})
  set_tests_properties(fuzz_replay_${name} PROPERTIES LABELS fuzz-replay FIXTURES_REQUIRED caci_fuzz_seeds)

  if(CACI_FUZZ AND CMAKE_CXX_COMPILER_ID STREQUAL "Clang")
    add_executable(fuzz_${name} ${caci_fuzz_dir}/fuzz_${name}.cpp)
    caci_fuzz_link(fuzz_${name} ${name})
    target_compile_options(fuzz_${name} PRIVATE -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all)
    target_compile_definitions(fuzz_${name} PRIVATE CACI_LIBFUZZER=1)
    target_link_options(fuzz_${name} PRIVATE -fsanitize=fuzzer,address,undefined)
  endif()
endforeach()

if(CACI_FUZZ AND NOT CMAKE_CXX_COMPILER_ID STREQUAL "Clang")
  message(WARNING "CACI_FUZZ needs clang (libFuzzer); only the replay tests are built")
endif()
