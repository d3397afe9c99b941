// The stored-text codecs of the index file (core/src/index/text_codec.hpp) on the parsed article
// text of a generated archive: for lz, zstd levels 1/3/6 without a dictionary and 1/2/3 with the
// sampled one, over chunk sizes 32/64/128/256 KiB, the compressed size / text size, compress and
// decompress throughput, and the time to decode what a 10-hit result page shows (the chunks holding
// 10 random articles' text).
//
// Checked before timing: every configuration's chunks decode back to exactly the text.
//
//   CACI_BENCH_ARCHIVE=/tmp/h5arch build/bench/caci_bench_text_codec --benchmark_min_time=0.1
#include "bench_archive.hpp"

#include "../core/src/index/text_codec.hpp"

#include <benchmark/benchmark.h>

#include <random>

namespace {

using caci::detail::TextCodec;

struct Config {
  TextCodec codec;
  int level;  // zstd only
  size_t chunk;
  bool dictionary;  // zstd with sample_text_dictionary of the whole text, counted in its size
};

struct Packed {
  std::string dictionary;
  std::string bytes;
  std::vector<size_t> starts;  // chunk i is bytes[starts[i], starts[i + 1])
};

// The text an index file stores: every live article's text, in store order.
struct Text {
  std::string all;
  std::vector<std::pair<size_t, size_t>> articles;  // offset, length in `all`
  size_t meta_bytes = 0;
};

const Text &text() {
  static const Text t = [] {
    Text r;
    const caci::Document &doc = caci_bench::parsed_document("text_codec");
    for (const caci::Article &a : doc.store.articles) {
      if (a.deleted) continue;
      std::string_view s = doc.store.body_text(a.text);
      r.articles.emplace_back(r.all.size(), s.size());
      r.all.append(s);
    }
    r.meta_bytes = doc.store.meta.size();
    return r;
  }();
  return t;
}

// What saving an index does: sample the dictionary, then compress chunk after chunk.
Packed compress_all(const Config &c, const std::string &all) {
  Packed p;
  if (c.dictionary) p.dictionary = caci::detail::sample_text_dictionary(all);
  caci::detail::ChunkCompressor compressor(c.codec, p.dictionary, c.level);
  for (size_t at = 0; at < all.size(); at += c.chunk) {
    p.starts.push_back(p.bytes.size());
    compressor.compress(std::string_view(all).substr(at, c.chunk), p.bytes);
  }
  p.starts.push_back(p.bytes.size());
  return p;
}

bool decompress(const caci::detail::ChunkDecompressor &d, const Config &c, const Packed &p,
                size_t i, const std::string &all, char *dst) {
  size_t size = std::min(c.chunk, all.size() - i * c.chunk);
  std::string_view in(p.bytes.data() + p.starts[i], p.starts[i + 1] - p.starts[i]);
  return d.decompress(in, dst, size) == caci::Status::ok;
}

const Packed &packed(const Config &c) {
  static std::map<std::tuple<int, int, size_t>, Packed> cache;
  auto key = std::make_tuple(static_cast<int>(c.codec) * 2 + c.dictionary, c.level, c.chunk);
  auto it = cache.find(key);
  if (it != cache.end()) return it->second;
  const std::string &all = text().all;
  Packed p = compress_all(c, all);
  std::string back(all.size(), '\0');
  caci::detail::ChunkDecompressor d(c.codec, p.dictionary);
  for (size_t i = 0; i + 1 < p.starts.size(); ++i)
    if (!decompress(d, c, p, i, all, &back[i * c.chunk])) caci_bench::die("chunk does not decode");
  if (back != all) caci_bench::die("decoded text differs from the input");
  return cache.emplace(key, std::move(p)).first->second;
}

void counters(benchmark::State &state, const Config &c) {
  const Text &t = text();
  const Packed &p = packed(c);
  state.counters["text_bytes"] = static_cast<double>(t.all.size());
  state.counters["meta_bytes"] = static_cast<double>(t.meta_bytes);
  const double packed_bytes = static_cast<double>(p.bytes.size() + p.dictionary.size());
  state.counters["dictionary_bytes"] = static_cast<double>(p.dictionary.size());
  state.counters["packed_bytes"] = packed_bytes;
  state.counters["ratio"] = packed_bytes / static_cast<double>(t.all.size());
  state.counters["chunks"] = static_cast<double>(p.starts.size() - 1);
}

void BM_compress(benchmark::State &state, Config c) {
  const std::string &all = text().all;
  counters(state, c);
  for (auto _ : state) {
    Packed p = compress_all(c, all);
    benchmark::DoNotOptimize(p.bytes.data());
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * all.size()));
}

