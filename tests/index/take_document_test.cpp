// Index::take_document adopts a parsed document's store instead of copying it: the index must be
// indistinguishable from one built by add_document (same articles, hits, scores, saved results),
// and the document must come back empty.
#include "take_test_support.hpp"

#include <gtest/gtest.h>

using namespace caci;
using namespace caci_test;

namespace {

Document parse_samples() {
  return parse_files(page_files(std::string(CACI_SOURCE_DIR) + "/samples"));
}

TEST(TakeDocument, SameIndexAsAddDocument) {
  Document a = parse_samples(), b = parse_samples();
  ASSERT_GT(a.store.articles.size(), 5u);
  Index copied, taken;
  size_t n1 = 0, n2 = 0;
  ASSERT_EQ(copied.add_document(a, &n1), Status::ok);
  ASSERT_EQ(taken.take_document(b, &n2), Status::ok);
  EXPECT_EQ(n1, n2);
  EXPECT_EQ(taken.size(), copied.size());
  EXPECT_TRUE(b.store.articles.empty());
  EXPECT_TRUE(b.store.body.empty());
  for (const char *q : kQueries) EXPECT_EQ(ranking(taken, q), ranking(copied, q)) << q;
  for (const Article &x : a.store.articles) {
    const Article *y = taken.find(x.id);
    ASSERT_NE(y, nullptr);
    EXPECT_EQ(taken.store().body_text(y->text), a.store.body_text(x.text));
    EXPECT_EQ(taken.store().file_name(y->source.file), a.store.file_name(x.source.file));
  }
  // Saved and loaded, both answer the same.
  std::string s1, s2;
  ASSERT_EQ(copied.save(s1), Status::ok);
  ASSERT_EQ(taken.save(s2), Status::ok);
  EXPECT_TRUE(s1 == s2) << "the same pages must give the same file, adopted or copied";
  SaveOptions search_only;
  search_only.store_text = false;
  std::string t1, t2;
  ASSERT_EQ(copied.save(t1, search_only), Status::ok);
  ASSERT_EQ(taken.save(t2, search_only), Status::ok);
  EXPECT_TRUE(t1 == t2) << "search-only files too";
  Index l1, l2;
  ASSERT_EQ(Index::load(s1, l1, nullptr), Status::ok);
  ASSERT_EQ(Index::load(s2, l2, nullptr), Status::ok);
  for (const char *q : kQueries) EXPECT_EQ(ranking(l2, q), ranking(l1, q)) << q;
  // Removal and compaction work on an adopted store too.
  ASSERT_EQ(taken.remove(a.store.articles[0].id), Status::ok);
  ASSERT_EQ(copied.remove(a.store.articles[0].id), Status::ok);
  for (const char *q : kQueries) EXPECT_EQ(ranking(taken, q), ranking(copied, q)) << q;
}

TEST(TakeDocument, IntoANonEmptyIndexCopies) {
  Document a = parse_samples(), b = parse_samples();
  Index ix;
  size_t n = 0;
  ASSERT_EQ(ix.take_document(a, &n), Status::ok);
  const size_t first = ix.size();
  ASSERT_EQ(ix.take_document(b, &n), Status::ok);
  EXPECT_EQ(n, 0u);  // the same articles again: nothing new
  EXPECT_EQ(ix.size(), first);
  EXPECT_TRUE(b.store.articles.empty());
}

}  // namespace
