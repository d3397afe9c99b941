// Index file: round trips, add/remove then save/load, versions, and corrupted input (truncation at
// every offset, random byte flips with and without a repaired checksum) that must be rejected with
// a clear status or load into an index that still answers queries safely.
#include "../search/test_corpus.hpp"

#include "../../core/src/index/index_file.hpp"  // reseal_index, to forge files that pass the checksums
#include "../../core/src/search/fuzzy.hpp"

#include <gtest/gtest.h>

#include <algorithm>

using namespace caci;
using namespace caci_test;

namespace {

// Everything a user can see of a stored article, as text.
std::string describe(const ArticleStore &s, const Article &a) {
  std::string o;
  auto add = [&](std::string_view k, std::string_view v) {
    o += k;
    o += '=';
    o += v;
    o += '|';
  };
  char id[17] = {};
  format_id(a.id, id);
  add("id", id);
  add("kind", kind_name(a.kind));
  add("cat", category_name(a.category) ? category_name(a.category) : "-");
  add("flags", std::to_string(a.flags));
  add("date", std::to_string(a.date.year) + "-" + std::to_string(a.date.month) + "-" +
                  std::to_string(a.date.day));
  add("title", a.title.empty() ? "<null>" : s.body_text(a.title));
  add("text", s.body_text(a.text));
  for (uint32_t i = 0; i < a.authors.count; ++i) {
    const Author &au = s.authors[a.authors.begin + i];
    add("author", s.meta_text(au.name));
    for (uint32_t k = 0; k < au.honorifics.count; ++k)
      add("hon", s.meta_text(s.honorifics[au.honorifics.begin + k]));
    add("aff", au.affiliation.empty() ? "<null>" : s.meta_text(au.affiliation));
  }
  for (uint32_t i = 0; i < a.lead.count; ++i)
    add("lead", s.body_text(s.paragraphs[a.lead.begin + i]));
  add("photo", a.photo_credit.empty() ? "<null>" : s.meta_text(a.photo_credit));
  for (uint32_t i = 0; i < a.sections.count; ++i) {
    const Section &sec = s.sections[a.sections.begin + i];
    add("section", section_kind_name(sec.kind));
    add("heading", s.meta_text(sec.heading));
    for (uint32_t k = 0; k < sec.paragraphs.count; ++k)
      add("p", s.body_text(s.paragraphs[sec.paragraphs.begin + k]));
  }
  for (uint32_t i = 0; i < a.bio.count; ++i) add("bio", s.body_text(s.paragraphs[a.bio.begin + i]));
  for (uint32_t i = 0; i < a.links.count; ++i)
    add("link", s.meta_text(s.links[a.links.begin + i].title));
  auto src = [&](const SourceRef &r) {
    return std::string(s.file_name(r.file)) + ":" + std::to_string(r.line) + ":" +
           std::to_string(r.byte_start) + "-" + std::to_string(r.byte_end);
  };
  add("source", src(a.source));
  for (const auto &d : a.duplicates) add("dup", src(d));
  add("deleted", a.deleted ? "1" : "0");
  return o;
}

std::vector<std::string> live_articles(const Index &ix) {
  std::vector<std::string> out;
  for (const Article &a : ix.store().articles) {
    if (a.deleted) continue;
    EXPECT_EQ(a.store, &ix.store());
    out.push_back(describe(ix.store(), a));
  }
  std::sort(out.begin(), out.end());
  return out;
}

// Hits as "id score snippet highlights", in order.
std::vector<std::string> run(const Index &ix, const std::string &q,
                             SortOrder sort = SortOrder::relevance) {
  SearchOptions o;
  o.limit = 25;
  o.sort = sort;
  o.facets = true;
  SearchResults r;
  QueryError e;
  Status st = ix.search(q, o, r, &e);
  EXPECT_EQ(st, Status::ok) << q << ": " << e.message;
  std::vector<std::string> out{"total=" + std::to_string(r.total)};
  for (const Hit &h : r.hits) {
    const Article &a = ix.store().articles[h.article];
    char buf[64];
    std::snprintf(buf, sizeof buf, "%016llx %.9g", static_cast<unsigned long long>(a.id), h.score);
    std::string line = buf;
    line += " [" +
            std::string(ix.store().body_text(a.text).substr(h.snippet_start,
                                                            h.snippet_end - h.snippet_start)) +
            "]";
    for (uint32_t k = 0; k < h.highlight_count; ++k) {
      const Highlight &hl = r.highlights[h.highlight_begin + k];
      line += " " + std::to_string(hl.start) + "-" + std::to_string(hl.end);
    }
    out.push_back(line);
  }
  for (const auto &f : r.facets)
    for (const auto &v : f) out.push_back("facet " + v.value + "=" + std::to_string(v.count));
  return out;
}

const std::vector<std::string> &queries() {
  static const std::vector<std::string> q = {"turkiye",
                                             "kari OR moba",
                                             "\"o brien\"",
                                             "tur*",
                                             "swanstrom~1",
                                             "author:cornell",
                                             "-turkiye",
                                             "year:2001..2004",
                                             "kind:article baku",
                                             "baku NEAR/5 tbilisi",
                                             "",
                                             "category:\"Field Reports\" gazprom",
                                             "title:(nato OR shanghai)"};
  return q;
}

std::string save(const Index &ix) {
  std::string bytes;
  EXPECT_EQ(ix.save(bytes), Status::ok);
  return bytes;
}

TEST(IndexFile, RoundTripGivesIdenticalArticlesAndResults) {
  ArticleStore s = make_corpus(5, 600);
  Index ix = build_index(s);
  std::string bytes = save(ix);
  ASSERT_GT(bytes.size(), 64u);
  EXPECT_EQ(bytes.substr(0, 8), std::string("CACIIDX\0", 8));
  Index back;
  std::string err;
  ASSERT_EQ(Index::load(bytes, back, &err), Status::ok) << err;
  EXPECT_EQ(back.size(), ix.size());
  EXPECT_EQ(live_articles(back), live_articles(ix));
  for (const std::string &q : queries()) {
    EXPECT_EQ(run(back, q), run(ix, q)) << q;
    EXPECT_EQ(run(back, q, SortOrder::date_desc), run(ix, q, SortOrder::date_desc)) << q;
  }
  const Article *a = back.find(s.articles[3].id);
  ASSERT_NE(a, nullptr);
  EXPECT_EQ(describe(back.store(), *a), describe(s, s.articles[3]));
  // Saving the loaded index again gives the same bytes.
  EXPECT_EQ(save(back), bytes);
}

TEST(IndexFile, AddRemoveThenSaveLoad) {
  ArticleStore s = make_corpus(9, 400);
  Index ix;
  for (size_t i = 0; i < 300; ++i) ASSERT_EQ(ix.add_article(s, s.articles[i]), Status::ok);
  for (size_t i = 0; i < 300; i += 3) ASSERT_EQ(ix.remove(s.articles[i].id), Status::ok);
  // The same live set built from scratch.
  Index fresh;
  for (size_t i = 0; i < 300; ++i)
    if (i % 3) fresh.add_article(s, s.articles[i]);
  Index back;
  std::string err;
  ASSERT_EQ(Index::load(save(ix), back, &err), Status::ok) << err;
  EXPECT_EQ(back.size(), 200u);
  EXPECT_EQ(live_articles(back), live_articles(fresh));
  for (const std::string &q : queries()) EXPECT_EQ(run(back, q), run(fresh, q)) << q;
  // A loaded index keeps growing and shrinking.
  for (size_t i = 300; i < 400; ++i) ASSERT_EQ(back.add_article(s, s.articles[i]), Status::ok);
  for (size_t i = 300; i < 400; ++i) fresh.add_article(s, s.articles[i]);
  ASSERT_EQ(back.remove(s.articles[1].id), Status::ok);
  ASSERT_EQ(fresh.remove(s.articles[1].id), Status::ok);
  EXPECT_EQ(back.find(s.articles[1].id), nullptr);
  for (const std::string &q : queries()) EXPECT_EQ(run(back, q), run(fresh, q)) << q;
  Index again;
  ASSERT_EQ(Index::load(save(back), again, &err), Status::ok) << err;
  EXPECT_EQ(live_articles(again), live_articles(fresh));
  for (const std::string &q : queries()) EXPECT_EQ(run(again, q), run(fresh, q)) << q;
}

TEST(IndexFile, EmptyIndexRoundTrips) {
  Index ix;
  Index back;
  ASSERT_EQ(Index::load(save(ix), back, nullptr), Status::ok);
  EXPECT_EQ(back.size(), 0u);
  SearchResults r;
  EXPECT_EQ(back.search("anything", SearchOptions{}, r, nullptr), Status::ok);
  EXPECT_EQ(r.total, 0u);
}

TEST(IndexFile, TinyArticlesRoundTrip) {
  // Near-empty articles encode in very few bytes; the loader's size sanity checks must allow it.
  ArticleStore s;
  for (uint64_t i = 1; i <= 3; ++i) {
    ArticleSpec a;
    a.id = i;
    a.file = "";
    if (i == 2) a.lead = {"x"};
    append_article(s, a);
  }
  Index ix = build_index(s);
  ASSERT_EQ(ix.remove(3), Status::ok);
  Index back;
  std::string err;
  ASSERT_EQ(Index::load(save(ix), back, &err), Status::ok) << err;
  EXPECT_EQ(back.size(), 2u);
  EXPECT_EQ(live_articles(back), live_articles(ix));
  SearchResults r;
  EXPECT_EQ(back.search("x", SearchOptions{}, r, nullptr), Status::ok);
  EXPECT_EQ(r.total, 1u);
}

TEST(IndexFile, RepetitiveAndBinaryTextRoundTrips) {
  // Stored text is compressed: long repeats, overlapping matches and incompressible bytes.
  ArticleStore s;
  ArticleSpec a;
  a.id = 1;
  a.title = std::string(200000, ' ') + "end";
  a.lead = {std::string(70000, '-') + " abcabcabcabcabcabc T\u00fcrkiye"};
  Rng rng(3);
  std::string noise;
  for (int i = 0; i < 5000; ++i) noise += static_cast<char>('!' + rng.below(90));
  a.bio = {noise};
  append_article(s, a);
  Index ix = build_index(s);
  std::string bytes = save(ix);
  EXPECT_LT(bytes.size(), 60000u);  // the repeats compress
  Index back;
  std::string err;
  ASSERT_EQ(Index::load(bytes, back, &err), Status::ok) << err;
  EXPECT_EQ(live_articles(back), live_articles(ix));
  SearchResults r;
  EXPECT_EQ(back.search("end turkiye", SearchOptions{}, r, nullptr), Status::ok);
  EXPECT_EQ(r.total, 1u);
}

TEST(IndexFile, OptionsRoundTrip) {
  IndexOptions o;
  o.k1 = 0.9f;
  o.b = 0.4f;
  o.field_weights[4] = 2.5f;
  ArticleStore s = make_corpus(1, 20);
  Index ix = build_index(s, o);
  Index back;
  ASSERT_EQ(Index::load(save(ix), back, nullptr), Status::ok);
  EXPECT_EQ(back.options().k1, 0.9f);
  EXPECT_EQ(back.options().b, 0.4f);
  EXPECT_EQ(back.options().field_weights[4], 2.5f);
}

void reseal(std::string &bytes) {
  detail::reseal_index(bytes);
}

TEST(IndexFile, VersionWindow) {
  ArticleStore s = make_corpus(2, 10);
  std::string bytes = save(build_index(s));
  std::string newer = bytes;
  EXPECT_EQ(bytes[12], 6);  // written for readers of version 6: store columns as differences
  newer[12] = 7;            // needs a reader of version 7
  reseal(newer);
  Index out;
  std::string err;
  EXPECT_EQ(Index::load(newer, out, &err), Status::eversion);
  EXPECT_NE(err.find("version"), std::string::npos);
  std::string older = bytes;
  older[8] = 1;  // version 1 (varint postings) is no longer read
  older[12] = 1;
  reseal(older);
  EXPECT_EQ(Index::load(older, out, &err), Status::eversion);
  EXPECT_NE(err.find("rebuild"), std::string::npos) << err;
  EXPECT_NE(err.find("caci index -o"), std::string::npos) << err;  // names the command
  std::string compatible = bytes;
  compatible[8] = 7;  // a newer writer that old readers can still read
  reseal(compatible);
  EXPECT_EQ(Index::load(compatible, out, &err), Status::ok) << err;
  EXPECT_EQ(out.size(), 10u);
}

TEST(IndexFile, OtherUnicodeVersionReindexes) {
  ArticleStore s = make_corpus(3, 50);
  Index ix = build_index(s);
  std::string bytes = save(ix);
  std::string old = bytes;
  std::memcpy(&old[32], "9.0.0\0\0\0\0\0\0\0\0\0\0\0", 16);
  reseal(old);
  Index back;
  std::string err;
  ASSERT_EQ(Index::load(old, back, &err), Status::ok) << err;
  for (const std::string &q : queries()) EXPECT_EQ(run(back, q), run(ix, q)) << q;
}

// Bytes of a format-3 file's section `id`, 0 if absent.
uint64_t section_bytes(const std::string &file, uint32_t id) {
  const auto *b = reinterpret_cast<const uint8_t *>(file.data());
  const uint32_t n = detail::get_u32le(b + 48);
  for (uint32_t i = 0; i < n; ++i)
    if (detail::get_u32le(b + 56 + 32 * i) == id) return detail::get_u64le(b + 56 + 32 * i + 16);
  return 0;
}

size_t occurrences(const std::string &haystack, const std::string &needle) {
  size_t n = 0;
  for (size_t at = haystack.find(needle); at != std::string::npos;
       at = haystack.find(needle, at + 1))
    ++n;
  return n;
}

// An author, a heading or a photo credit repeated in many articles is stored once in the file
// (the parser keeps a copy per article), and every article still reads its own: the same records,
// the same search answers, the same author facet.
TEST(IndexFile, RepeatedAuthorsHeadingsAndCreditsAreStoredOnce) {
  ArticleStore s;
  for (uint64_t i = 0; i < 300; ++i) {
    ArticleSpec a;
    a.id = 0x5000 + i;
    a.title = "Pipeline politics part " + std::to_string(i);
    a.authors = {i % 3 ? "Zarina Qudratova-Olmsted" : "Tamerlan Vashakmadze-Holt"};
    a.photo_credit = "Photo: Caspian Picture Agency Archive";
    SectionSpec background;
    background.heading = "BACKGROUND AND DETAILED IMPLICATIONS";
    background.paragraphs = {"The pipeline crosses the mountains near the border, report " +
                             std::to_string(i) + "."};
    a.sections.push_back(background);
    append_article(s, a);
  }
  Index ix = build_index(s);
  const std::string bytes = save(ix);
  for (const char *repeated : {"Zarina Qudratova-Olmsted", "Tamerlan Vashakmadze-Holt",
                               "Caspian Picture Agency Archive", "BACKGROUND AND DETAILED"})
    EXPECT_EQ(occurrences(bytes, repeated), 1u) << repeated;
  Index back;
  std::string err;
  ASSERT_EQ(Index::load(bytes, back, &err), Status::ok) << err;
  ASSERT_EQ(back.size(), ix.size());
  for (const Article &a : ix.store().articles) {
    const Article *b = back.find(a.id);
    ASSERT_NE(b, nullptr);
    ASSERT_EQ(b->authors.count, 1u);
    EXPECT_EQ(back.store().meta_text(back.store().authors[b->authors.begin].name),
              ix.store().meta_text(ix.store().authors[a.authors.begin].name));
    EXPECT_EQ(back.store().meta_text(b->photo_credit), ix.store().meta_text(a.photo_credit));
    ASSERT_EQ(b->sections.count, 1u);
    EXPECT_EQ(back.store().meta_text(back.store().sections[b->sections.begin].heading),
              "BACKGROUND AND DETAILED IMPLICATIONS");
  }
  for (const std::string q : {"pipeline", "author:\"Zarina Qudratova-Olmsted\"", "mountains"})
    EXPECT_EQ(run(back, q), run(ix, q)) << q;
  // Saved again after loading: the same bytes.
  EXPECT_TRUE(save(back) == bytes);
}

// Document lengths take two bytes each while every field has at most 65,535 tokens, four once
// one has more; either way the file answers as the index it was saved from (BM25 reads them).
TEST(IndexFile, DocumentLengthsNarrowWhileTheyFit) {
  ArticleStore s = make_corpus(6, 40);
  std::string narrow = save(build_index(s));
  EXPECT_EQ(section_bytes(narrow, 6), 40u * kFieldCount * 2);
  Rng rng(6);
  std::vector<std::string> vocab = make_vocabulary(rng, 50);
  ArticleSpec longest;
  longest.id = 0xabcdef;
  longest.title = "the longest article";
  SectionSpec body;
  for (int p = 0; p < 4; ++p) body.paragraphs.push_back(make_sentence(rng, vocab, 17000));
  longest.sections.push_back(body);
  append_article(s, longest);
  Index ix = build_index(s);
  std::string wide = save(ix);
  EXPECT_EQ(section_bytes(wide, 6), 41u * kFieldCount * 4);
  for (const std::string *bytes : {&narrow, &wide}) {
    Index back;
    std::string err;
    ASSERT_EQ(Index::load(*bytes, back, &err), Status::ok) << err;
    if (bytes != &wide) continue;
    for (const std::string &q : {vocab[0], vocab[1] + " " + vocab[2], std::string("longest")})
      EXPECT_EQ(run(back, q), run(ix, q)) << q;
  }
}

// Files of format 2 (the last release's) are still read: the same articles and the same answers,
// and one built with another Unicode version is indexed again from its text.
TEST(IndexFile, FormatTwoFilesAreStillRead) {
  ArticleStore s = make_corpus(4, 300);
  Index ix = build_index(s);
  IndexImpl impl{IndexOptions{}};
  for (const Article &a : s.articles) ASSERT_FALSE(failed(impl.add_article(s, a)));
  impl.finalize();
  std::string v2;
  ASSERT_EQ(detail::write_v2(impl, v2, SaveOptions{}), Status::ok);
  ASSERT_EQ(v2[8], 2);
  Index back;
  std::string err;
  ASSERT_EQ(Index::load(v2, back, &err), Status::ok) << err;
  EXPECT_EQ(live_articles(back), live_articles(ix));
  for (const std::string &q : queries()) EXPECT_EQ(run(back, q), run(ix, q)) << q;
  std::memcpy(&v2[32], "9.0.0\0\0\0\0\0\0\0\0\0\0\0", 16);
  reseal(v2);
  Index reindexed;
  ASSERT_EQ(Index::load(v2, reindexed, &err), Status::ok) << err;
  for (const std::string &q : queries()) EXPECT_EQ(run(reindexed, q), run(ix, q)) << q;
  // Saved again, it is a format 3 file.
  std::string bytes = save(back);
  EXPECT_EQ(bytes[8], 3);
}

TEST(IndexFile, GarbageIsRejected) {
  Index out;
  std::string err;
  EXPECT_EQ(Index::load("", out, &err), Status::ecorrupt);
  EXPECT_FALSE(err.empty());
  EXPECT_EQ(Index::load("CACIIDX", out, &err), Status::ecorrupt);
  EXPECT_EQ(Index::load(std::string("CACIIDX\0", 8), out, &err), Status::ecorrupt);
  EXPECT_EQ(Index::load("SQLite format 3", out, &err), Status::ecorrupt);
  Rng rng(11);
  for (int i = 0; i < 200; ++i) {
    std::string junk(rng.below(300), '\0');
    for (char &c : junk) c = static_cast<char>(rng.next());
    if (i % 2 && junk.size() >= 8) std::memcpy(&junk[0], "CACIIDX\0", 8);
    Status st = Index::load(junk, out, &err);
    EXPECT_TRUE(st == Status::ecorrupt || st == Status::eversion);
  }
}

// A loaded index that passed validation must answer every kind of query without crashing.
void exercise(const Index &ix) {
  for (const std::string &q : queries()) {
    SearchOptions o;
    o.facets = true;
    o.limit = 50;
    SearchResults r;
    ASSERT_EQ(ix.search(q, o, r, nullptr), Status::ok);
    for (const Hit &h : r.hits) {
      const Article &a = ix.store().articles[h.article];
      ASSERT_LE(h.snippet_end, a.text.length);
      ASSERT_LE(h.snippet_start, h.snippet_end);
    }
  }
  size_t bytes = 0;
  for (const Article &a : ix.store().articles) bytes += describe(ix.store(), a).size();
  EXPECT_GT(bytes + 1, 0u);
}

std::string small_index_bytes() {
  ArticleStore s = make_corpus(4, 6);
  return save(build_index(s));
}

TEST(IndexFile, TruncationAtEveryOffsetIsRejected) {
  std::string bytes = small_index_bytes();
  ASSERT_LT(bytes.size(), 20000u);
  Index out;
  for (size_t n = 0; n < bytes.size(); ++n) {
    std::string err;
    Status st = Index::load(std::string_view(bytes).substr(0, n), out, &err);
    ASSERT_TRUE(st == Status::ecorrupt || st == Status::eversion) << "length " << n;
    ASSERT_FALSE(err.empty());
  }
}

TEST(IndexFile, TruncationWithForgedHeaderIsRejected) {
  // The length field and checksum are patched to match, so the structural checks must catch it.
  std::string bytes = small_index_bytes();
  Index out;
  for (size_t n = 56; n < bytes.size(); ++n) {
    std::string cut = bytes.substr(0, n);
    for (int i = 0; i < 8; ++i)
      cut[16 + i] = static_cast<char>(static_cast<uint64_t>(n) >> (8 * i));
    reseal(cut);
    std::string err;
    Status st = Index::load(cut, out, &err);
    ASSERT_TRUE(st == Status::ecorrupt || st == Status::eversion) << "length " << n;
  }
}

TEST(IndexFile, RandomFlipsAreRejected) {
  std::string bytes = small_index_bytes();
  Rng rng(99);
  Index out;
  for (int i = 0; i < 3000; ++i) {
    std::string bad = bytes;
    uint32_t flips = 1 + rng.below(4);
    for (uint32_t k = 0; k < flips; ++k)
      bad[rng.below(static_cast<uint32_t>(bad.size()))] ^= static_cast<char>(1 + rng.below(255));
    if (bad == bytes) continue;
    std::string err;
    // Opening checks the header and the small sections; the postings pages and text chunks are
    // checked when read, and all of them by verify().
    Status st = Index::load(bad, out, &err);
    if (st == Status::ok) st = out.verify(&err);
    ASSERT_TRUE(st == Status::ecorrupt || st == Status::eversion) << "iteration " << i;
    ASSERT_FALSE(err.empty());
  }
}

TEST(IndexFile, RandomFlipsPastTheChecksumAreSafe) {
  // Flips with a repaired checksum reach the structural validation and the lazy posting decoder:
  // each load is rejected or gives an index that answers queries without reading out of bounds.
  std::string bytes = small_index_bytes();
  Rng rng(1234);
  Index out;
  int loaded = 0;
  for (int i = 0; i < 3000; ++i) {
    std::string bad = bytes;
    uint32_t flips = 1 + rng.below(3);
    for (uint32_t k = 0; k < flips; ++k) {
      size_t at = 32 + rng.below(static_cast<uint32_t>(bad.size() - 32));
      bad[at] ^= static_cast<char>(1 + rng.below(255));
    }
    reseal(bad);
    std::string err;
    Status st = Index::load(bad, out, &err);
    if (st == Status::ok) {
      ++loaded;
      exercise(out);
    } else {
      ASSERT_TRUE(st == Status::ecorrupt || st == Status::eversion);
      ASSERT_FALSE(err.empty());
    }
  }
  EXPECT_GT(loaded, 0);  // flips inside text or postings load fine
}

// A file's term order is checked by `caci verify`, not when it is opened: fuzzy matching walks the
// table as a sorted trie, and must stay within every term whatever the order (a corrupt file once
// made it read past a term shorter than the prefix it had walked).
TEST(IndexFile, FuzzyTermsOverATermTableOutOfOrderStayInBounds) {
  std::vector<std::string> terms = {"a", "ab", "abc", "abcd", "abd", "b", "ba"};
  int tables = 0;
  do {
    std::string offs, chars;
    for (const std::string &t : terms) {
      detail::put_u32le(offs, static_cast<uint32_t>(chars.size()));
      chars += t;
    }
    detail::put_u32le(offs, static_cast<uint32_t>(chars.size()));
    detail::TermDictionary dict;
    dict.attach_sorted(reinterpret_cast<const uint8_t *>(offs.data()), chars.data(),
                       static_cast<uint32_t>(terms.size()));
    for (const char *q : {"abc", "abce", "a", "ba"}) {
      std::vector<uint32_t> found;
      detail::fuzzy_terms(dict, q, 2, found);
      for (uint32_t id : found) ASSERT_LT(id, terms.size());
    }
    ++tables;
  } while (std::next_permutation(terms.begin(), terms.end()) && tables < 2000);
  EXPECT_EQ(tables, 2000);
}

}  // namespace
