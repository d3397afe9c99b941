// Search v2, part 1: a word matches its Snowball English stem relatives and its regional name
// variants, never in author names and not when written `=word`; the word itself ranks first, then
// name variants, then stem relatives, then prefix and fuzzy expansions.
#include "test_corpus.hpp"

#include "../../core/src/search/name_variants.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <sstream>

using namespace caci;
using namespace caci_test;

namespace {

using Ids = std::vector<uint64_t>;

// One article per lead sentence, ids 1, 2, ... in order; every article has the same length
// (padding words), so that ranks differ only by which form of a word matched.
struct Corpus {
  ArticleStore store;
  Index index;
  explicit Corpus(const std::vector<std::string> &leads, const IndexOptions &o = {},
                  const std::vector<std::string> &authors = {})
      : index(o) {
    for (size_t i = 0; i < leads.size(); ++i) {
      ArticleSpec a;
      a.id = i + 1;
      a.title = "Report";
      a.lead = {leads[i]};
      if (i < authors.size()) a.authors = {authors[i]};
      append_article(store, a);
    }
    for (const auto &x : store.articles) EXPECT_EQ(index.add_article(store, x), Status::ok);
  }
  SearchResults run(std::string_view q) {
    SearchOptions o;
    o.limit = 1000;
    SearchResults r;
    QueryError e;
    EXPECT_EQ(index.search(q, o, r, &e), Status::ok) << q << ": " << e.message;
    return r;
  }
  Ids ids(std::string_view q) {
    Ids out;
    for (const auto &h : run(q).hits) out.push_back(index.store().articles[h.article].id);
    return out;
  }
  Ids sorted_ids(std::string_view q) {
    Ids out = ids(q);
    std::sort(out.begin(), out.end());
    return out;
  }
};

TEST(Stemming, InflectedFormsMatchEachOther) {
  Corpus c({"talks on negotiations opened", "the negotiation failed", "they negotiated again",
            "negotiating is hard", "a negotiator arrived", "nothing relevant here"});
  for (const char *q : {"negotiations", "negotiation", "negotiated", "negotiating", "negotiator"})
    EXPECT_EQ(c.sorted_ids(q), (Ids{1, 2, 3, 4, 5})) << q;
  // The word itself first.
  EXPECT_EQ(c.ids("negotiated").front(), 3u);
  EXPECT_EQ(c.ids("negotiator").front(), 5u);
}

TEST(Stemming, IrregularAndReplacedEndings) {
  // Forms whose stem is not a prefix of every form: y/i (country, countries), -ing after e
  // (hope, hoping), -bility (capable, capability), and Snowball's exceptions (dying, lying,
  // skies).
  Corpus c({"one country", "two countries", "we hope", "hoping for more", "hoped", "capable army",
            "military capability", "the soldier was dying", "he died", "clear skies", "blue sky",
            "lying", "a lie"});
  EXPECT_EQ(c.sorted_ids("country"), (Ids{1, 2}));
  EXPECT_EQ(c.sorted_ids("countries"), (Ids{1, 2}));
  EXPECT_EQ(c.sorted_ids("hoping"), (Ids{3, 4, 5}));
  EXPECT_EQ(c.sorted_ids("capability"), (Ids{6, 7}));
  EXPECT_EQ(c.sorted_ids("die"), (Ids{8, 9}));
  EXPECT_EQ(c.sorted_ids("dying"), (Ids{8, 9}));
  EXPECT_EQ(c.sorted_ids("sky"), (Ids{10, 11}));
  EXPECT_EQ(c.sorted_ids("skies"), (Ids{10, 11}));
  EXPECT_EQ(c.sorted_ids("lying"), (Ids{12, 13}));
}

TEST(Stemming, ExactFormsOnlyWithEquals) {
  Corpus c({"negotiations opened", "the negotiation failed", "new negotiations on talks"});
  EXPECT_EQ(c.sorted_ids("=negotiations"), (Ids{1, 3}));
  EXPECT_EQ(c.sorted_ids("=negotiation"), (Ids{2}));
  EXPECT_EQ(c.sorted_ids("=\"negotiation failed\""), (Ids{2}));
  EXPECT_EQ(c.sorted_ids("=\"negotiations failed\""), (Ids{}));
  EXPECT_EQ(c.sorted_ids("\"negotiations failed\""), (Ids{2}));  // any form per position
  EXPECT_EQ(c.sorted_ids("lead:=negotiation"), (Ids{2}));
  EXPECT_EQ(c.sorted_ids("=negotiation OR =opened"), (Ids{1, 2}));
}

TEST(Stemming, PhrasesAndNearMatchAnyForm) {
  Corpus c({"the border talk ended", "border talks resumed", "bordering talks",
            "talks at the border", "talked about the borders"});
  EXPECT_EQ(c.sorted_ids("\"border talks\""), (Ids{1, 2, 3}));
  EXPECT_EQ(c.ids("\"border talks\"").front(), 2u);  // both words exact
  EXPECT_EQ(c.sorted_ids("border NEAR/2 talks"), (Ids{1, 2, 3, 4, 5}));
  EXPECT_EQ(c.sorted_ids("=border NEAR/2 =talks"), (Ids{2, 4}));
}

TEST(Stemming, AuthorNamesAreNeverStemmed) {
  Corpus c({"a report", "another report", "the waters rose"}, {},
           {"John Waters", "John Water", "Ann Smith"});
  EXPECT_EQ(c.sorted_ids("author:water"), (Ids{2}));
  EXPECT_EQ(c.sorted_ids("author:waters"), (Ids{1}));
  EXPECT_EQ(c.sorted_ids("water"), (Ids{2, 3}));  // text is stemmed, names are not
}

TEST(Stemming, OffByOption) {
  IndexOptions o;
  o.stemming = false;
  Corpus c({"negotiations opened", "the negotiation failed"}, o);
  EXPECT_EQ(c.sorted_ids("negotiation"), (Ids{2}));
}

TEST(Stemming, NonEnglishTokensAreLeftAlone) {
  Corpus c({"in 1990s", "in 1990", "\u0430\u0441\u0442\u0430\u043d\u0430", "abc123 x"});
  EXPECT_EQ(c.sorted_ids("1990s"), (Ids{1}));
  EXPECT_EQ(c.sorted_ids("1990"), (Ids{2}));
  EXPECT_EQ(c.sorted_ids("\u0430\u0441\u0442\u0430\u043d\u0430"), (Ids{3}));
  EXPECT_EQ(c.sorted_ids("abc123"), (Ids{4}));
}

TEST(ExactFirst, WordOverVariantOverStemOverPrefixAndFuzzy) {
  // Same length, same count: only the matched form differs.
  Corpus c({"kazakhs pad pad", "kazakh pad pad", "kazak pad pad", "kazakhstans pad pad",
            "kazakha pad pad"});
  // kazakh: 2 exact, 3 name variant (Kazak), 1 stem relative (kazakhs).
  EXPECT_EQ(c.ids("kazakh"), (Ids{2, 3, 1}));
  // Prefix: the prefix word itself first, longer words after (in archive order).
  EXPECT_EQ(c.ids("kazakh*"), (Ids{2, 1, 4, 5}));
  // Fuzzy: the word itself, then the words one edit away (kazakhs, kazak, kazakha).
  EXPECT_EQ(c.ids("kazakh~1"), (Ids{2, 1, 3, 5}));
  EXPECT_EQ(c.ids("kazakhs~2").front(), 1u);
}

TEST(ExactFirst, StemBelowWordAndPrefixBelowStem) {
  Corpus c({"economies pad", "economy pad", "economically pad", "economist pad"});
  const Ids r = c.ids("economy");
  ASSERT_EQ(r.size(), 2u);  // economy and economies share the stem "economi"
  EXPECT_EQ(r[0], 2u);
  EXPECT_EQ(r[1], 1u);
  SearchResults res = c.run("economy OR econom*");
  ASSERT_EQ(res.hits.size(), 4u);
  // economy (word + prefix) > economies (stem + prefix) > the prefix-only matches.
  EXPECT_EQ(c.index.store().articles[res.hits[0].article].id, 2u);
  EXPECT_EQ(c.index.store().articles[res.hits[1].article].id, 1u);
}

// The guarantee of issue 14 item 2 over a generated corpus: every article containing a query word
// is a hit, and, at equal length and count, the word itself outranks a variant.
TEST(ExactFirst, EveryExactMatchIsAHitAndRanksAboveVariantOnly) {
  std::vector<std::string> vocab;
  ArticleStore store = make_corpus(11, 800, &vocab);
  Index index = build_index(store);
  SearchOptions o;
  o.limit = 1u << 20;
  o.snippets = false;
  size_t checked = 0;
  for (size_t w = 0; w < 60 && w < vocab.size(); ++w) {
    const std::string &word = vocab[w];
    SearchResults exact, all;
    ASSERT_EQ(index.search("=" + word, o, exact, nullptr), Status::ok);
    ASSERT_EQ(index.search(word, o, all, nullptr), Status::ok);
    std::vector<uint32_t> hits;
    for (const Hit &h : all.hits) hits.push_back(h.article);
    std::sort(hits.begin(), hits.end());
    for (const Hit &h : exact.hits) {
      EXPECT_TRUE(std::binary_search(hits.begin(), hits.end(), h.article)) << word;
      ++checked;
    }
  }
  EXPECT_GT(checked, 100u);
  // All else equal: two articles of equal length, one with the word, one with its plural.
  Corpus c({"sanction pad pad pad", "sanctions pad pad pad"});
  EXPECT_EQ(c.ids("sanctions"), (Ids{2, 1}));
  EXPECT_EQ(c.ids("sanction"), (Ids{1, 2}));
}

TEST(NameVariants, SpellingsMatchEachOther) {
  Corpus c({"visit to Kazakstan", "visit to Kazakhstan", "trip to Alma-Ata", "trip to Almaty",
            "the Kyrgyz Republic", "in Kirghizia", "Kyrgyzstan today", "from Frunze", "in Bishkek",
            "T\u00fcrkiye and Turkey", "Tiflis", "Tbilisi"});
  EXPECT_EQ(c.sorted_ids("kazakhstan"), (Ids{1, 2}));
  EXPECT_EQ(c.sorted_ids("Kazakstan"), (Ids{1, 2}));
  EXPECT_EQ(c.ids("kazakhstan").front(), 2u);  // the spelling asked for first
  EXPECT_EQ(c.sorted_ids("almaty"), (Ids{3, 4}));
  EXPECT_EQ(c.sorted_ids("Alma-Ata"), (Ids{3, 4}));
  EXPECT_EQ(c.ids("almaty").front(), 4u);
  EXPECT_EQ(c.sorted_ids("kyrgyzstan"), (Ids{5, 6, 7}));
  EXPECT_EQ(c.sorted_ids("\"kyrgyz republic\""), (Ids{5, 6, 7}));
  EXPECT_EQ(c.sorted_ids("kirghizia"), (Ids{5, 6, 7}));
  EXPECT_EQ(c.sorted_ids("bishkek"), (Ids{8, 9}));
  EXPECT_EQ(c.sorted_ids("turkiye"), (Ids{10}));
  EXPECT_EQ(c.sorted_ids("tiflis"), (Ids{11, 12}));
  // Per word off with =, and in NEAR operands the one-word spellings still apply.
  EXPECT_EQ(c.sorted_ids("=kazakstan"), (Ids{1}));
  EXPECT_EQ(c.sorted_ids("=\"alma ata\""), (Ids{3}));
  EXPECT_EQ(c.sorted_ids("visit NEAR/2 kazakstan"), (Ids{1, 2}));
}

TEST(NameVariants, NeverInAuthorNamesAndOffByOption) {
  Corpus c({"a report", "Frunze street"}, {}, {"Mikhail Frunze", "Ann Smith"});
  EXPECT_EQ(c.sorted_ids("author:bishkek"), (Ids{}));
  EXPECT_EQ(c.sorted_ids("bishkek"), (Ids{2}));
  IndexOptions o;
  o.name_variants = false;
  Corpus off({"visit to Kazakstan", "visit to Kazakhstan", "Alma-Ata"}, o);
  EXPECT_EQ(off.sorted_ids("kazakhstan"), (Ids{2}));
  EXPECT_EQ(off.sorted_ids("almaty"), (Ids{}));
}

TEST(NameVariants, HighlightsCoverTheVariantsFound) {
  Corpus c({"visit to Kazakstan"});
  SearchResults r = c.run("kazakhstan");
  ASSERT_EQ(r.hits.size(), 1u);
  ASSERT_EQ(r.hits[0].highlight_count, 1u);
  const Highlight &h = r.highlights[r.hits[0].highlight_begin];
  const Article &a = c.index.store().articles[r.hits[0].article];
  EXPECT_EQ(c.index.store().body_text(a.text).substr(h.start, h.end - h.start), "Kazakstan");
}

// QUERY.md documents the table: every group is listed there, spelled as in name_variants.hpp.
TEST(NameVariants, DocumentedInQueryMd) {
  std::ifstream in(std::string(CACI_SOURCE_DIR) + "/core/src/search/QUERY.md");
  ASSERT_TRUE(in) << "QUERY.md";
  std::stringstream ss;
  ss << in.rdbuf();
  const std::string doc = ss.str();
  size_t groups = 0;
  for (const auto &g : detail::kNameVariants) {
    std::string line;
    for (std::string_view s : g.spellings)
      if (!s.empty()) line += (line.empty() ? "" : ", ") + std::string(s);
    EXPECT_NE(doc.find("| " + line + " |"), std::string::npos) << "missing in QUERY.md: " << line;
    ++groups;
  }
  EXPECT_GE(groups, 30u);
}

}  // namespace
