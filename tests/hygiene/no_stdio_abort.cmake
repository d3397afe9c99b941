# "The library never prints, never aborts" gate (lesson 12): libcaci must not import any stdio
# output function, the standard streams, or a process-ending call. Run with cmake -P -DLIB= -DNM=.
cmake_minimum_required(VERSION 3.20)
set(forbidden
  # printing
  printf fprintf vprintf vfprintf dprintf vdprintf puts fputs putchar putc fputc fwrite perror
  __printf_chk __fprintf_chk __vprintf_chk __vfprintf_chk __dprintf_chk
  putwchar fputwc fputws wprintf fwprintf vwprintf vfwprintf
  stdout stderr _IO_2_1_stdout_ _IO_2_1_stderr_
  _ZSt4cout _ZSt4cerr _ZSt4clog _ZSt5wcout _ZSt5wcerr _ZSt5wclog
  # ending the process
  abort exit _exit _Exit quick_exit __assert_fail __assert_perror_fail __stack_chk_fail_local
  syslog)
execute_process(COMMAND "${NM}" -D --undefined-only "${LIB}" OUTPUT_VARIABLE out RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "${NM} failed on ${LIB}")
endif()
string(REPLACE "\n" ";" lines "${out}")
set(found "")
foreach(line IN LISTS lines)
  if(line MATCHES "U +([^ @]+)")
    list(FIND forbidden "${CMAKE_MATCH_1}" at)
    if(NOT at EQUAL -1)
      list(APPEND found "${CMAKE_MATCH_1}")
    endif()
  endif()
endforeach()
if(found)
  string(REPLACE ";" " " found_text "${found}")
  message(FATAL_ERROR "${LIB} imports forbidden symbols: ${found_text}\n"
    "The library must report through statuses and diagnostics, never print or end the process "
    "(assert() imports __assert_fail: use a status instead).")
endif()
message(STATUS "${LIB}: no stdio output, no abort/exit imports")
