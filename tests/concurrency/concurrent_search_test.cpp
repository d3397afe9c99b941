// One index, many threads: caci.h promises that caci_index_search() and the getters of its results
// only read the index. Eight threads run a mix of queries (terms, phrases, prefixes, fuzzy words,
// fields, facets, sorting, paging, and malformed queries) over one loaded index, and every result
// must equal the single-threaded run, including each thread's own query error. scripts/tsan.sh runs
// this test under ThreadSanitizer, which reports any data race.
#include "caci/caci.h"
#include "sample_pages.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <cstring>
#include <string>
#include <thread>
#include <vector>

namespace {

std::string view(caci_str s) {
  return s.ptr ? std::string(s.ptr, s.len) : std::string("<null>");
}

struct Query {
  const char *text;
  uint32_t flags;
  uint32_t sort;
  uint32_t offset;
};

const Query kQueries[] = {
    {"kazakhstan", 0, CACI_SORT_RELEVANCE, 0},
    {"\"central asia\"", CACI_SEARCH_FACETS, CACI_SORT_RELEVANCE, 0},
    {"energ*", 0, CACI_SORT_DATE_DESC, 0},
    {"pipline~1", 0, CACI_SORT_RELEVANCE, 0},
    {"russia OR china", CACI_SEARCH_FACETS, CACI_SORT_DATE_ASC, 2},
    {"security NOT afghanistan", 0, CACI_SORT_RELEVANCE, 0},
    {"author:holm", 0, CACI_SORT_RELEVANCE, 0},
    {"year:2000..2030 trade", CACI_SEARCH_FACETS, CACI_SORT_RELEVANCE, 0},
    {"\"border talks\" NEAR/5 water", 0, CACI_SORT_RELEVANCE, 0},
    {"the", CACI_SEARCH_NO_SNIPPETS, CACI_SORT_RELEVANCE, 5},
    {"georgia (", 0, CACI_SORT_RELEVANCE, 0},          // malformed: unclosed group
    {"\"unclosed phrase", 0, CACI_SORT_RELEVANCE, 0},  // malformed
    {"kind:nonsense", 0, CACI_SORT_RELEVANCE, 0},      // malformed: unknown kind
};

// Everything a caller can read from one search, as text.
std::string run(caci_index *index, const Query &q) {
  caci_search_options so = CACI_SEARCH_OPTIONS_INIT;
  so.flags = q.flags;
  so.sort = q.sort;
  so.offset = q.offset;
  so.limit = 20;
  caci_results *r = nullptr;
  std::ostringstream out;
  const caci_status st = caci_index_search(index, q.text, std::strlen(q.text), &so, &r);
  out << "status " << st << "\n";
  if (st == CACI_EQUERY) {
    caci_str message{};
    size_t offset = 0;
    caci_index_error(index, &message, &offset);
    out << "error " << view(message) << " at " << offset << "\n";
    return out.str();
  }
  if (st != CACI_OK) return out.str();
  out << "total " << caci_results_total(r) << "\n";
  for (size_t i = 0; i < caci_results_count(r); ++i) {
    char id[17];
    caci_id_format(caci_article_id(caci_results_article(r, i)), id);
    uint64_t a = 0, b = 0;
    caci_results_snippet(r, i, &a, &b);
    out << id << " " << caci_results_score(r, i) << " snippet " << a << "-" << b;
    for (size_t j = 0; j < caci_results_highlight_count(r, i); ++j) {
      caci_results_highlight(r, i, j, &a, &b);
      out << " " << a << "-" << b;
    }
    out << "\n";
  }
  for (int f = CACI_FACET_AUTHOR; f <= CACI_FACET_CATEGORY; ++f)
    for (size_t j = 0; j < caci_results_facet_count(r, f); ++j) {
      caci_str value{};
      uint64_t count = 0;
      caci_results_facet(r, f, j, &value, &count);
      out << "facet " << f << " " << view(value) << " " << count << "\n";
    }
  caci_results_free(r);
  return out.str();
}

}  // namespace

TEST(ConcurrentSearch, EightThreadsGiveTheSingleThreadedResults) {
  caci_doc *doc = nullptr;
  ASSERT_EQ(caci_doc_new(nullptr, &doc), CACI_OK);
  ASSERT_GT(concurrency_test::parse_sample_pages(doc), 10u);
  caci_index *built = nullptr;
  ASSERT_EQ(caci_index_new(nullptr, &built), CACI_OK);
  ASSERT_EQ(caci_index_add_doc(built, doc, nullptr), CACI_OK);
  caci_doc_free(doc);
  // The threads share an index loaded from a saved file: what an application opens.
  caci_str saved{};
  ASSERT_EQ(caci_index_save(built, &saved), CACI_OK);
  const std::string file(saved.ptr, saved.len);
  caci_index_free(built);
  caci_index *index = nullptr;
  ASSERT_EQ(caci_index_load(file.data(), file.size(), nullptr, &index), CACI_OK);

  constexpr size_t kCount = sizeof kQueries / sizeof kQueries[0];
  std::vector<std::string> expected;
  {
    // The reference run is made on a second copy, so the shared index starts cold (its first
    // searches fold in nothing, but must still take the same path as a fresh open).
    caci_index *reference = nullptr;
    ASSERT_EQ(caci_index_load(file.data(), file.size(), nullptr, &reference), CACI_OK);
    for (const Query &q : kQueries) expected.push_back(run(reference, q));
    caci_index_free(reference);
  }
  size_t hits = 0, errors = 0;
  for (const std::string &e : expected) {
    hits += e.find("\ntotal 0\n") == std::string::npos && e.find("total ") != std::string::npos;
    errors += e.find("error ") != std::string::npos;
  }
  ASSERT_GE(hits, 6u) << "the queries must find something for the comparison to mean anything";
  ASSERT_EQ(errors, 3u);

  constexpr int kThreads = 8, kRounds = 25;
  std::atomic<int> mismatches{0};
  std::vector<std::string> first_mismatch(kThreads);
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t)
    threads.emplace_back([&, t] {
      for (int round = 0; round < kRounds; ++round)
        for (size_t k = 0; k < kCount; ++k) {
          const size_t q =
              (k * 7 + size_t(t) * 3 + size_t(round)) % kCount;  // a different order each
          const std::string got = run(index, kQueries[q]);
          if (got != expected[q]) {
            if (mismatches.fetch_add(1) == 0)
              first_mismatch[size_t(t)] = kQueries[q].text + std::string(":\n") + got;
          }
        }
    });
  for (std::thread &th : threads) th.join();
  EXPECT_EQ(mismatches.load(), 0);
  for (const std::string &m : first_mismatch)
    if (!m.empty()) ADD_FAILURE() << m;
  caci_index_free(index);
}
