// Parse + normalise throughput on one thread, and two floors on the same bytes in the same run:
// counting newlines with memchr (the least any line-based parser must do) and simdjson's UTF-8
// validation (the least a parser that validates its input must do). The report divides the parse
// throughput by each floor.
//
// Before anything is timed the archive is parsed once and checked: parse_page succeeds, stats
// cover every input byte, and the article/duplicate counts are compared with the generator's
// manifest (mismatches are printed and exported as counters).

#include "bench_archive.hpp"

#include <benchmark/benchmark.h>
#include <simdjson.h>

#include <cstring>

namespace {

using caci_bench::archive;

void set_throughput(benchmark::State &state, uint64_t bytes, uint64_t items) {
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * bytes));
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * items));
}

void BM_parse_normalize(benchmark::State &state) {
  const caci_bench::Archive &a = archive();
  const caci::Document &reference = caci_bench::parsed_document("parse");
  // One Document for the whole process, cleared and reused: its capacity survives between
  // iterations and runs, and a warm-up parse sizes it before the first timed iteration, so the
  // figure is the steady state (no first-touch page faults in the timed region).
  static caci::Document doc;
  if (doc.store.articles.empty()) caci_bench::parse_archive(a, doc);
  for (auto _ : state) {
    caci::Status s = caci_bench::parse_archive(a, doc);
    if (caci::failed(s)) {
      state.SkipWithError("parse_page failed");
      break;
    }
    benchmark::DoNotOptimize(doc.store.articles.data());
  }
  if (doc.stats.articles != reference.stats.articles)
    state.SkipWithError("parse is not deterministic");
  set_throughput(state, a.all.size(), reference.stats.articles);
  caci_bench::ParseCheck c = caci_bench::check_parse(a, reference, caci::Status::ok);
  state.counters["input_bytes"] = static_cast<double>(a.all.size());
  state.counters["pages"] = static_cast<double>(a.pages.size());
  state.counters["articles"] = static_cast<double>(reference.stats.articles);
  state.counters["expected_articles"] = static_cast<double>(a.expect("articles"));
  state.counters["duplicates"] = static_cast<double>(reference.stats.duplicates);
  state.counters["expected_duplicates"] = static_cast<double>(a.expect("duplicates"));
  state.counters["diagnostics"] = static_cast<double>(reference.diagnostics.size());
  state.counters["bytes_unclassified"] = static_cast<double>(reference.stats.bytes_unclassified);
  state.counters["manifest_mismatches"] = static_cast<double>(c.notes.size());
  for (int k = 0; k < 4; ++k)
    state.counters[std::string("kind_") + caci::kind_name(static_cast<caci::ArticleKind>(k))] =
        static_cast<double>(c.kinds[k]);
}

void BM_floor_memchr_newlines(benchmark::State &state) {
  const caci_bench::Archive &a = archive();
  uint64_t expected = 0;
  for (char ch : a.all) expected += ch == '\n';
  uint64_t lines = 0;
  for (auto _ : state) {
    lines = 0;
    const char *p = a.all.data(), *end = p + a.all.size();
    while ((p = static_cast<const char *>(std::memchr(p, '\n', static_cast<size_t>(end - p))))) {
      ++lines;
      ++p;
    }
    benchmark::DoNotOptimize(lines);
  }
  if (lines != expected) state.SkipWithError("newline count differs from the reference loop");
  state.counters["lines"] = static_cast<double>(lines);
  set_throughput(state, a.all.size(), a.expect("articles"));
}

void BM_floor_simdjson_validate_utf8(benchmark::State &state) {
  const caci_bench::Archive &a = archive();
  // The archive holds a few invalid 0x92 bytes on purpose: validate page by page, as a parser
  // would, and check the number of invalid pages against a scalar count.
  uint64_t invalid = 0;
  for (auto _ : state) {
    invalid = 0;
    for (std::string_view page : a.pages)
      invalid += !simdjson::validate_utf8(page.data(), page.size());
    benchmark::DoNotOptimize(invalid);
  }
  uint64_t pages_with_0x92 = 0;
  for (std::string_view page : a.pages)
    pages_with_0x92 += page.find('\x92') != std::string_view::npos;
  if (invalid < pages_with_0x92) state.SkipWithError("validate_utf8 missed invalid pages");
  state.counters["invalid_pages"] = static_cast<double>(invalid);
  set_throughput(state, a.all.size(), a.expect("articles"));
}

}  // namespace

BENCHMARK(BM_parse_normalize)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_floor_memchr_newlines)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_floor_simdjson_validate_utf8)->Unit(benchmark::kMillisecond);

int main(int argc, char **argv) {
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  caci_bench::archive();
  caci_bench::parsed_document("parse");  // check before timing
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
