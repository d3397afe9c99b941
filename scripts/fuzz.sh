#!/usr/bin/env bash
# libFuzzer run of every fuzz target (clang-14, ASan+UBSan), each for N seconds, recorded in
# tests/fuzz/CAMPAIGN.md (targets, executions, coverage, findings, the commit).
#   scripts/fuzz.sh [seconds-per-target] [target...]     default 60 s, all targets
#   CACI_FUZZ_WORKERS=2 scripts/fuzz.sh ...               parallel workers per target (-fork=N)
#   CACI_FUZZ_RUNS=10000000 scripts/fuzz.sh 0 parse       a number of executions instead of a time
#       (a time above 0 still caps it): the workers are independent processes sharing the work
#       corpus, each running its share
# New inputs go to a git-ignored work corpus, build-fuzz/corpus/<target>/ (seeded from
# tests/fuzz/corpus/<target>/ and generated saved indexes); crashes to build-fuzz/artifacts/<target>/.
# To keep a crash as a regression test, copy its file into tests/fuzz/corpus/<target>/: the
# fuzz_replay_<target> ctest test then runs it in every build.
set -uo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
cd "$here"
seconds=${1:-60}; shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(parse normalize search index_load capi_sequence roundtrip text_codec)
workers=${CACI_FUZZ_WORKERS:-1}
runs=${CACI_FUZZ_RUNS:-}
build=${CACI_FUZZ_BUILD_DIR:-build-fuzz}
jobs=${CACI_JOBS:-2}

echo "== build ($build)"
cmake -S . -B "$build" -DCMAKE_C_COMPILER=clang-14 -DCMAKE_CXX_COMPILER=clang++-14 \
  -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCACI_DEVELOPER_MODE=ON -DCACI_FUZZ=ON -DCACI_SANITIZE=ON \
  -DBUILD_SHARED_LIBS=OFF -DCACI_BUILD_BENCH=OFF -DCACI_BUILD_CLI=OFF \
  -DCMAKE_C_FLAGS=-fsanitize=fuzzer-no-link -DCMAKE_CXX_FLAGS=-fsanitize=fuzzer-no-link \
  >"$build.configure.log" 2>&1 || { tail -30 "$build.configure.log"; exit 1; }
build_targets=(make_fuzz_seeds)
for t in "${targets[@]}"; do build_targets+=("fuzz_$t"); done
cmake --build "$build" -j "$jobs" --target "${build_targets[@]}" >"$build.build.log" 2>&1 \
  || { grep -E 'error|Error' "$build.build.log" | head -30; exit 1; }
"$build/tests/make_fuzz_seeds" "$build/seeds" >/dev/null

