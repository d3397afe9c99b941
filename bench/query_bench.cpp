// Top-10 query latency: caci::Index::search (limit 10, relevance; with snippets, its default, and
// hits only) against SQLite FTS5 (`SELECT rowid FROM t WHERE t MATCH ? ORDER BY bm25(t) LIMIT 10`,
// and the same also selecting `snippet(...)`) over the same articles and the fixed query set of
// bench_queries.hpp. Like for like: hits only vs rowids only, snippets vs snippet(). All four are
// timed in one loop, query by query, so that the machine's noise falls on both engines alike. Every
// iteration runs the whole set once, timing each query; p50/p99/mean over all queries x iterations
// are computed here and exported as counters (in microseconds). Latencies are thread CPU time
// (p50_us, p99_us): the machine is shared, and other processes' load must not count against either
// engine; wall-clock percentiles are exported too (wall_p50_us, wall_p99_us).
//
// Checked before timing: for every query both engines accept, caci's exact total equals FTS5's
// `SELECT count(*)`, and each returns min(10, total) hits. Disagreements are printed, counted and
// written to $CACI_BENCH_QUERY_CHECK (JSON) when set; queries one side rejects are listed there
// with the reason.

#include "bench_archive.hpp"
#include "bench_fts5.hpp"
#include "bench_queries.hpp"

#include "caci/core/index.hpp"

#include <benchmark/benchmark.h>

#include <chrono>
#include <cstring>
#include <ctime>

namespace {

using caci_bench::kQueries;
using caci_bench::kQueryCount;

struct QueryResult {
  bool caci_ok = false, fts5_ok = false;
  std::string caci_error, fts5_error;
  uint64_t caci_total = 0, caci_hits = 0;
  int64_t fts5_total = -1, fts5_hits = 0;
};

struct Fixture {
  caci::Index index;
  sqlite3 *db = nullptr;
  sqlite3_stmt *top10 = nullptr;
  sqlite3_stmt *top10_snippets = nullptr;  // the same, also fetching each hit's snippet
  QueryResult results[kQueryCount];
  int compared = 0, agreed = 0, excluded = 0;
  // Per query, every iteration: caci with snippets / hits only, FTS5 rowids only / with snippets.
  std::vector<double> caci_us[kQueryCount], caci_ids_us[kQueryCount], fts5_us[kQueryCount],
      fts5_snippets_us[kQueryCount];
};

int fts5_top10(sqlite3_stmt *st, const char *query, int64_t *hits) {
  sqlite3_bind_text(st, 1, query, -1, SQLITE_STATIC);
  int rc;
  int64_t n = 0;
  while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
    benchmark::DoNotOptimize(sqlite3_column_int64(st, 0));
    if (sqlite3_column_count(st) > 1) benchmark::DoNotOptimize(sqlite3_column_text(st, 1));
    ++n;
  }
  sqlite3_reset(st);
  *hits = n;
  return rc;
}

std::string json_escape(const std::string &s) {
  std::string o;
  for (char c : s) {
    if (c == '"' || c == '\\') {
      o += '\\';
      o += c;
    } else if (static_cast<unsigned char>(c) < 0x20) {
      o += ' ';
    } else
      o += c;
  }
  return o;
}

