// Search-only index files (SaveOptions::store_text = false): same hits, totals, scores and facets
// as the full index, metadata kept, text and snippets gone, and the file much smaller.
#include "../search/test_corpus.hpp"

#include "../../core/src/index/index_file.hpp"  // reseal_index, to forge another Unicode version

#include <gtest/gtest.h>

#include <cstring>

using namespace caci;
using namespace caci_test;

namespace {

// Hits as "id score", totals and facets: what a search-only index must reproduce exactly.
std::vector<std::string> ranking(const Index &ix, const std::string &q) {
  SearchOptions o;
  o.limit = 30;
  o.facets = true;
  SearchResults r;
  QueryError e;
  EXPECT_EQ(ix.search(q, o, r, &e), Status::ok) << q << ": " << e.message;
  std::vector<std::string> out{"total=" + std::to_string(r.total)};
  for (const Hit &h : r.hits) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%016llx %.9g",
                  static_cast<unsigned long long>(ix.store().articles[h.article].id), h.score);
    out.push_back(buf);
  }
  for (const auto &f : r.facets)
    for (const auto &v : f) out.push_back("facet " + v.value + "=" + std::to_string(v.count));
  return out;
}

const char *const kQueries[] = {"turkiye",
                                "kari OR moba",
                                "\"o brien\"",
                                "tur*",
                                "swanstrom~1",
                                "author:cornell",
                                "-turkiye",
                                "year:2001..2004",
                                "kind:article baku",
                                "baku NEAR/5 tbilisi",
                                "title:(nato OR shanghai)",
                                "\"rule of law\""};

std::string save(const Index &ix, bool text) {
  SaveOptions so;
  so.store_text = text;
  std::string bytes;
  EXPECT_EQ(ix.save(bytes, so), Status::ok);
  return bytes;
}

Index load(const std::string &bytes) {
  Index ix;
  std::string err;
  EXPECT_EQ(Index::load(bytes, ix, &err), Status::ok) << err;
  return ix;
}

TEST(SearchOnlyFile, SameResultsWithoutTheText) {
  ArticleStore s = make_corpus(7, 500);
  Index full = build_index(s);
  const std::string with_text = save(full, true), without = save(full, false);
  // zstd shrinks the (repetitive) made-up text a lot: the postings dominate both files here.
  EXPECT_LT(without.size() * 4, with_text.size() * 3);
  Index back = load(without);
  ASSERT_EQ(back.size(), full.size());
  for (const char *q : kQueries) EXPECT_EQ(ranking(back, q), ranking(full, q)) << q;

  // Metadata and titles stay; paragraphs go; the flag says so.
  for (const Article &a : s.articles) {
    const Article *b = back.find(a.id);
    ASSERT_NE(b, nullptr);
    EXPECT_EQ(back.store().body_text(b->title), s.body_text(a.title));
    EXPECT_EQ(b->authors.count, a.authors.count);
    EXPECT_EQ(b->date.year, a.date.year);
    EXPECT_EQ(b->kind, a.kind);
    EXPECT_EQ(b->lead.count + b->sections.count + b->bio.count, 0u);
    EXPECT_TRUE(b->text.empty());
    EXPECT_TRUE(b->flags & flag_text_omitted);
    EXPECT_EQ(b->flags & ~static_cast<uint32_t>(flag_text_omitted), a.flags);
  }
  // Snippets are empty, without highlights.
  SearchOptions o;
  SearchResults r;
  ASSERT_EQ(back.search("turkiye", o, r, nullptr), Status::ok);
  ASSERT_FALSE(r.hits.empty());
  for (const Hit &h : r.hits) {
    EXPECT_EQ(h.snippet_start, h.snippet_end);
    EXPECT_EQ(h.highlight_count, 0u);
  }
}

TEST(SearchOnlyFile, AddRemoveAndSaveAgain) {
  ArticleStore s = make_corpus(8, 300);
  Index full = build_index(s);
  Index back = load(save(full, false));
  // Removal cannot compact (no text to re-index): tombstones are written and still honoured.
  ASSERT_EQ(back.remove(s.articles[0].id), Status::ok);
  ASSERT_EQ(full.remove(s.articles[0].id), Status::ok);
  Index again = load(save(back, true));
  EXPECT_EQ(again.size(), full.size());
  EXPECT_EQ(again.find(s.articles[0].id), nullptr);
  for (const char *q : kQueries) EXPECT_EQ(ranking(again, q), ranking(full, q)) << q;
  // New articles (with text) can be added to a loaded search-only index and keep their text.
  ArticleStore more = make_corpus(9, 20);
  for (Article &a : more.articles) a.id ^= 0x5a5a000000000000ull;  // the generator numbers ids
  for (const Article &a : more.articles) ASSERT_EQ(again.add_article(more, a), Status::ok);
  Index last = load(save(again, true));
  const Article *kept = last.find(more.articles[0].id);
  ASSERT_NE(kept, nullptr);
  EXPECT_FALSE(kept->flags & flag_text_omitted);
  EXPECT_EQ(last.store().body_text(kept->text), more.body_text(more.articles[0].text));
}

TEST(SearchOnlyFile, OtherUnicodeVersionIsRefused) {
  ArticleStore s = make_corpus(3, 40);
  std::string bytes = save(build_index(s), false);
  std::memcpy(&bytes[32], "9.0.0\0\0\0\0\0\0\0\0\0\0\0", 16);
  detail::reseal_index(bytes);
  Index out;
  std::string err;
  EXPECT_EQ(Index::load(bytes, out, &err), Status::eversion);
  EXPECT_NE(err.find("rebuild"), std::string::npos) << err;
}

}  // namespace
