// People, not spellings (author keys, the alias table, the author facet, `author:`), and countries
// (the country facet and the `country:` filter).
#include "test_corpus.hpp"

#include "../../core/src/index/byte_io.hpp"
#include "../../core/src/index/index_impl.hpp"
#include "../../core/src/index/people.hpp"

#include "caci/core/gazetteer.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <thread>

using namespace caci;
using namespace caci_test;

namespace {

using Ids = std::vector<uint64_t>;

struct Archive {
  ArticleStore store;
  Index index;
  void add(uint64_t id, std::vector<std::string> authors, std::string title,
           std::string lead = "A text about monetary policy in general.") {
    ArticleSpec a;
    a.id = id;
    a.title = std::move(title);
    a.authors = std::move(authors);
    a.lead = {std::move(lead)};
    a.date = Date{static_cast<int16_t>(2000 + id), 1, 1};
    append_article(store, a);
    EXPECT_EQ(index.add_article(store, store.articles.back()), Status::ok);
  }
  SearchResults run(std::string_view q, bool facets = false) {
    SearchOptions o;
    o.limit = 100;
    o.facets = facets;
    SearchResults r;
    QueryError e;
    EXPECT_EQ(index.search(q, o, r, &e), Status::ok) << q << ": " << e.message;
    return r;
  }
  Ids ids(std::string_view q) {
    Ids out;
    for (const Hit &h : run(q).hits) out.push_back(index.store().articles[h.article].id);
    std::sort(out.begin(), out.end());
    return out;
  }
  std::vector<FacetValue> facet(std::string_view q, FacetKind k) {
    return run(q, true).facets[static_cast<int>(k)];
  }
};

Archive people_archive() {
  Archive x;
  x.add(1, {"S. Frederick Starr"}, "Afghanistan and its neighbours");
  x.add(2, {"Frederick Starr"}, "Greater Central Asia");
  x.add(3, {"Dr. Frederick S. Starr"}, "A partnership");
  x.add(4, {"Slavom\u00edr Hor\u00e1k"}, "Turkmen politics");
  x.add(5, {"Slavomir Horak"}, "Turkmen gas");
  x.add(6, {"J. Smith"}, "One Smith");
  x.add(7, {"A. Smith"}, "Another Smith");
  x.add(8, {"Erkin Akhmadov"}, "Uzbek reforms");
  x.add(9, {"Erkin Ahmadov", "Frederick Starr"}, "Uzbek cotton");
  return x;
}

}  // namespace

TEST(AuthorKey, FoldsDiacriticsInitialsHonorificsAndDegrees) {
  using detail::author_key;
  EXPECT_EQ(author_key("S. Frederick Starr"), "frederick starr");
  EXPECT_EQ(author_key("Frederick S. Starr"), "frederick starr");
  EXPECT_EQ(author_key("Dr. S. Frederick Starr, Ph.D."), "frederick starr");
  EXPECT_EQ(author_key("Prof. Svante E. Cornell"), "svante cornell");
  EXPECT_EQ(author_key("Slavom\u00edr Hor\u00e1k"), "slavomir horak");
  EXPECT_EQ(author_key("SLAVOMIR HORAK"), "slavomir horak");
  EXPECT_EQ(author_key("Mahmud Ul-Haq"), author_key("Mahmud Ul Haq"));
  EXPECT_EQ(author_key("Sean O'Brien"), "sean o brien");
  EXPECT_EQ(author_key("Dr. Ying Ma"), "ying ma");  // Ma is a surname, not a degree
  // Only initials beside a surname: kept, so two people with one surname stay apart.
  EXPECT_EQ(author_key("J. Smith"), "j smith");
  EXPECT_NE(author_key("J. Smith"), author_key("A. Smith"));
  EXPECT_NE(author_key("J. Smith"), author_key("John Smith"));
  // A title is dropped only when a name of two words remains.
  EXPECT_EQ(author_key("Dr. Smith"), "dr smith");
  EXPECT_EQ(author_key(""), "");
  EXPECT_EQ(author_key(" , . "), "");
}

TEST(AuthorAliases, MergesAreTransitiveAndCommentsAndBlankLinesAreIgnored) {
  detail::AuthorAliases a;
  std::string why;
  size_t at = 0;
  ASSERT_TRUE(a.parse("# people\n\nErkin Akhmadov = Erkin Ahmadov\r\nE. Ahmadov = Erkin Ahmedov\n"
                      "Erkin Ahmadov = Erkin Akhmedov = Erkin Achmadov\n",
                      why, at))
      << why;
  const std::string k = a.resolve("erkin akhmadov");
  EXPECT_EQ(a.resolve("erkin ahmadov"), k);
  EXPECT_EQ(a.resolve("erkin akhmedov"), k);
  EXPECT_EQ(a.resolve("erkin achmadov"), k);
  EXPECT_EQ(a.resolve("someone else"), "someone else");
  // "E. Ahmadov = Erkin Ahmedov" is its own person (initials kept), unrelated to the others.
  EXPECT_EQ(a.resolve("e ahmadov"), a.resolve("erkin ahmedov"));
  EXPECT_NE(a.resolve("e ahmadov"), k);
}

