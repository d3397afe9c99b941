// The index must return exactly the hit sets of a brute-force scan that evaluates each query by
// definition over the tokenized fields, for fixed queries of every kind and for random ones.
#include "reference_model.hpp"

#include <gtest/gtest.h>

using namespace caci;
using namespace caci_test;

namespace {

struct Fixture {
  std::vector<std::string> vocab;
  ArticleStore store;
  Index index;
  std::vector<RefDoc> ref;
  Fixture() {
    store = make_corpus(42, 2500, &vocab);
    index = build_index(store);
    // Remove a few so tombstones are covered too.
    for (size_t i = 0; i < store.articles.size(); i += 97) index.remove(store.articles[i].id);
    ref = reference_docs(index.store());
  }
};

Fixture &fixture() {
  static Fixture f;
  return f;
}

std::vector<uint64_t> index_ids(const Index &ix, const std::string &q, uint64_t *total = nullptr) {
  SearchOptions o;
  o.limit = 1u << 30;
  o.snippets = false;
  SearchResults r;
  QueryError e;
  Status st = ix.search(q, o, r, &e);
  EXPECT_EQ(st, Status::ok) << q << " -> " << e.message << " at " << e.offset;
  std::vector<uint64_t> out;
  for (const Hit &h : r.hits) out.push_back(ix.store().articles[h.article].id);
  if (total) *total = r.total;
  std::sort(out.begin(), out.end());
  return out;
}

void check(const Q &q) {
  Fixture &f = fixture();
  std::string text = render(q);
  uint64_t total = 0;
  std::vector<uint64_t> got = index_ids(f.index, text, &total);
  std::vector<uint64_t> want = ref_ids(q, f.ref);
  EXPECT_EQ(got.size(), want.size()) << text;
  EXPECT_EQ(total, want.size()) << text;
  EXPECT_TRUE(got == want) << text;
}

std::vector<Q> fixed_queries() {
  using F = Field;
  auto fi = [](F f) { return static_cast<int>(f); };
  const auto &v = fixture().vocab;
  return {
      W(v[0]),
      W(v[1]),
      W(v[7]),
      W("T\u00fcrkiye"),
      W("turkiye"),
      W("TURKIYE"),
      W("Tu\u0308rkiye"),
      W("Agdam"),
      W("A\u011fdam"),
      W("\u015eu\u015fa"),
      W("susa"),
      W("Swanstrom"),
      W("swanstr\u00f6m"),
      W("Stra\u00dfe"),
      W("STRASSE"),
      W("O'Brien"),
      W("o\u2019brien"),
      W("brien"),
      W("Ul-Haq"),
      W("haq"),
      W("North-South"),
      W("\u00e7ali\u015fkan"),
      W("\u0430\u0441\u0442\u0430\u043d\u0430"),
      W("2003"),
      W("nato"),
      And({W(v[0]), W(v[1])}),
      And({W(v[2]), W(v[3]), W(v[4])}),
      Or({W(v[0]), W(v[5])}),
      Or({W("baku"), W("tbilisi"), W("gazprom")}),
      And({W(v[0]), Not(W(v[1]))}),
      Not(W(v[0])),
      And({Not(W(v[0])), Not(W(v[1]))}),
      Or({And({W(v[0]), W(v[1])}), Not(W(v[2]))}),
      P(v[0] + " " + v[1]),
      P("T\u00fcrkiye " + v[3]),
      P("north south"),
      P("o brien"),
      P(v[2] + " " + v[2]),
      Pre(v[0].substr(0, 2)),
      Pre("tur"),
      Pre("strass"),
      Pre("swan"),
      Pre(v[10].substr(0, 3), fi(F::title)),
      Fz(v[0], 1),
      Fz(v[5], 2),
      Fz("turkie", 1),
      Fz("tbilsi", 1),
      Fz("gazpromm", 2),
      Fz("swanstron", 1),
      Near(W(v[0]), W(v[1]), 3),
      Near(W(v[0]), W(v[1]), 0),
      Near(W("baku"), W("tbilisi"), 10),
      Near(P(v[0] + " " + v[1]), W(v[2]), 5),
      Near(Near(W(v[0]), W(v[1]), 2), W(v[3]), 4),
      Near(Pre("tur"), W("baku"), 8),
      W("cornell", fi(F::authors)),
      P("svante e cornell", fi(F::authors)),
      W("O'Brien", fi(F::authors)),
      Pre("ul", fi(F::authors)),
      W(v[0], fi(F::title)),
      W(v[0], fi(F::lead)),
      W(v[0], fi(F::sections)),
      W(v[0], fi(F::bio)),
      P(v[0] + " " + v[1], fi(F::sections)),
      W("Turkiye", fi(F::bio)),
      Year("2003", "2003"),
      Year("2001", "2004"),
      Year("", "2000"),
      Year("2020", ""),
      DateR("2003-01", "2003-06"),
      DateR("2003-03-17", "2003-03-17"),
      DateR("", "2004"),
      DateR("2010-05", ""),
      DateR("2003-03", "2003-03"),
      Kind(0),
      Kind(1),
      Kind(3),
      Cat(1),
      Cat(2),
      Cat(3),
      And({W(v[0]), Year("2005", "2010"), Kind(0)}),
      And({Or({Cat(1), Cat(2)}), W("turkiye")}),
      And({Not(Year("1999", "2010")), W(v[1])}),
  };
}

TEST(Reference, FixedQueries) {
  auto qs = fixed_queries();
  ASSERT_GE(qs.size(), 50u);
  for (const Q &q : qs) check(q);
}

TEST(Reference, FixedQueriesMatchSomething) {
  // Guards the reference itself: most fixed queries must have hits, or the comparison is vacuous.
  Fixture &f = fixture();
  size_t nonempty = 0;
  auto qs = fixed_queries();
  for (const Q &q : qs) nonempty += !ref_ids(q, f.ref).empty();
  EXPECT_GE(nonempty, qs.size() * 8 / 10);
}

struct QueryGen {
  Rng rng;
  const std::vector<std::string> &vocab;
  const ArticleStore &store;
  explicit QueryGen(uint64_t seed, const std::vector<std::string> &v, const ArticleStore &s)
      : rng(seed), vocab(v), store(s) {}

