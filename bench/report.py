#!/usr/bin/env python3
"""Writes bench/RESULTS.md and bench/results.json from the outputs of scripts/bench.sh.

Every figure comes from the files in --out (Google Benchmark JSON, the RSS runs, the wasm run, the
query check, callgrind_annotate output, machine.txt); nothing is typed in here except the targets.
"""
import argparse
import glob
import json
import os
import re
import sys

# Targets: key, kind (">=" means higher is better), limit, label, the archives that must pass. The
# search targets (issue 4) are stated for the 5,000-article archive and judged on both sizes; the
# parse/RSS/wasm targets (the benchmark issue) on the large archive, as before.
BOTH, LARGE = ("small", "large"), ("large",)
TARGETS = [
    ("parse_gbps", ">=", 1.0, "Parse + normalise throughput, one core (GB/s)", LARGE),
    ("index_build_speedup_vs_fts5", ">=", 4.0, "Index build speed vs FTS5 (FTS5 time / caci time)", BOTH),
    ("query_hits_p50_ratio_to_fts5", "<=", 0.05, "Top-10 query p50 / FTS5 p50 (hits only vs rowids only)", BOTH),
    ("query_hits_p99_ratio_to_fts5", "<=", 0.1, "Top-10 query p99 / FTS5 p99 (hits only vs rowids only)", BOTH),
    ("query_snippets_p50_ratio_to_fts5", "<=", 0.05, "Top-10 query p50 / FTS5 p50 (with snippets vs snippet())", BOTH),
    ("query_snippets_p99_ratio_to_fts5", "<=", 0.1, "Top-10 query p99 / FTS5 p99 (with snippets vs snippet())", BOTH),
    ("index_search_only_to_text", "<=", 0.3,
     "Index file bytes / article text bytes (search-only file, `caci index --no-text`)", BOTH),
    ("peak_rss_to_input", "<=", 1.5, "Peak RSS of parse+index (one document, before save) / input bytes", LARGE),
    ("wasm_parse_ratio_to_native", ">=", 0.5, "wasm parse throughput / native", LARGE),
    # Issue 13 (format 3): the file with its text; the demo reopening its cached index. Issue 13
    # states its targets for the 20,000-article archive; the small archive's ratio is higher
    # because the parts of fixed size (the 256 KiB text dictionary, a vocabulary nearly as large)
    # weigh more on a quarter of the text. Its figure stays in the table.
    ("index_bytes_to_text", "<=", 0.6, "Index file bytes / article text bytes (full file with text)", LARGE),
    ("demo_reopen_ms", "<=", 300,
     "Demo reopen: results on screen after navigation, median ms (Chromium, cached index)", LARGE),
]


def load_json(path):
    try:
        with open(path, encoding="utf-8") as f:
            return json.load(f)
    except (OSError, ValueError):
        return None


def read_text(path):
    try:
        with open(path, encoding="utf-8", errors="replace") as f:
            return f.read()
    except OSError:
        return ""


def gbench(out, name):
    """{benchmark name: entry}, taking the median aggregate when repetitions ran."""
    data = load_json(os.path.join(out, name + ".json"))
    if not data:
        return {}
    result, medians = {}, {}
    for b in data.get("benchmarks", []):
        base = b.get("run_name", b["name"]).split("/")[0]
        if b.get("error_occurred"):
            result[base] = {"error": b.get("error_message", "error")}
            continue
        if b.get("run_type") == "aggregate":
            if b.get("aggregate_name") == "median":
                medians[base] = b
        else:
            result.setdefault(base, b)
    result.update(medians)
    return result


def seconds(entry, field="cpu_time"):
    unit = {"ns": 1e-9, "us": 1e-6, "ms": 1e-3, "s": 1.0}[entry.get("time_unit", "ns")]
    return entry[field] * unit


def ok(entry):
    return entry and "error" not in entry


