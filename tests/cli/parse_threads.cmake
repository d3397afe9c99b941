# caci parse on two threads (--threads 2: batches parsed into documents of their own and
# appended in order, caci_doc_append) prints exactly what the one-thread parse prints: the JSON
# (articles, duplicates, versions, diagnostics, stats), the stderr messages in page order and the
# exit status. Inputs: every page under DATA_DIRS, then all of them again (each an exact repeat),
# with an unreadable file in the middle. FLAGS: extra options (--strict, --format jsonl).
# Usage: cmake -DEXE=caci -DDATA_DIRS=a@@b -DOUT=dir [-DFLAGS=a@@b] -P parse_threads.cmake
cmake_minimum_required(VERSION 3.16)
string(REPLACE "@@" ";" dirs "${DATA_DIRS}")
string(REPLACE "@@" ";" flags "${FLAGS}")
set(pages "")
foreach(d IN LISTS dirs)
  file(GLOB found "${d}/*.txt")
  list(SORT found)
  list(APPEND pages ${found})
endforeach()
list(LENGTH pages n)
if(n LESS 2)
  message(FATAL_ERROR "too few pages (${n}) under ${DATA_DIRS}")
endif()
set(inputs ${pages} "${OUT}/no-such-page.txt" ${pages})
foreach(t 1 2)
  execute_process(
    COMMAND ${EXE} parse --threads ${t} ${flags} ${inputs}
    OUTPUT_VARIABLE out_${t} ERROR_VARIABLE err_${t} RESULT_VARIABLE rc_${t})
endforeach()
if(NOT rc_1 STREQUAL rc_2)
  message(FATAL_ERROR "exit status: one thread ${rc_1}, two threads ${rc_2}")
endif()
if(NOT err_1 STREQUAL err_2)
  message(FATAL_ERROR "stderr differs:\n--- one thread\n${err_1}\n--- two threads\n${err_2}")
endif()
if(NOT out_1 STREQUAL out_2)
  file(WRITE "${OUT}/threads-1.out" "${out_1}")
  file(WRITE "${OUT}/threads-2.out" "${out_2}")
  message(FATAL_ERROR "stdout differs: see ${OUT}/threads-1.out and threads-2.out")
endif()
string(LENGTH "${out_1}" len)
if(len EQUAL 0 AND NOT "--strict" IN_LIST flags)
  message(FATAL_ERROR "no output")
endif()
message(STATUS "${n} pages twice: same output (${len} bytes), stderr and exit status ${rc_1}")
