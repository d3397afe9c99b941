#include "test_corpus.hpp"

#include "caci/core/parse.hpp"

#include <gtest/gtest.h>

using namespace caci;
using namespace caci_test;

namespace {

struct Small {
  ArticleStore store;
  Index index;
  Small() {
    ArticleSpec a;
    a.id = 1;
    a.title = "Oil and gas in T\u00fcrkiye";
    a.authors = {"Sean O'Brien"};
    a.lead = {"The pipeline from Baku reaches Ceyhan."};
    a.date = Date{2003, 3, 17};
    a.category = Category::field_reports;
    append_article(store, a);
    ArticleSpec b;
    b.id = 2;
    b.title = "Elections in Georgia";
    b.authors = {"Niklas Swanstr\u00f6m"};
    b.lead = {"Tbilisi votes."};
    b.bio = {"He writes about oil."};
    b.date = Date{2010, 6, 0};
    b.kind = ArticleKind::excerpt;
    append_article(store, b);
    for (const auto &x : store.articles) EXPECT_EQ(index.add_article(store, x), Status::ok);
  }
  std::vector<uint64_t> ids(std::string_view q, SortOrder sort = SortOrder::relevance) {
    SearchOptions o;
    o.sort = sort;
    SearchResults r;
    QueryError e;
    Status st = index.search(q, o, r, &e);
    EXPECT_EQ(st, Status::ok) << q << ": " << e.message << " at " << e.offset;
    std::vector<uint64_t> out;
    for (const auto &h : r.hits) out.push_back(index.store().articles[h.article].id);
    return out;
  }
};

using Ids = std::vector<uint64_t>;

TEST(SearchBasic, Words) {
  Small s;
  EXPECT_EQ(s.ids("oil"), (Ids{1, 2}));  // title match ranks above bio match
  EXPECT_EQ(s.ids("turkiye"), Ids{1});
  EXPECT_EQ(s.ids("T\u00dcRKIYE"), Ids{1});
  EXPECT_EQ(s.ids("oil gas"), Ids{1});
  EXPECT_EQ(s.ids("oil -gas"), Ids{2});
  EXPECT_EQ(s.ids("gas OR tbilisi"), (Ids{1, 2}));
  EXPECT_EQ(s.ids("\"from baku\""), Ids{1});
  EXPECT_EQ(s.ids("\"baku from\""), Ids{});
  EXPECT_EQ(s.ids("pipe*"), Ids{1});
  EXPECT_EQ(s.ids("o'brien"), Ids{1});
  EXPECT_EQ(s.ids("author:swanstrom"), Ids{2});
  EXPECT_EQ(s.ids("title:oil"), Ids{1});
  EXPECT_EQ(s.ids("bio:oil"), Ids{2});
  EXPECT_EQ(s.ids("year:2003"), Ids{1});
  EXPECT_EQ(s.ids("year:2004.."), Ids{2});
  EXPECT_EQ(s.ids("date:2003-03-17"), Ids{1});
  EXPECT_EQ(s.ids("kind:excerpt"), Ids{2});
  EXPECT_EQ(s.ids("category:\"Field Reports\""), Ids{1});
  EXPECT_EQ(s.ids("pipelin~1"), Ids{1});
  EXPECT_EQ(s.ids("baku NEAR/2 ceyhan"), Ids{1});
  EXPECT_EQ(s.ids("baku NEAR/1 ceyhan"), Ids{1});  // one word between
  EXPECT_EQ(s.ids("baku NEAR/0 ceyhan"), Ids{});
  EXPECT_EQ(s.ids("-oil"), Ids{});
  EXPECT_EQ(s.ids(""), (Ids{1, 2}));
  EXPECT_EQ(s.ids("", SortOrder::date_desc), (Ids{2, 1}));
}

TEST(SearchBasic, RemoveAndReAdd) {
  Small s;
  EXPECT_EQ(s.index.remove(1), Status::ok);
  EXPECT_EQ(s.index.remove(1), Status::enotfound);
  EXPECT_EQ(s.index.size(), 1u);
  EXPECT_EQ(s.ids("oil"), Ids{2});
  EXPECT_EQ(s.index.find(1), nullptr);
  EXPECT_EQ(s.index.add_article(s.store, s.store.articles[0]), Status::ok);
  EXPECT_EQ(s.index.add_article(s.store, s.store.articles[0]), Status::done);
  EXPECT_EQ(s.ids("oil"), (Ids{1, 2}));
}

}  // namespace

// A teaser's PDF title is its title (the parser takes it from the link), and any other link title
// is title text too: both find the entry with `title:`. FORMAT.md seed page 003's teaser was not
// found by a word of its PDF title before this.
TEST(SearchBasic, LinkTitlesAreSearchableAsTitles) {
  Document doc;
  const std::string page =
      "By Farkhad Tolipov\nJanuary 29, 2025\nA lead about regional policy.\n"
      "Read Russia's Central Asian Underbelly: The Case of Uzbekistan (PDF)\n"
      "WATER AND POWER\nBy Nora Holm\nA lead about rivers.\nRead Rivers Without Borders (PDF)\n";
  ASSERT_EQ(parse_page(doc, "page.txt", page), Status::ok);
  ASSERT_EQ(doc.store.articles.size(), 2u);
  Index index;
  ASSERT_EQ(index.add_document(doc, nullptr), Status::ok);
  auto count = [&](std::string_view q) {
    SearchResults r;
    QueryError e;
    EXPECT_EQ(index.search(q, SearchOptions(), r, &e), Status::ok) << q;
    return r.total;
  };
  EXPECT_EQ(count("underbelly"), 1u);
  EXPECT_EQ(count("title:underbelly"), 1u);
  EXPECT_EQ(count("title:\"water and power\""), 1u);  // its own title
  EXPECT_EQ(count("title:rivers"), 1u);               // and its link's
  EXPECT_EQ(count("title:borders"), 1u);
}