export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
status=0
summary=()
rows=()
for t in "${targets[@]}"; do
  work=$build/corpus/$t; artifacts=$build/artifacts/$t/
  mkdir -p "$work" "$artifacts"
  case $t in parse | roundtrip) max_len=32768 ;; index_load) max_len=65536 ;; *) max_len=4096 ;; esac
  seeds=("tests/fuzz/corpus/$t"); [ -d "$build/seeds/$t" ] && seeds+=("$build/seeds/$t")
  common=(-dict=tests/fuzz/caci.dict -max_len="$max_len" -timeout=20 -rss_limit_mb=2560
    -print_final_stats=1 -artifact_prefix="$artifacts")
  started=$(date +%s)
  if [ -n "$runs" ]; then
    echo "== fuzz_$t for $runs executions"
    # Independent processes rather than -fork, whose jobs each replay the whole corpus on start
    # (10 s for parse's); -reload (on by default) shares what each one finds through $work.
    pids=()
    rm -f "$build"/fuzz_"$t".[0-9]*.log  # an earlier run's workers must not be counted
    for w in $(seq 1 "$workers"); do
      mkdir -p "$build/seeds-empty"
      [ "$w" -eq 1 ] && in=("${seeds[@]}") || in=("$build/seeds-empty")
      "$build/tests/fuzz_$t" "$work" "${in[@]}" "${common[@]}" -runs=$((runs / workers)) \
        -max_total_time="$seconds" >"$build/fuzz_$t.$w.log" 2>&1 &
      pids+=($!)
    done
    rc=0
    # A finding in one worker outranks another worker's interruption (exit 72).
    for p in "${pids[@]}"; do
      wait "$p" && continue
      r=$?
      [ $rc -eq 0 ] || [ $rc -eq 72 ] && rc=$r
    done
    cat "$build"/fuzz_"$t".[0-9]*.log >"$build/fuzz_$t.log"
    elapsed=$(($(date +%s) - started))
    execs=$(sed -nE 's/^stat::number_of_executed_units: *([0-9]+).*/\1/p' "$build/fuzz_$t.log" |
      awk '{n += $1} END {print n}')
    speed=$((execs / (elapsed > 0 ? elapsed : 1)))
    took="${elapsed}s"
    [ "${execs:-0}" -lt "$runs" ] && [ "$seconds" -gt 0 ] &&
      took+=" (capped at ${seconds}s, $runs asked)"
  else
    fork=(); [ "$workers" -gt 1 ] && fork=(-fork="$workers" -ignore_crashes=0)
    echo "== fuzz_$t for ${seconds}s"
    "$build/tests/fuzz_$t" "$work" "${seeds[@]}" "${common[@]}" -max_total_time="$seconds" \
      "${fork[@]}" >"$build/fuzz_$t.log" 2>&1
    rc=$?
    execs=$(sed -nE 's/^stat::number_of_executed_units: *([0-9]+).*/\1/p' "$build/fuzz_$t.log" | tail -1)
    speed=$(sed -nE 's/^stat::average_exec_per_sec: *([0-9]+).*/\1/p' "$build/fuzz_$t.log" | tail -1)
    if [ -z "$execs" ]; then  # -fork: the last status line carries the total ("#12345 ...")
      execs=$(grep -oE '^#[0-9]+' "$build/fuzz_$t.log" | tail -1 | tr -d '#')
      [ -n "$execs" ] && speed=$((execs / seconds))
    fi
    took="${seconds}s"
  fi
  cov=$(grep -oE 'cov: [0-9]+ ft: [0-9]+' "$build/fuzz_$t.log" | tail -1)
  corpus=$(find "$work" -type f | wc -l)
  line="fuzz_$t: ${execs:-?} execs (${speed:-?}/s), $cov, work corpus $corpus files"
  if [ $rc -eq 72 ]; then
    # libFuzzer's exit code for SIGINT: the run was stopped by hand, which is no finding.
    line+=", interrupted"
    took+=" (interrupted)"
  elif [ $rc -ne 0 ]; then
    status=1
    line+=", FAILED (status $rc): $(ls "$artifacts" | head -3 | tr '\n' ' ')"
    grep -E 'ERROR: |invariant failed|runtime error|SUMMARY' "$build/fuzz_$t.log" | head -5
    grep -E '^ +#[0-9]+ ' "$build/fuzz_$t.log" | head -12
  fi
  echo "$line"
  summary+=("$line")
  findings=$(find "$artifacts" -type f | wc -l)
  rows+=("| fuzz_$t | $took x $workers | ${execs:-?} | ${speed:-?}/s | ${cov:-?} | $corpus | $findings |")
done
echo "== summary"
printf '%s\n' "${summary[@]}"

# The record: newest campaign first, older ones kept below it.
record=tests/fuzz/CAMPAIGN.md
{
  echo "# Fuzzing campaigns"
  echo
  echo "Written by \`scripts/fuzz.sh\` (libFuzzer, clang-14, ASan+UBSan). Every finding is fixed and its input"
  echo "copied into \`tests/fuzz/corpus/<target>/\`, where the \`fuzz_replay_<target>\` ctest tests replay it."
  echo
  echo "## $(date -u +%Y-%m-%d) at $(git rev-parse --short HEAD 2>/dev/null || echo unknown)$(git diff --quiet 2>/dev/null || echo ' (with uncommitted changes)')"
  echo
  echo "| target | time x workers | executions | speed | coverage | work corpus | findings |"
  echo "|---|---|---|---|---|---|---|"
  printf '%s\n' "${rows[@]}"
  echo
  if [ $status -eq 0 ]; then echo "No findings."; else echo "Findings: see build-fuzz/artifacts/ and the log above."; fi
  if [ -f "$record" ]; then echo; sed -n '/^## /,$p' "$record"; fi
} >"$record.tmp" && mv "$record.tmp" "$record"
echo "recorded in $record"
exit $status
