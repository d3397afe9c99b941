#!/usr/bin/env bash
# ThreadSanitizer build of the library and the concurrency tests (one index searched by eight
# threads, every result compared with a single-threaded run; an index's text compressed from both
# ends on two threads while it is built, compared with one thread's; one document's JSON written
# in ranges on two threads, compared with the whole), then those tests under TSan.
#   scripts/tsan.sh        build in build-tsan (CACI_TSAN_BUILD_DIR) with clang-14 if present
# Ends with ctest's summary line; exit status 0 only if the test passed with no race reported.
set -uo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
cd "$here"
build=${CACI_TSAN_BUILD_DIR:-build-tsan}
jobs=${CACI_JOBS:-2}
cc=cc cxx=c++
if command -v clang++-14 >/dev/null && command -v clang-14 >/dev/null; then cc=clang-14 cxx=clang++-14; fi

echo "== ThreadSanitizer build ($build, $cxx)"
if ! cmake -S . -B "$build" -DCMAKE_C_COMPILER="$cc" -DCMAKE_CXX_COMPILER="$cxx" \
     -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCACI_DEVELOPER_MODE=ON -DCACI_TSAN=ON -DCACI_BUILD_BENCH=OFF \
     -DCMAKE_EXE_LINKER_FLAGS=-fsanitize=thread -DCMAKE_SHARED_LINKER_FLAGS=-fsanitize=thread \
     >"$build.configure.log" 2>&1; then
  tail -40 "$build.configure.log"; echo "0 tests passed, 1 tests failed out of 1"; exit 1
fi
if ! cmake --build "$build" -j "$jobs" --target test_concurrency test_index caci_gen_archive >"$build.build.log" 2>&1; then
  grep -E 'error|Error' "$build.build.log" | head -40; echo "0 tests passed, 1 tests failed out of 1"; exit 1
fi
# A reported race fails the test (exit code 66), and the report says where.
export TSAN_OPTIONS=${TSAN_OPTIONS:-halt_on_error=1:exitcode=66:second_deadlock_stack=1}
echo "== ctest under ThreadSanitizer"
(cd "$build" && ctest --output-on-failure -R '^(ConcurrentSearch|ConcurrentJson|TextStream|FoldSteps)\.' --timeout 900) 2>&1 \
  | grep -vE '^\s+(Start|[0-9]+/[0-9]+ Test)' | tail -80
exit "${PIPESTATUS[0]}"