def figures_for(out, size):
    f = {}
    parse = gbench(out, "parse-" + size)
    p = parse.get("BM_parse_normalize")
    if ok(p):
        f["parse_bytes_per_second"] = p["bytes_per_second"]
        f["parse_mbps"] = p["bytes_per_second"] / 1e6
        f["parse_gbps"] = p["bytes_per_second"] / 1e9
        f["parse_seconds"] = seconds(p)
        f["parse_wall_mbps"] = (
            p["bytes_per_second"] * seconds(p) / seconds(p, "real_time") / 1e6)
        f["parse_articles_per_second"] = p.get("items_per_second")
        for k in ("input_bytes", "pages", "articles", "expected_articles", "duplicates",
                  "expected_duplicates", "diagnostics", "bytes_unclassified", "manifest_mismatches",
                  "kind_article", "kind_excerpt", "kind_teaser", "kind_digest"):
            if k in p:
                f["parse_" + k] = p[k]
    elif p:
        f["parse_error"] = p["error"]
    for key, bench in (("memchr", "BM_floor_memchr_newlines"), ("utf8", "BM_floor_simdjson_validate_utf8")):
        b = parse.get(bench)
        if ok(b):
            f["floor_%s_mbps" % key] = b["bytes_per_second"] / 1e6
            if "parse_bytes_per_second" in f:
                f["parse_fraction_of_%s" % key] = f["parse_bytes_per_second"] / b["bytes_per_second"]

    index = gbench(out, "index-" + size)
    c, s, l = index.get("BM_index_build_caci"), index.get("BM_index_build_fts5"), index.get("BM_index_load_caci")
    if ok(c):
        f["index_build_seconds"] = seconds(c)
        f["index_build_mbps_text"] = c["bytes_per_second"] / 1e6
        f["index_bytes"] = c.get("index_bytes")
        f["text_bytes"] = c.get("text_bytes")
        f["index_bytes_to_text"] = c.get("index_to_text")
        f["index_bytes_to_input"] = c.get("index_to_input")
        f["index_search_only_bytes"] = c.get("search_only_bytes")
        f["index_search_only_to_text"] = c.get("search_only_to_text")
        for k in ("section_text_bytes", "section_records_bytes", "section_search_bytes", "section_postings_bytes",
                  "index_without_text_to_text"):
            if k in c:
                f["index_" + k] = c[k]
    elif c:
        f["index_error"] = c["error"]
    if ok(s):
        f["fts5_build_seconds"] = seconds(s)
        f["fts5_db_bytes"] = s.get("fts5_db_bytes")
        f["fts5_db_bytes_to_text"] = s.get("fts5_to_text")
    if ok(c) and ok(s):
        f["index_build_speedup_vs_fts5"] = seconds(s) / seconds(c)
    if ok(l):
        f["index_load_ms"] = seconds(l) * 1e3
        f["index_load_mbps"] = l["bytes_per_second"] / 1e6

    query = gbench(out, "query-" + size)
    qi = query.get("BM_query_top10_interleaved")
    def series(prefix):  # one engine/mode of the interleaved benchmark, shaped like a benchmark entry
        if not ok(qi) or qi.get(prefix + "p50_us") is None:
            return qi if qi and "error" in qi else None
        return {k: qi.get(prefix + k) for k in ("p50_us", "p99_us", "mean_us", "max_us", "wall_p50_us",
                                                "wall_p99_us", "queries_timed")}
    qc, qf = series("caci_"), series("fts5_")
    qch, qfs = series("caci_hits_"), series("fts5_snippets_")
    for key, b in (("caci", qc), ("fts5", qf), ("caci_hits", qch), ("fts5_snippets", qfs)):
        if ok(b):
            for k in ("p50_us", "p99_us", "mean_us", "max_us", "wall_p50_us", "wall_p99_us", "queries_timed"):
                f["query_%s_%s" % (key, k)] = b.get(k)
    # Like for like: hits only vs rowids only, snippets vs snippet(); and caci with snippets vs
    # FTS5 without them (more work on caci's side).
    for name, mine, theirs in (("hits", qch, qf), ("snippets", qc, qfs), ("mixed", qc, qf)):
        if ok(mine) and ok(theirs):
            f["query_%s_p50_ratio_to_fts5" % name] = mine["p50_us"] / theirs["p50_us"]
            f["query_%s_p99_ratio_to_fts5" % name] = mine["p99_us"] / theirs["p99_us"]
    per_query = os.path.join(out, "query-per-query-%s.csv" % size)
    if os.path.exists(per_query):
        import csv
        with open(per_query, encoding="utf-8") as pq:
            f["query_per_query"] = list(csv.DictReader(pq))

    for mode in ("parse", "document", "streaming"):
        r = load_json(os.path.join(out, "rss-%s-%s.json" % (size, mode)))
        if r:
            f["rss_" + mode] = r
    if "rss_document" in f:
        # parse + index, before the index file image is built by save()
        r = f["rss_document"]
        f["peak_rss_to_input"] = r.get("peak_rss_before_save_to_input", r["peak_rss_to_input"])

    w = load_json(os.path.join(out, "wasm-%s.json" % size))
    if w:
        f["wasm"] = w
        if "parse_bytes_per_second" in f:
            f["wasm_parse_ratio_to_native"] = w["parse_bytes_per_second"] / f["parse_bytes_per_second"]
        if f.get("query_caci_p50_us"):
            f["wasm_query_p50_ratio_to_native"] = w["query_p50_us"] / f["query_caci_p50_us"]
            f["wasm_query_p99_ratio_to_native"] = w["query_p99_us"] / f["query_caci_p99_us"]
        if f.get("index_build_seconds"):
            f["wasm_index_build_ratio_to_native"] = w["index_build_cpu_seconds"] / f["index_build_seconds"]
    if size == "large":
        d = load_json(os.path.join(out, "demo-reopen.json"))
        if d:
            f["demo_reopen"] = d
            f["demo_reopen_ms"] = d["median_ms"]
    return f


