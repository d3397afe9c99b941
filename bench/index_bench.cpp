// Index build (caci::Index::take_document of the parsed Document, as `caci index` does) against
// SQLite FTS5 over the same articles, index load time (Index::load from the saved bytes) and index
// size.
//
// Checked before timing: the caci index holds every parsed article, the saved bytes load back to
// the same number of articles, and the FTS5 table has one row per article.

#include "bench_archive.hpp"

#include "../core/src/index/sections.hpp"
#include "bench_fts5.hpp"

#include "caci/core/index.hpp"

#include <benchmark/benchmark.h>

#include <map>

namespace {

struct Fixture {
  const caci::Document *doc = nullptr;
  uint64_t articles = 0;
  uint64_t text_bytes = 0;
  std::string saved;                      // Index::save output
  std::string saved_search_only;          // Index::save with SaveOptions::store_text = false
  std::vector<caci_bench::Fts5Row> rows;  // FTS5 input
  int64_t fts5_bytes = 0;
  // Sizes of the index file's sections by id (core/src/index/sections.hpp); empty if the layout
  // is not recognised.
  std::map<uint32_t, uint64_t> sections;
};

uint64_t read_le(const std::string &b, size_t at, int bytes) {
  uint64_t v = 0;
  for (int i = bytes - 1; i >= 0; --i)
    v = (v << 8) | static_cast<unsigned char>(b[at + static_cast<size_t>(i)]);
  return v;
}

// The section table follows the 56-byte header: 24-byte entries in format 2 (id, flags, offset,
// length), 32-byte ones from format 3 on (a checksum added).
std::map<uint32_t, uint64_t> index_sections(const std::string &file) {
  std::map<uint32_t, uint64_t> m;
  if (file.size() < 56 || file.compare(0, 8, std::string("CACIIDX\0", 8)) != 0) return m;
  const uint64_t format = read_le(file, 8, 4);
  const size_t entry = format >= 3 ? 32 : 24;
  uint64_t count = read_le(file, 48, 4);
  if (56 + count * entry > file.size()) return m;
  for (uint64_t i = 0; i < count; ++i) {
    size_t at = 56 + static_cast<size_t>(i) * entry;
    m[static_cast<uint32_t>(read_le(file, at, 4))] += read_le(file, at + 16, 8);
  }
  return m;
}

const Fixture &fixture() {
  static const Fixture f = [] {
    Fixture r;
    r.doc = &caci_bench::parsed_document("index");
    r.articles = r.doc->stats.articles;
    r.text_bytes = caci_bench::text_bytes(r.doc->store);
    caci::Index idx;
    size_t added = 0;
    caci::Status s = idx.add_document(*r.doc, &added);
    if (caci::failed(s)) caci_bench::die(std::string("add_document: ") + caci::status_str(s));
    if (added != r.articles || idx.size() != r.articles)
      caci_bench::die("index holds " + std::to_string(idx.size()) + " articles (added " +
                      std::to_string(added) + "), document has " + std::to_string(r.articles));
    s = idx.save(r.saved);
    if (caci::failed(s)) caci_bench::die(std::string("save: ") + caci::status_str(s));
    caci::Index loaded;
    std::string err;
    s = caci::Index::load(r.saved, loaded, &err);
    if (caci::failed(s)) caci_bench::die(std::string("load: ") + caci::status_str(s) + " " + err);
    if (loaded.size() != r.articles) caci_bench::die("loaded index has a different size");
    r.sections = index_sections(r.saved);
    // The search-only file (no article paragraphs) must answer like the full one.
    caci::SaveOptions search_only;
    search_only.store_text = false;
    s = idx.save(r.saved_search_only, search_only);
    if (caci::failed(s)) caci_bench::die(std::string("save without text: ") + caci::status_str(s));
    caci::Index small;
    s = caci::Index::load(r.saved_search_only, small, &err);
    if (caci::failed(s))
      caci_bench::die(std::string("load without text: ") + caci::status_str(s) + " " + err);
    for (const char *q : {"pipeline", "\"natural gas\"", "sanc*", "year:2003 energy"}) {
      caci::SearchOptions so;
      caci::SearchResults a, b;
      if (caci::failed(loaded.search(q, so, a, nullptr)) ||
          caci::failed(small.search(q, so, b, nullptr)) || a.total != b.total ||
          a.hits.size() != b.hits.size() || (!a.hits.empty() && a.hits[0].score != b.hits[0].score))
        caci_bench::die(std::string("the search-only index answers differently for ") + q);
    }
    r.rows = caci_bench::fts5_rows(r.doc->store);
    sqlite3 *db = caci_bench::fts5_build(r.rows);
    int64_t count = caci_bench::sqlite_int(db, "SELECT count(*) FROM t");
    if (count != static_cast<int64_t>(r.articles)) caci_bench::die("FTS5 row count differs");
    r.fts5_bytes = caci_bench::sqlite_bytes(db);
    sqlite3_close(db);
    std::fprintf(
        stderr, "index: %llu articles, %llu text bytes, caci index %zu bytes, FTS5 db %lld bytes\n",
        static_cast<unsigned long long>(r.articles), static_cast<unsigned long long>(r.text_bytes),
        r.saved.size(), static_cast<long long>(r.fts5_bytes));
    return r;
  }();
  return f;
}

void common_counters(benchmark::State &state, const Fixture &f) {
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * f.articles));
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * f.text_bytes));
  state.counters["articles"] = static_cast<double>(f.articles);
  state.counters["text_bytes"] = static_cast<double>(f.text_bytes);
  state.counters["input_bytes"] = static_cast<double>(caci_bench::archive().all.size());
}