void write_check(const Fixture &f) {
  const char *path = std::getenv("CACI_BENCH_QUERY_CHECK");
  if (!path || !*path) return;
  std::string j = "{\n  \"compared\": " + std::to_string(f.compared) +
                  ",\n  \"agreed\": " + std::to_string(f.agreed) +
                  ",\n  \"excluded\": " + std::to_string(f.excluded) + ",\n  \"queries\": [\n";
  for (int i = 0; i < kQueryCount; ++i) {
    const QueryResult &r = f.results[i];
    const caci_bench::BenchQuery &q = kQueries[i];
    j += "    {\"kind\": \"" + std::string(q.kind) + "\", \"caci\": \"" + json_escape(q.caci) +
         "\", \"fts5\": " + (q.fts5 ? "\"" + json_escape(q.fts5) + "\"" : std::string("null")) +
         ", \"caci_total\": " + (r.caci_ok ? std::to_string(r.caci_total) : "null") +
         ", \"fts5_total\": " + (r.fts5_ok ? std::to_string(r.fts5_total) : "null") +
         ", \"compared\": " + (r.caci_ok && r.fts5_ok ? "true" : "false") + ", \"agree\": " +
         (r.caci_ok && r.fts5_ok && static_cast<int64_t>(r.caci_total) == r.fts5_total ? "true"
                                                                                       : "false");
    std::string why;
    if (!q.fts5)
      why = q.why ? q.why : "no FTS5 equivalent";
    else if (!r.caci_ok)
      why = "caci rejects it: " + r.caci_error;
    else if (!r.fts5_ok)
      why = "FTS5 rejects it: " + r.fts5_error;
    j += ", \"excluded_because\": " +
         (why.empty() ? std::string("null") : "\"" + json_escape(why) + "\"") + "}";
    j += i + 1 < kQueryCount ? ",\n" : "\n";
  }
  j += "  ]\n}\n";
  FILE *out = std::fopen(path, "wb");
  if (!out) caci_bench::die(std::string("cannot write ") + path);
  std::fwrite(j.data(), 1, j.size(), out);
  std::fclose(out);
}

Fixture &fixture() {
  static Fixture *f = [] {
    auto *r = new Fixture();
    const caci::Document &doc = caci_bench::parsed_document("query");
    size_t added = 0;
    caci::Status s = r->index.add_document(doc, &added);
    if (caci::failed(s) || r->index.size() != doc.stats.articles)
      caci_bench::die("caci index build failed");
    std::vector<caci_bench::Fts5Row> rows = caci_bench::fts5_rows(doc.store);
    r->db = caci_bench::fts5_build(rows);
    caci_bench::sqlite_check(
        r->db,
        sqlite3_prepare_v2(r->db, "SELECT rowid FROM t WHERE t MATCH ? ORDER BY bm25(t) LIMIT 10",
                           -1, &r->top10, nullptr),
        "prepare top10");
    // About 200 bytes of context, like caci's default snippet (32 tokens of ~6 bytes).
    caci_bench::sqlite_check(
        r->db,
        sqlite3_prepare_v2(r->db,
                           "SELECT rowid, snippet(t, -1, '[', ']', '...', 32) FROM t WHERE t "
                           "MATCH ? ORDER BY bm25(t) LIMIT 10",
                           -1, &r->top10_snippets, nullptr),
        "prepare top10 with snippets");
    sqlite3_stmt *count = nullptr;
    caci_bench::sqlite_check(
        r->db,
        sqlite3_prepare_v2(r->db, "SELECT count(*) FROM t WHERE t MATCH ?", -1, &count, nullptr),
        "prepare count");
    caci::SearchOptions opts;
    opts.limit = 10;
    opts.sort = caci::SortOrder::relevance;
    caci::SearchResults res;
    for (int i = 0; i < kQueryCount; ++i) {
      const caci_bench::BenchQuery &q = kQueries[i];
      QueryResult &qr = r->results[i];
      caci::QueryError err;
      s = r->index.search(q.caci, opts, res, &err);
      qr.caci_ok = !caci::failed(s);
      if (qr.caci_ok) {
        qr.caci_total = res.total;
        qr.caci_hits = res.hits.size();
        if (qr.caci_hits != std::min<uint64_t>(10, res.total))
          caci_bench::die(std::string("caci returned ") + std::to_string(qr.caci_hits) +
                          " hits for " + q.caci);
      } else {
        qr.caci_error = std::string(caci::status_str(s)) + " at " + std::to_string(err.offset) +
                        ": " + err.message;
      }
      if (q.fts5) {
        sqlite3_bind_text(count, 1, q.fts5, -1, SQLITE_STATIC);
        int rc = sqlite3_step(count);
        qr.fts5_ok = rc == SQLITE_ROW;
        if (qr.fts5_ok)
          qr.fts5_total = sqlite3_column_int64(count, 0);
        else
          qr.fts5_error = sqlite3_errmsg(r->db);
        sqlite3_reset(count);
        if (qr.fts5_ok) {
          fts5_top10(r->top10, q.fts5, &qr.fts5_hits);
          if (qr.fts5_hits != std::min<int64_t>(10, qr.fts5_total))
            caci_bench::die("FTS5 top-10 hit count");
          int64_t with_snippets = 0;
          fts5_top10(r->top10_snippets, q.fts5, &with_snippets);
          if (with_snippets != qr.fts5_hits) caci_bench::die("FTS5 top-10 with snippets hit count");
        }
      }
      if (qr.caci_ok && qr.fts5_ok) {
        ++r->compared;
        if (static_cast<int64_t>(qr.caci_total) == qr.fts5_total)
          ++r->agreed;
        else
          std::fprintf(stderr, "query: totals differ for [%s]: caci %llu, FTS5 %lld\n", q.caci,
                       static_cast<unsigned long long>(qr.caci_total),
                       static_cast<long long>(qr.fts5_total));
      } else {
        ++r->excluded;
        std::fprintf(stderr, "query: [%s] not compared: %s\n", q.caci,
                     !q.fts5       ? (q.why ? q.why : "no FTS5 equivalent")
                     : !qr.caci_ok ? ("caci: " + qr.caci_error).c_str()
                                   : ("FTS5: " + qr.fts5_error).c_str());
      }
    }
    sqlite3_finalize(count);
    std::fprintf(stderr, "query: %d queries, %d compared, %d agree, %d excluded\n", kQueryCount,
                 r->compared, r->agreed, r->excluded);
    write_check(*r);
    return r;
  }();
  return *f;
}

