# One failure while the CLI writes an output file, injected by caci_fault_injection
# (CACI_TEST_FAIL_WRITE=STAGE): the command exits 3 naming the file, the previous file is unchanged
# byte for byte (or, with NO_PREVIOUS, no file appears), and no temporary file is left behind.
# Then the same command without the injected failure replaces the file, keeping its mode.
#   -DEXE=caci_fault_injection -DSTAGE=open|write|fsync|close|rename -DWORK_DIR=dir
#   -DARGS="index@@-o@@OUT@@page.txt" (OUT is replaced by the output path) -DOUTPUT_MATCH=regex
#   optional: -DNO_PREVIOUS=ON
string(REPLACE "@@" ";" ARGS "${ARGS}")
file(REMOVE_RECURSE "${WORK_DIR}")
file(MAKE_DIRECTORY "${WORK_DIR}")
set(out "${WORK_DIR}/output")
list(TRANSFORM ARGS REPLACE "^OUT$" "${out}")

set(failed "")
if(NOT NO_PREVIOUS)
  # Bytes no command writes, ending without a newline, so any change shows.
  string(ASCII 1 127 control_bytes)
  file(WRITE "${out}" "previous output\n\tkept byte for byte\n${control_bytes} end")
  file(CHMOD "${out}" FILE_PERMISSIONS OWNER_READ OWNER_WRITE GROUP_READ)
  file(SHA256 "${out}" before)
endif()

execute_process(COMMAND ${CMAKE_COMMAND} -E env CACI_TEST_FAIL_WRITE=${STAGE} "${EXE}" ${ARGS}
  RESULT_VARIABLE rc OUTPUT_VARIABLE stdout ERROR_VARIABLE stderr)
if(NOT rc EQUAL 3)
  string(APPEND failed "exit status ${rc} with the ${STAGE} step failing, expected 3\n")
endif()
string(REGEX REPLACE "([][+.*()^$?|\\\\])" "\\\\\\1" out_regex "${out}")
if(NOT stderr MATCHES "cannot write '${out_regex}': ")
  string(APPEND failed "stderr does not name '${out}'\n")
endif()
if(NO_PREVIOUS)
  if(EXISTS "${out}")
    string(APPEND failed "a failed write left '${out}' behind\n")
  endif()
else()
  file(SHA256 "${out}" after)
  if(NOT before STREQUAL after)
    string(APPEND failed "the previous '${out}' changed although the ${STAGE} step failed\n")
  endif()
endif()
# Hidden names too: the temporary file is `.output.tmp-XXXXXX`.
file(GLOB left LIST_DIRECTORIES true "${WORK_DIR}/*" "${WORK_DIR}/.*")
list(REMOVE_ITEM left "${out}")
if(left)
  string(APPEND failed "left behind in ${WORK_DIR}: ${left}\n")
endif()

# Without the injected failure the output is replaced, and keeps the previous file's mode (0640).
if(NOT failed)
  execute_process(COMMAND "${EXE}" ${ARGS} RESULT_VARIABLE rc2 ERROR_VARIABLE stderr2)
  file(GLOB left LIST_DIRECTORIES true "${WORK_DIR}/*" "${WORK_DIR}/.*")
  list(REMOVE_ITEM left "${out}")
  if(NOT rc2 EQUAL 0)
    string(APPEND failed "exit status ${rc2} without an injected failure:\n${stderr2}\n")
  elseif(NOT EXISTS "${out}")
    string(APPEND failed "'${out}' was not written\n")
  else()
    file(READ "${out}" head LIMIT 64)
    if(NOT head MATCHES "${OUTPUT_MATCH}")
      string(APPEND failed "'${out}' does not start like '${OUTPUT_MATCH}': ${head}\n")
    endif()
    execute_process(COMMAND stat -c %a "${out}" OUTPUT_VARIABLE mode OUTPUT_STRIP_TRAILING_WHITESPACE)
    if(NOT NO_PREVIOUS AND NOT mode STREQUAL "640")
      string(APPEND failed "the replaced file has mode ${mode}, expected the previous 640\n")
    endif()
  endif()
  if(left)
    string(APPEND failed "left behind after a successful write: ${left}\n")
  endif()
endif()

if(failed)
  message(FATAL_ERROR "CACI_TEST_FAIL_WRITE=${STAGE} ${EXE} ${ARGS}\n${failed}"
                      "--- stderr:\n${stderr}")
endif()
