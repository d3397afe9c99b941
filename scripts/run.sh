#!/usr/bin/env bash
# The main job: installs what is needed, builds libcaci and the caci CLI, parses the bundled sample
# archive (samples/*.txt), prints a readable summary, writes the JSON, builds a search index and
# runs a few example searches.
#   scripts/run.sh [PAGES...]      (default: samples/*.txt)
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
cd "$here"
scripts/setup.sh native >/dev/null
build=${CACI_BUILD_DIR:-build-release}
cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build "$build" -j "${CACI_JOBS:-2}" --target caci_cli >/dev/null
caci="$build/cli/caci"
mkdir -p out
if [ $# -gt 0 ]; then pages=("$@"); else pages=(samples/*.txt); fi

echo "== caci parse: ${#pages[@]} pages -> out/archive.json"
"$caci" parse --summary --format json -o out/archive.json "${pages[@]}"
"$caci" parse --format jsonl -o out/archive.jsonl "${pages[@]}"
echo
echo "== caci index -> out/archive.caci"
"$caci" index -o out/archive.caci "${pages[@]}"
ls -l out/archive.caci | awk '{print "index file: " $5 " bytes"}'
search() {
  echo
  echo "== caci search out/archive.caci $*"
  "$caci" search out/archive.caci "$@"
}
search 'hydropower OR ferry' --limit 3 --facets
search '"Central Asia"' --limit 3
search 'year:2002..2005 kind:article' --sort date --limit 3
search 'Turkiye OR Agdam' --limit 3            # diacritics folded: matches Türkiye, Ağdam
search 'Tajikstan~1 author:Ekholm' --limit 3   # fuzzy word plus an author filter
echo
echo "Wrote out/archive.json, out/archive.jsonl and out/archive.caci"
