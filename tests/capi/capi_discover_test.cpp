// Suggestions, explain, completions and related articles through the C API, on the bundled
// sample pages, and their bad input: NULL arguments, empty and huge prefixes, n = 0, unknown ids.
#include "capi_fixtures.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <fstream>
#include <sstream>
#include <string>

namespace {

using capi_test::view;

struct SampleIndex {
  caci_index *index = nullptr;
  SampleIndex() {
    caci_doc *doc = nullptr;
    EXPECT_EQ(caci_doc_new(nullptr, &doc), CACI_OK);
    for (const char *name : {"2002-analytical-articles.txt", "2014-field-reports.txt",
                             "2025-analytical-articles-p1.txt", "2025-analytical-articles-p2.txt",
                             "2003-excerpt-listing.txt", "2002-news-digest.txt"}) {
      std::ifstream in(std::string(CACI_SOURCE_DIR) + "/samples/" + name, std::ios::binary);
      std::stringstream ss;
      ss << in.rdbuf();
      const std::string page = ss.str();
      EXPECT_FALSE(page.empty()) << name;
      EXPECT_EQ(caci_doc_parse(doc, name, std::strlen(name), page.data(), page.size()), CACI_OK);
    }
    EXPECT_EQ(caci_index_new(nullptr, &index), CACI_OK);
    EXPECT_EQ(caci_index_add_doc(index, doc, nullptr), CACI_OK);
    caci_doc_free(doc);
  }
  ~SampleIndex() { caci_index_free(index); }
};

caci_results *search(caci_index *ix, const char *q, uint32_t flags) {
  caci_search_options o = CACI_SEARCH_OPTIONS_INIT;
  o.flags = flags;
  o.limit = 50;
  caci_results *r = nullptr;
  EXPECT_EQ(caci_index_search(ix, q, std::strlen(q), &o, &r), CACI_OK) << q;
  return r;
}

TEST(CapiSuggest, MisspelledQueryGetsACorrectedQueryWithItsTotal) {
  SampleIndex s;
  caci_results *r = search(s.index, "corridr", CACI_SEARCH_SUGGEST);
  EXPECT_EQ(caci_results_total(r), 0u);
  ASSERT_GE(caci_results_suggestion_count(r), 1u);
  caci_str q;
  uint64_t total = 0;
  ASSERT_EQ(caci_results_suggestion(r, 0, &q, &total), CACI_OK);
  EXPECT_EQ(view(q), "corridor");
  caci_results *fixed = search(s.index, "corridor", 0);
  EXPECT_EQ(total, caci_results_total(fixed));
  EXPECT_GT(total, 0u);
  EXPECT_EQ(caci_results_suggestion(r, 99, &q, &total), CACI_EINVAL);
  EXPECT_EQ(caci_results_suggestion(r, 0, nullptr, &total), CACI_EINVAL);
  EXPECT_EQ(caci_results_suggestion(nullptr, 0, &q, &total), CACI_EINVAL);
  EXPECT_EQ(caci_results_suggestion_count(nullptr), 0u);
  caci_results *plain = search(s.index, "corridr", 0);
  EXPECT_EQ(caci_results_suggestion_count(plain), 0u);
  caci_results_free(plain);
  caci_results_free(fixed);
  caci_results_free(r);
}

TEST(CapiExplain, PartsSumToEachScore) {
  SampleIndex s;
  caci_results *r =
      search(s.index, "corridor OR \"central asia\" OR title:georgia", CACI_SEARCH_EXPLAIN);
  ASSERT_GT(caci_results_count(r), 0u);
  for (size_t i = 0; i < caci_results_count(r); ++i) {
    double sum = 0;
    ASSERT_GT(caci_results_explain_count(r, i), 0u);
    for (size_t j = 0; j < caci_results_explain_count(r, i); ++j) {
      caci_explain e;
      ASSERT_EQ(caci_results_explain(r, i, j, &e), CACI_OK);
      EXPECT_GT(e.element.len, 0u);
      EXPECT_GE(e.field, CACI_FIELD_TITLE);
      EXPECT_LT(e.field, CACI_FIELD_COUNT);
      EXPECT_GT(e.tf, 0);
      EXPECT_GT(e.weight, 0);
      sum += e.contribution;
    }
    EXPECT_NEAR(sum, caci_results_score(r, i), 1e-9);
  }
  caci_explain e;
  EXPECT_EQ(caci_results_explain(r, 0, 9999, &e), CACI_EINVAL);
  EXPECT_EQ(caci_results_explain(r, 0, 0, nullptr), CACI_EINVAL);
  EXPECT_EQ(caci_results_explain(nullptr, 0, 0, &e), CACI_EINVAL);
  EXPECT_EQ(caci_results_explain_count(r, 9999), 0u);
  caci_results_free(r);
}

TEST(CapiComplete, TopTermsByArticleCount) {
  SampleIndex s;
  caci_terms *t = nullptr;
  ASSERT_EQ(caci_index_complete(s.index, "Cor", 3, 5, &t), CACI_OK);
  ASSERT_GE(caci_terms_count(t), 1u);
  uint64_t prev = UINT64_MAX;
  for (size_t i = 0; i < caci_terms_count(t); ++i) {
    caci_str term;
    uint64_t docs = 0;
    ASSERT_EQ(caci_terms_get(t, i, &term, &docs), CACI_OK);
    EXPECT_EQ(view(term).substr(0, 3), "cor");
    EXPECT_LE(docs, prev);
    prev = docs;
    std::string q(view(term));
    caci_results *r = search(s.index, q.c_str(), CACI_SEARCH_NO_SNIPPETS);
    EXPECT_EQ(caci_results_total(r), docs) << q;
    caci_results_free(r);
  }
  caci_str term;
  uint64_t docs;
  EXPECT_EQ(caci_terms_get(t, 99, &term, &docs), CACI_EINVAL);
  EXPECT_EQ(caci_terms_get(t, 0, nullptr, &docs), CACI_EINVAL);
  caci_terms_free(t);
}

TEST(CapiComplete, BadInput) {
  SampleIndex s;
  caci_terms *t = nullptr;
  EXPECT_EQ(caci_index_complete(nullptr, "pi", 2, 5, &t), CACI_EINVAL);
  EXPECT_EQ(t, nullptr);
  EXPECT_EQ(caci_index_complete(s.index, "pi", 2, 5, nullptr), CACI_EINVAL);
  EXPECT_EQ(caci_index_complete(s.index, nullptr, 3, 5, &t), CACI_EINVAL);
  ASSERT_EQ(caci_index_complete(s.index, nullptr, 0, 5, &t), CACI_OK);  // empty prefix
  EXPECT_EQ(caci_terms_count(t), 0u);
  caci_terms_free(t);
  ASSERT_EQ(caci_index_complete(s.index, "pi", 2, 0, &t), CACI_OK);  // n = 0
  EXPECT_EQ(caci_terms_count(t), 0u);
  caci_terms_free(t);
  const std::string huge(1 << 20, 'a');
  ASSERT_EQ(caci_index_complete(s.index, huge.data(), huge.size(), 5, &t), CACI_OK);
  EXPECT_EQ(caci_terms_count(t), 0u);
  caci_terms_free(t);
  caci_terms_free(nullptr);
  EXPECT_EQ(caci_terms_count(nullptr), 0u);
}

TEST(CapiRelated, ListsOtherArticlesAndRejectsUnknownIds) {
  SampleIndex s;
  caci_results *hits = search(s.index, "corridor", CACI_SEARCH_NO_SNIPPETS);
  ASSERT_GT(caci_results_count(hits), 0u);
  const uint64_t id = caci_article_id(caci_results_article(hits, 0));
  caci_results *r = nullptr;
  ASSERT_EQ(caci_index_related(s.index, id, 5, &r), CACI_OK);
  ASSERT_GT(caci_results_count(r), 0u);
  EXPECT_LE(caci_results_count(r), 5u);
  for (size_t i = 0; i < caci_results_count(r); ++i) {
    EXPECT_NE(caci_article_id(caci_results_article(r, i)), id);
    EXPECT_GT(caci_results_score(r, i), 0);
  }
  caci_results_free(r);
  r = nullptr;
  EXPECT_EQ(caci_index_related(s.index, 0x1234, 5, &r), CACI_ENOTFOUND);
  EXPECT_EQ(r, nullptr);
  EXPECT_EQ(caci_index_related(nullptr, id, 5, &r), CACI_EINVAL);
  EXPECT_EQ(caci_index_related(s.index, id, 5, nullptr), CACI_EINVAL);
  ASSERT_EQ(caci_index_related(s.index, id, 0, &r), CACI_OK);  // n = 0
  EXPECT_EQ(caci_results_count(r), 0u);
  caci_results_free(r);
  caci_results_free(hits);
}

TEST(CapiSearchFlags, UnknownBitsStayRejected) {
  SampleIndex s;
  caci_search_options o = CACI_SEARCH_OPTIONS_INIT;
  o.flags = 0x80000000u;
  caci_results *r = nullptr;
  EXPECT_EQ(caci_index_search(s.index, "gas", 3, &o, &r), CACI_EINVAL);
}

}  // namespace
