# caci parse of a large input (PAGES_DIR: the 5,000-article generated archive, ~40 MB): on two
# threads its JSON is written in ranges produced by two threads at once (caci_doc_json_split,
# caci_doc_to_json_range), and the file must be byte for byte the one-thread file. Each output is
# written twice, the second time over the first (the replaced file is released by a child
# process), and to standard output (redirected to a file) as well; both formats.
# Usage: cmake -DEXE=caci -DPAGES_DIR=dir -DOUT=dir -P parse_threads_large.cmake
cmake_minimum_required(VERSION 3.16)
file(GLOB pages "${PAGES_DIR}/page_*.txt")
list(SORT pages)
list(LENGTH pages n)
if(n LESS 100)
  message(FATAL_ERROR "too few pages (${n}) under ${PAGES_DIR}")
endif()
set(dir "${OUT}/parse-threads-large")
file(REMOVE_RECURSE "${dir}")
file(MAKE_DIRECTORY "${dir}")
foreach(format json jsonl)
  foreach(t 1 2)
    foreach(round 1 2)
      execute_process(
        COMMAND ${EXE} parse -q --threads ${t} --format ${format} -o "${dir}/${format}-${t}" ${pages}
        RESULT_VARIABLE rc ERROR_VARIABLE err)
      if(NOT rc EQUAL 0)
        message(FATAL_ERROR "caci parse --threads ${t} --format ${format} (round ${round}): exit ${rc}\n${err}")
      endif()
    endforeach()
    execute_process(
      COMMAND ${EXE} parse -q --threads ${t} --format ${format} ${pages}
      OUTPUT_FILE "${dir}/${format}-${t}-stdout" RESULT_VARIABLE rc ERROR_VARIABLE err)
    if(NOT rc EQUAL 0)
      message(FATAL_ERROR "caci parse --threads ${t} --format ${format} to stdout: exit ${rc}\n${err}")
    endif()
  endforeach()
  file(SIZE "${dir}/${format}-1" size)
  if(size LESS 30000000)
    message(FATAL_ERROR "${format}: only ${size} bytes of JSON: the ranges were not exercised")
  endif()
  foreach(other "${format}-2" "${format}-1-stdout" "${format}-2-stdout")
    execute_process(COMMAND ${CMAKE_COMMAND} -E compare_files "${dir}/${format}-1" "${dir}/${other}"
      RESULT_VARIABLE differ)
    if(NOT differ EQUAL 0)
      message(FATAL_ERROR "${format}: ${dir}/${other} differs from ${dir}/${format}-1")
    endif()
  endforeach()
  message(STATUS "${format}: ${size} bytes, the same on one thread and two, to a file and to stdout")
endforeach()
file(REMOVE_RECURSE "${dir}")
