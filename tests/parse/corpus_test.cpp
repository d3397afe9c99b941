// Golden tests on the two real pages (read from CACI_CORPUS_DIR; skipped when absent).
#include "parse_support.hpp"

#include <dirent.h>

using namespace caci;
using namespace caci_test;
using V = std::vector<std::string>;

namespace {

std::string corpus_file(const char *prefix) {
  DIR *d = opendir(CACI_CORPUS_DIR);
  if (!d) return {};
  std::string found;
  while (dirent *e = readdir(d)) {
    std::string n = e->d_name;
    if (n.rfind(prefix, 0) == 0 && n.size() > 4 && n.compare(n.size() - 4, 4, ".txt") == 0)
      found = n;
  }
  closedir(d);
  return found.empty() ? found : std::string(CACI_CORPUS_DIR) + "/" + found;
}

bool load(const char *prefix, std::string *bytes, std::string *name) {
  std::string path = corpus_file(prefix);
  if (path.empty()) return false;
  bool ok = false;
  *bytes = read_file(path, &ok);
  *name = path.substr(path.rfind('/') + 1);
  return ok;
}

}  // namespace

TEST(Corpus, Page000HasFourArticles) {
  std::string bytes, name;
  if (!load("000_", &bytes, &name)) GTEST_SKIP() << "corpus not available in " CACI_CORPUS_DIR;
  Parsed p = parse_bytes(bytes, name);
  EXPECT_EQ(p.status, Status::ok);
  ASSERT_EQ(p.size(), 4u);
  EXPECT_EQ(p.authors(0), V{"Syed Fazl-e-Haider"});
  EXPECT_EQ(p.authors(1), V{"Rafis Abazov"});
  EXPECT_EQ(p.authors(2), (V{"Aigerim Turgunbaeva", "Fayazuddin Ghiasi"}));
  EXPECT_EQ(p.authors(3), V{"Sergey Sukhankin"});
  // Honorifics come from the byline only: "Dr." in Sukhankin's bio is bio text.
  EXPECT_TRUE(p.honorifics(3, 0).empty());
  EXPECT_EQ(p.bio(3).at(0).rfind("Dr. Sergey Sukhankin is a Senior Fellow", 0), 0u);
  // Photo credits hold the credited name as written, label and final full stop removed.
  EXPECT_EQ(p.photo(0), "Ninara");
  EXPECT_EQ(p.photo(1), "Pavel Fertikh");
  EXPECT_TRUE(p.photo(2).empty());
  for (size_t i = 0; i < 4; ++i) {
    EXPECT_EQ(p.at(i).kind, ArticleKind::article);
    EXPECT_EQ(p.section_count(i), 3u);
    EXPECT_EQ(p.section(i, 0).kind, SectionKind::background);
    EXPECT_EQ(p.section(i, 1).kind, SectionKind::implications);
    EXPECT_EQ(p.section(i, 2).kind, SectionKind::conclusions);
    EXPECT_FALSE(p.at(i).date.known());
    EXPECT_EQ(p.bio(i).size(), 1u);
  }
  EXPECT_EQ(p.heading(0, 2), "CONCLUSION");
  EXPECT_EQ(p.heading(2, 2), "CONCLUSIONS");
  EXPECT_EQ(p.lead(0).size(), 1u);
  EXPECT_EQ(p.section_paras(0, 0).size(), 5u);
  EXPECT_EQ(p.section_paras(0, 0)[0].rfind("The airstrikes conducted by Pakistan", 0),
            0u);  // heading word stripped
  // E-mail cloaking dropped from the bio and flagged.
  EXPECT_TRUE(p.flag(0, flag_email_redacted));
  EXPECT_EQ(p.bio(0)[0].find("spambots"), std::string::npos);
  EXPECT_EQ(p.bio(0)[0].substr(p.bio(0)[0].size() - 32), "Monitor of Jamestown Foundation.");
  EXPECT_EQ(p.diag_count(DiagCode::email_redacted), 1u);
  // Typos stay.
  EXPECT_NE(p.text(0).find("China' has remained silent"), std::string::npos);
  // Footer: the biweekly paragraph and the "Sign up ..." line (no final newline) are boilerplate.
  size_t footer = bytes.find("The Central Asia-Caucasus Analyst is a biweekly");
  ASSERT_NE(footer, std::string::npos);
  EXPECT_EQ(p.at(3).source.byte_end, footer);
  EXPECT_EQ(p.doc.stats.bytes_boilerplate, bytes.size() - footer);
  EXPECT_EQ(p.doc.stats.bytes_unclassified, 0u);
  EXPECT_EQ(p.doc.stats.bytes_articles, footer);
  EXPECT_EQ(p.text(0).find("Sign up"), std::string::npos);
  EXPECT_EQ(p.text(3).find("biweekly publication"), std::string::npos);
  // Spans are contiguous from byte 0.
  EXPECT_EQ(p.at(0).source.byte_start, 0u);
  for (size_t i = 1; i < 4; ++i) EXPECT_EQ(p.at(i).source.byte_start, p.at(i - 1).source.byte_end);
  EXPECT_EQ(p.at(1).source.line, 22u);
}

