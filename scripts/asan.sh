#!/usr/bin/env bash
# AddressSanitizer + UndefinedBehaviorSanitizer build of the library, CLI and every test, then the
# whole ctest suite (fuzz replays, pathological inputs and corrupted index files included).
#   scripts/asan.sh                  build in build-asan (CACI_ASAN_BUILD_DIR) with clang-14 if present
#   CACI_ASAN_CC=gcc CACI_ASAN_CXX=g++ scripts/asan.sh    use GCC instead
# Ends with ctest's summary line; exit status 0 only if every test passed.
# Every executable and libcaci.so link the sanitizer runtimes (clang does not add them to shared
# libraries by itself, and C test programs do not use the internal flags target).
set -uo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
cd "$here"
build=${CACI_ASAN_BUILD_DIR:-build-asan}
jobs=${CACI_JOBS:-2}
if [ -z "${CACI_ASAN_CXX:-}" ] && command -v clang++-14 >/dev/null && command -v clang-14 >/dev/null; then
  CACI_ASAN_CC=clang-14 CACI_ASAN_CXX=clang++-14
fi
cc=${CACI_ASAN_CC:-cc} cxx=${CACI_ASAN_CXX:-c++}
# A C program linking libcaci.so (whose C++ classes carry UBSan's vptr checks) needs clang's C++
# sanitizer runtime, which clang's C driver leaves out.
exe_extra=""
case "$cc" in *clang*) exe_extra=" -fsanitize-link-c++-runtime -lstdc++" ;; esac

echo "== ASan+UBSan build ($build, $cxx)"
if ! cmake -S . -B "$build" -DCMAKE_C_COMPILER="$cc" -DCMAKE_CXX_COMPILER="$cxx" \
     -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCACI_DEVELOPER_MODE=ON -DCACI_SANITIZE=ON \
     -DCACI_BUILD_BENCH=OFF \
     -DCMAKE_EXE_LINKER_FLAGS="-fsanitize=address,undefined$exe_extra" \
     -DCMAKE_SHARED_LINKER_FLAGS="-fsanitize=address,undefined" >"$build.configure.log" 2>&1; then
  tail -40 "$build.configure.log"; echo "0 tests passed, 1 tests failed out of 1"; exit 1
fi
if ! cmake --build "$build" -j "$jobs" >"$build.build.log" 2>&1; then
  grep -E 'error|Error' "$build.build.log" | head -40; echo "0 tests passed, 1 tests failed out of 1"; exit 1
fi

# Leaks are errors; UBSan stops at the first finding (-fno-sanitize-recover=all) with a stack.
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:strict_string_checks=1:detect_stack_use_after_return=1:check_initialization_order=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
echo "== ctest under ASan+UBSan"
(cd "$build" && ctest --output-on-failure -j "$jobs" --timeout 900) 2>&1 \
  | grep -vE '^\s+(Start|[0-9]+/[0-9]+ Test)' | tail -200
exit "${PIPESTATUS[0]}"
