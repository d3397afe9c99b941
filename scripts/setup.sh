#!/usr/bin/env bash
# Installs what libcaci needs on a bare Debian 12 machine. Idempotent: installed packages are
# skipped, and apt-get update runs only when something is missing.
#   scripts/setup.sh [native] [wasm] [browser] [bench] [all]
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)

want_native=0 want_wasm=0 want_browser=0 want_bench=0
[ $# -eq 0 ] && set -- native
for arg in "$@"; do
  case "$arg" in
    native) want_native=1 ;;
    wasm) want_native=1 want_wasm=1 ;;
    browser) want_native=1 want_wasm=1 want_browser=1 ;;
    bench) want_native=1 want_bench=1 ;;
    all) want_native=1 want_wasm=1 want_browser=1 want_bench=1 ;;
    *) echo "setup.sh: unknown profile '$arg' (native|wasm|browser|bench|all)" >&2; exit 2 ;;
  esac
done

pkgs=()
# abigail-tools: abidw/abidiff for the abi_abidiff gate, which fails instead of skipping under CI=true.
[ $want_native = 1 ] && pkgs+=(cmake make g++ pkg-config libsimdjson-dev libutf8proc-dev libgtest-dev libgmock-dev unicode-data abigail-tools python3-pytest python3-setuptools python3-pip)
[ $want_native = 1 ] && pkgs+=(libsqlite3-dev sqlite3 python3-bibtexparser)  # caci export --format sqlite; its tests
[ $want_native = 1 ] && pkgs+=(clang-format)  # the sources_are_formatted gate
[ $want_native = 1 ] && pkgs+=(python3-pandas)  # the README walk-through and Document.to_pandas()
[ $want_native = 1 ] && pkgs+=(groff-base man-db)  # cli_man_renders: groff -man and man -l over caci.1
[ $want_native = 1 ] && pkgs+=(libstemmer-dev)  # Snowball English stemming of query words
[ $want_native = 1 ] && pkgs+=(libzstd-dev)  # zstd for the stored article text in index files
[ $want_wasm = 1 ] && pkgs+=(emscripten binaryen nodejs gzip)
[ $want_wasm = 1 ] && pkgs+=(zopfli)  # the wasm payload's gzip stream, 5% smaller than zlib -9
[ $want_browser = 1 ] && pkgs+=(chromium chromium-driver)
[ $want_bench = 1 ] && pkgs+=(libbenchmark-dev)  # sqlite3 (FTS5 comparison) is in the native list
[ $want_bench = 1 ] && pkgs+=(hyperfine)  # bench/whole_process.sh times whole commands

missing=()
for p in "${pkgs[@]}"; do
  # node may come from outside apt (the machine's own node); only install Debian's if none exists.
  if [ "$p" = nodejs ] && command -v node >/dev/null 2>&1; then continue; fi
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  SUDO=""; [ "$(id -u)" != 0 ] && SUDO=sudo
  echo "setup: installing ${missing[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
fi

if [ $want_wasm = 1 ]; then
  "$here/scripts/fetch-wasm-deps.sh"
fi
if [ $want_browser = 1 ] || [ $want_wasm = 1 ]; then
  if [ -f "$here/package.json" ] && [ ! -d "$here/node_modules/playwright-core" ] ; then
    (cd "$here" && npm install --no-audit --no-fund --loglevel=error)
  fi
fi
echo "setup: ok"