void BM_decompress(benchmark::State &state, Config c) {
  const std::string &all = text().all;
  const Packed &p = packed(c);
  counters(state, c);
  caci::detail::ChunkDecompressor d(c.codec, p.dictionary);
  std::string back(c.chunk, '\0');
  for (auto _ : state) {
    for (size_t i = 0; i + 1 < p.starts.size(); ++i)
      if (!decompress(d, c, p, i, all, &back[0])) state.SkipWithError("decode failed");
    benchmark::DoNotOptimize(back.data());
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * all.size()));
}

// One result page: 10 random articles, each chunk its text touches decoded once (a page whose
// articles share a chunk decodes it once, as a per-page cache would).
void BM_page10(benchmark::State &state, Config c) {
  const Text &t = text();
  const Packed &p = packed(c);
  counters(state, c);
  std::mt19937 rng(42);
  std::string back(c.chunk, '\0');
  caci::detail::ChunkDecompressor d(c.codec, p.dictionary);
  size_t chunks_decoded = 0, pages = 0;
  for (auto _ : state) {
    std::vector<size_t> need;
    for (int hit = 0; hit < 10; ++hit) {
      auto [offset, length] = t.articles[rng() % t.articles.size()];
      for (size_t i = offset / c.chunk; i <= (offset + length - (length ? 1 : 0)) / c.chunk; ++i)
        need.push_back(i);
    }
    std::sort(need.begin(), need.end());
    need.erase(std::unique(need.begin(), need.end()), need.end());
    for (size_t i : need)
      if (!decompress(d, c, p, i, t.all, &back[0])) state.SkipWithError("decode failed");
    chunks_decoded += need.size();
    ++pages;
    benchmark::DoNotOptimize(back.data());
  }
  state.counters["chunks_per_page"] =
      pages ? static_cast<double>(chunks_decoded) / static_cast<double>(pages) : 0;
}

std::string config_name(const Config &c) {
  std::string n = c.codec == TextCodec::lz ? "lz" : "zstd" + std::to_string(c.level);
  if (c.dictionary) n += "+dict";
  return n + "/" + std::to_string(c.chunk / 1024) + "KiB";
}

int register_all() {
  std::vector<Config> configs;
  for (size_t kib : {32, 64, 128, 256}) {
    configs.push_back({TextCodec::lz, 0, kib * 1024, false});
    for (int level : {1, 3, 6}) configs.push_back({TextCodec::zstd, level, kib * 1024, false});
    for (int level : {1, 2, 3}) configs.push_back({TextCodec::zstd, level, kib * 1024, true});
  }
  for (const Config &c : configs) {
    benchmark::RegisterBenchmark(("BM_text_compress/" + config_name(c)).c_str(), BM_compress, c)
        ->Unit(benchmark::kMillisecond);
    benchmark::RegisterBenchmark(("BM_text_decompress/" + config_name(c)).c_str(), BM_decompress, c)
        ->Unit(benchmark::kMillisecond);
    benchmark::RegisterBenchmark(("BM_text_page10/" + config_name(c)).c_str(), BM_page10, c)
        ->Unit(benchmark::kMicrosecond);
  }
  return 0;
}
const int registered = register_all();

}  // namespace

BENCHMARK_MAIN();
