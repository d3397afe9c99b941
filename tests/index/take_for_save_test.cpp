// Index::take_document with save options (caci_index_take_doc_with): the text is compressed into
// the file's chunks while the index is built and then served from them. The index must answer
// exactly as one built by add_document, save the same bytes, and still take more articles.
#include "take_test_support.hpp"

#include "caci/core/append.hpp"
#include "caci/core/gazetteer.hpp"

#include <gtest/gtest.h>

using namespace caci;
using namespace caci_test;

namespace {

void check_same_as_copied(const std::vector<std::filesystem::path> &files, unsigned threads) {
  SCOPED_TRACE("threads " + std::to_string(threads));
  Document a = parse_files(files), b = parse_files(files);
  ASSERT_GT(a.store.articles.size(), 5u);
  Index copied, taken;
  size_t n1 = 0, n2 = 0;
  SaveOptions will_save;
  will_save.threads = threads;
  ASSERT_EQ(copied.add_document(a, &n1), Status::ok);
  ASSERT_EQ(taken.take_document(b, &n2, &will_save), Status::ok);
  EXPECT_EQ(n1, n2);
  EXPECT_EQ(taken.size(), copied.size());
  EXPECT_TRUE(b.store.articles.empty());
  EXPECT_TRUE(b.store.body.empty());
  // The parser's layout is the saved one, so the text was compressed while indexing.
  EXPECT_TRUE(taken.store().lazy_body != nullptr);
  EXPECT_TRUE(taken.store().body.empty());
  for (const char *q : kQueries) EXPECT_EQ(ranking(taken, q), ranking(copied, q)) << q;
  for (const Article &x : a.store.articles) {
    const Article *y = taken.find(x.id);
    if (x.deleted) continue;
    ASSERT_NE(y, nullptr);
    EXPECT_EQ(taken.store().body_text(y->text), a.store.body_text(x.text));
    EXPECT_EQ(taken.store().body_text(y->title), a.store.body_text(x.title));
  }
  // The same file, with the chunks written as they are; search-only files too.
  std::string s1, s2, s3;
  ASSERT_EQ(copied.save(s1, will_save), Status::ok);
  ASSERT_EQ(taken.save(s2, will_save), Status::ok);
  ASSERT_EQ(taken.save(s3), Status::ok);
  EXPECT_TRUE(s1 == s2) << "the same pages must give the same file";
  EXPECT_TRUE(s1 == s3);
  SaveOptions search_only;
  search_only.store_text = false;
  std::string t1, t2;
  ASSERT_EQ(copied.save(t1, search_only), Status::ok);
  ASSERT_EQ(taken.save(t2, search_only), Status::ok);
  EXPECT_TRUE(t1 == t2) << "search-only files too";
  // More articles after: the text is decoded back into the index's own buffer first.
  Document more = parse_files(files);
  const uint64_t first_id = a.store.articles[0].id;
  ASSERT_EQ(taken.remove(first_id), Status::ok);
  ASSERT_EQ(copied.remove(first_id), Status::ok);
  for (const char *q : kQueries) EXPECT_EQ(ranking(taken, q), ranking(copied, q)) << q;
  ASSERT_EQ(copied.add_document(more, &n1), Status::ok);
  ASSERT_EQ(taken.add_document(more, &n2), Status::ok);
  EXPECT_EQ(n1, n2);
  for (const char *q : kQueries) EXPECT_EQ(ranking(taken, q), ranking(copied, q)) << q;
  ASSERT_EQ(copied.save(s1), Status::ok);
  ASSERT_EQ(taken.save(s2), Status::ok);
  EXPECT_TRUE(s1 == s2) << "after more articles";
}

TEST(TakeForSave, SamplesSameIndexAndFile) {
  const auto files = page_files(std::string(CACI_SOURCE_DIR) + "/samples");
  for (unsigned threads : {0u, 1u, 2u, 4u}) check_same_as_copied(files, threads);
}

// Text over several chunks, with a dictionary: the archive the tests' fixture generates (present
// once ctest has run generated_archive_write), or any in CACI_GEN_ARCHIVE_DIR.
TEST(TakeForSave, GeneratedArchiveSameIndexAndFile) {
  const char *env = std::getenv("CACI_GEN_ARCHIVE_DIR");
  const std::string dir =
      env && *env ? std::string(env) : std::string(CACI_BINARY_DIR) + "/tests/generated-archive";
  const auto files = page_files(dir);
  if (files.empty()) GTEST_SKIP() << "no generated archive in " << dir;
  for (unsigned threads : {1u, 2u}) check_same_as_copied(files, threads);
}

// `caci index` parses on two threads: batches of pages, each parsed into a document of its own,
// appended in page order. An article repeated in a later batch is merged when appended; its text
// must not stay in the body (a single parse rolls it back), or the text is no longer every
// article's in order and the build cannot compress it while indexing.
TEST(TakeForSave, AppendedBatchesAreCompressedWhileIndexing) {
  const char *env = std::getenv("CACI_GEN_ARCHIVE_DIR");
  const std::string dir =
      env && *env ? std::string(env) : std::string(CACI_BINARY_DIR) + "/tests/generated-archive";
  const auto files = page_files(dir);
  if (files.size() < 8) GTEST_SKIP() << "no generated archive in " << dir;
  // Pages in batches of three, the first batch's pages again at the end (a re-scrape): every
  // article there repeats one of the first batch.
  std::vector<std::string> pages, names;
  for (size_t i = 0; i < files.size(); ++i) {
    std::ifstream in(files[i], std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    pages.push_back(ss.str());
    names.push_back(files[i].filename().string());
  }
  for (size_t i = 0; i < 3; ++i) {
    pages.push_back(pages[i]);
    names.push_back("again-" + names[i]);
  }
  Document whole, appended;
  for (size_t i = 0; i < pages.size(); ++i)
    ASSERT_FALSE(failed(parse_page(whole, names[i], pages[i])));
  uint64_t merged_when_appended = 0;
  for (size_t from = 0; from < pages.size(); from += 3) {
    Document batch;
    for (size_t i = from; i < std::min(from + 3, pages.size()); ++i)
      ASSERT_FALSE(failed(parse_page(batch, names[i], pages[i])));
    const uint64_t before = appended.stats.duplicates + batch.stats.duplicates;
    ASSERT_EQ(append_document(appended, batch), Status::ok);
    merged_when_appended += appended.stats.duplicates - before;
  }
  ASSERT_GT(merged_when_appended, 10u) << "the pages read again repeat no article";
  EXPECT_EQ(appended.stats.duplicates, whole.stats.duplicates);
  EXPECT_TRUE(appended.store.body == whole.store.body) << "a merged article's text stayed";

  Index built, taken;
  size_t n1 = 0, n2 = 0;
  SaveOptions will_save;
  will_save.threads = 2;
  ASSERT_EQ(built.take_document(whole, &n1, &will_save), Status::ok);
  ASSERT_EQ(taken.take_document(appended, &n2, &will_save), Status::ok);
  EXPECT_EQ(n1, n2);
  EXPECT_TRUE(taken.store().lazy_body != nullptr) << "the text was not compressed while indexing";
  std::string s1, s2;
  ASSERT_EQ(built.save(s1, will_save), Status::ok);
  ASSERT_EQ(taken.save(s2, will_save), Status::ok);
  EXPECT_TRUE(s1 == s2) << "one parse and appended batches must give the same file";
}

// The build counts each article's countries from the tokens of its paragraphs, which the parser's
// text consists of. Text outside every paragraph (a store whose paragraphs were cut short here)
// must still count: there the build reads the text, as article_countries does.
TEST(TakeForSave, CountriesCountTextOutsideTheParagraphs) {
  const std::string page =
      "By Lena Orbeli (the 05/02/2014 issue of the CACI Analyst)\n"
      "BACKGROUND: Talks in Tbilisi went on. Kazakhstan, Kazakhstan and Kazakhstan again.\n"
      "IMPLICATIONS: Nothing else was agreed.\n"
      "By Temur Rashidov (the 03/04/2014 issue of the CACI Analyst)\n"
      "BACKGROUND: Talks in Tbilisi went on. Kazakhstan, Kazakhstan and Kazakhstan again.\n"
      "IMPLICATIONS: Nothing else was agreed.\n";
  auto parse_cut = [&](bool cut) {
    Document doc;
    EXPECT_FALSE(failed(parse_page(doc, "made-up.txt", page)));
    if (!cut) return doc;
    // The first article's paragraph ends before its three Kazakhstans (they stay in its text).
    const Article &a = doc.store.articles.at(0);
    const std::string_view text = doc.store.body_text(a.text);
    const size_t at = text.find(" Kazakhstan,");
    EXPECT_NE(at, std::string_view::npos);
    bool cut_one = false;
    for (TextRef &p : doc.store.paragraphs)
      if (p.offset <= a.text.offset + at && a.text.offset + at < p.offset + p.length) {
        p.length = static_cast<uint32_t>(a.text.offset + at - p.offset);
        cut_one = true;
      }
    EXPECT_TRUE(cut_one);
    return doc;
  };
  for (bool cut : {false, true}) {
    SCOPED_TRACE(cut ? "paragraph cut short" : "as parsed");
    Document a = parse_cut(cut), b = parse_cut(cut);
    ASSERT_EQ(a.store.articles.size(), 2u);
    int ids[kCountryCount];
    ASSERT_EQ(article_countries(a.store, a.store.articles[0], ids), 1);
    EXPECT_STREQ(country_name(ids[0]), "Kazakhstan") << "three times against once";
    Index copied, taken;
    size_t n = 0;
    SaveOptions will_save;
    ASSERT_EQ(copied.add_document(a, &n), Status::ok);
    ASSERT_EQ(taken.take_document(b, &n, &will_save), Status::ok);
    ASSERT_TRUE(taken.store().lazy_body != nullptr) << "the text was not compressed while indexing";
    EXPECT_EQ(ranking(taken, "country:kazakhstan"), ranking(copied, "country:kazakhstan"));
    EXPECT_EQ(ranking(taken, "country:kazakhstan")[0], "total=2");
    EXPECT_EQ(ranking(taken, "country:georgia")[0], "total=0");
    std::string s1, s2;
    ASSERT_EQ(copied.save(s1, will_save), Status::ok);
    ASSERT_EQ(taken.save(s2, will_save), Status::ok);
    EXPECT_TRUE(s1 == s2);
  }
}

TEST(TakeForSave, WithoutTextOrIntoAFullIndexIsAPlainTake) {
  const auto files = page_files(std::string(CACI_SOURCE_DIR) + "/samples");
  Document a = parse_files(files), b = parse_files(files);
  SaveOptions search_only;
  search_only.store_text = false;
  Index ix, plain;
  size_t n = 0;
  ASSERT_EQ(ix.take_document(a, &n, &search_only), Status::ok);
  ASSERT_EQ(plain.take_document(b, &n), Status::ok);
  std::string s1, s2;
  ASSERT_EQ(ix.save(s1, search_only), Status::ok);
  ASSERT_EQ(plain.save(s2, search_only), Status::ok);
  EXPECT_TRUE(s1 == s2);
  Document c = parse_files(files);
  SaveOptions with_text;
  ASSERT_EQ(ix.take_document(c, &n, &with_text), Status::ok);
  EXPECT_EQ(n, 0u);
}

}  // namespace
