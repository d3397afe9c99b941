// Search v2 extras (issue 14 items 5-8): did-you-mean suggestions, completions, related articles
// and the explain breakdown, against small hand-built stores and the generated corpus.
#include "test_corpus.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <map>

using namespace caci;
using namespace caci_test;

namespace {

SearchResults search(const Index &ix, std::string_view q, SearchOptions o = {}) {
  SearchResults r;
  QueryError e;
  EXPECT_EQ(ix.search(q, o, r, &e), Status::ok) << q << ": " << e.message;
  return r;
}

// Pipelines x6, pipeline politics, a teaser copy of article 1, and an unrelated football piece.
Index small_index() {
  ArticleStore s;
  const char *leads[] = {
      "The pipeline from Baku to Ceyhan carries Caspian oil westward.",
      "Gas pipeline talks between Turkmenistan and China advanced.",
      "A new pipeline route avoids Russia and crosses the Caspian.",
      "Caspian oil exports rose as the pipeline opened.",
      "Officials in Baku signed the pipeline agreement.",
      "The pipeline consortium raised its Caspian oil forecast.",
  };
  uint64_t id = 1;
  for (const char *lead : leads) {
    ArticleSpec a;
    a.id = id;
    a.title = "Caspian pipeline report " + std::to_string(id);
    a.authors = {"Erik Vasstrand"};
    a.lead = {lead};
    append_article(s, a);
    ++id;
  }
  ArticleSpec copy;  // another entry of article 1: same title and author
  copy.id = 100;
  copy.kind = ArticleKind::teaser;
  copy.title = "Caspian pipeline report 1";
  copy.authors = {"Erik Vasstrand"};
  copy.lead = {"The pipeline from Baku carries oil."};
  append_article(s, copy);
  ArticleSpec other;
  other.id = 200;
  other.title = "Football in Tashkent";
  other.lead = {"The national team won the cup in Tashkent."};
  append_article(s, other);
  ArticleSpec rare;  // "pipelime" (a typo in the source) once
  rare.id = 300;
  rare.title = "Corrections";
  rare.lead = {"An earlier pipelime story named the wrong minister."};
  append_article(s, rare);
  return build_index(s);
}

uint64_t id_of(const Index &ix, const Hit &h) {
  return ix.store().articles[h.article].id;
}

}  // namespace

TEST(DidYouMean, MisspelledWordGetsTheCommonTermAsAWholeQueryWithItsTotal) {
  Index ix = small_index();
  SearchOptions o;
  o.suggest = true;
  SearchResults r = search(ix, "Pipelene baku", o);
  EXPECT_EQ(r.total, 0u);
  ASSERT_FALSE(r.suggestions.empty());
  EXPECT_EQ(r.suggestions[0].query, "Pipeline baku");  // capitalised as typed
  EXPECT_EQ(r.suggestions[0].total, search(ix, "pipeline baku").total);
  EXPECT_GT(r.suggestions[0].total, 0u);
}

TEST(DidYouMean, RareWordIsCorrectedToAMuchCommonerOneAndSyntaxIsKept) {
  Index ix = small_index();
  SearchOptions o;
  o.suggest = true;
  // "pipelime" is indexed once; "pipeline" is in 7 articles.
  SearchResults r = search(ix, "title:(caspian) AND pipelime", o);
  EXPECT_EQ(r.total, 0u);
  ASSERT_FALSE(r.suggestions.empty());
  EXPECT_EQ(r.suggestions[0].query, "title:(caspian) AND pipeline");
  EXPECT_EQ(r.suggestions[0].total, 7u);
}

TEST(DidYouMean, NoSuggestionForWellFoundWordsOrWithoutTheOption) {
  Index ix = small_index();
  SearchOptions o;
  o.suggest = true;
  EXPECT_TRUE(search(ix, "pipeline caspian", o).suggestions.empty());
  EXPECT_TRUE(search(ix, "Pipelene").suggestions.empty());     // not asked
  EXPECT_TRUE(search(ix, "zzzzzzzz", o).suggestions.empty());  // nothing close
  EXPECT_TRUE(search(ix, "", o).suggestions.empty());
}

TEST(Completions, TopTermsByDocumentFrequencyForTheLastWord) {
  Index ix = small_index();
  std::vector<TermCount> c;
  ASSERT_EQ(ix.complete("Pip", 5, c), Status::ok);
  ASSERT_EQ(c.size(), 2u);
  EXPECT_EQ(c[0].term, "pipeline");
  EXPECT_EQ(c[0].docs, 7u);  // six articles and the teaser
  EXPECT_EQ(c[1].term, "pipelime");
  EXPECT_EQ(c[1].docs, 1u);
  ASSERT_EQ(ix.complete("oil from ca", 1, c), Status::ok);  // the last word only; n caps
  ASSERT_EQ(c.size(), 1u);
  EXPECT_EQ(c[0].term, "caspian");
}

TEST(Completions, EmptyHugeOrFinishedPrefixAndZeroNGiveNothing) {
  Index ix = small_index();
  std::vector<TermCount> c{{"stale", 1}};
  EXPECT_EQ(ix.complete("", 5, c), Status::ok);
  EXPECT_TRUE(c.empty());
  EXPECT_EQ(ix.complete("pipeline ", 5, c), Status::ok);
  EXPECT_TRUE(c.empty());
  EXPECT_EQ(ix.complete("pip", 0, c), Status::ok);
  EXPECT_TRUE(c.empty());
  EXPECT_EQ(ix.complete(std::string(1 << 20, 'p'), 5, c), Status::ok);
  EXPECT_TRUE(c.empty());
  EXPECT_EQ(ix.complete("qqq", 5, c), Status::ok);
  EXPECT_TRUE(c.empty());
}

