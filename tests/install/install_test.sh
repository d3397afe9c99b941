#!/usr/bin/env bash
# Installation test (lesson 19): installs the build into a temporary prefix, then builds and runs a
# consumer twice: with find_package(caci) + caci::caci, and with pkg-config --cflags --libs caci.
# Usage: install_test.sh BUILD_DIR CONSUMER_DIR EXPECTED_LINE C_COMPILER CXX_COMPILER [static]
set -euo pipefail
build=${1:?build dir}; consumer=${2:?consumer dir}; expected=${3:?expected line}
cc=${4:-cc}; cxx=${5:-c++}; static=${6:-}
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
prefix=$work/prefix

echo "== cmake --install $build --prefix $prefix"
cmake --install "$build" --prefix "$prefix" >"$work/install.log" || { cat "$work/install.log"; exit 1; }
test -f "$prefix/include/caci/caci.h" || { echo "caci.h not installed"; exit 1; }
pc=$(find "$prefix" -name caci.pc | head -1)
config=$(find "$prefix" -name caci-config.cmake | head -1)
[ -n "$pc" ] && [ -n "$config" ] || { echo "caci.pc or caci-config.cmake not installed"; find "$prefix"; exit 1; }

check_output() {  # $1 = executable
  local out; out=$("$1") || { echo "$1 failed: $out"; exit 1; }
  echo "$out"
  grep -qx "$expected" <<<"$out" || { echo "expected a line '$expected'"; exit 1; }
}

echo "== find_package(caci) consumer"
cmake -S "$consumer" -B "$work/consumer-cmake" -DCMAKE_PREFIX_PATH="$prefix" \
  -DCMAKE_C_COMPILER="$cc" -DCMAKE_CXX_COMPILER="$cxx" -DCMAKE_BUILD_TYPE=Release >"$work/cfg.log" 2>&1 \
  || { cat "$work/cfg.log"; exit 1; }
cmake --build "$work/consumer-cmake" >"$work/build.log" 2>&1 || { cat "$work/build.log"; exit 1; }
check_output "$work/consumer-cmake/consumer"

echo "== pkg-config consumer"
export PKG_CONFIG_PATH=$(dirname "$pc")
# The .pc file names the configure-time prefix; relocate it to where it was installed.
pkgconf=(pkg-config --define-variable=prefix="$prefix")
[ -n "$static" ] && pkgconf+=(--static)
flags=$("${pkgconf[@]}" --cflags --libs caci) || { echo "pkg-config failed"; cat "$pc"; exit 1; }
libdir=$("${pkgconf[@]}" --variable=libdir caci)
echo "pkg-config: $flags"
# shellcheck disable=SC2086
"$cxx" -x c "$consumer/consumer.c" -x none $flags -Wl,-rpath,"$libdir" -o "$work/consumer-pc" \
  || { echo "pkg-config build failed"; exit 1; }
check_output "$work/consumer-pc"
echo "install test passed"
