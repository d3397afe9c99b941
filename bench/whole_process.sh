#!/usr/bin/env bash
# Whole-process benchmarks (issue 13): what a user runs, timed with hyperfine, caci and its peer or
# floor interleaved (rounds of one run each, medians over the rounds), plus peak RSS
# (/usr/bin/time -f %M). Outputs are checked before timing. Writes OUT/whole-process.json and
# OUT/whole-process.md (bench/report.py appends the latter to RESULTS.md).
#
#   bench/whole_process.sh CACI ARCHIVE_DIR OUT_DIR ROUNDS [WASM_MODULE]
set -euo pipefail
caci=$1 archive=$2 out=$3 rounds=$4 wasm_module=${5:-}
caci=$(cd "$(dirname "$caci")" && pwd)/$(basename "$caci")  # the timed commands run elsewhere
here=$(cd "$(dirname "$0")" && pwd)
work=$out/whole-process
mkdir -p "$work"
pages=("$archive"/page_*.txt)
# The timed commands name the pages relative to the archive (run from there): hyperfine takes a
# command as one argument, and 2,700 absolute paths can pass the kernel's 128 KiB limit for one.
rel_pages=$(cd "$archive" && echo page_*.txt)
archive=$(cd "$archive" && pwd)
work=$(mkdir -p "$work" && cd "$work" && pwd)
input_bytes=$(cat "${pages[@]}" | wc -c)
queries=(security pipeline elections Kazakhstan energy)
log() { printf '[whole-process %s] %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }

# Median wall seconds of each command over `rounds` rounds, A and B alternating inside a round.
interleaved() { # name cmdA cmdB
  local name=$1 a=$2 b=$3 r
  for ((r = 0; r < rounds; r++)); do
    hyperfine -N --runs 2 --warmup 0 --export-json "$work/$name-$r.json" "$a" "$b" >/dev/null 2>&1 ||
      hyperfine --runs 2 --warmup 0 --export-json "$work/$name-$r.json" "$a" "$b" >/dev/null
  done
}
rss_kb() { /usr/bin/time -f %M "$@" 2>&1 >/dev/null | tail -1; }

log "inputs: parse, the two index files, the FTS5 database"
"$caci" parse --format jsonl -q -o "$work/articles.jsonl" "${pages[@]}"
"$caci" index -q -o "$work/full.caci" "${pages[@]}"
"$caci" index -q --no-text -o "$work/search.caci" "${pages[@]}"
python3 "$here/fts5_build.py" "$work/articles.jsonl" "$work/fts5.db" > "$work/fts5-build.json"
for q in "${queries[@]}"; do  # both sides must find something
  [ -n "$("$caci" search "$work/full.caci" "$q" --limit 10)" ] || { log "caci found nothing for $q"; exit 1; }
  [ -n "$(sqlite3 "$work/fts5.db" "SELECT rowid FROM a WHERE a MATCH '$q' LIMIT 1")" ] || { log "sqlite found nothing for $q"; exit 1; }
done
[ "$(python3 "$here/naive_split.py" "${pages[@]}")" -gt 0 ]

log "search, cold process (full and search-only file vs sqlite3 CLI on FTS5)"
for q in "${queries[@]}"; do
  sql="SELECT rowid, bm25(a) FROM a WHERE a MATCH '$q' ORDER BY bm25(a) LIMIT 10"
  interleaved "search-full-$q" "$caci search $work/full.caci $q --limit 10" "sqlite3 $work/fts5.db \"$sql\""
  interleaved "search-only-$q" "$caci search $work/search.caci $q --limit 10" "sqlite3 $work/fts5.db \"$sql\""
done
log "caci index, whole process, and FTS5 building the same articles, in turn in every round"
# The peer is a Python process timing its own FTS5 build (parse not counted): it cannot be a
# hyperfine command, so each round times it once after caci's runs, and the report takes the
# median over the rounds (one build timed alone moved from 6.1 to 8.8 s between two runs).
# Beside each run, the same command writing to tmpfs, where fsync returns at once: the difference
# is what writing the file durably costs (the report's floor row). "true" where there is no tmpfs.
index_b=true
rm -f "$work/index-floor.txt"
if [ -d /dev/shm ] && [ -w /dev/shm ] && [ "$(stat -f -c %T /dev/shm 2>/dev/null)" = tmpfs ]; then
  tmpfs_dir=$(mktemp -d /dev/shm/caci-bench.XXXXXX)
  trap 'rm -rf "$tmpfs_dir"' EXIT
  index_b="$caci index -q -o $tmpfs_dir/timed.caci $rel_pages"
fi
for ((r = 0; r < rounds; r++)); do
  (cd "$archive" && hyperfine -N --runs 2 --warmup 0 --export-json "$work/index-$r.json" \
    "$caci index -q -o $work/timed.caci $rel_pages" "$index_b" >/dev/null 2>&1 ||
    hyperfine --runs 2 --warmup 0 --export-json "$work/index-$r.json" \
      "$caci index -q -o $work/timed.caci $rel_pages" "$index_b" >/dev/null)
  python3 "$here/fts5_build.py" "$work/articles.jsonl" "$work/fts5-timed.db" > "$work/fts5-round-$r.json"
done
rm -f "$work/fts5-timed.db"
[ "$index_b" = true ] || { rm -rf "$tmpfs_dir"; echo tmpfs > "$work/index-floor.txt"; }
log "caci parse --format jsonl vs the naive Python split"
(cd "$archive" && interleaved parse "$caci parse --format jsonl -q -o $work/timed.jsonl $rel_pages" \
  "python3 $here/naive_split.py $rel_pages")
log "floor of caci parse -o: the same JSONL copied durably (dd conv=fsync), against caci parse"
(cd "$archive" && interleaved parse-floor "$caci parse --format jsonl -q -o $work/timed.jsonl $rel_pages" \
  "dd if=$work/articles.jsonl of=$work/floor.jsonl bs=1M conv=fsync status=none")
rss_search=$(rss_kb "$caci" search "$work/full.caci" security --limit 10)
rss_search_only=$(rss_kb "$caci" search "$work/search.caci" security --limit 10)
rss_index=$(rss_kb "$caci" index -q -o "$work/timed.caci" "${pages[@]}")
rss_parse=$(rss_kb "$caci" parse --format jsonl -q -o "$work/timed.jsonl" "${pages[@]}")
wasm_full='null' wasm_search='null'
if [ -n "$wasm_module" ] && command -v node >/dev/null 2>&1; then
  log "wasm Index.load() in node"
  wasm_full=$(node "$here/wasm_load.mjs" --module "$wasm_module" --index "$work/full.caci" --runs 5 || echo null)
  wasm_search=$(node "$here/wasm_load.mjs" --module "$wasm_module" --index "$work/search.caci" --runs 5 || echo null)
fi
python3 "$here/whole_process_report.py" "$work" "$out" "$input_bytes" "$rss_search" "$rss_search_only" \
  "$rss_index" "$rss_parse" "$wasm_full" "$wasm_search" "${queries[@]}"
