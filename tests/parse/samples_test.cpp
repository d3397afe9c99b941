// The bundled sample archive (samples/*.txt): every page parses, every byte is accounted for, and
// the key facts each page was written to show come out.
#include "parse_support.hpp"

#include <dirent.h>

#include <algorithm>
#include <map>

using namespace caci;
using namespace caci_test;
using V = std::vector<std::string>;

namespace {

std::vector<std::string> sample_names() {
  std::vector<std::string> v;
  std::string dir = std::string(CACI_SOURCE_DIR) + "/samples";
  if (DIR *d = opendir(dir.c_str())) {
    while (dirent *e = readdir(d)) {
      std::string n = e->d_name;
      if (n.size() > 4 && n.compare(n.size() - 4, 4, ".txt") == 0) v.push_back(n);
    }
    closedir(d);
  }
  std::sort(v.begin(), v.end());
  return v;
}

std::string sample(const std::string &name) {
  return read_file(std::string(CACI_SOURCE_DIR) + "/samples/" + name);
}

Parsed parse_sample(const std::string &name) {
  return parse_bytes(sample(name), name);
}

}  // namespace

TEST(Samples, EveryPageIsFullyAccounted) {
  std::vector<std::string> names = sample_names();
  ASSERT_GE(names.size(), 6u);
  ASSERT_LE(names.size(), 10u);
  for (const std::string &n : names) {
    Parsed p = parse_sample(n);
    EXPECT_EQ(p.status, Status::ok) << n;
    EXPECT_GE(p.size(), 1u) << n;
    EXPECT_EQ(p.doc.stats.bytes_unclassified, 0u) << n;
  }
}

TEST(Samples, AllPagesInOneDocument) {
  Document doc;
  std::vector<std::string> names = sample_names(), inputs;
  for (const std::string &n : names) inputs.push_back(sample(n));
  for (size_t i = 0; i < names.size(); ++i)
    ASSERT_EQ(parse_page(doc, names[i], inputs[i]), Status::ok) << names[i];
  expect_accounted(doc);
  for (uint32_t f = 0; f < names.size(); ++f) expect_spans_disjoint(doc, f, inputs[f].size());
  EXPECT_EQ(doc.stats.articles, doc.store.articles.size());
  EXPECT_EQ(doc.stats.duplicates, 2u);  // one across pages, one within the excerpt listing
  // The cross-page duplicate: the Caspian ferry article is on both 2025 pages.
  size_t found = 0;
  for (const Article &a : doc.store.articles) {
    if (doc.store.meta_text(doc.store.authors[a.authors.begin].name) != "Lukas Brenner") continue;
    ++found;
    EXPECT_EQ(doc.store.file_name(a.source.file), "2025-analytical-articles-p1.txt");
    ASSERT_EQ(a.duplicates.size(), 1u);
    EXPECT_EQ(doc.store.file_name(a.duplicates[0].file), "2025-analytical-articles-p2.txt");
    EXPECT_EQ(a.duplicates[0].byte_start, 0u);
  }
  EXPECT_EQ(found, 1u);
  std::map<ArticleKind, int> kinds;
  for (const Article &a : doc.store.articles) ++kinds[a.kind];
  EXPECT_GE(kinds[ArticleKind::article], 15);
  EXPECT_EQ(kinds[ArticleKind::teaser], 2);
  EXPECT_EQ(kinds[ArticleKind::digest], 3);
  EXPECT_EQ(kinds[ArticleKind::excerpt], 3);
}

TEST(Samples, FullText2025) {
  Parsed p = parse_sample("2025-analytical-articles-p1.txt");
  ASSERT_EQ(p.size(), 3u);
  EXPECT_EQ(p.photo(0), "Timur Saidov");
  EXPECT_TRUE(p.flag(0, flag_email_redacted));
  EXPECT_EQ(p.authors(1), (V{"Anna Swanstr\u00f6m", "Diego Londo\u00f1o"}));
  EXPECT_EQ(p.photo(2), "Marat Dzhaksybekov");
  EXPECT_GT(p.doc.stats.bytes_boilerplate, 200u);  // the footer
}

TEST(Samples, Teasers2025) {
  Parsed p = parse_sample("2025-analytical-articles-p2.txt");
  ASSERT_EQ(p.size(), 4u);
  EXPECT_EQ(p.at(1).kind, ArticleKind::teaser);
  date_is(p.at(1), 2025, 3, 12);
  EXPECT_EQ(p.links(1), V{"Atoms and Alliances: Kazakhstan\u2019s Nuclear Choice"});
  EXPECT_EQ(p.authors(2), V{"Rustam Qodirov"});
  date_is(p.at(2), 2025, 2, 26);
  EXPECT_EQ(p.bio(3), V{"Oskar Lindgren is a fictional media researcher."});  // footer glued to it
}

