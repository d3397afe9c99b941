#!/usr/bin/env bash
# Runs the Python package's pytest suite (python/tests) against one native build's libcaci.so and
# caci CLI, with Debian's python3 (the python3 first on PATH may lack Debian's pytest).
#   scripts/test-python.sh [BUILD_DIR]      default: build (relative to the repository root)
# Installs only through scripts/setup.sh native. Builds the two targets it needs (caci, caci_cli)
# when they are missing. Ends with pytest's summary line ("N passed, ..."); the exit status is
# pytest's (5: no tests collected).
set -uo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
cd "$here"
build=${1:-${CACI_BUILD_DIR:-build}}
python=${CACI_PYTHON:-/usr/bin/python3}

scripts/setup.sh native >/dev/null || { echo "setup failed"; echo "0 passed, 1 failed"; exit 1; }

case "$build" in /*) ;; *) build="$here/$build" ;; esac
lib="$build/capi/libcaci.so"
cli="$build/cli/caci"
if [ ! -e "$lib" ] || [ ! -x "$cli" ]; then
  echo "test-python: building libcaci and the CLI in $build"
  if ! { [ -f "$build/CMakeCache.txt" ] || cmake -S . -B "$build" -DCACI_DEVELOPER_MODE=ON -DCMAKE_BUILD_TYPE=Release >/dev/null; } \
     || ! cmake --build "$build" -j "${CACI_JOBS:-2}" --target caci caci_cli >/dev/null; then
    echo "test-python: cannot build $lib"; echo "0 passed, 1 failed"; exit 1
  fi
fi

echo "test-python: $python, CACI_LIBRARY=$lib"
CACI_LIBRARY="$lib" CACI_CLI="$cli" PYTHONDONTWRITEBYTECODE=1 \
  "$python" -m pytest -p no:cacheprovider -q -rfEs python/tests
