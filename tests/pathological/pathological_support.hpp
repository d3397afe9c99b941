// Helpers for the pathological-input tests: parsing through the C ABI with the invariants every
// input must keep, and a linearity check that compares two input sizes in the same run.
#pragma once

#include "caci/caci.h"
#include "fuzz_support.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <functional>

#ifdef __GLIBC__
#include <malloc.h>
#endif
#include <string>
#include <string_view>

namespace caci_patho {

struct ParseOutcome {
  caci_status status = CACI_EINTERNAL;
  caci_stats stats{};
  size_t articles = 0;
  size_t diagnostics = 0;
  size_t json_bytes = 0;
};

// Parses `bytes` as one page and checks what must hold for any input: a clean status, byte
// accounting that adds up to the input, diagnostics inside the input, valid JSON output.
inline ParseOutcome parse_checked(std::string_view bytes, uint32_t flags = 0,
                                  bool want_json = true) {
  ParseOutcome r;
  caci_parse_options opts = CACI_PARSE_OPTIONS_INIT;
  opts.flags = flags;
  caci_doc *doc = nullptr;
  EXPECT_EQ(caci_doc_new(&opts, &doc), CACI_OK);
  if (doc == nullptr) return r;
  r.status = caci_doc_parse(doc, "patho.txt", 9, bytes.data(), bytes.size());
  EXPECT_EQ(caci_doc_stats(doc, &r.stats), CACI_OK);
  EXPECT_EQ(r.stats.bytes, bytes.size()) << "every input byte is accounted for";
  EXPECT_EQ(r.stats.bytes,
            r.stats.bytes_articles + r.stats.bytes_boilerplate + r.stats.bytes_unclassified)
      << "stats add up";
  r.articles = caci_doc_article_count(doc);
  EXPECT_EQ(r.stats.articles, r.articles);
  r.diagnostics = caci_doc_diagnostic_count(doc);
  for (size_t i = 0; i < r.diagnostics; ++i) {
    caci_diagnostic d{};
    const bool ok = caci_doc_diagnostic(doc, i, &d) == CACI_OK && d.byte_start <= d.byte_end &&
                    d.byte_end <= bytes.size();
    EXPECT_TRUE(ok) << "diagnostic " << i << " [" << d.byte_start << ", " << d.byte_end
                    << ") inside the input of " << bytes.size() << " bytes";
    if (!ok) break;
  }
  if (want_json) {
    caci_str json{};
    EXPECT_EQ(caci_doc_to_json(doc, CACI_JSON, &json), CACI_OK);
    r.json_bytes = json.len;
    EXPECT_TRUE(caci_fuzz::json_valid(std::string_view(json.ptr, json.len)))
        << "JSON output is valid";
  }
  caci_doc_free(doc);
  return r;
}

inline std::string repeat(std::string_view unit, size_t times) {
  std::string s;
  s.reserve(unit.size() * times);
  for (size_t i = 0; i < times; ++i) s.append(unit);
  return s;
}

// Best-of-3 wall time of fn(), in seconds.
inline double best_time(const std::function<void()> &fn) {
  double best = 1e30;
  for (int i = 0; i < 3; ++i) {
    const auto t0 = std::chrono::steady_clock::now();
    fn();
    const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    best = std::min(best, s);
  }
  return best;
}

// Complexity check, not a speed check: the 10x larger input may take at most 40x as long (a
// quadratic algorithm takes ~100x). Times under 20 ms are padded to 20 ms so that timer and cache
// noise cannot fail the test; a quadratic algorithm on these megabyte inputs takes seconds.
// Both sizes run on memory the process already has: glibc would otherwise give the large run's
// buffers (over its mmap threshold) fresh pages from the kernel on every repetition while the
// small run reuses its own, and first-touching fresh pages costs as much as parsing on some
// virtual machines, which measured the allocator, not the algorithm (ratios of 30-40x here).
inline void expect_linear(const std::string &what, const std::function<void()> &small,
                          const std::function<void()> &large) {
#ifdef __GLIBC__
  mallopt(M_MMAP_THRESHOLD, 1 << 30);
  mallopt(M_TRIM_THRESHOLD, 1 << 30);
#endif
  const double t_small = best_time(small);
  const double t_large = best_time(large);
  const double ratio = t_large / std::max(t_small, 2e-2);
  EXPECT_LT(ratio, 40.0) << what << ": 10x input took " << ratio << "x as long (" << t_small
                         << " s -> " << t_large << " s): not linear";
  std::printf("[ linear ] %s: %.4f s -> %.4f s (x%.1f)\n", what.c_str(), t_small, t_large, ratio);
}

}  // namespace caci_patho
