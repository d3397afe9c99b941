#!/usr/bin/env bash
# Builds libcaci for WebAssembly with emscripten and bundles the JavaScript API into wasm/dist/.
#   wasm/build.sh            release build (-O2) -> wasm/dist/
#   wasm/build.sh --debug    -O0 -g -sASSERTIONS -sSAFE_HEAP -> wasm/build/debug/dist/
# (the debug output stays out of wasm/dist/, which holds only what ships; tests take
# CACI_WASM_DIST=wasm/build/debug/dist to run against it)
# The module is built by CMake (emcmake; wasm/CMakeLists.txt) from the same caci_core and caci
# targets as native, plus wasm/glue, in wasm/build/<variant>/: incremental. Then js/ is bundled.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
variant=release
for arg in "$@"; do
  case "$arg" in
    --debug) variant=debug ;;
    -h|--help) sed -n '2,8p' "$0"; exit 0 ;;
    *) echo "build.sh: unknown argument '$arg'" >&2; exit 2 ;;
  esac
done
jobs=${CACI_JOBS:-2}

# emscripten's optimizing link needs acorn, which Debian ships outside node's default path.
export NODE_PATH=/usr/share/nodejs${NODE_PATH:+:$NODE_PATH}
command -v em++ >/dev/null || { echo "build.sh: em++ not found (scripts/setup.sh wasm)" >&2; exit 1; }
third_party=${CACI_THIRD_PARTY_DIR:-$root/third_party}
if [ ! -f "$third_party/utf8proc-2.8.0/utf8proc.c" ] || [ ! -f "$third_party/simdjson-3.0.1/singleheader/simdjson.cpp" ] ||
   [ ! -f "$third_party/zstd-1.5.4/lib/zstd.h" ] ||
   [ ! -f "$third_party/snowball-2.2.0/src_c/stem_UTF_8_english.c" ]; then
  "$root/scripts/fetch-wasm-deps.sh"
fi

build=$here/build/$variant
core_module=$build/caci_wasm.mjs
dist=$here/dist
[ "$variant" = debug ] && dist=$build/dist
mkdir -p "$build" "$dist"

start=$(date +%s)
# Configure (emcmake: CMake with emscripten's toolchain file) when the build directory is new or
# these settings changed; after that, cmake --build re-runs CMake itself when a CMakeLists.txt, a
# source glob or wasm/exports.txt changes. A JavaScript-only change only re-bundles.
build_type=Release
[ "$variant" = debug ] && build_type=Debug
allow_undefined=OFF
[ "${CACI_WASM_ALLOW_UNDEFINED:-0}" = 1 ] && allow_undefined=ON
settings=(-DCMAKE_BUILD_TYPE="$build_type" -DCACI_THIRD_PARTY_DIR="$third_party"
  -DCACI_WASM_ALLOW_UNDEFINED="$allow_undefined")
stamp=$build/.caci-configure
if [ ! -f "$build/CMakeCache.txt" ] || [ "$(cat "$stamp" 2>/dev/null)" != "${settings[*]}" ]; then
  generator=()
  if [ ! -f "$build/CMakeCache.txt" ]; then
    command -v ninja >/dev/null && generator=(-G Ninja)
  fi
  emcmake cmake -S "$root" -B "$build" "${generator[@]}" "${settings[@]}" >"$build/configure.log" 2>&1 \
    || { cat "$build/configure.log" >&2; echo "build.sh: CMake configure failed" >&2; exit 1; }
  printf '%s' "${settings[*]}" > "$stamp"
fi
# Flags, the -Os file list, exceptions (emscripten's default) and exports: wasm/CMakeLists.txt.
cmake --build "$build" --target caci_wasm caci_wasm_text_codec_check -j "$jobs"

node "$here/tools/bundle.mjs" --core "$core_module" --js "$here/js" --out "$dist"
# Declarations: .d.ts per the API contract, and .d.mts twins, which is what TypeScript's
# node16/nodenext resolution looks for next to an .mjs file.
for d in caci caci-worker-client; do
  cp "$here/js/$d.d.ts" "$dist/$d.d.ts"
  cp "$here/js/$d.d.ts" "$dist/$d.d.mts"
done

elapsed=$(( $(date +%s) - start ))
size() { printf '%s %7d bytes, %6d gzip -9\n' "$(basename "$1")" "$(wc -c <"$1")" "$(gzip -9 -c "$1" | wc -c)"; }
echo "wasm build ($variant) done in ${elapsed}s -> ${dist#"$root"/}"
for f in caci.mjs caci-worker.mjs caci-worker-client.mjs caci.bundle.js caci-worker.bundle.js; do
  [ -f "$dist/$f" ] && size "$dist/$f"
done
