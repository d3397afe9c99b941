// A big build folds its buffered postings every kFoldTokens tokens and carries each list's entries
// short of a whole block to the next fold; a search folds everything (a partial last block that
// later additions re-encode). Wherever the folds fall, the index must answer the same and save the
// same bytes: the file depends on the articles, never on when they were folded.
#include "take_test_support.hpp"

#include <gtest/gtest.h>

using namespace caci;
using namespace caci_test;

namespace {

TEST(FoldSteps, FoldsAnywhereGiveTheSameIndexAndFile) {
  // The 5,000-article archive of the tests' fixture: about 7 million tokens, so several folds.
  const char *env = std::getenv("CACI_GEN_ARCHIVE_5K_DIR");
  const std::string dir =
      env && *env ? std::string(env) : std::string(CACI_BINARY_DIR) + "/tests/generated-archive-5k";
  const auto files = page_files(dir);
  ASSERT_FALSE(files.empty()) << "no generated archive in " << dir;
  Document doc = parse_files(files);
  ASSERT_GT(doc.store.articles.size(), 4000u);

  Index at_once, stepped;
  size_t added = 0;
  ASSERT_EQ(at_once.add_document(doc, &added), Status::ok);
  // The same articles one by one, with a search now and then (early, then about every 2 million
  // tokens, so that folds with carried entries fall between them): each search folds every
  // pending entry and writes each list's partial last block, which the next fold re-encodes.
  size_t n = 0, searches = 0;
  for (const Article &a : doc.store.articles) {
    if (a.deleted) continue;
    ASSERT_EQ(stepped.add_article(doc.store, a), Status::ok);
    if (++n == 100 || n % 1499 == 0) {
      SearchResults r;
      ASSERT_EQ(stepped.search("security", SearchOptions(), r, nullptr), Status::ok);
      ++searches;
    }
  }
  ASSERT_EQ(n, added);
  ASSERT_GE(searches, 4u);
  for (const char *q : kQueries) EXPECT_EQ(ranking(stepped, q), ranking(at_once, q)) << q;
  SaveOptions search_only;
  search_only.store_text = false;
  std::string a1, a2;
  ASSERT_EQ(at_once.save(a1, search_only), Status::ok);
  ASSERT_EQ(stepped.save(a2, search_only), Status::ok);
  EXPECT_TRUE(a1 == a2) << "where the folds fell changed the file";
}

}  // namespace