TEST(Completions, CountsMatchSearchTotalsOnTheGeneratedCorpus) {
  ArticleStore s = make_corpus(5, 600);
  Index ix = build_index(s);
  for (const char *p : {"b", "ga", "t", "s"}) {
    std::vector<TermCount> c;
    ASSERT_EQ(ix.complete(p, 8, c), Status::ok);
    ASSERT_FALSE(c.empty()) << p;
    for (size_t i = 0; i < c.size(); ++i) {
      EXPECT_EQ(c[i].docs, search(ix, c[i].term).total) << c[i].term;
      if (i) {
        EXPECT_GE(c[i - 1].docs, c[i].docs);
      }
    }
  }
}

TEST(Related, SharesTopTermsAndExcludesItselfAndItsCopies) {
  Index ix = small_index();
  SearchResults r;
  ASSERT_EQ(ix.related(1, 10, r), Status::ok);
  ASSERT_FALSE(r.hits.empty());
  EXPECT_EQ(r.total, r.hits.size());
  for (size_t i = 0; i < r.hits.size(); ++i) {
    EXPECT_NE(id_of(ix, r.hits[i]), 1u);
    EXPECT_NE(id_of(ix, r.hits[i]), 100u);  // the teaser copy
    EXPECT_NE(id_of(ix, r.hits[i]), 200u);  // nothing in common
    if (i) {
      EXPECT_GE(r.hits[i - 1].score, r.hits[i].score);
    }
  }
  // The best match shares Baku and Caspian oil as well as the pipeline.
  const uint64_t best = id_of(ix, r.hits[0]);
  EXPECT_TRUE(best == 4 || best == 5 || best == 6 || best == 3) << best;
  ASSERT_EQ(ix.related(1, 2, r), Status::ok);
  EXPECT_EQ(r.hits.size(), 2u);
}

TEST(Related, UnknownOrRemovedIdIsNotFoundAndZeroNIsEmpty) {
  Index ix = small_index();
  SearchResults r;
  EXPECT_EQ(ix.related(999, 5, r), Status::enotfound);
  ASSERT_EQ(ix.remove(2), Status::ok);
  EXPECT_EQ(ix.related(2, 5, r), Status::enotfound);
  ASSERT_EQ(ix.related(1, 0, r), Status::ok);
  EXPECT_TRUE(r.hits.empty());
  ASSERT_EQ(ix.related(1, 10, r), Status::ok);
  for (const Hit &h : r.hits) EXPECT_NE(id_of(ix, h), 2u);  // removed articles never come back
}

TEST(Explain, PartsSumToTheScoreForEveryHitAndQueryShape) {
  ArticleStore s = make_corpus(9, 800);
  Index ix = build_index(s);
  SearchOptions o;
  o.explain = true;
  o.limit = 20;
  for (const char *q :
       {"baku", "gazprom tbilisi", "\"north south\"", "baku NEAR/3 gazprom",
        "title:baku OR lead:gazprom", "ba* -tbilisi", "gazprom~1", "baku year:2000..2030"}) {
    SearchResults r = search(ix, q, o);
    for (const Hit &h : r.hits) {
      double sum = 0;
      ASSERT_LE(size_t(h.explain_begin) + h.explain_count, r.explain.size());
      ASSERT_GT(h.explain_count, 0u) << q;
      for (uint32_t k = 0; k < h.explain_count; ++k) {
        const ExplainPart &p = r.explain[h.explain_begin + k];
        EXPECT_GT(p.tf, 0) << q;
        EXPECT_GT(p.idf, 0) << q;
        EXPECT_GT(p.length_norm, 0) << q;
        EXPECT_FALSE(p.element.empty());
        sum += p.contribution;
      }
      EXPECT_NEAR(sum, h.score, 1e-9 * std::max(1.0, h.score)) << q;
    }
  }
}

TEST(Explain, NamesElementsFieldsAndCountsOccurrences) {
  ArticleStore s;
  ArticleSpec a;
  a.id = 1;
  a.title = "Baku and Baku again";
  a.lead = {"Talks in Baku on the border talks."};
  append_article(s, a);
  ArticleSpec b;
  b.id = 2;
  b.title = "Other";
  b.lead = {"Nothing here."};
  append_article(s, b);
  Index ix = build_index(s);
  SearchOptions o;
  o.explain = true;
  SearchResults r = search(ix, "baku \"border talks\" -other", o);
  ASSERT_EQ(r.hits.size(), 1u);
  std::map<std::pair<std::string, int>, ExplainPart> parts;
  for (uint32_t k = 0; k < r.hits[0].explain_count; ++k) {
    const ExplainPart &p = r.explain[r.hits[0].explain_begin + k];
    parts[{p.element, static_cast<int>(p.field)}] = p;
  }
  ASSERT_EQ(parts.size(), 3u);
  const ExplainPart &title = parts.at({"baku", static_cast<int>(Field::title)});
  EXPECT_EQ(title.tf, 2);
  EXPECT_EQ(title.weight, 3.0);
  EXPECT_EQ(parts.at({"baku", static_cast<int>(Field::lead)}).tf, 1);
  EXPECT_EQ(parts.at({"\"border talks\"", static_cast<int>(Field::lead)}).tf, 1);
  EXPECT_GT(title.contribution, parts.at({"baku", static_cast<int>(Field::lead)}).contribution);
  SearchResults plain = search(ix, "baku \"border talks\" -other");
  EXPECT_TRUE(plain.explain.empty());
  EXPECT_EQ(plain.hits[0].explain_count, 0u);
}
