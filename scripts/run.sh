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
for q in 'pipeline' '"Central Asia"' 'year:2002..2005 kind:article' 'Turkiye OR Agdam'; do
  echo
  echo "== caci search out/archive.caci '$q' --limit 3"
  "$caci" search out/archive.caci "$q" --limit 3 --facets
done
echo
echo "Wrote out/archive.json, out/archive.jsonl and out/archive.caci"
