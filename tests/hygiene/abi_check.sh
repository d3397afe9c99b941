#!/usr/bin/env bash
# abidiff gate (lesson 10c): compares libcaci.so against the committed baseline capi/abi/caci.abi.
#   abi_check.sh check  LIB BASELINE TOP_CMAKELISTS HEADER_DIR...   (ctest; 77 = skipped, not in CI)
#   abi_check.sh update LIB BASELINE HEADER_DIR...                  (refresh, see capi/abi/README.md)
# An incompatible change fails unless CACI_SOVERSION (top-level CMakeLists.txt) differs from the
# SONAME recorded in the baseline: an ABI break must come with a SOVERSION bump and a new baseline.
set -uo pipefail
mode=${1:?mode}; lib=${2:?library}; baseline=${3:?baseline}; shift 3
# A check that cannot run is skipped (ctest's SKIP_RETURN_CODE 77), except under CI=true (or 1):
# there it fails, so a green CI never hides an unchecked ABI (scripts/setup.sh installs abidiff).
skip() {
  case "${CI:-}" in
    [Tt][Rr][Uu][Ee] | 1) echo "FAILED: $* (CI=$CI: the ABI gate must run, not skip)"; exit 1 ;;
  esac
  echo "SKIPPED: $*"; exit 77
}

command -v abidw >/dev/null && command -v abidiff >/dev/null || skip "abidw/abidiff not installed (apt: abigail-tools)"
[ -f "$lib" ] || { echo "no library at $lib"; exit 1; }
if ! readelf -S "$lib" 2>/dev/null | grep -q '\.debug_info'; then
  skip "$lib has no debug info (the ABI check needs -g on the capi sources)"
fi

# Only what the library exports, and only types declared in the public headers (absolute paths:
# abidw matches them against the DWARF file names).
abidw_flags=(--exported-interfaces-only --drop-private-types --no-show-locs --no-comp-dir-path --no-corpus-path)

if [ "$mode" = update ]; then
  headers=(); for d in "$@"; do headers+=(--headers-dir "$(realpath "$d")"); done
  abidw "${headers[@]}" "${abidw_flags[@]}" --out-file "$baseline" "$lib" || exit 1
  echo "wrote $baseline ($(grep -c '<function-decl' "$baseline") functions, soname $(grep -o "soname='[^']*'" "$baseline"))"
  exit 0
fi

top_cmake=${1:?top-level CMakeLists.txt}; shift
[ -f "$baseline" ] || skip "no baseline at $baseline yet (see capi/abi/README.md)"
headers=(); for d in "$@"; do headers+=(--headers-dir "$(realpath "$d")"); done

current=$(mktemp --suffix=.abi); trap 'rm -f "$current"' EXIT
abidw "${headers[@]}" "${abidw_flags[@]}" --out-file "$current" "$lib" || { echo "abidw failed"; exit 1; }
abidiff --no-added-syms --suppressions "$(dirname "$0")/../../capi/abi/suppressions.abignore" "$baseline" "$current"
rc=$?
if (( rc & 3 )); then echo "abidiff failed to run (status $rc)"; exit 1; fi
if (( rc == 0 )); then echo "ABI compatible with $baseline"; exit 0; fi

soversion=$(sed -nE 's/^[[:space:]]*set\(CACI_SOVERSION[[:space:]]+([0-9]+)\).*/\1/p' "$top_cmake" | head -1)
base_soname=$(grep -o "soname='[^']*'" "$baseline" | head -1 | sed -E "s/soname='(.*)'/\1/")
if [ -n "$soversion" ] && [ "$base_soname" != "libcaci.so.$soversion" ]; then
  echo "ABI changed (abidiff status $rc) together with a SOVERSION bump ($base_soname -> libcaci.so.$soversion):"
  echo "accepted; refresh capi/abi/caci.abi as described in capi/abi/README.md."
  exit 0
fi
echo "FAILED: the ABI of $lib changed (abidiff status $rc, see above) but CACI_SOVERSION is still $soversion."
echo "Either restore compatibility, or bump CACI_SOVERSION in CMakeLists.txt and refresh the baseline."
exit 1