double thread_cpu_us() {
  timespec ts;
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) * 1e6 + static_cast<double>(ts.tv_nsec) / 1e3;
}

// One latency series: CPU and wall microseconds of each timed query.
struct Series {
  std::vector<double> us, wall_us;
};

void series_counters(benchmark::State &state, const std::string &prefix, Series &s) {
  double sum = 0;
  for (double v : s.us) sum += v;
  state.counters[prefix + "wall_p50_us"] = caci_bench::percentile(s.wall_us, 50);
  state.counters[prefix + "wall_p99_us"] = caci_bench::percentile(s.wall_us, 99);
  state.counters[prefix + "queries_timed"] = static_cast<double>(s.us.size());
  state.counters[prefix + "mean_us"] = s.us.empty() ? 0 : sum / static_cast<double>(s.us.size());
  state.counters[prefix + "p50_us"] = caci_bench::percentile(s.us, 50);
  state.counters[prefix + "p99_us"] = caci_bench::percentile(s.us, 99);
  state.counters[prefix + "max_us"] = s.us.empty() ? 0 : s.us.back();
}

// Times fn() into `series` and `per_query`.
template <class Fn> void timed(Series &series, std::vector<double> &per_query, Fn &&fn) {
  auto t0 = std::chrono::steady_clock::now();
  double c0 = thread_cpu_us();
  fn();
  series.us.push_back(thread_cpu_us() - c0);
  series.wall_us.push_back(caci_bench::seconds_since(t0) * 1e6);
  per_query.push_back(series.us.back());
}

