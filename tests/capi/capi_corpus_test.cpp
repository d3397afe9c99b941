// The real sample pages through the C API (skipped when ${CACI_CORPUS_DIR} is absent): nothing is
// lost (stats add up), sources point into the pages, the shared article is merged, and an index
// built from them finds what the text contains.
#include "capi_fixtures.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <dirent.h>
#include <fstream>
#include <sstream>
#include <vector>

namespace {

using capi_test::view;

struct Page {
  std::string name, bytes;
};

std::vector<Page> corpus_pages() {
  std::vector<Page> pages;
  if (DIR *dir = opendir(CACI_CORPUS_DIR)) {
    while (dirent *e = readdir(dir)) {
      std::string name = e->d_name;
      if (name.size() < 4 || name.compare(name.size() - 4, 4, ".txt") != 0) continue;
      std::ifstream f(std::string(CACI_CORPUS_DIR) + "/" + name, std::ios::binary);
      std::stringstream ss;
      ss << f.rdbuf();
      pages.push_back({name, ss.str()});
    }
    closedir(dir);
  }
  std::sort(pages.begin(), pages.end(),
            [](const Page &a, const Page &b) { return a.name < b.name; });
  return pages;
}

TEST(CapiCorpus, ParseIndexAndSearch) {
  std::vector<Page> pages = corpus_pages();
  if (pages.empty()) GTEST_SKIP() << "no corpus pages in " << CACI_CORPUS_DIR;
  caci_doc *doc = nullptr;
  ASSERT_EQ(caci_doc_new(nullptr, &doc), CACI_OK);
  uint64_t total = 0;
  for (const Page &p : pages) {
    ASSERT_EQ(caci_doc_parse(doc, p.name.data(), p.name.size(), p.bytes.data(), p.bytes.size()),
              CACI_OK)
        << p.name;
    total += p.bytes.size();
  }
  caci_stats s;
  ASSERT_EQ(caci_doc_stats(doc, &s), CACI_OK);
  EXPECT_EQ(s.bytes, total);
  EXPECT_EQ(s.bytes, s.bytes_articles + s.bytes_boilerplate + s.bytes_unclassified);
  EXPECT_EQ(s.articles, caci_doc_article_count(doc));
  if (pages.size() >= 2) {
    EXPECT_GE(s.duplicates, 1u);  // the two sample pages share an article
  }

  size_t n = caci_doc_article_count(doc);
  ASSERT_GT(n, 0u);
  for (size_t i = 0; i < n; ++i) {
    const caci_article *a = caci_doc_article(doc, i);
    caci_source src = caci_article_source(a);
    auto page = std::find_if(pages.begin(), pages.end(),
                             [&](const Page &p) { return p.name == view(src.file); });
    ASSERT_NE(page, pages.end());
    EXPECT_LT(src.byte_start, src.byte_end);
    EXPECT_LE(src.byte_end, page->bytes.size());
    // An article starts at its byline.
    EXPECT_EQ(page->bytes.compare(src.byte_start, 3, "By "), 0)
        << page->bytes.substr(src.byte_start, 40);
    EXPECT_GE(caci_article_author_count(a), 1u);
  }

  caci_index *index = nullptr;
  ASSERT_EQ(caci_index_new(nullptr, &index), CACI_OK);
  size_t added = 0;
  ASSERT_EQ(caci_index_add_doc(index, doc, &added), CACI_OK);
  EXPECT_EQ(added, n);
  // Every article can be found by a word of its first lead or section paragraph.
  for (size_t i = 0; i < n; ++i) {
    const caci_article *a = caci_doc_article(doc, i);
    std::string_view text = view(caci_article_text(a));
    std::string word;
    for (char c : text) {  // the first purely alphabetic ASCII word of 8+ letters
      if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) {
        word.push_back(c);
      } else {
        if (word.size() >= 8) break;
        word.clear();
      }
    }
    if (word.size() < 8) continue;
    caci_results *r = nullptr;
    caci_search_options so = CACI_SEARCH_OPTIONS_INIT;
    so.limit = 1000;
    ASSERT_EQ(caci_index_search(index, word.data(), word.size(), &so, &r), CACI_OK) << word;
    bool found = false;
    for (size_t j = 0; j < caci_results_count(r); ++j)
      found = found || caci_article_id(caci_results_article(r, j)) == caci_article_id(a);
    EXPECT_TRUE(found) << word;
    caci_results_free(r);
  }
  caci_index_free(index);
  caci_doc_free(doc);
}

}  // namespace