void BM_index_build_caci(benchmark::State &state) {
  const Fixture &f = fixture();
  for (auto _ : state) {
    // The parse output is handed over as `caci index` and caci_index_take_doc do: a fresh copy per
    // iteration, made outside the timing (as FTS5's rows are prepared outside it).
    state.PauseTiming();
    caci::Document parsed = *f.doc;
    state.ResumeTiming();
    caci::Index idx;
    size_t added = 0;
    caci::Status s = idx.take_document(parsed, &added);
    if (caci::failed(s) || added != f.articles) {
      state.SkipWithError("take_document failed");
      break;
    }
    benchmark::DoNotOptimize(idx.size());
    state.PauseTiming();  // the destructor is not part of the build
    { caci::Index gone = std::move(idx); }
    state.ResumeTiming();
  }
  common_counters(state, f);
  state.counters["index_bytes"] = static_cast<double>(f.saved.size());
  state.counters["index_to_text"] =
      static_cast<double>(f.saved.size()) / static_cast<double>(f.text_bytes);
  state.counters["index_to_input"] =
      static_cast<double>(f.saved.size()) / static_cast<double>(caci_bench::archive().all.size());
  state.counters["search_only_bytes"] = static_cast<double>(f.saved_search_only.size());
  state.counters["search_only_to_text"] =
      static_cast<double>(f.saved_search_only.size()) / static_cast<double>(f.text_bytes);
  // The file in three parts: the article text (chunk table and compressed chunks), the
  // article records (store, extras, countries, versions), and what search reads (the rest).
  using namespace caci::detail;
  uint64_t text = 0, records = 0, search = 0;
  for (const auto &sec : f.sections) {
    switch (sec.first) {
    case s_text_table:
    case s_text_data: text += sec.second; break;
    case s_store:
    case s_store_extras:
    case s_article_countries:
    case s_versions: records += sec.second; break;
    default: search += sec.second;
    }
    if (sec.first == s_postings) state.counters["section_postings_bytes"] = sec.second;
  }
  if (!f.sections.empty()) {
    state.counters["section_text_bytes"] = static_cast<double>(text);
    state.counters["section_records_bytes"] = static_cast<double>(records);
    state.counters["section_search_bytes"] = static_cast<double>(search);
    state.counters["index_without_text_to_text"] =
        static_cast<double>(records + search) / static_cast<double>(f.text_bytes);
  }
}

void BM_index_build_fts5(benchmark::State &state) {
  const Fixture &f = fixture();
  for (auto _ : state) {
    sqlite3 *db = caci_bench::fts5_build(f.rows);
    benchmark::DoNotOptimize(db);
    state.PauseTiming();
    sqlite3_close(db);
    state.ResumeTiming();
  }
  common_counters(state, f);
  state.counters["fts5_db_bytes"] = static_cast<double>(f.fts5_bytes);
  state.counters["fts5_to_text"] =
      static_cast<double>(f.fts5_bytes) / static_cast<double>(f.text_bytes);
}

void BM_index_load_caci(benchmark::State &state) {
  const Fixture &f = fixture();
  for (auto _ : state) {
    caci::Index idx;
    caci::Status s = caci::Index::load(f.saved, idx, nullptr);
    if (caci::failed(s) || idx.size() != f.articles) {
      state.SkipWithError("load failed");
      break;
    }
    benchmark::DoNotOptimize(idx.size());
    state.PauseTiming();
    { caci::Index gone = std::move(idx); }
    state.ResumeTiming();
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * f.saved.size()));
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * f.articles));
  state.counters["index_bytes"] = static_cast<double>(f.saved.size());
}

}  // namespace

BENCHMARK(BM_index_build_caci)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_index_build_fts5)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_index_load_caci)->Unit(benchmark::kMillisecond);

int main(int argc, char **argv) {
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  fixture();  // check before timing
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