// The four measurements interleaved query by query: caci with snippets (caci_search's default),
// caci hits only, FTS5 rowids only, FTS5 with snippet(). Run back to back, a slow spell of the
// shared machine hits both engines alike; as separate benchmarks minutes apart, it did not.
void BM_query_top10_interleaved(benchmark::State &state) {
  Fixture &f = fixture();
  caci::SearchOptions with_snippets, hits_only;
  with_snippets.limit = hits_only.limit = 10;
  hits_only.snippets = false;
  caci::SearchResults res;
  Series caci_snippets, caci_hits, fts5_rowids, fts5_snippets;
  int64_t fts5_hits = 0;
  // $CACI_BENCH_QUERY_ONLY: time only the queries containing this text (for profiling one query).
  const char *only = std::getenv("CACI_BENCH_QUERY_ONLY");
  for (auto _ : state) {
    for (int i = 0; i < kQueryCount; ++i) {
      if (only && *only && !std::strstr(kQueries[i].caci, only)) continue;
      bool ok = true;
      if (f.results[i].caci_ok) {
        timed(caci_snippets, f.caci_us[i], [&] {
          ok = ok && !caci::failed(f.index.search(kQueries[i].caci, with_snippets, res, nullptr));
        });
        benchmark::DoNotOptimize(res.hits.data());
        timed(caci_hits, f.caci_ids_us[i], [&] {
          ok = ok && !caci::failed(f.index.search(kQueries[i].caci, hits_only, res, nullptr));
        });
        benchmark::DoNotOptimize(res.hits.data());
      }
      if (f.results[i].fts5_ok) {
        timed(fts5_rowids, f.fts5_us[i],
              [&] { ok = ok && fts5_top10(f.top10, kQueries[i].fts5, &fts5_hits) == SQLITE_DONE; });
        timed(fts5_snippets, f.fts5_snippets_us[i], [&] {
          ok = ok && fts5_top10(f.top10_snippets, kQueries[i].fts5, &fts5_hits) == SQLITE_DONE;
        });
      }
      if (!ok) state.SkipWithError("a query failed");
    }
  }
  state.SetItemsProcessed(static_cast<int64_t>(caci_snippets.us.size() + caci_hits.us.size() +
                                               fts5_rowids.us.size() + fts5_snippets.us.size()));
  series_counters(state, "caci_", caci_snippets);
  series_counters(state, "caci_hits_", caci_hits);
  series_counters(state, "fts5_", fts5_rowids);
  series_counters(state, "fts5_snippets_", fts5_snippets);
  state.counters["compared"] = f.compared;
  state.counters["agreed"] = f.agreed;
  state.counters["excluded"] = f.excluded;
  state.counters["articles"] = static_cast<double>(f.index.size());
}

// $CACI_BENCH_PER_QUERY (when set): one CSV row per query with each engine's median CPU time, so
// RESULTS.md can name the queries behind the p99.
void write_per_query(Fixture &f) {
  const char *path = std::getenv("CACI_BENCH_PER_QUERY");
  if (!path || !*path) return;
  FILE *out = std::fopen(path, "wb");
  if (!out) caci_bench::die(std::string("cannot write ") + path);
  std::fprintf(
      out, "kind,query,caci_total,caci_p50_us,fts5_p50_us,caci_ids_p50_us,fts5_snippets_p50_us\n");
  for (int i = 0; i < kQueryCount; ++i) {
    std::string q = kQueries[i].caci;
    std::string quoted = "\"";
    for (char c : q) quoted += c == '"' ? std::string("\"\"") : std::string(1, c);
    quoted += "\"";
    auto med = [](std::vector<double> &v) {
      return v.empty() ? -1.0 : caci_bench::percentile(v, 50);
    };
    std::fprintf(out, "%s,%s,%llu,%.1f,%.1f,%.1f,%.1f\n", kQueries[i].kind, quoted.c_str(),
                 static_cast<unsigned long long>(f.results[i].caci_total), med(f.caci_us[i]),
                 med(f.fts5_us[i]), med(f.caci_ids_us[i]), med(f.fts5_snippets_us[i]));
  }
  std::fclose(out);
}

}  // namespace

BENCHMARK(BM_query_top10_interleaved)->Unit(benchmark::kMillisecond);

int main(int argc, char **argv) {
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  fixture();  // check before timing
  benchmark::RunSpecifiedBenchmarks();
  write_per_query(fixture());
  benchmark::Shutdown();
  return 0;
}
