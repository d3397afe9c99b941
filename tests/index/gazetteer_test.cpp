// The region's gazetteer: the countries an article is about, from names, capitals, cities, old
// names and transliterations, with a "COUNTRY: HEADLINE" title first.
#include "caci/core/gazetteer.hpp"
#include "caci/core/parse.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

using namespace caci;

namespace {

std::vector<std::string> countries_of(const std::string &page) {
  Document doc;
  EXPECT_EQ(parse_page(doc, "page.txt", page), Status::ok);
  EXPECT_EQ(doc.store.articles.size(), 1u);
  std::vector<std::string> out;
  if (doc.store.articles.empty()) return out;
  int ids[kCountryCount];
  const int n = article_countries(doc.store, doc.store.articles[0], ids);
  for (int i = 0; i < n; ++i) out.emplace_back(country_name(ids[i]));
  return out;
}

using V = std::vector<std::string>;

}  // namespace

TEST(Gazetteer, OldNamesAndTransliterationsNameTheirCountry) {
  EXPECT_EQ(countries_of("By Nora Holm\nThe delegation flew from Alma-Ata to Frunze.\n"),
            (V{"Kazakhstan", "Kyrgyzstan"}));
  EXPECT_EQ(countries_of("By Nora Holm\nKazakstan and Nur-Sultan, then Tiflis.\n"),
            V{"Kazakhstan"});  // Georgia: named once, and not the most named
  EXPECT_EQ(countries_of("By Nora Holm\nTiflis in winter.\n"), V{"Georgia"});
  EXPECT_EQ(countries_of("By Nora Holm\nFerries from Krasnovodsk reach Ashkhabad's markets.\n"),
            V{"Turkmenistan"});
  EXPECT_EQ(countries_of("By Nora Holm\nT\u00fcrkiye and Ulan Bator signed a deal.\n"),
            (V{"Mongolia", "Turkey"}));
}

TEST(Gazetteer, TheHeadlineCountryComesFirstAndPassingMentionsDoNotCount) {
  // Russia is named more often in the text, but the title names Kazakhstan before its colon.
  const std::string page =
      "KAZAKHSTAN: A NEW PIPELINE\nBy Nora Holm (4/24/2002 issue of the CACI Analyst)\n"
      "BACKGROUND: Russia objected. Moscow said Russia would respond. Russian firms left. Astana "
      "waited. China was mentioned once.\n";
  const V got = countries_of(page);
  ASSERT_GE(got.size(), 2u);
  EXPECT_EQ(got[0], "Kazakhstan");
  EXPECT_EQ(got[1], "Russia");
  EXPECT_EQ(std::count(got.begin(), got.end(), "China"), 0);  // once, and not the most named
}

TEST(Gazetteer, AnArticleAboutNoneOfTheRegionHasNoCountry) {
  EXPECT_TRUE(countries_of("By Nora Holm\nA text about monetary policy in general.\n").empty());
  EXPECT_EQ(country_name(-1), nullptr);
  EXPECT_EQ(country_name(kCountryCount), nullptr);
  EXPECT_STREQ(country_name(0), "Afghanistan");
}