def parse_checks(out, size):
    checks = {}
    for name in ("parse", "index", "query"):
        text = read_text(os.path.join(out, "%s-%s.stderr.txt" % (name, size)))
        lines = [l for l in text.splitlines() if l.strip() and not l.startswith("***WARNING")]
        checks[name] = [l for l in lines if not re.match(r"^(\d{4}-|Running |Run on|CPU Caches|  L\d|Load Average)", l)][:40]
    return checks


def callgrind_top(out, mode, inclusive, limit=15):
    text = read_text(os.path.join(out, "callgrind-%s-%s.txt" % (mode, "inclusive" if inclusive else "self")))
    rows = []
    for line in text.splitlines():
        m = re.match(r"^\s*([\d,]+)\s+\(\s*([\d.]+)%\)\s+(.*)$", line)
        if not m:
            continue
        where = m.group(3)
        # A library without symbols shows as an address: name the library instead ("libzstd
        # 0x35890"), otherwise drop the "[binary]" suffix.
        lib = re.match(r"^\?\?\?:(0x[0-9a-f]+)\s*\[(?:[^\]]*/)?(lib[^/\].]+)[^\]]*\]\s*$", where)
        if lib:
            where = "%s %s" % (lib.group(2), hex(int(lib.group(1), 16)))
        where = re.sub(r"\s*\[[^\]]*\]\s*$", "", where)  # drop "[binary]"
        where = re.sub(r"^\S*/", "", where) if where.startswith("/") else where
        rows.append({"ir": int(m.group(1).replace(",", "")), "percent": float(m.group(2)), "function": where})
    return rows[:limit + 1]  # the first row is PROGRAM TOTALS


def judge(value, kind, target):
    if value is None:
        return "not measured", None
    passed = value >= target if kind == ">=" else value <= target
    if passed:
        return "pass", None
    if kind == ">=":
        return "miss", "%.3g of target; needs %.4gx" % (value / target, target / value if value else float("inf"))
    return "miss", "%.3gx over the limit" % (value / target)


