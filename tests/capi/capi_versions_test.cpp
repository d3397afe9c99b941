// Versions through the C ABI: caci_article_version_count / caci_article_version on a parsed
// document and on an index, and CACI_SEARCH_COLLAPSE_VERSIONS. Made-up pages.
#include "caci/caci.h"

#include <gtest/gtest.h>

#include <cstring>
#include <string>

namespace {

const char kFull[] =
    "By Farida Akhmetova\n"
    "Kazakhstan's new nuclear power plant will be built by an international consortium led by a "
    "state company, the government announced in March after two years of talks.\n"
    "The decision ends a long debate about which partner would supply the reactors and the fuel.\n";
const char kTeasers[] =
    "By Farida Akhmetova\n"
    "March 12, 2025\n"
    "Kazakhstan's new nuclear power plant will be built by an international consortium led by a "
    "state company, the government announced in March after two years of talks.\n"
    "Read Atoms and Alliances: Kazakhstan's Nuclear Choice (PDF)\n"
    "By Farida Akhmetova\n"
    "March 12, 2025\n"
    "Water shortages in the lower reaches of the rivers have become a political issue between "
    "upstream and downstream states this year.\n"
    "Read Rivers Without Borders: Hydropower and Agriculture (PDF)\n";

caci_doc *parse_both() {
  caci_doc *doc = nullptr;
  EXPECT_EQ(caci_doc_new(nullptr, &doc), CACI_OK);
  EXPECT_EQ(caci_doc_parse(doc, "teasers.txt", 11, kTeasers, std::strlen(kTeasers)), CACI_OK);
  EXPECT_EQ(caci_doc_parse(doc, "full.txt", 8, kFull, std::strlen(kFull)), CACI_OK);
  return doc;
}

const caci_article *by_kind_and_title(const caci_doc *doc, int kind, const char *title_part) {
  for (size_t i = 0; i < caci_doc_article_count(doc); ++i) {
    const caci_article *a = caci_doc_article(doc, i);
    caci_str text = caci_article_text(a);
    if (caci_article_kind(a) == kind &&
        std::string(text.ptr, text.len).find(title_part) != std::string::npos)
      return a;
  }
  return nullptr;
}

TEST(CapiVersions, TeaserAndFullArticleNameEachOther) {
  caci_doc *doc = parse_both();
  const caci_article *teaser = by_kind_and_title(doc, CACI_KIND_TEASER, "nuclear power");
  const caci_article *full = by_kind_and_title(doc, CACI_KIND_ARTICLE, "nuclear power");
  const caci_article *other = by_kind_and_title(doc, CACI_KIND_TEASER, "Water shortages");
  ASSERT_TRUE(teaser && full && other);
  ASSERT_EQ(caci_article_version_count(teaser), 1u);
  EXPECT_EQ(caci_article_version(teaser, 0), full);
  ASSERT_EQ(caci_article_version_count(full), 1u);
  EXPECT_EQ(caci_article_version(full, 0), teaser);
  EXPECT_EQ(caci_article_version_count(other), 0u);
  // Out of range and NULL are safe.
  EXPECT_EQ(caci_article_version(teaser, 1), nullptr);
  EXPECT_EQ(caci_article_version(nullptr, 0), nullptr);
  EXPECT_EQ(caci_article_version_count(nullptr), 0u);
  caci_doc_free(doc);
}

TEST(CapiVersions, SearchCollapsesVersionsOnRequest) {
  caci_doc *doc = parse_both();
  caci_index *index = nullptr;
  ASSERT_EQ(caci_index_new(nullptr, &index), CACI_OK);
  ASSERT_EQ(caci_index_add_doc(index, doc, nullptr), CACI_OK);
  caci_search_options opts = CACI_SEARCH_OPTIONS_INIT;
  caci_results *r = nullptr;
  ASSERT_EQ(caci_index_search(index, "nuclear", 7, &opts, &r), CACI_OK);
  EXPECT_EQ(caci_results_total(r), 2u);
  caci_results_free(r);
  opts.flags |= CACI_SEARCH_COLLAPSE_VERSIONS;
  ASSERT_EQ(caci_index_search(index, "nuclear", 7, &opts, &r), CACI_OK);
  EXPECT_EQ(caci_results_total(r), 1u);
  ASSERT_EQ(caci_results_count(r), 1u);
  EXPECT_EQ(caci_article_version_count(caci_results_article(r, 0)), 1u);
  caci_results_free(r);
  caci_index_free(index);
  caci_doc_free(doc);
}

}  // namespace
