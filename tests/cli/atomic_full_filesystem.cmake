# A real full disk: on a 64 KiB tmpfs, `caci index -o` of a large archive over a good small index
# fails with exit 3 naming the file, and the good index survives byte for byte with no temporary
# file left. Mounting needs root (or passwordless sudo); without it the test is skipped, except
# under CI=true, where a gate that cannot run fails.
#   -DEXE=caci -DSMALL_PAGE=page.txt -DLARGE_DIR=dir of page_*.txt -DMOUNT_POINT=dir
string(TOLOWER "$ENV{CI}" ci)
function(cannot_run reason)
  if(ci STREQUAL "true" OR ci STREQUAL "1")
    message(FATAL_ERROR "${reason}: this gate must run under CI=true (run the tests as root)")
  endif()
  # SKIP_REGULAR_EXPRESSION of the test (tests/cli/tests.cmake).
  message("SKIPPED: ${reason}")
endfunction()

set(sudo "")
execute_process(COMMAND id -u OUTPUT_VARIABLE uid OUTPUT_STRIP_TRAILING_WHITESPACE)
if(NOT uid STREQUAL "0")
  execute_process(COMMAND sudo -n true RESULT_VARIABLE sudo_rc OUTPUT_QUIET ERROR_QUIET)
  if(NOT sudo_rc EQUAL 0)
    cannot_run("mounting a size-limited tmpfs needs root or passwordless sudo")
    return()
  endif()
  set(sudo sudo -n)
endif()

file(GLOB large_pages "${LARGE_DIR}/page_*.txt")
if(NOT large_pages)
  message(FATAL_ERROR "no generated pages in ${LARGE_DIR} (fixture caci_generated_archive)")
endif()

# A mount left over from an interrupted run goes first.
execute_process(COMMAND ${sudo} umount "${MOUNT_POINT}" OUTPUT_QUIET ERROR_QUIET)
file(MAKE_DIRECTORY "${MOUNT_POINT}")
execute_process(COMMAND ${sudo} mount -t tmpfs -o size=64k,mode=1777 tmpfs "${MOUNT_POINT}"
  RESULT_VARIABLE mount_rc ERROR_VARIABLE mount_err)
if(NOT mount_rc EQUAL 0)
  cannot_run("mount -t tmpfs -o size=64k failed: ${mount_err}")
  return()
endif()

set(failed "")
set(out "${MOUNT_POINT}/archive.caci")
execute_process(COMMAND "${EXE}" index -o "${out}" "${SMALL_PAGE}"
  RESULT_VARIABLE rc ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
  string(APPEND failed "the small index did not fit (exit ${rc}):\n${err}\n")
else()
  file(SHA256 "${out}" good)
  execute_process(COMMAND "${EXE}" index -o "${out}" ${large_pages}
    RESULT_VARIABLE rc ERROR_VARIABLE err)
  if(NOT rc EQUAL 3)
    string(APPEND failed "exit status ${rc} for an index larger than the file system, expected 3\n")
  endif()
  if(NOT err MATCHES "cannot write '[^']*archive.caci': .*No space left on device")
    string(APPEND failed "stderr does not name the file and the full disk\n")
  endif()
  file(SHA256 "${out}" after)
  if(NOT good STREQUAL after)
    string(APPEND failed "the good index was changed by the failed write\n")
  endif()
  file(GLOB left LIST_DIRECTORIES true "${MOUNT_POINT}/*" "${MOUNT_POINT}/.*")
  list(REMOVE_ITEM left "${out}")
  if(left)
    string(APPEND failed "left behind on the full file system: ${left}\n")
  endif()
endif()

execute_process(COMMAND ${sudo} umount "${MOUNT_POINT}" RESULT_VARIABLE umount_rc)
if(failed)
  message(FATAL_ERROR "${failed}--- stderr:\n${err}")
endif()
if(NOT umount_rc EQUAL 0)
  message(FATAL_ERROR "could not unmount ${MOUNT_POINT}")
endif()
file(REMOVE_RECURSE "${MOUNT_POINT}")
