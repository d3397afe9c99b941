// People and countries through the C ABI: the alias table (set, read back, errors with the line),
// person keys, `author:` over spellings, the country facet and the country: filter, NULL and
// out-of-range arguments.
#include "capi_fixtures.hpp"

#include <gtest/gtest.h>

#include <cstring>
#include <string>

using namespace capi_test;

namespace {

const char kPeople[] = "By S. Frederick Starr\n"
                       "January 29, 2025\n"
                       "Pipelines from Baku across the Caspian.\n"
                       "By Frederick Starr\n"
                       "March 5, 2024\n"
                       "Tbilisi and the Georgian ports. Georgia votes.\n"
                       "By Erkin Akhmadov\n"
                       "May 2, 2023\n"
                       "Tashkent reforms in Uzbekistan.\n"
                       "By Erkin Ahmadov\n"
                       "May 3, 2023\n"
                       "Uzbek cotton and Samarkand.\n";

struct PeopleIndex {
  Doc doc{kPeople};
  caci_index *index = nullptr;
  PeopleIndex() {
    EXPECT_EQ(doc.status, CACI_OK);
    EXPECT_EQ(caci_index_new(nullptr, &index), CACI_OK);
    EXPECT_EQ(caci_index_add_doc(index, doc.doc, nullptr), CACI_OK);
  }
  ~PeopleIndex() { caci_index_free(index); }
  uint64_t total(const std::string &q) {
    caci_results *r = nullptr;
    EXPECT_EQ(caci_index_search(index, q.data(), q.size(), nullptr, &r), CACI_OK) << q;
    uint64_t n = r ? caci_results_total(r) : 0;
    caci_results_free(r);
    return n;
  }
  std::string key(const char *name) {
    caci_str out{};
    EXPECT_EQ(caci_index_person_key(index, name, std::strlen(name), &out), CACI_OK);
    return std::string(view(out));
  }
};

}  // namespace

TEST(CapiPeople, PersonKeysFoldSpellingsAndAuthorMatchesThePerson) {
  PeopleIndex x;
  EXPECT_EQ(x.key("Dr. S. Frederick Starr"), "frederick starr");
  EXPECT_EQ(x.key("Slavom\xC3\xADr Hor\xC3\xA1k"), "slavomir horak");
  EXPECT_NE(x.key("J. Smith"), x.key("A. Smith"));
  EXPECT_EQ(x.key(""), "");
  EXPECT_EQ(x.total("author:\"Frederick Starr\""), 2u);
  EXPECT_EQ(x.total("author:\"Erkin Akhmadov\""), 1u);
}

TEST(CapiPeople, AliasTableMergesAndAMalformedOneNamesItsLine) {
  PeopleIndex x;
  EXPECT_EQ(view(caci_index_author_aliases(x.index)), "");
  const std::string text = "# one person\nErkin Akhmadov = Erkin Ahmadov\n";
  ASSERT_EQ(caci_index_set_author_aliases(x.index, text.data(), text.size()), CACI_OK);
  EXPECT_EQ(view(caci_index_author_aliases(x.index)), text);
  EXPECT_EQ(x.total("author:\"Erkin Akhmadov\""), 2u);
  EXPECT_EQ(x.key("Erkin Ahmadov"), x.key("Erkin Akhmadov"));

  const std::string bad = "A B = C D\n\nno equals sign\n";
  EXPECT_EQ(caci_index_set_author_aliases(x.index, bad.data(), bad.size()), CACI_EINVAL);
  caci_str msg{};
  size_t at = 0;
  ASSERT_EQ(caci_index_error(x.index, &msg, &at), CACI_OK);
  EXPECT_NE(std::string(view(msg)).find("aliases line 3:"), std::string::npos) << view(msg);
  EXPECT_EQ(at, bad.find("no equals"));
  EXPECT_EQ(view(caci_index_author_aliases(x.index)), text);  // the previous table stays
  EXPECT_EQ(x.total("author:\"Erkin Akhmadov\""), 2u);

  ASSERT_EQ(caci_index_set_author_aliases(x.index, nullptr, 0), CACI_OK);  // clears it
  EXPECT_EQ(x.total("author:\"Erkin Akhmadov\""), 1u);
}