def fmt(v, digits=3):
    if v is None:
        return "n/a"
    if isinstance(v, float):
        if abs(v) >= 1000:
            return "{:,.0f}".format(v)
        return ("%." + str(digits) + "g") % v
    if isinstance(v, int):
        return "{:,}".format(v)
    return str(v)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", required=True)
    ap.add_argument("--md", required=True)
    ap.add_argument("--json", required=True)
    ap.add_argument("--csv", help="deterministic figures (counts, sizes, query totals), one per line")
    ap.add_argument("--quick", action="store_true")
    a = ap.parse_args()
    out = a.out

    machine = {}
    for line in read_text(os.path.join(out, "machine.txt")).splitlines():
        if "=" in line:
            k, v = line.split("=", 1)
            machine[k] = v
    manifests = {s: load_json(os.path.join(out, "manifest-%s.json" % s)) for s in ("small", "large")}
    figures = {s: figures_for(out, s) for s in ("small", "large")}
    checks = {s: parse_checks(out, s) for s in ("small", "large")}
    query_checks = {s: load_json(os.path.join(out, "query-check-%s.json" % s)) for s in ("small", "large")}
    profile = {}
    for mode in ("parse", "document", "query"):
        profile[mode] = {"self": callgrind_top(out, mode, False), "inclusive": callgrind_top(out, mode, True)}

    large = figures["large"]
    targets = []
    # The issue states its targets on the 5,000-article archive (small); both sizes must pass.
    for key, kind, target, label, judged in TARGETS:
        values = {sz: figures[sz].get(key) for sz in ("small", "large")}
        verdicts = {sz: judge(values[sz], kind, target) for sz in ("small", "large")}
        missed = [sz for sz in judged if verdicts[sz][0] == "miss"]
        if missed:
            worst = missed[0] if len(missed) == 1 else max(
                missed, key=lambda sz: values[sz] / target if kind == "<=" else target / max(values[sz], 1e-12))
            status, by = "miss", "%s: %s" % (worst, verdicts[worst][1])
        elif all(verdicts[sz][0] == "pass" for sz in judged):
            status, by = "pass", None
        else:
            status, by = "not measured", None
        targets.append({"key": key, "label": label, "target": "%s %g" % (kind, target), "value": values["small"],
                        "value_large": values["large"], "judged_on": list(judged), "status": status, "miss_by": by})

    results = {
        "schema": "caci-bench/1",
        "quick": a.quick,
        "machine": machine,
        "archives": manifests,
        "figures": figures,
        "targets": targets,
        "checks": checks,
        "query_checks": query_checks,
        "profile": profile,
        "notes": [
            "Times are CPU time of the benchmark thread/process (the machine is shared by other jobs); "
            "wall-clock query percentiles are given too.",
            "Search targets are judged on both archives (issue 4 states them for the 5,000-article one); "
            "parse, RSS and wasm targets on the large archive.",
            "FTS5 rows are built before timing, so FTS5 build time covers SQLite's work only.",
        ],
    }
    with open(a.json, "w", encoding="utf-8") as f:
        json.dump(results, f, indent=2, sort_keys=False)
        f.write("\n")

    if a.csv:
        det = [("archive", "figure", "value")]
        for sz in ("small", "large"):
            f = figures[sz]
            for k in ("parse_input_bytes", "parse_pages", "parse_articles", "parse_duplicates", "parse_diagnostics",
                      "parse_bytes_unclassified", "parse_kind_article", "parse_kind_excerpt", "parse_kind_teaser",
                      "parse_kind_digest", "text_bytes", "index_bytes", "index_section_text_bytes",
                      "index_section_records_bytes", "index_section_search_bytes", "fts5_db_bytes"):
                if f.get(k) is not None:
                    det.append((sz, k, "%d" % f[k]))
            qc = query_checks.get(sz) or {}
            for q in qc.get("queries", []):
                det.append((sz, "total caci " + q["caci"], "" if q["caci_total"] is None else str(q["caci_total"])))
                det.append((sz, "total fts5 " + (q["fts5"] or q["caci"]), "" if q["fts5_total"] is None else str(q["fts5_total"])))
        import csv
        with open(a.csv, "w", encoding="utf-8", newline="") as fh:
            csv.writer(fh, lineterminator="\n").writerows(det)

    md = []
    w = md.append
    w("# libcaci benchmarks")
    w("")
    w("Generated by `scripts/bench.sh` on %s (commit %s). Every figure below is read from the benchmark "
      "outputs of that run (`build-bench/bench-out/`); `bench/results.json` holds the same data." %
      (machine.get("date", "?"), machine.get("git_commit", "?")))
    if a.quick:
        w("")
        w("**Quick run (`--quick`): small archives and short timings; not for comparison.**")
    w("")
    w("## Machine")
    w("")
    w("| | |")
    w("|---|---|")
    for k, label in (("cpu_model", "CPU"), ("cpus", "CPUs"), ("threads_per_core", "threads per core"),
                     ("l2", "L2"), ("l3", "L3"), ("ram_bytes", "RAM"), ("os", "OS"), ("kernel", "kernel"),
                     ("cxx", "C++ compiler"), ("cmake", "CMake"), ("sqlite", "SQLite"),
                     ("benchmark", "Google Benchmark"), ("node", "Node"), ("emcc", "emcc"),
                     ("load_average", "load average at the end"), ("wasm_module", "wasm module measured"),
                     ("sources_newest", "newest core/capi/wasm source")):
        v = machine.get(k, "")
        if k == "ram_bytes" and v:
            v = "%.1f GiB" % (float(v) / 2**30)
        w("| %s | %s |" % (label, v or "n/a"))
    w("")
    w("The machine is shared with other jobs (see the load average), so times are CPU time of the "
      "benchmark thread, not wall time.")
    w("")
    w("## Archives")
    w("")
    w("Synthetic, from `caci_gen_archive --articles N --seed 1` (deterministic: identical bytes on every machine).")
    w("")
    w("| | small | large |")
    w("|---|---:|---:|")
    keys = sorted(set().union(*[set((m or {}).keys()) for m in manifests.values()]))
    for k in keys:
        w("| %s | %s | %s |" % (k, fmt((manifests["small"] or {}).get(k)), fmt((manifests["large"] or {}).get(k))))
    w("")

    w("## Targets")
    w("")
    w("Search targets (issue 4, stated for the 5,000-article archive) must pass on both archives; "
      "the parse, RSS and wasm targets are judged on the large one.")
    w("")
    w("| target | limit | small (5k) | large (20k) | judged on | result |")
    w("|---|---|---:|---:|---|---|")
    for t in targets:
        res = t["status"] + (" (%s)" % t["miss_by"] if t["miss_by"] else "")
        w("| %s | %s | %s | %s | %s | %s |" % (t["label"], t["target"], fmt(t["value"]), fmt(t["value_large"]),
                                           " + ".join(t["judged_on"]), res))
    w("")

    misses = [t for t in targets if t["status"] == "miss"]
    if misses:
        w("### Misses: where the cost is")
        w("")
        def short(fn):
            if re.match(r"^lib\S+ 0x[0-9a-f]+$", fn):  # a library without symbols (callgrind_top)
                return fn
            full = re.sub(r"^[^:]*\?\?\?:", "", fn)
            full = re.sub(r"^.*/sysdeps/[^:]*:", "", full)
            full = full.replace("(anonymous namespace)", "{anon}")
            # Drop template arguments (balanced <...>) and the parameter list; for a template
            # instantiated with a lambda, name the function the lambda lives in.
            out_, depth, args, i = "", 0, "", 0
            while i < len(full):
                ch = full[i]
                if ch == "<":
                    depth += 1
                elif ch == ">" and depth:
                    depth -= 1
                    if depth == 0:
                        inner = re.findall(r"(\w+)\(", args)
                        out_ += "<%s>" % (inner[0] + "...") if inner else ""
                        args = ""
                elif depth:
                    args += ch
                elif ch == "(":
                    break
                else:
                    out_ += ch
                i += 1
            return out_.split(" ")[-1] or full[:80]
        def top(mode, n=5):
            rows_ = profile.get(mode, {}).get("self") or []
            return ", ".join("`%s` %.0f%%" % (short(r["function"]), r["percent"]) for r in rows_[1:n + 1])
        for t in misses:
            k = t["key"]
            line = "- **%s**: %s, %s." % (t["label"], fmt(t["value"]), t["miss_by"])
            if k == "parse_gbps" and top("parse"):
                line += " Self cost, parse-only callgrind profile: " + top("parse") + "."
            elif k == "index_build_speedup_vs_fts5" and top("document"):
                line += " Self cost, parse+index callgrind profile: " + top("document", 6) + "."
            elif k.startswith("query_"):
                col = "caci_ids_p50_us" if k.startswith("query_hits") else "caci_p50_us"
                rows_ = [r for r in figures["small"].get("query_per_query") or [] if float(r.get(col) or -1) >= 0]
                rows_.sort(key=lambda r: -float(r[col]))
                if rows_:
                    line += " Slowest queries on the small archive (median us, caci / FTS5): " + ", ".join(
                        "`%s` %s / %s" % (r["query"], fmt(float(r[col])),
                                          fmt(float(r["fts5_p50_us" if k.startswith("query_hits") else "fts5_snippets_p50_us"])))
                        for r in rows_[:3]) + "."
                if top("query"):
                    line += " Self cost inside Index::search (callgrind): " + top("query", 6) + "."
            elif k == "index_bytes_to_text" and large.get("index_section_text_bytes") is not None:
                line += (" Of the large file, the compressed article text is %s bytes (%s), the article "
                         "records %s and the search structures %s (postings %s)." % (
                             fmt(large["index_section_text_bytes"]),
                             "%.0f%%" % (100.0 * large["index_section_text_bytes"] / large["index_bytes"]),
                             fmt(large.get("index_section_records_bytes")),
                             fmt(large.get("index_section_search_bytes")),
                             fmt(large.get("index_section_postings_bytes"))))
            elif k == "peak_rss_to_input" and large.get("rss_parse"):
                line += (" Parse alone peaks at %s x the input; parse + index in one document %s x (%s x after "
                         "save builds the file image); streaming pages into the index %s x." % (
                             fmt(large["rss_parse"]["peak_rss_to_input"]), fmt(large["peak_rss_to_input"]),
                             fmt(large["rss_document"]["peak_rss_to_input"]),
                             fmt((large.get("rss_streaming") or {}).get("peak_rss_before_save_to_input"))))
            w(line)
        w("")

    w("## Figures")
    w("")
    rows = [
        ("Input bytes", "parse_input_bytes"),
        ("Articles parsed (expected)", None),
        ("Parse + normalise, MB/s (one core)", "parse_mbps"),
        ("Parse + normalise, MB/s (wall clock on the shared machine)", "parse_wall_mbps"),
        ("Parse, articles/s", "parse_articles_per_second"),
        ("Floor: memchr newline count, MB/s", "floor_memchr_mbps"),
        ("Floor: simdjson::validate_utf8, MB/s", "floor_utf8_mbps"),
        ("Parse / memchr floor", "parse_fraction_of_memchr"),
        ("Parse / UTF-8 validation floor", "parse_fraction_of_utf8"),
        ("Index build (caci), s", "index_build_seconds"),
        ("Index build (FTS5), s", "fts5_build_seconds"),
        ("Index build speed vs FTS5 (x)", "index_build_speedup_vs_fts5"),
        ("Index load, ms", "index_load_ms"),
        ("Article text bytes", "text_bytes"),
        ("Index file bytes", "index_bytes"),
        ("Index bytes / text bytes", "index_bytes_to_text"),
        ("Search-only index file bytes (`--no-text`)", "index_search_only_bytes"),
        ("Search-only index bytes / text bytes", "index_search_only_to_text"),
        ("Index bytes / input bytes", "index_bytes_to_input"),
        ("  of which article text (compressed chunks and their table)", "index_section_text_bytes"),
        ("  of which article records (metadata, countries, versions)", "index_section_records_bytes"),
        ("  of which search structures (terms, lists, postings, lengths)", "index_section_search_bytes"),
        ("    of which postings (doc ids, frequencies, positions)", "index_section_postings_bytes"),
        ("Index bytes without the article text / text bytes", "index_index_without_text_to_text"),
        ("FTS5 database bytes", "fts5_db_bytes"),
        ("FTS5 bytes / text bytes", "fts5_db_bytes_to_text"),
        ("Query p50, caci, us (CPU)", "query_caci_p50_us"),
        ("Query p99, caci, us (CPU)", "query_caci_p99_us"),
        ("Query p50, FTS5, us (CPU)", "query_fts5_p50_us"),
        ("Query p99, FTS5, us (CPU)", "query_fts5_p99_us"),
        ("Query p50, caci hits only, us (CPU)", "query_caci_hits_p50_us"),
        ("Query p99, caci hits only, us (CPU)", "query_caci_hits_p99_us"),
        ("Query p50, FTS5 with snippet(), us (CPU)", "query_fts5_snippets_p50_us"),
        ("Query p99, FTS5 with snippet(), us (CPU)", "query_fts5_snippets_p99_us"),
        ("Query p50 / FTS5, hits only vs rowids", "query_hits_p50_ratio_to_fts5"),
        ("Query p99 / FTS5, hits only vs rowids", "query_hits_p99_ratio_to_fts5"),
        ("Query p50 / FTS5, snippets vs snippet()", "query_snippets_p50_ratio_to_fts5"),
        ("Query p99 / FTS5, snippets vs snippet()", "query_snippets_p99_ratio_to_fts5"),
        ("Query p50 / FTS5, caci with snippets vs FTS5 rowids", "query_mixed_p50_ratio_to_fts5"),
        ("Query p99 / FTS5, caci with snippets vs FTS5 rowids", "query_mixed_p99_ratio_to_fts5"),
        ("Query p50 / p99, caci, us (wall)", None),
        ("Query p50 / p99, FTS5, us (wall)", None),
        ("Queries timed (caci / FTS5)", None),
        ("Peak RSS, parse only / input", None),
        ("Peak RSS, parse + index (one document) / input", "peak_rss_to_input"),
        ("Peak RSS, parse + index + save (one document) / input", None),
        ("Peak RSS, parse + index (streaming pages) / input", None),
        ("Peak RSS, parse + index + save (streaming pages) / input", None),
    ]
    w("| | small | large |")
    w("|---|---:|---:|")

    def special(label, f):
        if label.startswith("Articles parsed"):
            return "%s (%s)" % (fmt(f.get("parse_articles")), fmt(f.get("parse_expected_articles")))
        if label.startswith("Query p50 / p99, caci"):
            return "%s / %s" % (fmt(f.get("query_caci_wall_p50_us")), fmt(f.get("query_caci_wall_p99_us")))
        if label.startswith("Query p50 / p99, FTS5"):
            return "%s / %s" % (fmt(f.get("query_fts5_wall_p50_us")), fmt(f.get("query_fts5_wall_p99_us")))
        if label.startswith("Queries timed"):
            return "%s / %s" % (fmt(f.get("query_caci_queries_timed")), fmt(f.get("query_fts5_queries_timed")))
        if label.startswith("Peak RSS, parse only"):
            r = f.get("rss_parse")
            return fmt(r["peak_rss_to_input"]) + " (%s MB)" % fmt(r["peak_rss_bytes"] / 1e6) if r else "n/a"
        if label.startswith("Peak RSS, parse + index + save"):
            r = f.get("rss_streaming" if "streaming" in label else "rss_document")
            return fmt(r["peak_rss_to_input"]) + " (%s MB)" % fmt(r["peak_rss_bytes"] / 1e6) if r else "n/a"
        if label.startswith("Peak RSS, parse + index (streaming"):
            r = f.get("rss_streaming")
            if not r:
                return "n/a"
            ratio = r.get("peak_rss_before_save_to_input", r["peak_rss_to_input"])
            return fmt(ratio) + " (%s MB)" % fmt(r.get("peak_rss_before_save_bytes", r["peak_rss_bytes"]) / 1e6)
        return "n/a"

    for label, key in rows:
        cells = []
        for s in ("small", "large"):
            f = figures[s]
            if key is None:
                cells.append(special(label, f))
            else:
                v = f.get(key)
                if key == "peak_rss_to_input" and f.get("rss_document"):
                    r = f["rss_document"]
                    cells.append(fmt(v) + " (%s MB)" % fmt(r.get("peak_rss_before_save_bytes", r["peak_rss_bytes"]) / 1e6))
                else:
                    cells.append(fmt(v))
        w("| %s | %s | %s |" % (label, cells[0], cells[1]))
    w("")
    for s in ("small", "large"):
        for k in ("parse_error", "index_error"):
            if figures[s].get(k):
                w("- %s archive: %s: %s" % (s, k, figures[s][k]))
    w("")

    w("## WebAssembly (Node %s)" % machine.get("node", "?"))
    w("")
    if any(figures[s].get("wasm") for s in ("small", "large")):
        w("`bench/wasm_bench.mjs` parses the same archive through the JS API (module: %s; "
          "`Document.parse` page by page), builds the index (`Index.add`) and runs the same queries "
          "(`Index.search`, limit 10, which also marshals hits to JS objects). CPU time of the Node process; "
          "every query's total is checked against the native run." % machine.get("wasm_module", "?"))
        w("")
        w("| | small | large |")
        w("|---|---:|---:|")
        for label, getter in (
                ("Parse, MB/s", lambda f: f["wasm"]["parse_bytes_per_second"] / 1e6),
                ("Parse / native", lambda f: f.get("wasm_parse_ratio_to_native")),
                ("Index build, s", lambda f: f["wasm"]["index_build_cpu_seconds"]),
                ("Index build / native time", lambda f: f.get("wasm_index_build_ratio_to_native")),
                ("Index save (`Index.save()`, lz text), s", lambda f: f["wasm"].get("index_save_cpu_seconds")),
                ("Index save / index build", lambda f: f["wasm"]["index_save_cpu_seconds"] / f["wasm"]["index_build_cpu_seconds"]
                 if f["wasm"].get("index_save_cpu_seconds") else None),
                ("Query p50, us", lambda f: f["wasm"]["query_p50_us"]),
                ("Query p99, us", lambda f: f["wasm"]["query_p99_us"]),
                ("Query p50 / native", lambda f: f.get("wasm_query_p50_ratio_to_native")),
                ("Query p99 / native", lambda f: f.get("wasm_query_p99_ratio_to_native")),
                ("Articles (native check)", lambda f: "%s (%s)" % (fmt(f["wasm"]["articles"]), fmt(f.get("parse_articles")))),
                ("Query totals differing from native", lambda f: len(f["wasm"]["query_total_mismatches"]))):
            cells = []
            for s in ("small", "large"):
                f = figures[s]
                try:
                    cells.append(fmt(getter(f)) if f.get("wasm") else "n/a")
                except (KeyError, TypeError, ZeroDivisionError):
                    cells.append("n/a")
            w("| %s | %s | %s |" % (label, cells[0], cells[1]))
        for s in ("small", "large"):
            wm = (figures[s].get("wasm") or {}).get("query_total_mismatches") or []
            if wm:
                w("")
                w("%s archive, queries whose wasm total differs from native: %s" % (
                    s, "; ".join("`%s` wasm %s native %s" % (m["query"], m["wasm"], m["native"]) for m in wm[:20])))
    else:
        w("Not measured in this run (`wasm/dist/caci.mjs` was missing or the wasm run failed; see "
          "`build-bench/bench-out/wasm-*.stderr.txt`).")
    w("")

    w("## Checks made before timing")
    w("")
    w("Each benchmark checks its output first: parse_page succeeds, `stats` covers every input byte, "
      "article and duplicate counts are compared with the generator's manifest; the index holds every "
      "parsed article and loads back from its saved bytes; the FTS5 table has one row per article; every "
      "query's exact total is compared with FTS5's `count(*)`.")
    w("")
    for s in ("small", "large"):
        lines = checks[s].get("parse") or []
        w("**%s archive, parse:**" % s)
        w("")
        w("```")
        for l in lines[:20]:
            w(l)
        w("```")
        w("")
    for s in ("small", "large"):
        qc = query_checks.get(s)
        if not qc:
            continue
        w("**%s archive, queries:** %d queries, %d compared with FTS5, %d agree, %d excluded." % (
            s, len(qc["queries"]), qc["compared"], qc["agreed"], qc["excluded"]))
        w("")
        dis = [q for q in qc["queries"] if q["compared"] and not q["agree"]]
        if dis:
            w("Totals that differ:")
            w("")
            w("| query | caci | FTS5 |")
            w("|---|---:|---:|")
            for q in dis:
                w("| `%s` | %s | %s |" % (q["caci"], fmt(q["caci_total"]), fmt(q["fts5_total"])))
            w("")
        exc = [q for q in qc["queries"] if not q["compared"]]
        if exc:
            w("Not compared:")
            w("")
            for q in exc:
                w("- `%s`: %s" % (q["caci"], q["excluded_because"]))
            w("")
    w("Why phrase and NEAR totals can differ: an FTS5 column is one token stream (the paragraphs of a "
      "field are joined), so FTS5 also matches a phrase across a paragraph boundary, and caci does not. "
      "A token-level count on the generated 5,000-article archive confirmed it for `\"of the\"` when the "
      "report generator was written (caci's total equalled the number of articles with a match inside one "
      "paragraph); the NEAR difference is presumably the same effect, not verified.")
    w("")
    w("The query set (`bench/support/bench_queries.hpp`): words, AND, phrases, prefixes, names, rare words, "
      "diacritics (folded and unfolded spellings), OR, NOT, field restrictions, NEAR, fuzzy and metadata filters.")
    w("")

    w("## Profile (callgrind, 300-article archive)")
    w("")
    w("`valgrind --tool=callgrind build-bench/bench/caci_bench_rss --archive build-bench/archive-300 "
      "--mode parse|document`, summarised with `callgrind_annotate`. Instruction counts (Ir), stable "
      "from run to run; self cost per function.")
    w("")
    for mode, title in (("parse", "Parse only"), ("document", "Parse + index build + save"),
                        ("query", "Queries: inside caci::Index::search only (`--toggle-collect`), the whole query set a few times")):
        rows_ = profile[mode]["self"]
        if not rows_:
            w("%s: no profile in this run." % title)
            w("")
            continue
        w("**%s** (total %s Ir):" % (title, fmt(rows_[0]["ir"])))
        w("")
        w("| self Ir | % | function |")
        w("|---:|---:|---|")
        for r in rows_[1:]:
            fn = r["function"].replace("|", "\\|")
            if len(fn) > 140:
                fn = fn[:137] + "..."
            w("| %s | %.2f | `%s` |" % (fmt(r["ir"]), r["percent"], fn))
        w("")
    w("## Notes")
    w("")
    for n in results["notes"]:
        w("- " + n)
    w("- Reproduce: `scripts/bench.sh` (add `--wasm` to build the wasm module first).")
    w("")
    # The whole-process rows (bench/whole_process.sh writes their section, figures of this run).
    whole = os.path.join(a.out, "whole-process.md")
    if os.path.exists(whole):
        md.append(read_text(whole))
    with open(a.md, "w", encoding="utf-8") as f:
        f.write("\n".join(md))
    return 0


if __name__ == "__main__":
    sys.exit(main())
