// Round trip through the real parser: parse pages (inline fixtures and, when present, the corpus
// pages), serialise, read back with simdjson, and compare every field with the in-memory articles.
#include "json_support.hpp"

#include "caci/core/parse.hpp"

#include <algorithm>
#include <dirent.h>
#include <fstream>
#include <sstream>

namespace {

// Made-up pages in the archive's layouts (FORMAT.md sections 1 and 2).
const char kPage2025[] =
    "By Firstname Lastname\n"
    "January 29, 2025\n"
    "A lead paragraph about pipelines across the Caspian and the politics of transit.\n"
    "Photo by Someone.\n"
    "BACKGROUND: The first background paragraph explains the \xE2\x80\x9C"
    "context\xE2\x80\x9D.\n"
    "A second background paragraph.\n"
    "IMPLICATIONS: What it means for the region.\n"
    "CONCLUSIONS: A closing paragraph.\n"
    "AUTHOR\xE2\x80\x99S BIO: Firstname Lastname is a researcher at Some Institute.\n"
    "By Other Person and Third Author\n"
    "February 12, 2025\n"
    "A teaser lead for a paper.\n"
    "Read A Paper About Things (PDF)\n"
    "The Central Asia-Caucasus Analyst is a biweekly publication of the Central Asia-Caucasus "
    "Institute.\n"
    "Sign up for upcoming events, latest news and articles from the CACI Analyst";

const char kPageOld[] = "Published in Analytical Articles\n"
                        "By Dr. A. Author, Kazakhstan (4/24/2002 issue of the CACI Analyst)\n"
                        "BACKGROUND:  Georgia\\'s parliament voted on a \\\"quoted\\\" law.\n"
                        "\n"
                        "IMPLICATIONS: More text here.\n"
                        "\n"
                        "CONCLUSION: The end.\n"
                        "\n"
                        "Published in Field Reports\n"
                        "By B. Reporter (the 05/02/2014 issue of the CACI Analyst)\n"
                        "A field report body without headings, with a bad byte \x92 in it.\n";

void round_trip(const std::vector<std::pair<std::string, std::string>> &pages) {
  caci::Document doc;
  for (const auto &p : pages) {
    caci::Status st = caci::parse_page(doc, p.first, p.second);
    ASSERT_FALSE(caci::failed(st)) << p.first << ": " << caci::status_str(st);
  }
  std::string json;
  caci::write_document_json(doc, caci::JsonFormat::json, json);
  json_test::expect_document_json(json, doc);

  std::string lines;
  caci::write_document_json(doc, caci::JsonFormat::jsonl, lines);
  std::istringstream in(lines);
  std::string line;
  size_t n = 0;
  simdjson::dom::parser parser;
  while (std::getline(in, line)) {
    simdjson::dom::element root;
    ASSERT_EQ(parser.parse(line).get(root), simdjson::SUCCESS) << line;
    ASSERT_LT(n, doc.store.articles.size());
    json_test::expect_article_json(root, doc.store, doc.store.articles[n++]);
  }
  EXPECT_EQ(n, doc.store.articles.size());
}

TEST(JsonRoundTrip, InlinePages) {
  round_trip({{"p2025.txt", kPage2025}, {"old.txt", kPageOld}});
}

TEST(JsonRoundTrip, DuplicatesAcrossFilesAreListed) {
  caci::Document doc;
  ASSERT_FALSE(caci::failed(caci::parse_page(doc, "a.txt", kPage2025)));
  ASSERT_FALSE(caci::failed(caci::parse_page(doc, "b.txt", kPage2025)));
  std::string json;
  caci::write_document_json(doc, caci::JsonFormat::json, json);
  json_test::expect_document_json(json, doc);
  size_t with_duplicates = 0;
  for (const auto &a : doc.store.articles) with_duplicates += !a.duplicates.empty();
  EXPECT_EQ(with_duplicates, doc.store.articles.size());
}

TEST(JsonRoundTrip, CorpusPages) {
  std::vector<std::pair<std::string, std::string>> pages;
  if (DIR *dir = opendir(CACI_CORPUS_DIR)) {
    while (dirent *e = readdir(dir)) {
      std::string name = e->d_name;
      if (name.size() < 4 || name.compare(name.size() - 4, 4, ".txt") != 0) continue;
      std::ifstream f(std::string(CACI_CORPUS_DIR) + "/" + name, std::ios::binary);
      std::stringstream ss;
      ss << f.rdbuf();
      pages.emplace_back(name, ss.str());
    }
    closedir(dir);
  }
  if (pages.empty()) GTEST_SKIP() << "no corpus pages in " << CACI_CORPUS_DIR;
  std::sort(pages.begin(), pages.end());
  round_trip(pages);
}

}  // namespace
