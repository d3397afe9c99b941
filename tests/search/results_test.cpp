// Ranking, ordering, paging, facets, snippets and highlights, and malformed queries.
#include "reference_model.hpp"

#include "../../core/src/index/people.hpp"  // author_key: the facet counts people
#include "caci/core/gazetteer.hpp"

#include <gtest/gtest.h>

#include <map>
#include <set>

using namespace caci;
using namespace caci_test;

namespace {

struct Corpus {
  std::vector<std::string> vocab;
  ArticleStore store;
  Index index;
  Corpus() {
    store = make_corpus(77, 1500, &vocab);
    index = build_index(store);
  }
};

Corpus &corpus() {
  static Corpus c;
  return c;
}

SearchResults search(const Index &ix, std::string_view q, SearchOptions o = {}) {
  SearchResults r;
  QueryError e;
  EXPECT_EQ(ix.search(q, o, r, &e), Status::ok) << q << ": " << e.message;
  return r;
}

TEST(Ranking, TitleMatchRanksAboveBioMatch) {
  ArticleStore s;
  ArticleSpec bio;
  bio.id = 1;
  bio.title = "Regional trade deals";
  bio.lead = {"Trade grew again."};
  bio.bio = {"The author studies Gazprom."};
  append_article(s, bio);
  ArticleSpec title;
  title.id = 2;
  title.title = "Gazprom and Europe";
  title.lead = {"Trade grew again."};
  append_article(s, title);
  ArticleSpec lead;
  lead.id = 3;
  lead.title = "Energy prices rise";
  lead.lead = {"Gazprom raised prices."};
  append_article(s, lead);
  Index ix = build_index(s);
  SearchResults r = search(ix, "gazprom");
  ASSERT_EQ(r.hits.size(), 3u);
  EXPECT_EQ(ix.store().articles[r.hits[0].article].id, 2u);
  EXPECT_EQ(ix.store().articles[r.hits[1].article].id, 3u);
  EXPECT_EQ(ix.store().articles[r.hits[2].article].id, 1u);
  EXPECT_GT(r.hits[0].score, r.hits[1].score);
  EXPECT_GT(r.hits[1].score, r.hits[2].score);
}

TEST(Ranking, RarerTermsWeighMoreAndTiesKeepArticleOrder) {
  ArticleStore s;
  for (uint64_t i = 0; i < 6; ++i) {
    ArticleSpec a;
    a.id = 10 + i;
    a.title = "Common words here";
    a.lead = {i == 4 ? "A rare sighting." : "Nothing special."};
    append_article(s, a);
  }
  Index ix = build_index(s);
  SearchResults r = search(ix, "common OR rare");
  ASSERT_EQ(r.hits.size(), 6u);
  EXPECT_EQ(ix.store().articles[r.hits[0].article].id, 14u);
  for (size_t i = 2; i < r.hits.size(); ++i) {
    EXPECT_EQ(r.hits[i].score, r.hits[1].score);
    EXPECT_LT(r.hits[i - 1].article, r.hits[i].article);  // stable tie-break
  }
}

TEST(Ranking, ParametersChangeScores) {
  ArticleStore s = make_corpus(3, 200);
  IndexOptions o;
  o.k1 = 2.0f;
  o.b = 0.0f;
  Index a = build_index(s), b = build_index(s, o);
  SearchResults ra = search(a, "turkiye"), rb = search(b, "turkiye");
  ASSERT_FALSE(ra.hits.empty());
  EXPECT_EQ(ra.total, rb.total);
  EXPECT_NE(ra.hits[0].score, rb.hits[0].score);
}

TEST(Results, PagingIsConsistent) {
  Corpus &c = corpus();
  SearchOptions all;
  all.limit = 1000000;
  all.snippets = false;
  SearchResults full = search(c.index, c.vocab[0], all);
  ASSERT_GT(full.total, 40u);
  EXPECT_EQ(full.hits.size(), full.total);
  for (uint32_t off : {0u, 7u, 20u, static_cast<uint32_t>(full.total - 3),
                       static_cast<uint32_t>(full.total + 5)}) {
    SearchOptions o;
    o.offset = off;
    o.limit = 10;
    SearchResults page = search(c.index, c.vocab[0], o);
    EXPECT_EQ(page.total, full.total);
    for (size_t i = 0; i < page.hits.size(); ++i)
      EXPECT_EQ(page.hits[i].article, full.hits[off + i].article);
    EXPECT_EQ(page.hits.size(), off >= full.total ? 0u : std::min<size_t>(10, full.total - off));
  }
  for (size_t i = 1; i < full.hits.size(); ++i)
    EXPECT_GE(full.hits[i - 1].score, full.hits[i].score);
}

TEST(Results, DateOrders) {
  Corpus &c = corpus();
  for (SortOrder order : {SortOrder::date_desc, SortOrder::date_asc}) {
    SearchOptions o;
    o.limit = 100000;
    o.sort = order;
    o.snippets = false;
    SearchResults r = search(c.index, "", o);
    ASSERT_EQ(r.total, c.store.articles.size());
    bool seen_undated = false;
    for (size_t i = 1; i < r.hits.size(); ++i) {
      uint32_t a = ref_key(c.index.store().articles[r.hits[i - 1].article].date);
      uint32_t b = ref_key(c.index.store().articles[r.hits[i].article].date);
      if (!b) {
        seen_undated = true;
        continue;
      }
      ASSERT_NE(a, 0u) << "undated articles come last";
      if (order == SortOrder::date_desc) {
        EXPECT_GE(a, b);
      } else {
        EXPECT_LE(a, b);
      }
    }
    EXPECT_TRUE(seen_undated);
  }
}

TEST(Results, FacetsEqualBruteForceCounts) {
  Corpus &c = corpus();
  for (std::string q : {c.vocab[1], std::string("turkiye OR baku"), std::string(""),
                        std::string("-") + c.vocab[0]}) {
    SearchOptions o;
    o.facets = true;
    o.limit = 3;
    SearchResults r = search(c.index, q, o);
    SearchOptions all;
    all.limit = 1000000;
    all.snippets = false;
    SearchResults hits = search(c.index, q, all);
    std::map<std::string, uint64_t> want[kFacetKindCount];
    const ArticleStore &s = c.index.store();
    // People: articles per person (author_key), shown under the person's most frequent spelling
    // among the hits (ties: the alphabetically first).
    std::map<std::string, uint64_t> articles_of;
    std::map<std::string, std::map<std::string, uint64_t>> spellings_of;
    for (const Hit &h : hits.hits) {
      const Article &a = s.articles[h.article];
      std::set<std::string> people;
      for (uint32_t i = 0; i < a.authors.count; ++i) {
        const std::string name(s.meta_text(s.authors[a.authors.begin + i].name));
        const std::string key = detail::author_key(name);
        ++spellings_of[key][name];
        people.insert(key);
      }
      for (const std::string &k : people) ++articles_of[k];
      int ids[kCountryCount];
      const int n = article_countries(s, a, ids);
      for (int i = 0; i < n; ++i) ++want[4][country_name(ids[i])];
      if (a.date.year > 0) ++want[1][std::to_string(a.date.year)];
      ++want[2][kind_name(a.kind)];
      if (a.category != Category::none) ++want[3][category_name(a.category)];
    }
    for (const auto &p : articles_of) {
      const auto &sp = spellings_of[p.first];
      auto best = sp.begin();
      for (auto it = sp.begin(); it != sp.end(); ++it)
        if (it->second > best->second) best = it;
      want[0][best->first] = p.second;
    }
    for (int f = 0; f < kFacetKindCount; ++f) {
      std::map<std::string, uint64_t> got;
      for (const FacetValue &v : r.facets[f]) got[v.value] = v.count;
      EXPECT_EQ(got, want[f]) << q << " facet " << f;
      for (size_t i = 1; i < r.facets[f].size(); ++i) {
        const FacetValue &x = r.facets[f][i - 1], &y = r.facets[f][i];
        EXPECT_TRUE(x.count > y.count || (x.count == y.count && x.value < y.value));
      }
    }
  }
  SearchResults none = search(c.index, "turkiye");
  for (const auto &f : none.facets) EXPECT_TRUE(f.empty());  // not requested
}

// Every highlight is inside the snippet and covers a token whose term matches the query.
void check_highlights(const Index &ix, const SearchResults &r,
                      const std::vector<std::string> &terms, bool prefix, uint32_t snippet_bytes) {
  for (const Hit &h : r.hits) {
    const Article &a = ix.store().articles[h.article];
    std::string_view text = ix.store().body_text(a.text);
    ASSERT_LE(h.snippet_start, h.snippet_end);
    ASSERT_LE(h.snippet_end, text.size());
    EXPECT_LE(h.snippet_end - h.snippet_start, snippet_bytes + 64);
    // Snippet boundaries sit on UTF-8 character boundaries.
    if (h.snippet_start < text.size()) {
      EXPECT_NE(static_cast<unsigned char>(text[h.snippet_start]) & 0xc0, 0x80u);
    }
    if (h.snippet_end < text.size()) {
      EXPECT_NE(static_cast<unsigned char>(text[h.snippet_end]) & 0xc0, 0x80u);
    }
    for (uint32_t k = 0; k < h.highlight_count; ++k) {
      const Highlight &hl = r.highlights[h.highlight_begin + k];
      ASSERT_GE(hl.start, h.snippet_start);
      ASSERT_LE(hl.end, h.snippet_end);
      std::vector<Token> toks;
      tokenize(text.substr(hl.start, hl.end - hl.start), toks);
      ASSERT_EQ(toks.size(), 1u) << text.substr(hl.start, hl.end - hl.start);
      EXPECT_EQ(toks[0].start, 0u);
      EXPECT_EQ(toks[0].end, hl.end - hl.start);
      bool ok = false;
      for (const std::string &t : terms)
        ok = ok || (prefix ? toks[0].term.compare(0, t.size(), t) == 0 : toks[0].term == t);
      EXPECT_TRUE(ok) << toks[0].term;
    }
  }
}

TEST(Snippets, HighlightsPointAtMatchedWords) {
  Corpus &c = corpus();
  SearchOptions o;
  o.limit = 50;
  SearchResults r = search(c.index, "T\u00fcrkiye", o);
  ASSERT_GT(r.hits.size(), 10u);
  check_highlights(c.index, r, {"turkiye"}, false, o.snippet_bytes);
  size_t with = 0, non_ascii = 0;
  for (const Hit &h : r.hits) {
    with += h.highlight_count > 0;
    std::string_view text = c.index.store().body_text(c.index.store().articles[h.article].text);
    for (uint32_t k = 0; k < h.highlight_count; ++k) {
      const Highlight &hl = r.highlights[h.highlight_begin + k];
      for (size_t i = hl.start; i < hl.end; ++i)
        non_ascii += static_cast<unsigned char>(text[i]) >= 0x80;
    }
  }
  EXPECT_GE(with, r.hits.size() * 9 / 10);  // author-only matches have nothing to highlight
  EXPECT_GT(non_ascii, 0u);  // "T\u00fcrkiye" and the NFD spelling are highlighted too

  r = search(c.index, "swan* OR strass*", o);
  check_highlights(c.index, r, {"swan", "strass"}, true, o.snippet_bytes);
  r = search(c.index, c.vocab[2] + " " + c.vocab[3], o);
  check_highlights(c.index, r, {c.vocab[2], c.vocab[3]}, false, o.snippet_bytes);
}

TEST(Snippets, WindowHoldsTheMatchAndRespectsSize) {
  ArticleStore s;
  ArticleSpec a;
  a.id = 1;
  a.title = "A title";
  std::string filler;
  for (int i = 0; i < 80; ++i) filler += "word" + std::to_string(i) + " ";
  a.lead = {filler + "the needle \u015eu\u015fa is here " + filler};
  append_article(s, a);
  Index ix = build_index(s);
  for (uint32_t size : {40u, 120u, 400u}) {
    SearchOptions o;
    o.snippet_bytes = size;
    SearchResults r = search(ix, "susa", o);
    ASSERT_EQ(r.hits.size(), 1u);
    const Hit &h = r.hits[0];
    std::string_view text = ix.store().body_text(ix.store().articles[0].text);
    std::string_view snip = text.substr(h.snippet_start, h.snippet_end - h.snippet_start);
    EXPECT_NE(snip.find("\u015eu\u015fa"), std::string_view::npos) << snip;
    EXPECT_LE(snip.size(), size);
    EXPECT_GE(snip.size(), size / 2);
    ASSERT_EQ(h.highlight_count, 1u);
    const Highlight &hl = r.highlights[h.highlight_begin];
    EXPECT_EQ(text.substr(hl.start, hl.end - hl.start), "\u015eu\u015fa");
    // Cut on word boundaries: the snippet starts and ends at a whole word.
    EXPECT_NE(snip.front(), ' ');
    EXPECT_TRUE(h.snippet_start == 0 || text[h.snippet_start - 1] == ' ' ||
                text[h.snippet_start - 1] == '\n');
    EXPECT_TRUE(h.snippet_end == text.size() || text[h.snippet_end] == ' ' ||
                text[h.snippet_end] == '\n');
  }
  SearchOptions off;
  off.snippets = false;
  SearchResults r = search(ix, "susa", off);
  EXPECT_EQ(r.hits[0].highlight_count, 0u);
  EXPECT_TRUE(r.highlights.empty());
}

TEST(Snippets, PreferWindowsWithMoreDistinctTerms) {
  ArticleStore s;
  ArticleSpec a;
  a.id = 1;
  std::string early;
  for (int i = 0; i < 30; ++i) early += "alpha ";
  std::string filler;
  for (int i = 0; i < 60; ++i) filler += "filler" + std::to_string(i) + " ";
  a.lead = {early + filler + "then alpha meets beta here " + filler};
  append_article(s, a);
  Index ix = build_index(s);
  SearchOptions o;
  o.snippet_bytes = 100;
  SearchResults r = search(ix, "alpha beta", o);
  ASSERT_EQ(r.hits.size(), 1u);
  std::string_view text = ix.store().body_text(ix.store().articles[0].text);
  std::string_view snip =
      text.substr(r.hits[0].snippet_start, r.hits[0].snippet_end - r.hits[0].snippet_start);
  EXPECT_NE(snip.find("alpha meets beta"), std::string_view::npos) << snip;
}

TEST(Snippets, NegatedTermsAreNotHighlighted) {
  Corpus &c = corpus();
  SearchOptions o;
  o.limit = 20;
  SearchResults r = search(c.index, c.vocab[0] + " -turkiye", o);
  check_highlights(c.index, r, {c.vocab[0]}, false, o.snippet_bytes);
}

struct Bad {
  std::string query;
  uint32_t offset;
};

TEST(Query, MalformedQueriesGiveEqueryWithOffset) {
  Corpus &c = corpus();
  const std::vector<Bad> bad = {
      {"(a b", 0},
      {"a b)", 3},
      {"a (b", 2},
      {"\"a b", 0},
      {"x \"a b", 2},
      {"a NEAR/x b", 2},
      {"a NEAR/ b", 2},
      {"a NEAR/99 b", 2},
      {"year:abc", 5},
      {"year:20x3", 5},
      {"date:2003-13", 5},
      {"date:2004..2003", 5},
      {"a~3", 1},
      {"~3", 0},
      {"OR", 0},
      {"a OR", 2},
      {"OR a", 0},
      {"a AND", 2},
      {"NOT", 0},
      {"a NOT", 2},
      {"()", 0},
      {"*", 0},
      {"kind:essay", 5},
      {"category:sports", 9},
      {"title:", 0},
      {"autor:x", 0},
      {"a NEAR/3 (b OR c)", 2},
      {"(a OR b) NEAR/2 c", 9},
      {"year:", 0},
      {"o'bri~1", 0},
      {"a NEAR/2 kind:article", 2},
  };
  for (const Bad &b : bad) {
    SearchResults r;
    QueryError e;
    EXPECT_EQ(c.index.search(b.query, SearchOptions{}, r, &e), Status::equery) << b.query;
    EXPECT_EQ(e.offset, b.offset) << b.query << ": " << e.message;
    EXPECT_FALSE(e.message.empty());
    EXPECT_LE(e.offset, b.query.size());
  }
  SearchResults r;
  EXPECT_EQ(c.index.search("(", SearchOptions{}, r, nullptr), Status::equery);  // null err is fine
}

TEST(Query, DeepAndHugeQueriesAreBounded) {
  Corpus &c = corpus();
  SearchResults r;
  QueryError e;
  std::string deep = std::string(10000, '(') + "a" + std::string(10000, ')');
  EXPECT_EQ(c.index.search(deep, SearchOptions{}, r, &e), Status::equery);
  EXPECT_NE(e.message.find("deep"), std::string::npos);
  std::string nots;
  for (int i = 0; i < 10000; ++i) nots += "NOT ";
  EXPECT_EQ(c.index.search(nots + "a", SearchOptions{}, r, &e), Status::equery);
  std::string minus = std::string(10000, '-') + "a";
  EXPECT_EQ(c.index.search(minus, SearchOptions{}, r, &e), Status::equery);
  std::string many;
  for (int i = 0; i < 5000; ++i) many += c.vocab[static_cast<size_t>(i) % c.vocab.size()] + " OR ";
  many += "x";
  EXPECT_EQ(c.index.search(many, SearchOptions{}, r, &e), Status::equery);
  EXPECT_NE(e.message.find("many"), std::string::npos);
  std::string ok = std::string(50, '(') + "turkiye" + std::string(50, ')');
  EXPECT_EQ(c.index.search(ok, SearchOptions{}, r, &e), Status::ok) << e.message;
  EXPECT_GT(r.total, 0u);
}

TEST(Query, RandomQueryTextNeverCrashes) {
  // Random mixtures of operators, fields, quotes and words: each query is answered or rejected
  // with an offset inside the query.
  Corpus &c = corpus();
  static const char *parts[] = {
      "(",     ")",         "\"",   "-",  "NOT ",       "OR ",     "AND ",    "NEAR/2 ",
      "NEAR/", "*",         "~",    "~2", "title:",     "author:", "year:",   "date:",
      "kind:", "category:", "2003", "..", "2001..2004", "turkiye", "o'brien", " ",
      " ",     "\u00fc",    "\xff", ":",  "article",    "2003-03"};
  Rng rng(5);
  for (int i = 0; i < 5000; ++i) {
    std::string q;
    uint32_t n = 1 + rng.below(12);
    for (uint32_t k = 0; k < n; ++k) q += parts[rng.below(sizeof parts / sizeof parts[0])];
    SearchOptions o;
    o.facets = rng.chance(20);
    SearchResults r;
    QueryError e;
    Status st = c.index.search(q, o, r, &e);
    ASSERT_TRUE(st == Status::ok || st == Status::equery) << q;
    if (st == Status::equery) {
      EXPECT_LE(e.offset, q.size()) << q;
      EXPECT_FALSE(e.message.empty()) << q;
    }
  }
}

TEST(Query, EdgeCasesAreAccepted) {
  Corpus &c = corpus();
  SearchResults r;
  QueryError e;
  for (std::string q :
       {"  ", "a & b", ",", "- a", "\"\"", "or and not", "a AND b", "title:\"o brien\"",
        "year:..2004", "date:2003-03-17..", "KIND:Article", "category:field_reports", "near/3",
        "a~", "a~1", "(a) (b)", "\xff\xfe", "title:(a OR -b)"}) {
    EXPECT_EQ(c.index.search(q, SearchOptions{}, r, &e), Status::ok) << q << ": " << e.message;
  }
  // An empty query (or one with nothing searchable) returns every article.
  EXPECT_EQ(c.index.search("  ", SearchOptions{}, r, &e), Status::ok);
  EXPECT_EQ(r.total, c.index.size());
  EXPECT_EQ(c.index.search("\"\"", SearchOptions{}, r, &e), Status::ok);
  EXPECT_EQ(r.total, c.index.size());
}

}  // namespace