TEST(AuthorAliases, AMalformedLineIsAnErrorNamingItsLine) {
  detail::AuthorAliases a;
  std::string why;
  size_t at = 0;
  ASSERT_TRUE(a.parse("A Person = Another Person\n", why, at));
  const std::string text = "# ok\nErkin Akhmadov = Erkin Ahmadov\nErkin Akhmadov\n";
  EXPECT_FALSE(a.parse(text, why, at));
  EXPECT_NE(why.find("aliases line 3:"), std::string::npos) << why;
  EXPECT_EQ(at, text.find("Erkin Akhmadov\n", 20));
  EXPECT_EQ(a.resolve("a person"), a.resolve("another person"));  // previous table kept
  EXPECT_FALSE(a.parse("x = \n", why, at));
  EXPECT_NE(why.find("aliases line 1:"), std::string::npos) << why;
  EXPECT_FALSE(a.parse("\n\n= Someone\n", why, at));
  EXPECT_NE(why.find("aliases line 3:"), std::string::npos) << why;
}

TEST(People, TheAuthorFacetCountsPeopleUnderTheirMostFrequentSpelling) {
  Archive x = people_archive();
  std::vector<FacetValue> f = x.facet("", FacetKind::author);
  auto count_of = [&](const std::string &v) -> uint64_t {
    for (const FacetValue &fv : f)
      if (fv.value == v) return fv.count;
    return 0;
  };
  // Starr: 1, 2, 3 and 9 (spelled three ways; "Frederick Starr" twice).
  EXPECT_EQ(count_of("Frederick Starr"), 4u);
  EXPECT_EQ(count_of("S. Frederick Starr"), 0u);
  // Horak: one spelling each; the smaller spelling shows.
  EXPECT_EQ(count_of("Slavomir Horak"), 2u);
  EXPECT_EQ(count_of("J. Smith"), 1u);
  EXPECT_EQ(count_of("A. Smith"), 1u);
  EXPECT_EQ(count_of("Erkin Akhmadov"), 1u);  // no alias table yet: two people
  EXPECT_EQ(count_of("Erkin Ahmadov"), 1u);
  EXPECT_EQ(f.front().value, "Frederick Starr");

  ASSERT_EQ(x.index.set_author_aliases("Erkin Akhmadov = Erkin Ahmadov\n", nullptr), Status::ok);
  f = x.facet("", FacetKind::author);
  EXPECT_EQ(count_of("Erkin Ahmadov") + count_of("Erkin Akhmadov"), 2u);
  EXPECT_EQ(count_of("Erkin Ahmadov"), 2u);  // tie 1:1, the smaller spelling
  EXPECT_EQ(x.index.person_key("Erkin Akhmadov"), x.index.person_key("Erkin Ahmadov"));
}

TEST(People, AuthorMatchesEverySpellingOfThePerson) {
  Archive x = people_archive();
  EXPECT_EQ(x.ids("author:\"Frederick Starr\""), (Ids{1, 2, 3, 9}));
  EXPECT_EQ(x.ids("author:\"S. Frederick Starr\""), (Ids{1, 2, 3, 9}));
  EXPECT_EQ(x.ids("author:\"Slavomir Horak\""), (Ids{4, 5}));
  EXPECT_EQ(x.ids("author:\"J. Smith\""), (Ids{6}));
  EXPECT_EQ(x.ids("author:smith"), (Ids{6, 7}));
  EXPECT_EQ(x.ids("author:\"Erkin Akhmadov\""), (Ids{8}));
  QueryError err;
  ASSERT_EQ(x.index.set_author_aliases("# the archive spells him both ways\n"
                                       "Erkin Akhmadov = Erkin Ahmadov\n",
                                       &err),
            Status::ok);
  EXPECT_EQ(x.ids("author:\"Erkin Akhmadov\""), (Ids{8, 9}));
  EXPECT_EQ(x.ids("author:\"erkin ahmadov\" -author:starr"), (Ids{8}));
  // A word, not a name field: unchanged.
  EXPECT_EQ(x.ids("\"Erkin Akhmadov\""), (Ids{8}));
  // A bad table keeps the previous one and says where.
  EXPECT_EQ(x.index.set_author_aliases("Erkin Akhmadov = Erkin Ahmadov\nnonsense\n", &err),
            Status::einval);
  EXPECT_NE(err.message.find("line 2"), std::string::npos) << err.message;
  EXPECT_EQ(x.ids("author:\"Erkin Akhmadov\""), (Ids{8, 9}));
  EXPECT_EQ(x.index.set_author_aliases("", nullptr), Status::ok);
  EXPECT_EQ(x.ids("author:\"Erkin Akhmadov\""), (Ids{8}));
}

