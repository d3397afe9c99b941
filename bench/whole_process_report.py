"""Reads the hyperfine rounds of bench/whole_process.sh and writes whole-process.json and
whole-process.md (the RESULTS.md section): medians, ratios to the peer or floor of the same run."""
import glob
import json
import os
import statistics
import sys

work, out, input_bytes = sys.argv[1], sys.argv[2], int(sys.argv[3])
rss = dict(zip(("search", "search_only", "index", "parse"), (int(x) * 1024 for x in sys.argv[4:8])))
wasm = {"full": json.loads(sys.argv[8]), "search_only": json.loads(sys.argv[9])}
queries = sys.argv[10:]


def medians(name):
    a, b = [], []
    # name-<round>.json only: "parse-*" also matched the "parse-floor-*" rounds, whose peer is dd.
    for path in sorted(glob.glob(os.path.join(work, name + "-[0-9]*.json"))):
        res = json.load(open(path))["results"]
        a += res[0]["times"]
        b += res[1]["times"]
    return statistics.median(a), statistics.median(b)


# FTS5's build, timed once in every round of caci index's (the database the searches use is built
# beforehand and not counted).
fts5_rounds = [json.load(open(p))["seconds"]
               for p in sorted(glob.glob(os.path.join(work, "fts5-round-*.json")))]
fts5 = {"seconds": statistics.median(fts5_rounds)}
r = {"input_bytes": input_bytes, "rss_bytes": rss, "wasm_load": wasm, "fts5_build_seconds": fts5["seconds"],
     "fts5_build_rounds_seconds": fts5_rounds}
for kind in ("full", "only"):
    per = {q: medians("search-%s-%s" % (kind, q)) for q in queries}
    r["search_" + kind] = {q: {"caci_s": c, "sqlite_s": s} for q, (c, s) in per.items()}
    r["search_%s_caci_median_s" % kind] = statistics.median(c for c, _ in per.values())
    r["search_%s_sqlite_median_s" % kind] = statistics.median(s for _, s in per.values())
r["index_seconds"], index_b = medians("index")
# The rounds' other command: the same `caci index` writing to tmpfs (no durable write), or `true`.
tmpfs = os.path.exists(os.path.join(work, "index-floor.txt"))
r["index_tmpfs_seconds"] = index_b if tmpfs else None
r["parse_seconds"], r["naive_python_seconds"] = medians("parse")
# The floor of `parse -o FILE`: writing its output durably, with no parsing at all.
r["parse_floor_caci_seconds"], r["parse_floor_seconds"] = medians("parse-floor")
r["output_bytes"] = os.path.getsize(os.path.join(work, "articles.jsonl"))
json.dump(r, open(os.path.join(out, "whole-process.json"), "w"), indent=1)

mb = input_bytes / 1e6


def verdict(*checks):
    return "pass" if all(checks) else "**miss**"


sf, so = r["search_full_caci_median_s"], r["search_full_sqlite_median_s"]
mbps = mb / r["parse_seconds"]
rows = [
    ("`caci search` cold, full file (median over %d queries)" % len(queries), sf, "sqlite3 CLI on FTS5", so,
     "<= 1.5x; RSS %.0f MB (<= 64)" % (rss["search"] / 1e6), verdict(sf / so <= 1.5, rss["search"] <= 64e6)),
    ("`caci search` cold, search-only file", r["search_only_caci_median_s"], "sqlite3 CLI on FTS5",
     r["search_only_sqlite_median_s"], "RSS %.0f MB" % (rss["search_only"] / 1e6), ""),
    ("`caci index` whole process", r["index_seconds"],
     "FTS5 build in process (no parse; %d rounds, %.2f-%.2f s)" % (len(fts5_rounds), min(fts5_rounds), max(fts5_rounds)),
     fts5["seconds"],
     "<= 0.25x; RSS %.2fx input (<= 1.5)" % (rss["index"] / input_bytes),
     verdict(r["index_seconds"] / fts5["seconds"] <= 0.25, rss["index"] <= 1.5 * input_bytes)),
] + ([
    ("`caci index`, output on tmpfs (fsync returns at once)", r["index_tmpfs_seconds"],
     "FTS5 build in process, as above", fts5["seconds"],
     "writing the file durably: %.3f s of the whole" % (r["index_seconds"] - r["index_tmpfs_seconds"]), ""),
] if tmpfs else []) + [
    ("`caci parse --format jsonl` (%.0f MB/s)" % mbps, r["parse_seconds"],
     "naive Python line split", r["naive_python_seconds"],
     ">= 600 MB/s and <= 0.25x; RSS %.0f MB" % (rss["parse"] / 1e6),
     verdict(mbps >= 600, r["parse_seconds"] / r["naive_python_seconds"] <= 0.25)),
    ("`caci parse --format jsonl`, other rounds", r["parse_floor_caci_seconds"],
     "floor: its %.0f MB of JSONL copied by `dd conv=fsync`" % (r["output_bytes"] / 1e6), r["parse_floor_seconds"],
     "600 MB/s is %.3f s" % (mb / 600), ""),
]
lines = ["", "## Whole processes (issue 13)", "",
         "`bench/whole_process.sh`: hyperfine, caci and the peer interleaved in rounds, medians; wall time on a "
         "shared machine. Input %.1f MB." % mb, "",
         "| what a user runs | caci, s | peer or floor | peer, s | caci / peer | target | result |",
         "|---|---:|---|---:|---:|---|---|"]
for what, c, peer, p, target, result in rows:
    lines.append("| %s | %.3f | %s | %.3f | %.2f | %s | %s |" % (what, c, peer, p, c / p, target, result))
for k, label in (("full", "full file"), ("search_only", "search-only file")):
    w = wasm[k]
    if w:
        lines.append("| wasm `Index.load()` in node, %s (%.0f MB) | %.3f | | | | <= 0.05 s (115 MB) | %s |"
                     % (label, w["bytes"] / 1e6, w["median_ms"] / 1e3,
                        verdict(w["median_ms"] <= 50) if k == "full" else ""))
open(os.path.join(out, "whole-process.md"), "w").write("\n".join(lines) + "\n")
print("\n".join(lines))
