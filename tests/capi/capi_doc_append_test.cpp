// caci_doc_append: pages parsed in runs, one document per run, appended in page order, give the
// document a single parse gives (JSON with articles, duplicates, versions, diagnostics and stats,
// byte for byte), for every way of cutting the pages into runs. Pages: the fixture pages, the real
// corpus pages when present, and made-up pages with duplicates across runs, versions across runs,
// an unreadable file and invalid UTF-8.
#include "capi_fixtures.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

namespace {

struct Page {
  std::string name;
  std::string bytes;
  bool unreadable = false;  // recorded with caci_doc_add_io_error instead
};

const char kFull[] =
    "By Farida Akhmetova\n"
    "Kazakhstan's new nuclear power plant will be built by an international consortium led by a "
    "state company, the government announced in March after two years of talks.\n"
    "The decision ends a long debate about which partner would supply the reactors and the fuel.\n";
const char kTeaser[] =
    "By Farida Akhmetova\n"
    "March 12, 2025\n"
    "Kazakhstan's new nuclear power plant will be built by an international consortium led by a "
    "state company, the government announced in March after two years of talks.\n"
    "Read Atoms and Alliances: Kazakhstan's Nuclear Choice (PDF)\n";
const char kTwoEntries[] =
    "By Aibek Nurlanov\n"
    "January 8, 2025\n"
    "A lead paragraph about grain exports through the Caspian ports this winter.\n"
    "BACKGROUND: Grain has moved by rail for decades; the ports are new.\n"
    "By Nino Beridze\n"
    "January 8, 2025\n"
    "A lead paragraph about a new railway line between two mountain towns.\n"
    "BACKGROUND: The line was planned in the 1980s and never finished.\n";

std::string read_all(const std::filesystem::path &p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

std::vector<Page> made_up_pages() {
  std::vector<Page> pages;
  pages.push_back({"two.txt", kTwoEntries});
  pages.push_back({"teaser.txt", kTeaser});
  pages.push_back({"page.txt", capi_test::kPage});
  pages.push_back({"two-again.txt", kTwoEntries});  // every entry repeats an earlier page's
  pages.push_back({"missing.txt", "", true});
  pages.push_back({"full.txt", kFull});  // the teaser's full article comes later
  pages.push_back({"bad-utf8.txt", capi_test::kPageInvalidUtf8});
  pages.push_back({"page-again.txt", capi_test::kPage});
  pages.push_back({"twice.txt", std::string(kTwoEntries) + kTwoEntries});
  pages.push_back({"teaser-again.txt", kTeaser});
  return pages;
}

std::vector<Page> fixture_pages() {
  std::vector<Page> pages;
  std::vector<std::filesystem::path> paths;
  for (const auto &e :
       std::filesystem::directory_iterator(std::string(CACI_TEST_DATA_DIR) + "/fixtures"))
    if (e.path().extension() == ".txt") paths.push_back(e.path());
  std::sort(paths.begin(), paths.end());
  for (const auto &p : paths) pages.push_back({p.filename().string(), read_all(p)});
  // Again, so that every page repeats one of an earlier run.
  for (const auto &p : paths) pages.push_back({"again/" + p.filename().string(), read_all(p)});
  return pages;
}

caci_status parse_into(caci_doc *doc, const Page &p) {
  if (p.unreadable) {
    const char msg[] = "cannot read file: No such file or directory";
    return caci_doc_add_io_error(doc, p.name.data(), p.name.size(), msg, sizeof msg - 1);
  }
  return caci_doc_parse(doc, p.name.data(), p.name.size(), p.bytes.data(), p.bytes.size());
}

std::string json_of(caci_doc *doc) {
  caci_str s{};
  EXPECT_EQ(caci_doc_to_json(doc, CACI_JSON, &s), CACI_OK);
  return std::string(s.ptr, s.len);
}

std::string sequential_json(const std::vector<Page> &pages) {
  caci_doc *doc = nullptr;
  EXPECT_EQ(caci_doc_new(nullptr, &doc), CACI_OK);
  for (const Page &p : pages) parse_into(doc, p);
  std::string json = json_of(doc);
  caci_doc_free(doc);
  return json;
}

// Parses the pages in runs cut before each index of `cuts`, one document per run (reused, as the
// CLI does), appended in order to a document that parsed the first run itself.
std::string appended_json(const std::vector<Page> &pages, const std::vector<size_t> &cuts) {
  caci_doc *dst = nullptr, *run = nullptr;
  EXPECT_EQ(caci_doc_new(nullptr, &dst), CACI_OK);
  EXPECT_EQ(caci_doc_new(nullptr, &run), CACI_OK);
  size_t c = 0;
  caci_doc *into = dst;
  for (size_t i = 0; i < pages.size(); ++i) {
    if (c < cuts.size() && cuts[c] == i) {
      if (into == run) EXPECT_EQ(caci_doc_append(dst, run), CACI_OK);
      EXPECT_EQ(caci_doc_article_count(run), 0u);
      into = run;
      ++c;
    }
    parse_into(into, pages[i]);
  }
  if (into == run) EXPECT_EQ(caci_doc_append(dst, run), CACI_OK);
  std::string json = json_of(dst);
  caci_doc_free(run);
  caci_doc_free(dst);
  return json;
}

void expect_every_cut_same(const std::vector<Page> &pages) {
  const std::string want = sequential_json(pages);
  ASSERT_FALSE(want.empty());
  // One cut anywhere.
  for (size_t k = 1; k < pages.size(); ++k)
    EXPECT_EQ(appended_json(pages, {k}), want) << "cut before page " << k;
  // Every page a run of its own, and runs of two and three.
  for (size_t step = 1; step <= 3; ++step) {
    std::vector<size_t> cuts;
    for (size_t k = step; k < pages.size(); k += step) cuts.push_back(k);
    EXPECT_EQ(appended_json(pages, cuts), want) << "runs of " << step;
  }
}

TEST(CapiDocAppend, MadeUpPagesEveryCut) {
  const std::vector<Page> pages = made_up_pages();
  // What the cuts must get right is there: duplicates, versions, an I/O error, invalid UTF-8.
  const std::string want = sequential_json(pages);
  EXPECT_NE(want.find("\"code\":\"duplicate\""), std::string::npos);
  EXPECT_NE(want.find("\"versions\":[{"), std::string::npos);
  EXPECT_NE(want.find("\"code\":\"io_error\""), std::string::npos);
  EXPECT_NE(want.find("\"code\":\"invalid_utf8\""), std::string::npos);
  expect_every_cut_same(pages);
}

TEST(CapiDocAppend, FixturePagesEveryCut) {
  expect_every_cut_same(fixture_pages());
}

TEST(CapiDocAppend, CorpusPagesEveryCut) {
  std::vector<Page> pages;
  std::vector<std::filesystem::path> paths;
  std::error_code ec;
  for (const auto &e : std::filesystem::directory_iterator(CACI_CORPUS_DIR, ec))
    if (e.path().extension() == ".txt") paths.push_back(e.path());
  if (paths.empty()) GTEST_SKIP() << "no corpus at " << CACI_CORPUS_DIR;
  std::sort(paths.begin(), paths.end());
  for (const auto &p : paths) pages.push_back({p.filename().string(), read_all(p)});
  for (const auto &p : paths) pages.push_back({"again/" + p.filename().string(), read_all(p)});
  expect_every_cut_same(pages);
}

TEST(CapiDocAppend, AppendedDocumentCanBeAppendedAgain) {
  const std::vector<Page> pages = made_up_pages();
  const std::string want = sequential_json(pages);
  // ((p0..p3) + (p4..p6 appended to p4's doc)) + (p7..): a destination used as a source.
  caci_doc *a = nullptr, *b = nullptr, *c = nullptr;
  ASSERT_EQ(caci_doc_new(nullptr, &a), CACI_OK);
  ASSERT_EQ(caci_doc_new(nullptr, &b), CACI_OK);
  ASSERT_EQ(caci_doc_new(nullptr, &c), CACI_OK);
  for (size_t i = 0; i < 4; ++i) parse_into(a, pages[i]);
  parse_into(b, pages[4]);
  for (size_t i = 5; i < 7; ++i) parse_into(c, pages[i]);
  ASSERT_EQ(caci_doc_append(b, c), CACI_OK);
  ASSERT_EQ(caci_doc_append(a, b), CACI_OK);
  for (size_t i = 7; i < pages.size(); ++i) parse_into(c, pages[i]);
  ASSERT_EQ(caci_doc_append(a, c), CACI_OK);
  EXPECT_EQ(json_of(a), want);
  caci_doc_free(a);
  caci_doc_free(b);
  caci_doc_free(c);
}

TEST(CapiDocAppend, RejectsBadArguments) {
  caci_doc *a = nullptr, *b = nullptr;
  ASSERT_EQ(caci_doc_new(nullptr, &a), CACI_OK);
  caci_parse_options opts = CACI_PARSE_OPTIONS_INIT;
  opts.flags = CACI_PARSE_STRICT;
  ASSERT_EQ(caci_doc_new(&opts, &b), CACI_OK);
  EXPECT_EQ(caci_doc_append(nullptr, a), CACI_EINVAL);
  EXPECT_EQ(caci_doc_append(a, nullptr), CACI_EINVAL);
  EXPECT_EQ(caci_doc_append(a, a), CACI_EINVAL);
  // Different options: the pages would not have parsed the same.
  ASSERT_EQ(caci_doc_parse(b, "p", 1, kFull, std::strlen(kFull)), CACI_OK);
  EXPECT_EQ(caci_doc_append(a, b), CACI_EINVAL);
  EXPECT_EQ(caci_doc_article_count(a), 0u);
  EXPECT_EQ(caci_doc_article_count(b), 1u);
  caci_doc_free(a);
  caci_doc_free(b);
}

}  // namespace