TEST(Samples, OldAnalyticalArticles) {
  Parsed p = parse_sample("2002-analytical-articles.txt");
  ASSERT_EQ(p.size(), 3u);
  EXPECT_EQ(p.title(0), "KYRGYZSTAN: BORDER TALKS RESUME AFTER A YEAR OF DEADLOCK");
  EXPECT_TRUE(p.flag(0, flag_unescaped));
  EXPECT_NE(p.text(0).find("The government's critics"), std::string::npos);
  EXPECT_NE(p.text(0).find("\"a negotiation behind closed doors\""), std::string::npos);
  EXPECT_EQ(p.at(1).category, Category::field_reports);
  EXPECT_EQ(p.authors(2), (V{"Jonas Ekholm", "Mikael Strand", "Petra Nyqvist"}));
  EXPECT_EQ(p.honorifics(2, 1), V{"Col."});
  EXPECT_EQ(p.heading(2, 0), "BACKROUND");
}

TEST(Samples, WeekdayHeaders) {
  Parsed p = parse_sample("2002-weekday-headers.txt");
  ASSERT_EQ(p.size(), 3u);
  EXPECT_EQ(p.lead(0).size(), 2u);  // paragraphs separated by a blank line
  date_is(p.at(1), 2002, 8, 28);
  EXPECT_EQ(p.photo(1), "Aigul Bekova");
  date_is(p.at(2), 2002, 9, 11);
  for (size_t i = 0; i < 3; ++i) EXPECT_TRUE(p.flag(i, flag_date_from_header));
}

TEST(Samples, NewsDigest) {
  Parsed p = parse_sample("2002-news-digest.txt");
  ASSERT_EQ(p.size(), 3u);
  date_is(p.at(2), 2002, 8, 9);
  EXPECT_EQ(p.title(2), "TURKMEN GAS EXPORTS RISE");
}

TEST(Samples, ExcerptListing) {
  Parsed p = parse_sample("2003-excerpt-listing.txt");
  ASSERT_EQ(p.size(), 3u);
  EXPECT_TRUE(p.flag(0, flag_truncated));
  EXPECT_FALSE(p.flag(1, flag_truncated));
  EXPECT_TRUE(p.flag(2, flag_truncated));
  EXPECT_EQ(p.at(1).duplicates.size(), 1u);
}

TEST(Samples, CollapsedScrape) {
  Parsed p = parse_sample("2003-collapsed-scrape.txt");
  ASSERT_EQ(p.size(), 3u);
  EXPECT_FALSE(p.flag(0, flag_glued_byline));
  EXPECT_TRUE(p.flag(1, flag_glued_byline));
  EXPECT_TRUE(p.flag(2, flag_glued_byline));
  date_is(p.at(2), 2003, 3, 26);
}

TEST(Samples, WindowsExport) {
  Parsed p = parse_sample("2004-windows-export.txt");
  ASSERT_EQ(p.size(), 1u);
  EXPECT_EQ(p.diag_count(DiagCode::bom), 1u);
  EXPECT_EQ(p.diag_count(DiagCode::crlf), 1u);
  ASSERT_EQ(p.diag_count(DiagCode::cp1252_decoded), 1u);
  EXPECT_EQ(p.diag(DiagCode::cp1252_decoded)->line, 2u);
  EXPECT_TRUE(p.flag(0, flag_cp1252_decoded));
  EXPECT_NE(p.text(0).find("Azerbaijan\u2019s capital"), std::string::npos);
  Parsed strict = parse_bytes(p.input, "2004-windows-export.txt", parse_strict);
  EXPECT_EQ(strict.status, Status::eutf8);
}

TEST(Samples, FieldReports2014) {
  Parsed p = parse_sample("2014-field-reports.txt");
  ASSERT_EQ(p.size(), 3u);
  for (size_t i = 0; i < 3; ++i) EXPECT_EQ(p.at(i).category, Category::field_reports);
  date_is(p.at(0), 2014, 2, 5);
  EXPECT_EQ(p.lead(0).at(0).rfind("By mid-October", 0), 0u);
  EXPECT_EQ(p.authors(1), (V{"Ay\u015fe Kaya", "Baran \u00d6zt\u00fcrk"}));
  EXPECT_EQ(p.affiliation(1, 1), "Some University, Ankara");
  EXPECT_NE(p.text(1).find("A\u011fdam and \u015eu\u015fa"), std::string::npos);
  EXPECT_TRUE(p.flag(1, flag_nfc_changed));
  EXPECT_EQ(p.authors(2), (V{"Sven Swanstr\u00f6m", "Mar\u00eda Londo\u00f1o"}));
  EXPECT_TRUE(p.flag(2, flag_date_ambiguous));
}

TEST(Samples, CategoryAfter2015) {
  Parsed p = parse_sample("2015-category-after.txt");
  ASSERT_EQ(p.size(), 3u);
  EXPECT_EQ(p.at(0).category, Category::analytical_articles);
  EXPECT_EQ(p.at(1).category, Category::field_reports);
  EXPECT_TRUE(p.at(1).date.partial());
  EXPECT_EQ(p.at(2).category, Category::field_reports);
  date_is(p.at(2), 2015, 11, 18);
}