// The people are grouped once per store (an `author:` query reads one person's entries): articles
// added or removed after a query must still count.
TEST(People, AuthorFollowsArticlesAddedAndRemovedAfterAQuery) {
  Archive x = people_archive();
  EXPECT_EQ(x.ids("author:\"S. Frederick Starr\""), (Ids{1, 2, 3, 9}));
  // A spelling the index did not have, whose words no other spelling contains.
  x.add(10, {"Frederick S. Starr"}, "Caspian security");
  EXPECT_EQ(x.ids("author:\"S. Frederick Starr\""), (Ids{1, 2, 3, 9, 10}));
  ASSERT_EQ(x.index.remove(2), Status::ok);
  ASSERT_EQ(x.index.remove(9), Status::ok);
  EXPECT_EQ(x.ids("author:\"S. Frederick Starr\""), (Ids{1, 3, 10}));
}

TEST(Countries, FacetAndFilterUseTheArticlesCountries) {
  Archive x;
  x.add(1, {"A B"}, "KAZAKHSTAN: NEW PIPELINE", "Russia objected. Russia will respond.");
  x.add(2, {"A B"}, "Elections in Georgia", "Tbilisi votes.");
  x.add(3, {"A B"}, "Monetary policy");
  x.add(4, {"A B"}, "Flights from Alma-Ata to Frunze");
  EXPECT_EQ(x.ids("country:kazakhstan"), (Ids{1, 4}));
  EXPECT_EQ(x.ids("country:Kazakstan"), (Ids{1, 4}));  // a variant
  EXPECT_EQ(x.ids("country:KAZAKHSTAN"), (Ids{1, 4}));
  EXPECT_EQ(x.ids("country:kirghizia"), (Ids{4}));
  EXPECT_EQ(x.ids("country:T\u00fcrkiye"), (Ids{}));
  EXPECT_EQ(x.ids("country:georgia OR country:russia"), (Ids{1, 2}));
  EXPECT_EQ(x.ids("-country:kazakhstan"), (Ids{2, 3}));
  EXPECT_EQ(x.ids("pipeline country:\"kazakhstan\""), (Ids{1}));
  std::vector<FacetValue> f = x.facet("", FacetKind::country);
  ASSERT_EQ(f.size(), 4u);
  EXPECT_EQ(f[0].value, "Kazakhstan");
  EXPECT_EQ(f[0].count, 2u);
  uint64_t sum = 0;
  for (const FacetValue &v : f) sum += v.count;
  EXPECT_EQ(sum, 5u);  // Kazakhstan 2, Georgia, Kyrgyzstan, Russia

  SearchResults r;
  QueryError e;
  EXPECT_EQ(x.index.search("country:atlantis", SearchOptions(), r, &e), Status::equery);
  EXPECT_NE(e.message.find("unknown country"), std::string::npos);
  EXPECT_NE(e.message.find("Kazakhstan"), std::string::npos);
  EXPECT_EQ(e.offset, 8u);
  EXPECT_EQ(x.index.search("country:", SearchOptions(), r, &e), Status::equery);
}

TEST(Countries, APlaceOfSeveralWordsNeedsThemTogether) {
  Archive x;
  x.add(1, {"A B"}, "Talks in Ulan Bator");
  x.add(2, {"A B"}, "Ulan is not Bator");
  x.add(3, {"A B"}, "Flights to Nur-Sultan", "Cargo goes to nur sultan too.");
  EXPECT_EQ(x.ids("country:mongolia"), (Ids{1}));
  EXPECT_EQ(x.ids("country:kazakhstan"), (Ids{3}));
}

TEST(Countries, CountriesFollowAnArticleRemovedAndAnotherAdded) {
  Archive x;
  x.add(1, {"A B"}, "KAZAKHSTAN: NEW PIPELINE");
  EXPECT_EQ(x.ids("country:kazakhstan"), (Ids{1}));
  EXPECT_EQ(x.index.remove(1), Status::ok);
  EXPECT_EQ(x.ids("country:kazakhstan"), (Ids{}));
  x.add(2, {"A B"}, "GEORGIA: ELECTIONS");
  EXPECT_EQ(x.ids("country:georgia"), (Ids{2}));
  EXPECT_EQ(x.ids("country:kazakhstan"), (Ids{}));
}