TEST(CapiPeople, NullAndBadArguments) {
  PeopleIndex x;
  caci_str out{};
  EXPECT_EQ(caci_index_set_author_aliases(nullptr, "a = b", 5), CACI_EINVAL);
  EXPECT_EQ(caci_index_set_author_aliases(x.index, nullptr, 3), CACI_EINVAL);
  EXPECT_EQ(caci_index_person_key(nullptr, "a", 1, &out), CACI_EINVAL);
  EXPECT_EQ(caci_index_person_key(x.index, "a", 1, nullptr), CACI_EINVAL);
  EXPECT_EQ(caci_index_person_key(x.index, nullptr, 1, &out), CACI_EINVAL);
  EXPECT_EQ(caci_index_author_aliases(nullptr).ptr, nullptr);
  // A table of 64 MiB and more is refused before it is read.
  EXPECT_EQ(caci_index_set_author_aliases(x.index, "x", (size_t(64) << 20) + 1), CACI_ERANGE);
}

TEST(CapiPeople, CountryFacetAndFilter) {
  PeopleIndex x;
  caci_search_options so = CACI_SEARCH_OPTIONS_INIT;
  so.flags = CACI_SEARCH_FACETS;
  caci_results *r = nullptr;
  ASSERT_EQ(caci_index_search(x.index, "", 0, &so, &r), CACI_OK);
  ASSERT_GE(caci_results_facet_count(r, CACI_FACET_COUNTRY), 2u);
  caci_str v{};
  uint64_t count = 0;
  ASSERT_EQ(caci_results_facet(r, CACI_FACET_COUNTRY, 0, &v, &count), CACI_OK);
  EXPECT_EQ(view(v), "Uzbekistan");
  EXPECT_EQ(count, 2u);
  EXPECT_EQ(caci_results_facet_count(r, CACI_FACET_COUNT), 0u);
  // The author facet counts people: Starr once, with 2 articles.
  size_t starr = 0;
  for (size_t j = 0; j < caci_results_facet_count(r, CACI_FACET_AUTHOR); ++j) {
    ASSERT_EQ(caci_results_facet(r, CACI_FACET_AUTHOR, j, &v, &count), CACI_OK);
    if (view(v).find("Starr") != std::string_view::npos) {
      ++starr;
      EXPECT_EQ(count, 2u);
    }
  }
  EXPECT_EQ(starr, 1u);
  caci_results_free(r);
  EXPECT_EQ(x.total("country:uzbekistan"), 2u);
  EXPECT_EQ(x.total("country:Tadjikistan"), 0u);
  r = nullptr;
  EXPECT_EQ(caci_index_search(x.index, "country:atlantis", 16, nullptr, &r), CACI_EQUERY);
  EXPECT_EQ(r, nullptr);
  caci_str msg{};
  size_t at = 0;
  caci_index_error(x.index, &msg, &at);
  EXPECT_NE(std::string(view(msg)).find("unknown country"), std::string::npos);
  EXPECT_EQ(at, 8u);
}

TEST(CapiPeople, ArticleCountriesAgreeWithTheCountryFilter) {
  PeopleIndex x;
  for (size_t i = 0; i < caci_doc_article_count(x.doc.doc); ++i) {
    const caci_article *a = caci_doc_article(x.doc.doc, i);
    const char *names[16];
    const size_t n = caci_article_countries(a, names, 16);
    for (size_t k = 0; k < n; ++k) {
      char id[17];
      caci_id_format(caci_article_id(a), id);
      // Every country of an article finds it through country:.
      caci_results *r = nullptr;
      const std::string q = std::string("country:\"") + names[k] + "\"";
      ASSERT_EQ(caci_index_search(x.index, q.data(), q.size(), nullptr, &r), CACI_OK);
      bool found = false;
      for (size_t h = 0; h < caci_results_count(r); ++h)
        found = found || caci_article_id(caci_results_article(r, h)) == caci_article_id(a);
      EXPECT_TRUE(found) << id << " " << names[k];
      caci_results_free(r);
    }
  }
}
