// Index and search through the C API: add, remove, find, save/load, query errors, paging, sorting,
// facets, snippets and highlights.
#include "capi_fixtures.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <cstring>
#include <string>

namespace {

using capi_test::Doc;
using capi_test::Index;
using capi_test::kPage;
using capi_test::view;

struct Results {
  caci_results *r = nullptr;
  caci_status status;
  Results(caci_index *index, const char *query, const caci_search_options *opts = nullptr)
      : status(caci_index_search(index, query, std::strlen(query), opts, &r)) {}
  ~Results() { caci_results_free(r); }
};

std::string lower(std::string_view s) {
  std::string out(s);
  for (char &c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

TEST(CapiIndex, AddFindRemove) {
  Index idx;
  ASSERT_EQ(idx.status, CACI_OK);
  EXPECT_EQ(caci_index_article_count(idx.index), 3u);
  Doc d(kPage);
  size_t added = 99;
  ASSERT_EQ(caci_index_add_doc(idx.index, d.doc, &added), CACI_OK);
  EXPECT_EQ(added, 0u);  // all already present
  uint64_t id = caci_article_id(caci_doc_article(d.doc, 1));
  const caci_article *a = caci_index_find(idx.index, id);
  ASSERT_NE(a, nullptr);
  EXPECT_EQ(caci_article_id(a), id);
  EXPECT_EQ(view(caci_article_text(a)), view(caci_article_text(caci_doc_article(d.doc, 1))));
  EXPECT_EQ(caci_index_remove(idx.index, id), CACI_OK);
  EXPECT_EQ(caci_index_article_count(idx.index), 2u);
  EXPECT_EQ(caci_index_find(idx.index, id), nullptr);
  EXPECT_EQ(caci_index_remove(idx.index, id), CACI_ENOTFOUND);
  EXPECT_EQ(caci_index_find(idx.index, 12345), nullptr);
}

TEST(CapiIndex, ArticleJson) {
  Index idx;
  ASSERT_EQ(idx.status, CACI_OK);
  Doc d(kPage);
  uint64_t id = caci_article_id(caci_doc_article(d.doc, 0));
  caci_str json;
  ASSERT_EQ(caci_index_article_json(idx.index, id, &json), CACI_OK);
  char hex[17];
  caci_id_format(id, hex);
  EXPECT_EQ(view(json).rfind(std::string("{\"id\":\"") + hex + "\"", 0), 0u);
  EXPECT_EQ(view(json).back(), '}');
  EXPECT_EQ(caci_index_article_json(idx.index, 42, &json), CACI_ENOTFOUND);
}

TEST(CapiSearch, FindsWordsAndCountsTotal) {
  Index idx;
  ASSERT_EQ(idx.status, CACI_OK);
  Results res(idx.index, "pipelines");
  ASSERT_EQ(res.status, CACI_OK);
  ASSERT_EQ(caci_results_total(res.r), 1u);
  ASSERT_EQ(caci_results_count(res.r), 1u);
  const caci_article *a = caci_results_article(res.r, 0);
  ASSERT_NE(a, nullptr);
  EXPECT_EQ(view(caci_article_author_name(a, 0)), "Firstname Lastname");
  EXPECT_GT(caci_results_score(res.r, 0), 0.0);
  EXPECT_EQ(caci_results_article(res.r, 1), nullptr);

  Results none(idx.index, "zyxwvut");
  ASSERT_EQ(none.status, CACI_OK);
  EXPECT_EQ(caci_results_total(none.r), 0u);
  EXPECT_EQ(caci_results_count(none.r), 0u);
}

TEST(CapiSearch, SnippetAndHighlightsPointAtTheMatch) {
  Index idx;
  ASSERT_EQ(idx.status, CACI_OK);
  Results res(idx.index, "Georgia");
  ASSERT_EQ(res.status, CACI_OK);
  ASSERT_GE(caci_results_count(res.r), 1u);
  for (size_t i = 0; i < caci_results_count(res.r); ++i) {
    std::string_view text = view(caci_article_text(caci_results_article(res.r, i)));
    uint64_t s = 0, e = 0;
    ASSERT_EQ(caci_results_snippet(res.r, i, &s, &e), CACI_OK);
    EXPECT_LT(s, e);
    EXPECT_LE(e, text.size());
    size_t nh = caci_results_highlight_count(res.r, i);
    ASSERT_GE(nh, 1u);
    for (size_t j = 0; j < nh; ++j) {
      uint64_t hs = 0, he = 0;
      ASSERT_EQ(caci_results_highlight(res.r, i, j, &hs, &he), CACI_OK);
      ASSERT_LT(hs, he);
      ASSERT_LE(he, text.size());
      EXPECT_EQ(lower(text.substr(hs, he - hs)).rfind("georgia", 0), 0u)
          << text.substr(hs, he - hs);
    }
    uint64_t hs, he;
    EXPECT_EQ(caci_results_highlight(res.r, i, nh, &hs, &he), CACI_EINVAL);
    EXPECT_EQ(caci_results_highlight(res.r, i, 0, nullptr, &he), CACI_EINVAL);
  }
}

TEST(CapiSearch, QueryErrorReportsTheOffset) {
  Index idx;
  ASSERT_EQ(idx.status, CACI_OK);
  caci_results *r = reinterpret_cast<caci_results *>(&r);
  const char query[] = "gas AND (oil";
  EXPECT_EQ(caci_index_search(idx.index, query, std::strlen(query), nullptr, &r), CACI_EQUERY);
  EXPECT_EQ(r, nullptr);
  caci_str message;
  size_t offset = 999;
  ASSERT_EQ(caci_index_error(idx.index, &message, &offset), CACI_OK);
  EXPECT_FALSE(view(message).empty());
  EXPECT_GE(offset, 8u);  // at or after the unclosed parenthesis
  EXPECT_LE(offset, std::strlen(query));

  const char quote[] = "\"unterminated phrase";
  EXPECT_EQ(caci_index_search(idx.index, quote, std::strlen(quote), nullptr, &r), CACI_EQUERY);
  ASSERT_EQ(caci_index_error(idx.index, &message, &offset), CACI_OK);
  EXPECT_LE(offset, std::strlen(quote));
}

TEST(CapiSearch, PagingAndSorting) {
  Index idx;
  ASSERT_EQ(idx.status, CACI_OK);
  caci_search_options so = CACI_SEARCH_OPTIONS_INIT;
  so.sort = CACI_SORT_DATE_ASC;
  Results all(idx.index, "paragraph", &so);
  ASSERT_EQ(all.status, CACI_OK);
  ASSERT_GE(caci_results_count(all.r), 2u);
  int prev = 0;
  for (size_t i = 0; i < caci_results_count(all.r); ++i) {
    caci_date d = caci_article_date(caci_results_article(all.r, i));
    int key = d.year * 10000 + d.month * 100 + d.day;
    EXPECT_GE(key, prev);
    prev = key;
  }
  so.limit = 1;
  so.offset = 1;
  Results page(idx.index, "paragraph", &so);
  ASSERT_EQ(page.status, CACI_OK);
  EXPECT_EQ(caci_results_total(page.r), caci_results_total(all.r));
  ASSERT_EQ(caci_results_count(page.r), 1u);
  EXPECT_EQ(caci_results_article(page.r, 0), caci_results_article(all.r, 1));
}

TEST(CapiSearch, FacetsCountTheWholeHitSet) {
  Index idx;
  ASSERT_EQ(idx.status, CACI_OK);
  caci_search_options so = CACI_SEARCH_OPTIONS_INIT;
  so.flags = CACI_SEARCH_FACETS;
  so.limit = 1;
  Results res(idx.index, "paragraph OR teaser OR lead", &so);
  ASSERT_EQ(res.status, CACI_OK);
  uint64_t total = caci_results_total(res.r);
  ASSERT_GE(total, 2u);
  for (int f : {CACI_FACET_KIND, CACI_FACET_YEAR, CACI_FACET_AUTHOR}) {
    size_t n = caci_results_facet_count(res.r, f);
    ASSERT_GE(n, 1u) << f;
    uint64_t sum = 0, prev = UINT64_MAX;
    for (size_t j = 0; j < n; ++j) {
      caci_str v;
      uint64_t c = 0;
      ASSERT_EQ(caci_results_facet(res.r, f, j, &v, &c), CACI_OK);
      EXPECT_FALSE(view(v).empty());
      EXPECT_LE(c, prev);  // sorted by count, descending
      prev = c;
      sum += c;
    }
    if (f == CACI_FACET_KIND) {
      EXPECT_EQ(sum, total);
    }
    caci_str v;
    uint64_t c;
    EXPECT_EQ(caci_results_facet(res.r, f, n, &v, &c), CACI_EINVAL);
  }
  caci_str v;
  uint64_t c;
  EXPECT_EQ(caci_results_facet(res.r, CACI_FACET_KIND, 0, nullptr, &c), CACI_EINVAL);
  EXPECT_EQ(caci_results_facet(res.r, CACI_FACET_KIND, 0, &v, nullptr), CACI_EINVAL);
  EXPECT_EQ(caci_results_facet(res.r, 9, 0, &v, &c), CACI_EINVAL);
  uint64_t s = 0, e = 0;
  EXPECT_EQ(caci_results_snippet(res.r, 0, nullptr, &e), CACI_EINVAL);
  EXPECT_EQ(caci_results_snippet(res.r, 0, &s, nullptr), CACI_EINVAL);
  EXPECT_EQ(caci_results_snippet(res.r, 99, &s, &e), CACI_EINVAL);
  EXPECT_EQ(caci_results_highlight_count(res.r, 99), 0u);
  EXPECT_EQ(caci_results_score(res.r, 99), 0.0);
  EXPECT_EQ(caci_results_facet_count(res.r, 17), 0u);
  EXPECT_EQ(caci_results_facet_count(res.r, -1), 0u);

  Results plain(idx.index, "paragraph");
  ASSERT_EQ(plain.status, CACI_OK);
  EXPECT_EQ(caci_results_facet_count(plain.r, CACI_FACET_KIND), 0u);  // not requested
}

TEST(CapiSearch, SaveAndLoadRoundTrip) {
  Index idx;
  ASSERT_EQ(idx.status, CACI_OK);
  caci_str bytes;
  ASSERT_EQ(caci_index_save(idx.index, &bytes), CACI_OK);
  ASSERT_GT(bytes.len, 7u);
  EXPECT_EQ(std::string_view(bytes.ptr, 7), "CACIIDX");
  std::string saved(bytes.ptr, bytes.len);

  caci_index *loaded = nullptr;
  ASSERT_EQ(caci_index_load(saved.data(), saved.size(), nullptr, &loaded), CACI_OK)
      << caci_last_load_error();
  saved.assign(saved.size(), '\0');  // the bytes are not retained
  EXPECT_EQ(caci_index_article_count(loaded), caci_index_article_count(idx.index));
  Results a(idx.index, "Georgia"), b(loaded, "Georgia");
  ASSERT_EQ(a.status, CACI_OK);
  ASSERT_EQ(b.status, CACI_OK);
  ASSERT_EQ(caci_results_count(a.r), caci_results_count(b.r));
  for (size_t i = 0; i < caci_results_count(a.r); ++i) {
    EXPECT_EQ(caci_article_id(caci_results_article(a.r, i)),
              caci_article_id(caci_results_article(b.r, i)));
    EXPECT_DOUBLE_EQ(caci_results_score(a.r, i), caci_results_score(b.r, i));
  }
  caci_str again;
  ASSERT_EQ(caci_index_save(loaded, &again), CACI_OK);
  EXPECT_EQ(again.len, bytes.len);
  caci_index_free(loaded);
}

TEST(CapiSearch, SearchOnlySaveKeepsResultsAndDropsText) {
  Index idx;
  ASSERT_EQ(idx.status, CACI_OK);
  caci_save_options opts = CACI_SAVE_OPTIONS_INIT;
  opts.flags = CACI_SAVE_OMIT_TEXT;
  caci_str full, small;
  ASSERT_EQ(caci_index_save(idx.index, &full), CACI_OK);
  const size_t full_len = full.len;
  ASSERT_EQ(caci_index_save_with(idx.index, &opts, &small), CACI_OK);
  EXPECT_LT(small.len, full_len);
  const std::string saved(small.ptr, small.len);
  caci_index *loaded = nullptr;
  ASSERT_EQ(caci_index_load(saved.data(), saved.size(), nullptr, &loaded), CACI_OK)
      << caci_last_load_error();
  Results a(idx.index, "Georgia"), b(loaded, "Georgia");
  ASSERT_EQ(a.status, CACI_OK);
  ASSERT_EQ(b.status, CACI_OK);
  ASSERT_GT(caci_results_count(a.r), 0u);
  ASSERT_EQ(caci_results_count(a.r), caci_results_count(b.r));
  for (size_t i = 0; i < caci_results_count(a.r); ++i) {
    const caci_article *x = caci_results_article(a.r, i), *y = caci_results_article(b.r, i);
    EXPECT_EQ(caci_article_id(x), caci_article_id(y));
    EXPECT_DOUBLE_EQ(caci_results_score(a.r, i), caci_results_score(b.r, i));
    EXPECT_EQ(view(caci_article_title(x)), view(caci_article_title(y)));
    EXPECT_TRUE(caci_article_flags(y) & CACI_FLAG_TEXT_OMITTED);
    EXPECT_FALSE(caci_article_flags(x) & CACI_FLAG_TEXT_OMITTED);
    EXPECT_EQ(caci_article_lead_count(y), 0u);
    uint64_t start = 1, end = 2;
    ASSERT_EQ(caci_results_snippet(b.r, i, &start, &end), CACI_OK);
    EXPECT_EQ(start, end);
    EXPECT_EQ(caci_results_highlight_count(b.r, i), 0u);
  }
  caci_index_free(loaded);
}

TEST(CapiSearch, LoadOptionsReplaceTheSavedRanking) {
  Index idx;
  ASSERT_EQ(idx.status, CACI_OK);
  caci_str bytes;
  ASSERT_EQ(caci_index_save(idx.index, &bytes), CACI_OK);
  const std::string saved(bytes.ptr, bytes.len);
  caci_index *same = nullptr, *other = nullptr;
  ASSERT_EQ(caci_index_load(saved.data(), saved.size(), nullptr, &same), CACI_OK);
  caci_index_options opts;
  ASSERT_EQ(caci_index_options_init(&opts, CACI_INDEX_OPTIONS_VERSION), CACI_OK);
  opts.field_weights[CACI_FIELD_TITLE] = 20.0f;
  opts.k1 = 2.0f;
  ASSERT_EQ(caci_index_load(saved.data(), saved.size(), &opts, &other), CACI_OK);
  Results a(idx.index, "Georgia"), b(same, "Georgia"), c(other, "Georgia");
  ASSERT_GT(caci_results_count(a.r), 0u);
  EXPECT_DOUBLE_EQ(caci_results_score(b.r, 0), caci_results_score(a.r, 0));
  EXPECT_NE(caci_results_score(c.r, 0), caci_results_score(a.r, 0));
  EXPECT_EQ(caci_results_total(c.r), caci_results_total(a.r));
  caci_index_free(same);
  caci_index_free(other);
}

TEST(CapiIndex, TakeDocGivesTheSameIndexAndEmptiesTheDoc) {
  Doc a(kPage), b(kPage);
  ASSERT_EQ(a.status, CACI_OK);
  ASSERT_EQ(b.status, CACI_OK);
  caci_index *copied = nullptr, *taken = nullptr;
  ASSERT_EQ(caci_index_new(nullptr, &copied), CACI_OK);
  ASSERT_EQ(caci_index_new(nullptr, &taken), CACI_OK);
  size_t n1 = 0, n2 = 0;
  ASSERT_EQ(caci_index_add_doc(copied, a.doc, &n1), CACI_OK);
  ASSERT_EQ(caci_index_take_doc(taken, b.doc, &n2), CACI_OK);
  EXPECT_EQ(n1, n2);
  EXPECT_GT(n2, 0u);
  EXPECT_EQ(caci_doc_article_count(b.doc), 0u);
  Results x(copied, "Georgia"), y(taken, "Georgia");
  ASSERT_EQ(caci_results_count(x.r), caci_results_count(y.r));
  for (size_t i = 0; i < caci_results_count(x.r); ++i)
    EXPECT_DOUBLE_EQ(caci_results_score(x.r, i), caci_results_score(y.r, i));
  EXPECT_EQ(caci_index_take_doc(nullptr, b.doc, &n2), CACI_EINVAL);
  EXPECT_EQ(caci_index_take_doc(taken, nullptr, &n2), CACI_EINVAL);
  caci_index_free(copied);
  caci_index_free(taken);
}

TEST(CapiSearch, SaveOptionsAreChecked) {
  Index idx;
  ASSERT_EQ(idx.status, CACI_OK);
  caci_str out{"x", 1};
  EXPECT_EQ(caci_index_save_with(nullptr, nullptr, &out), CACI_EINVAL);
  EXPECT_EQ(out.ptr, nullptr);
  EXPECT_EQ(caci_index_save_with(idx.index, nullptr, nullptr), CACI_EINVAL);
  caci_save_options opts;
  EXPECT_EQ(caci_save_options_init(&opts, CACI_SAVE_OPTIONS_VERSION), CACI_OK);
  EXPECT_EQ(opts.flags, 0u);
  EXPECT_EQ(caci_save_options_init(nullptr, CACI_SAVE_OPTIONS_VERSION), CACI_EINVAL);
  EXPECT_EQ(caci_save_options_init(&opts, 99), CACI_EVERSION);
  opts.version = 99;
  EXPECT_EQ(caci_index_save_with(idx.index, &opts, &out), CACI_EVERSION);
  opts = caci_save_options CACI_SAVE_OPTIONS_INIT;
  opts.flags = 0x80u;  // unknown flag
  EXPECT_EQ(caci_index_save_with(idx.index, &opts, &out), CACI_EINVAL);
  EXPECT_EQ(caci_index_save_with(idx.index, nullptr, &out), CACI_OK);
  EXPECT_GT(out.len, 0u);
}

TEST(CapiSearch, LoadRejectsDamagedBytes) {
  Index idx;
  ASSERT_EQ(idx.status, CACI_OK);
  caci_str bytes;
  ASSERT_EQ(caci_index_save(idx.index, &bytes), CACI_OK);
  std::string saved(bytes.ptr, bytes.len);

  caci_index *loaded = reinterpret_cast<caci_index *>(&loaded);
  EXPECT_EQ(caci_index_load(saved.data(), saved.size() / 2, nullptr, &loaded), CACI_ECORRUPT);
  EXPECT_EQ(loaded, nullptr);
  EXPECT_STRNE(caci_last_load_error(), "");

  std::string flipped = saved;
  flipped[flipped.size() / 2] ^= 0x55;
  EXPECT_EQ(caci_index_load(flipped.data(), flipped.size(), nullptr, &loaded), CACI_ECORRUPT);
  EXPECT_EQ(loaded, nullptr);

  EXPECT_EQ(caci_index_load("not an index", 12, nullptr, &loaded), CACI_ECORRUPT);
  EXPECT_EQ(caci_index_load("", 0, nullptr, &loaded), CACI_ECORRUPT);
  EXPECT_EQ(loaded, nullptr);

  caci_index_options io;
  ASSERT_EQ(caci_index_options_init(&io, CACI_INDEX_OPTIONS_VERSION), CACI_OK);
  io.version = 99;
  EXPECT_EQ(caci_index_load(saved.data(), saved.size(), &io, &loaded), CACI_EVERSION);
  EXPECT_EQ(loaded, nullptr);
}

TEST(CapiSearch, RemovedArticlesAreNotFoundAndNotSaved) {
  Index idx;
  ASSERT_EQ(idx.status, CACI_OK);
  uint64_t georgia_id = 0;
  {
    Results res(idx.index, "Georgia");
    ASSERT_EQ(res.status, CACI_OK);
    ASSERT_EQ(caci_results_count(res.r), 1u);
    georgia_id = caci_article_id(caci_results_article(res.r, 0));
  }  // results freed before the index is modified
  ASSERT_EQ(caci_index_remove(idx.index, georgia_id), CACI_OK);
  {
    Results res(idx.index, "Georgia");
    ASSERT_EQ(res.status, CACI_OK);
    EXPECT_EQ(caci_results_total(res.r), 0u);
  }
  caci_str bytes;
  ASSERT_EQ(caci_index_save(idx.index, &bytes), CACI_OK);
  caci_index *loaded = nullptr;
  ASSERT_EQ(caci_index_load(bytes.ptr, bytes.len, nullptr, &loaded), CACI_OK)
      << caci_last_load_error();
  EXPECT_EQ(caci_index_article_count(loaded), 2u);
  EXPECT_EQ(caci_index_find(loaded, georgia_id), nullptr);
  Results res(loaded, "pipelines");
  ASSERT_EQ(res.status, CACI_OK);
  EXPECT_EQ(caci_results_total(res.r), 1u);
  caci_results_free(res.r);
  res.r = nullptr;
  caci_index_free(loaded);
}

TEST(CapiSearch, NoSnippetsFlag) {
  Index idx;
  ASSERT_EQ(idx.status, CACI_OK);
  caci_search_options so = CACI_SEARCH_OPTIONS_INIT;
  so.flags = CACI_SEARCH_NO_SNIPPETS;
  Results res(idx.index, "Georgia", &so);
  ASSERT_EQ(res.status, CACI_OK);
  ASSERT_EQ(caci_results_count(res.r), 1u);
  uint64_t s = 1, e = 1;
  ASSERT_EQ(caci_results_snippet(res.r, 0, &s, &e), CACI_OK);
  EXPECT_EQ(s, e);  // empty snippet
  EXPECT_EQ(caci_results_highlight_count(res.r, 0), 0u);
}

TEST(CapiSearch, NewestFirst) {
  Index idx;
  ASSERT_EQ(idx.status, CACI_OK);
  caci_search_options so = CACI_SEARCH_OPTIONS_INIT;
  so.sort = CACI_SORT_DATE_DESC;
  Results res(idx.index, "", &so);  // the empty query matches every article
  ASSERT_EQ(res.status, CACI_OK);
  ASSERT_EQ(caci_results_total(res.r), 3u);
  caci_date first = caci_article_date(caci_results_article(res.r, 0));
  caci_date last = caci_article_date(caci_results_article(res.r, 2));
  EXPECT_EQ(first.year * 10000 + first.month * 100 + first.day, 20250212);
  EXPECT_EQ(last.year * 10000 + last.month * 100 + last.day, 20030312);
}

TEST(CapiSearch, FieldAndFilterQueries) {
  Index idx;
  ASSERT_EQ(idx.status, CACI_OK);
  struct Case {
    const char *query;
    uint64_t total;
  } cases[] = {{"author:\"Other Person\"", 1}, {"kind:teaser", 1},        {"year:2003", 1},
               {"year:2024..2025", 2},         {"pipeline*", 1},          {"georgla~1", 1},
               {"georgia OR water", 2},        {"paragraph -georgia", 1}, {"\"gas exports\"", 1},
               {"\"exports gas\"", 0}};
  for (const Case &c : cases) {
    Results res(idx.index, c.query);
    ASSERT_EQ(res.status, CACI_OK) << c.query;
    EXPECT_EQ(caci_results_total(res.r), c.total) << c.query;
  }
}

TEST(CapiLifetime, ResultsBorrowTheIndex) {
  Index idx;
  ASSERT_EQ(idx.status, CACI_OK);
  Results first(idx.index, "Georgia");
  Results second(idx.index, "pipelines");  // several results may be alive at once
  ASSERT_EQ(first.status, CACI_OK);
  ASSERT_EQ(second.status, CACI_OK);
  ASSERT_GE(caci_results_count(first.r), 1u);
  const caci_article *a = caci_results_article(first.r, 0);
  EXPECT_EQ(caci_index_find(idx.index, caci_article_id(a)), a);
}

}  // namespace