TEST(Corpus, Page003HasFiveEntriesWithTeaser) {
  std::string bytes, name;
  if (!load("003_", &bytes, &name)) GTEST_SKIP() << "corpus not available in " CACI_CORPUS_DIR;
  Parsed p = parse_bytes(bytes, name);
  ASSERT_EQ(p.size(), 5u);
  EXPECT_EQ(p.authors(0), V{"Sergey Sukhankin"});
  EXPECT_EQ(p.authors(1), V{"Stephen Blank"});
  EXPECT_EQ(p.authors(2), V{"Alexander Scrivener"});
  EXPECT_EQ(p.authors(3), V{"Farkhad Tolipov"});
  EXPECT_EQ(p.authors(4), V{"Syed Fazl-e-Haider"});
  const Article &t = p.at(3);
  EXPECT_EQ(t.kind, ArticleKind::teaser);
  date_is(t, 2025, 1, 29);
  EXPECT_EQ(p.links(3), V{"Russia\u2019s Central Asian Underbelly: The Case of Uzbekistan"});
  EXPECT_EQ(p.section_count(3), 0u);
  EXPECT_EQ(p.lead(3).size(), 1u);
  EXPECT_TRUE(p.flag(4, flag_email_redacted));
  EXPECT_EQ(p.bio(4)[0].find("spambots"), std::string::npos);
  EXPECT_EQ(p.bio(4)[0].substr(p.bio(4)[0].size() - 20), "Jamestown Foundation");
  EXPECT_NE(p.text(4).find("Central xAsia"), std::string::npos);
  EXPECT_EQ(p.lead(2).size(), 2u);
  size_t footer = bytes.find("The Central Asia-Caucasus Analyst is a biweekly");
  EXPECT_EQ(p.doc.stats.bytes_boilerplate,
            bytes.size() - footer);  // footer without the final full stop
  EXPECT_EQ(p.doc.stats.bytes_unclassified, 0u);
}

TEST(Corpus, SharedArticleMergedAcrossPages) {
  std::string b0, n0, b3, n3;
  if (!load("000_", &b0, &n0) || !load("003_", &b3, &n3)) GTEST_SKIP() << "corpus not available";
  Document doc;
  ASSERT_EQ(parse_page(doc, n0, b0), Status::ok);
  ASSERT_EQ(parse_page(doc, n3, b3), Status::ok);
  expect_accounted(doc);
  EXPECT_EQ(doc.store.articles.size(), 8u);
  EXPECT_EQ(doc.stats.articles, 8u);
  EXPECT_EQ(doc.stats.duplicates, 1u);
  size_t sukhankin = 0, with_dups = 0;
  for (const Article &a : doc.store.articles) {
    if (doc.store.meta_text(doc.store.authors[a.authors.begin].name) == "Sergey Sukhankin") {
      ++sukhankin;
      EXPECT_EQ(a.source.file, 0u);
      ASSERT_EQ(a.duplicates.size(), 1u);
      EXPECT_EQ(doc.store.file_name(a.duplicates[0].file), n3);
      EXPECT_EQ(a.duplicates[0].line, 1u);
      EXPECT_EQ(a.duplicates[0].byte_start, 0u);
    }
    with_dups += !a.duplicates.empty();
  }
  EXPECT_EQ(sukhankin, 1u);
  EXPECT_EQ(with_dups, 1u);
  EXPECT_EQ(doc.store.files.size(), 2u);
}

TEST(Corpus, ReparsingIntoAClearedDocumentGivesTheSameIds) {
  std::string b0, n0;
  if (!load("000_", &b0, &n0)) GTEST_SKIP() << "corpus not available";
  Document doc;
  ASSERT_EQ(parse_page(doc, n0, b0), Status::ok);
  std::vector<uint64_t> ids;
  for (const Article &a : doc.store.articles) ids.push_back(a.id);
  doc.clear();
  ASSERT_EQ(parse_page(doc, n0, b0), Status::ok);
  ASSERT_EQ(doc.store.articles.size(), ids.size());
  for (size_t i = 0; i < ids.size(); ++i) EXPECT_EQ(doc.store.articles[i].id, ids[i]);
  EXPECT_EQ(doc.stats.duplicates, 0u);
}
