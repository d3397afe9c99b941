// Versions (caci/core/versions.hpp): an excerpt or teaser is linked to the full article it was cut
// from, by text prefix or by title, only for the same person and dates that agree; articles that
// merely share an author and a date stay apart. On made-up pages in the site's layouts.
#include "caci/core/index.hpp"
#include "caci/core/json.hpp"
#include "caci/core/parse.hpp"
#include "caci/core/versions.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

using namespace caci;

namespace {

// Two full articles by one author in one issue (2003 layout).
const char kFull2003[] =
    "Published in Analytical Articles\n"
    "GAS PRICES RISE ACROSS THE REGION\n"
    "By Ilkin Mammadli (9/10/2003 issue of the CACI Analyst)\n"
    "BACKGROUND: Gas prices rose sharply across the region this autumn, according to officials who "
    "blamed higher transit fees charged in the U.S. and in Europe for most of the increase.\n"
    "IMPLICATIONS: Households will pay more for heating this winter, and governments are debating "
    "subsidies they can hardly afford.\n"
    "CONCLUSIONS: The rise is unlikely to be reversed before the spring.\n"
    "Published in Analytical Articles\n"
    "A QUIET ELECTION IN THE SOUTH\n"
    "By Ilkin Mammadli (9/10/2003 issue of the CACI Analyst)\n"
    "BACKGROUND: The vote passed without incident and turnout was higher than expected, in "
    "contrast with the tense campaigns of earlier years.\n"
    "IMPLICATIONS: The new parliament will be dominated by the ruling party.\n"
    "CONCLUSIONS: Stability came at the price of competition.\n";

// A listing page: the first of them cut off mid-abbreviation, without its title (so only the text
// prefix can link it), then an excerpt by the same author and date of an article not in the
// archive.
const char kListing2003[] =
    "By Ilkin Mammadli (9/10/2003 issue of the CACI Analyst)\n"
    "BACKGROUND: Gas prices rose sharply across the region this autumn, according to officials who "
    "blamed higher transit fees charged in the U.\n"
    "Published in Analytical Articles\n"
    "OIL TERMINALS ON THE CASPIAN COAST\n"
    "By Ilkin Mammadli (9/10/2003 issue of the CACI Analyst)\n"
    "BACKGROUND: Two new oil terminals opened on the Caspian coast this summer, and a third is "
    "under construction ...\n";

// A 2025 full article (no title, no date) and two teasers by the same author on the same day:
// the first is its opening paragraph, the second another paper.
const char kFull2025[] =
    "By Farida Akhmetova\n"
    "Kazakhstan's new nuclear power plant will be built by an international consortium led by a "
    "state company, the government announced in March after two years of talks.\n"
    "The decision ends a long debate about which partner would supply the reactors and the fuel.\n"
    "AUTHOR BIO\n"
    "Farida Akhmetova is a researcher who does not exist.\n";
const char kTeasers2025[] =
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

Document parse(std::vector<std::pair<const char *, const char *>> pages) {
  Document doc;
  for (const auto &[name, text] : pages) EXPECT_EQ(parse_page(doc, name, text), Status::ok) << name;
  return doc;
}

// The store index of the live article whose article text contains `words`.
uint32_t find(const ArticleStore &s, std::string_view words, ArticleKind kind) {
  for (uint32_t d = 0; d < s.articles.size(); ++d) {
    const Article &a = s.articles[d];
    if (!a.deleted && a.kind == kind && s.body_text(a.text).find(words) != std::string_view::npos)
      return d;
  }
  ADD_FAILURE() << "no " << kind_name(kind) << " with \"" << words << "\"";
  return 0;
}

std::vector<uint32_t> versions(const ArticleStore &s, uint32_t d) {
  return s.articles[d].versions;
}

TEST(Versions, TeaserIsLinkedToTheFullArticleItOpens) {
  Document doc = parse({{"full.txt", kFull2025}, {"teasers.txt", kTeasers2025}});
  const ArticleStore &s = doc.store;
  const uint32_t full = find(s, "nuclear power plant", ArticleKind::article);
  const uint32_t teaser = find(s, "nuclear power plant", ArticleKind::teaser);
  const uint32_t other = find(s, "Water shortages", ArticleKind::teaser);
  EXPECT_EQ(versions(s, teaser), std::vector<uint32_t>{full});
  EXPECT_EQ(versions(s, full), std::vector<uint32_t>{teaser});
  // Same author, same date, another paper: not a version of anything.
  EXPECT_TRUE(versions(s, other).empty());
}

TEST(Versions, LinkedWhicheverPageComesFirst) {
  Document doc = parse({{"teasers.txt", kTeasers2025}, {"full.txt", kFull2025}});
  const ArticleStore &s = doc.store;
  const uint32_t full = find(s, "nuclear power plant", ArticleKind::article);
  const uint32_t teaser = find(s, "nuclear power plant", ArticleKind::teaser);
  EXPECT_EQ(versions(s, teaser), std::vector<uint32_t>{full});
}

TEST(Versions, ExcerptCutOffMidWordIsLinkedByItsTextPrefix) {
  Document doc = parse({{"full.txt", kFull2003}, {"listing.txt", kListing2003}});
  const ArticleStore &s = doc.store;
  const uint32_t gas = find(s, "transit fees charged in the U.S.", ArticleKind::article);
  const uint32_t excerpt = find(s, "transit fees", ArticleKind::excerpt);
  EXPECT_EQ(versions(s, excerpt), std::vector<uint32_t>{gas});
  EXPECT_EQ(versions(s, gas), std::vector<uint32_t>{excerpt});
}

TEST(Versions, SameAuthorAndDateAloneNeverLink) {
  Document doc = parse({{"full.txt", kFull2003}, {"listing.txt", kListing2003}});
  const ArticleStore &s = doc.store;
  EXPECT_TRUE(versions(s, find(s, "QUIET ELECTION", ArticleKind::article)).empty());
  EXPECT_TRUE(versions(s, find(s, "oil terminals", ArticleKind::excerpt)).empty());
}

TEST(Versions, TheSameTextByAnotherPersonIsNotAVersion) {
  std::string listing = kListing2003;
  listing.replace(listing.find("Ilkin Mammadli"), 14, "Saule Nurlanova");
  Document doc = parse({{"full.txt", kFull2003}, {"listing.txt", listing.c_str()}});
  const ArticleStore &s = doc.store;
  EXPECT_TRUE(versions(s, find(s, "transit fees", ArticleKind::excerpt)).empty());
}

TEST(Versions, DatesThatDisagreeDoNotLink) {
  std::string listing = kListing2003;
  listing.replace(listing.find("9/10/2003"), 9, "9/24/2003");
  Document doc = parse({{"full.txt", kFull2003}, {"listing.txt", listing.c_str()}});
  const ArticleStore &s = doc.store;
  EXPECT_TRUE(versions(s, find(s, "transit fees", ArticleKind::excerpt)).empty());
}

TEST(Versions, AnExcerptMatchingTwoFullArticlesStaysUnlinked) {
  // A second full article opening with the same words (another text, so another id).
  std::string twin = kFull2003;
  twin.replace(twin.find("most of the increase"), 20, "a part of the increase");
  Document doc =
      parse({{"full.txt", kFull2003}, {"twin.txt", twin.c_str()}, {"listing.txt", kListing2003}});
  const ArticleStore &s = doc.store;
  EXPECT_TRUE(versions(s, find(s, "transit fees", ArticleKind::excerpt)).empty());
}

TEST(Versions, JsonListsTheOtherVersionsWithIdAndKind) {
  Document doc = parse({{"full.txt", kFull2025}, {"teasers.txt", kTeasers2025}});
  const ArticleStore &s = doc.store;
  const Article &teaser = s.articles[find(s, "nuclear power plant", ArticleKind::teaser)];
  const Article &full = s.articles[find(s, "nuclear power plant", ArticleKind::article)];
  std::string json;
  write_article_json(s, teaser, json);
  char id[16];
  format_id(full.id, id);
  EXPECT_NE(
      json.find("\"versions\":[{\"id\":\"" + std::string(id, 16) + "\",\"kind\":\"article\"}]"),
      std::string::npos)
      << json;
  json.clear();
  write_article_json(s, s.articles[find(s, "Water shortages", ArticleKind::teaser)], json);
  EXPECT_NE(json.find("\"versions\":[]"), std::string::npos) << json;
}

TEST(Versions, IndexLinksAcrossDocumentsAndUnlinksOnRemoval) {
  Index ix;
  Document teasers = parse({{"teasers.txt", kTeasers2025}});
  Document full = parse({{"full.txt", kFull2025}});
  ASSERT_EQ(ix.add_document(teasers, nullptr), Status::ok);
  ASSERT_EQ(ix.add_document(full, nullptr), Status::ok);
  const ArticleStore &s = ix.store();
  const uint32_t f = find(s, "nuclear power plant", ArticleKind::article);
  const uint32_t t = find(s, "nuclear power plant", ArticleKind::teaser);
  EXPECT_EQ(versions(s, t), std::vector<uint32_t>{f});
  ASSERT_EQ(ix.remove(s.articles[f].id), Status::ok);
  EXPECT_TRUE(versions(ix.store(), t).empty());
}

TEST(Versions, SearchCanCollapseVersionsIntoOneHit) {
  Index ix;
  Document doc = parse({{"full.txt", kFull2025}, {"teasers.txt", kTeasers2025}});
  ASSERT_EQ(ix.take_document(doc, nullptr), Status::ok);
  SearchOptions o;
  o.facets = true;
  SearchResults r;
  ASSERT_EQ(ix.search("nuclear consortium", o, r, nullptr), Status::ok);
  EXPECT_EQ(r.total, 2u);
  o.collapse_versions = true;
  ASSERT_EQ(ix.search("nuclear consortium", o, r, nullptr), Status::ok);
  ASSERT_EQ(r.total, 1u);
  ASSERT_EQ(r.hits.size(), 1u);
  uint64_t kinds = 0;
  for (const FacetValue &v : r.facets[static_cast<int>(FacetKind::kind)]) kinds += v.count;
  EXPECT_EQ(kinds, 1u) << "facets count the collapsed hits";
  // Articles without versions are untouched: both teasers' authors' query keeps its other hit.
  ASSERT_EQ(ix.search("akhmetova", o, r, nullptr), Status::ok);
  EXPECT_EQ(r.total, 2u);
}

TEST(Versions, CollapseKeepsTheBestRankedMember) {
  ArticleStore s;
  s.articles.resize(3);
  s.articles[0].kind = ArticleKind::teaser;
  s.articles[1].kind = ArticleKind::article;
  s.articles[0].versions = {1};
  s.articles[1].versions = {0};
  std::vector<uint32_t> docs{0, 1, 2};
  std::vector<double> score{3.0, 1.0, 2.0};
  collapse_versions(s, docs, score);
  EXPECT_EQ(docs, (std::vector<uint32_t>{0, 2}));
  EXPECT_EQ(score, (std::vector<double>{3.0, 2.0}));
  // A tie goes to the full article.
  docs = {0, 1};
  score = {1.0, 1.0};
  collapse_versions(s, docs, score);
  EXPECT_EQ(docs, std::vector<uint32_t>{1});
}

}  // namespace