  std::string word() {
    uint32_t r = rng.below(10);
    if (r < 6) return vocab[rng.below(r < 4 ? 40 : static_cast<uint32_t>(vocab.size()))];
    if (r < 8) return special_words()[rng.below(static_cast<uint32_t>(special_words().size()))];
    const auto &names = author_names();
    std::vector<Token> toks;
    tokenize(names[rng.below(static_cast<uint32_t>(names.size()))], toks);
    return toks[rng.below(static_cast<uint32_t>(toks.size()))].term;
  }
  // A phrase taken from an article so that it usually matches.
  std::string phrase() {
    const Article &a = store.articles[rng.below(static_cast<uint32_t>(store.articles.size()))];
    std::string_view text = store.body_text(a.text);
    std::vector<Token> toks;
    tokenize(text, toks);
    if (toks.size() < 3) return word() + " " + word();
    uint32_t n = 2 + rng.below(2);
    uint32_t at = rng.below(static_cast<uint32_t>(toks.size() - n));
    return std::string(text.substr(toks[at].start, toks[at + n - 1].end - toks[at].start));
  }
  int field() { return rng.chance(25) ? static_cast<int>(rng.below(5)) : -1; }
  Q leaf() {
    uint32_t r = rng.below(10);
    if (r < 5) return W(word(), field());
    if (r < 7) return P(phrase(), field());
    if (r < 8) {
      std::string w = vocab[rng.below(static_cast<uint32_t>(vocab.size()))];
      return Pre(w.substr(0, 1 + rng.below(static_cast<uint32_t>(w.size()))), field());
    }
    std::string w = vocab[rng.below(static_cast<uint32_t>(vocab.size()))];
    int edits = 1 + static_cast<int>(rng.below(2));
    for (int e = 0; e < edits && w.size() > 2; ++e) {
      uint32_t at = rng.below(static_cast<uint32_t>(w.size()));
      switch (rng.below(3)) {
      case 0: w[at] = static_cast<char>('a' + rng.below(26)); break;
      case 1: w.erase(at, 1); break;
      default: w.insert(at, 1, static_cast<char>('a' + rng.below(26))); break;
      }
    }
    return Fz(w, edits);
  }
  Q meta() {
    switch (rng.below(4)) {
    case 0: {
      int a = 1999 + static_cast<int>(rng.below(27)), b = a + static_cast<int>(rng.below(5));
      return rng.chance(30) ? Year(std::to_string(a), std::to_string(a))
                            : Year(rng.chance(20) ? "" : std::to_string(a), std::to_string(b));
    }
    case 1: {
      int y = 1999 + static_cast<int>(rng.below(27)), m = 1 + static_cast<int>(rng.below(12));
      char lo[32], hi[32];
      std::snprintf(lo, sizeof lo, "%d-%02d", y, m);
      std::snprintf(hi, sizeof hi, "%d-%02d-%02d", y + static_cast<int>(rng.below(2)),
                    1 + static_cast<int>(rng.below(12)), 1 + static_cast<int>(rng.below(28)));
      if (std::string(lo) > std::string(hi)) std::swap(lo, hi);
      return DateR(lo, rng.chance(20) ? "" : hi);
    }
    case 2: return Kind(static_cast<int>(rng.below(4)));
    default: return Cat(1 + static_cast<int>(rng.below(3)));
    }
  }
  Q node(int depth) {
    uint32_t r = rng.below(depth > 0 ? 10 : 6);
    if (r < 4) return leaf();
    if (r == 4) return meta();
    if (r == 5) {
      Q a = leaf();
      if (a.t == Q::word && a.suffix == '~') a = W(word());
      return Near(a, rng.chance(70) ? W(word(), a.field) : P(phrase(), a.field),
                  static_cast<int>(rng.below(12)));
    }
    if (r == 6) return Not(node(depth - 1));
    std::vector<Q> kids;
    uint32_t n = 2 + rng.below(3);
    for (uint32_t i = 0; i < n; ++i) kids.push_back(node(depth - 1));
    return r < 9 ? And(std::move(kids)) : Or(std::move(kids));
  }
};

// Under ASan/UBSan (which look for memory errors, not for more query shapes) a fifth of the
// queries: the stemming reference model is about five times slower there and the whole run hit
// ctest's 15-minute timeout.
#if defined(__SANITIZE_ADDRESS__)
constexpr int kRandomQueries = 60;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
constexpr int kRandomQueries = 60;
#else
constexpr int kRandomQueries = 300;
#endif
#else
constexpr int kRandomQueries = 300;
#endif

TEST(Reference, RandomQueries) {
  Fixture &f = fixture();
  QueryGen gen(7, f.vocab, f.store);
  size_t nonempty = 0;
  for (int i = 0; i < kRandomQueries; ++i) {
    Q q = gen.node(3);
    check(q);
    nonempty += !ref_ids(q, f.ref).empty();
  }
  EXPECT_GE(nonempty, static_cast<size_t>(kRandomQueries) * 80 / 300);
}

}  // namespace