TEST(Countries, EncodedCountriesAndAliasesDecodeAndBadBytesAreRejected) {
  Archive x;
  x.add(1, {"A B"}, "KAZAKHSTAN: NEW PIPELINE");
  x.add(2, {"A B"}, "Elections in Georgia");
  IndexImpl a(IndexOptions{}), b(IndexOptions{});
  for (const Article &art : x.store.articles) {
    ASSERT_EQ(a.add_article(x.store, art), Status::ok);
    ASSERT_EQ(b.add_article(x.store, art), Status::ok);
  }
  std::string bytes, why;
  detail::encode_article_countries(a, bytes);
  ASSERT_TRUE(detail::decode_article_countries(bytes, b, why)) << why;
  {
    auto lock = b.facts.lock();
    EXPECT_EQ(b.facts.countries(b.store, 0), a.facts.countries(a.store, 0));
    EXPECT_EQ(b.facts.countries(b.store, 1), a.facts.countries(a.store, 1));
  }
  // What the file says wins over the text (a search-only file has none): Mongolia for both.
  const int mongolia = find_country("Mongolia");
  std::string forged;
  detail::ByteWriter w{forged};
  w.var(2);
  w.var(1u << mongolia);
  w.var(1u << mongolia);
  ASSERT_TRUE(detail::decode_article_countries(forged, b, why)) << why;
  {
    auto lock = b.facts.lock();
    EXPECT_EQ(b.facts.countries(b.store, 0), 1u << mongolia);
  }
  EXPECT_FALSE(detail::decode_article_countries(forged.substr(0, 2), b, why));  // truncated
  EXPECT_FALSE(detail::decode_article_countries(forged + "x", b, why));         // trailing
  std::string wrong_count;
  detail::ByteWriter{wrong_count}.var(3);
  EXPECT_FALSE(detail::decode_article_countries(wrong_count, b, why));
  std::string too_big;
  detail::ByteWriter t{too_big};
  t.var(2);
  t.var(1u << 20);
  t.var(0);
  EXPECT_FALSE(detail::decode_article_countries(too_big, b, why));
  EXPECT_NE(why.find("article countries"), std::string::npos);

  // The alias table round-trips the same way.
  size_t at = 0;
  ASSERT_TRUE(a.author_aliases.parse("X Y = Z W\n", why, at)) << why;
  std::string aliases;
  detail::encode_author_aliases(a, aliases);
  ASSERT_TRUE(detail::decode_author_aliases(aliases, b, why)) << why;
  EXPECT_EQ(b.author_aliases.text(), "X Y = Z W\n");
  EXPECT_EQ(b.author_aliases.resolve("z w"), b.author_aliases.resolve("x y"));
  EXPECT_FALSE(detail::decode_author_aliases(aliases.substr(0, 3), b, why));
  std::string bad_table;
  detail::ByteWriter{bad_table}.bytes("no equals\n");
  EXPECT_FALSE(detail::decode_author_aliases(bad_table, b, why));
  EXPECT_NE(why.find("aliases line 1"), std::string::npos) << why;
}

TEST(Countries, ParallelSearchesFillTheCachesOnceAndAgree) {
  Archive x = people_archive();
  x.add(10, {"Frederick Starr"}, "KAZAKHSTAN: GAS", "Astana and Almaty.");
  const std::vector<std::string> queries = {"", "country:kazakhstan", "author:\"Frederick Starr\"",
                                            "-country:russia author:smith"};
  // Each thread runs every query on a fresh index's first searches; all must see the same.
  Archive fresh = people_archive();
  fresh.add(10, {"Frederick Starr"}, "KAZAKHSTAN: GAS", "Astana and Almaty.");
  std::vector<std::vector<std::string>> seen(4);
  std::vector<std::thread> threads;
  for (size_t t = 0; t < seen.size(); ++t)
    threads.emplace_back([&, t] {
      for (size_t i = 0; i < queries.size(); ++i) {
        const std::string &q = queries[(i + t) % queries.size()];
        SearchOptions o;
        o.limit = 100;
        o.facets = true;
        SearchResults r;
        std::string line = q + ":";
        if (fresh.index.search(q, o, r, nullptr) != Status::ok) line += "error";
        for (const FacetValue &v : r.facets[static_cast<int>(FacetKind::country)])
          line += " " + v.value + "=" + std::to_string(v.count);
        for (const FacetValue &v : r.facets[static_cast<int>(FacetKind::author)])
          line += " " + v.value + "=" + std::to_string(v.count);
        line += " total=" + std::to_string(r.total);
        seen[t].push_back(line);
      }
      std::sort(seen[t].begin(), seen[t].end());
    });
  for (std::thread &th : threads) th.join();
  for (size_t t = 1; t < seen.size(); ++t) EXPECT_EQ(seen[t], seen[0]);
  EXPECT_EQ(x.ids("country:kazakhstan"), (Ids{10}));
}
