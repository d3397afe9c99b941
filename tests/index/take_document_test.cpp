// Index::take_document adopts a parsed document's store instead of copying it: the index must be
// indistinguishable from one built by add_document (same articles, hits, scores, saved results),
// and the document must come back empty.
#include "caci/core/index.hpp"
#include "caci/core/parse.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

using namespace caci;

namespace {

Document parse_samples() {
  Document doc;
  std::vector<std::filesystem::path> files;
  for (const auto &e :
       std::filesystem::directory_iterator(std::string(CACI_SOURCE_DIR) + "/samples"))
    if (e.path().extension() == ".txt") files.push_back(e.path());
  std::sort(files.begin(), files.end());
  for (const auto &f : files) {
    std::ifstream in(f, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    EXPECT_FALSE(failed(parse_page(doc, f.filename().string(), ss.str())));
  }
  return doc;
}

std::vector<std::string> ranking(const Index &ix, const char *q) {
  SearchOptions o;
  o.limit = 50;
  o.facets = true;
  SearchResults r;
  EXPECT_EQ(ix.search(q, o, r, nullptr), Status::ok) << q;
  std::vector<std::string> out{"total=" + std::to_string(r.total)};
  for (const Hit &h : r.hits) {
    const Article &a = ix.store().articles[h.article];
    const std::string_view text = ix.store().body_text(a.text);
    char buf[64];
    std::snprintf(buf, sizeof buf, "%016llx %.9g ", static_cast<unsigned long long>(a.id), h.score);
    out.push_back(buf + std::string(text.substr(h.snippet_start, h.snippet_end - h.snippet_start)));
  }
  for (const auto &f : r.facets)
    for (const auto &v : f) out.push_back(v.value + "=" + std::to_string(v.count));
  return out;
}

const char *const kQueries[] = {"pipeline",
                                "\"border talks\"",
                                "author:Vasstrand",
                                "year:2001..2004",
                                "gas OR oil",
                                "-pipeline",
                                "agdam~1",
                                "ka*",
                                ""};

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
