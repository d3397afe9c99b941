// Test support: builds articles directly into an ArticleStore (no parser), and a deterministic
// generator of a few thousand varied articles. Shared by tests/search and tests/index.
#pragma once

#include "caci/core/article.hpp"
#include "caci/core/index.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace caci_test {

struct SectionSpec {
  caci::SectionKind kind = caci::SectionKind::background;
  std::string heading;
  std::vector<std::string> paragraphs;
};

struct ArticleSpec {
  uint64_t id = 0;
  caci::ArticleKind kind = caci::ArticleKind::article;
  caci::Category category = caci::Category::none;
  uint32_t flags = 0;
  caci::Date date;
  std::string title;  // empty = null
  std::vector<std::string> authors;
  std::vector<std::string> lead;
  std::vector<SectionSpec> sections;
  std::vector<std::string> bio;
  std::string photo_credit;
  std::vector<std::string> links;
  std::string file = "test.txt";
  std::vector<caci::SourceRef> duplicates;
};

// Appends an article laid out like the parser does (text = title, lead, sections, bio + '\n').
inline void append_article(caci::ArticleStore &s, const ArticleSpec &spec) {
  using namespace caci;
  auto meta = [&](const std::string &t) {
    TextRef r{static_cast<uint32_t>(s.meta.size()), static_cast<uint32_t>(t.size())};
    s.meta += t;
    return r;
  };
  auto body = [&](const std::string &t) {
    TextRef r{static_cast<uint32_t>(s.body.size()), static_cast<uint32_t>(t.size())};
    s.body += t;
    s.body += '\n';
    return r;
  };
  Article a;
  a.store = &s;
  a.id = spec.id;
  a.kind = spec.kind;
  a.category = spec.category;
  a.flags = spec.flags;
  a.date = spec.date;
  a.text.offset = static_cast<uint32_t>(s.body.size());
  if (!spec.title.empty()) a.title = body(spec.title);
  a.lead.begin = static_cast<uint32_t>(s.paragraphs.size());
  for (const auto &p : spec.lead) s.paragraphs.push_back(body(p));
  a.lead.count = static_cast<uint32_t>(spec.lead.size());
  a.sections.begin = static_cast<uint32_t>(s.sections.size());
  for (const auto &sec : spec.sections) {
    Section x;
    x.kind = sec.kind;
    x.heading = meta(sec.heading);
    x.paragraphs.begin = static_cast<uint32_t>(s.paragraphs.size());
    for (const auto &p : sec.paragraphs) s.paragraphs.push_back(body(p));
    x.paragraphs.count = static_cast<uint32_t>(sec.paragraphs.size());
    s.sections.push_back(x);
  }
  a.sections.count = static_cast<uint32_t>(spec.sections.size());
  a.bio.begin = static_cast<uint32_t>(s.paragraphs.size());
  for (const auto &p : spec.bio) s.paragraphs.push_back(body(p));
  a.bio.count = static_cast<uint32_t>(spec.bio.size());
  a.text.length = static_cast<uint32_t>(s.body.size()) - a.text.offset;
  a.authors.begin = static_cast<uint32_t>(s.authors.size());
  for (const auto &n : spec.authors) {
    Author au;
    au.name = meta(n);
    au.honorifics.begin = static_cast<uint32_t>(s.honorifics.size());
    if (n.size() % 3 == 0) {
      s.honorifics.push_back(meta("Dr."));
      au.honorifics.count = 1;
    }
    if (n.size() % 4 == 0) au.affiliation = meta("Uppsala University");
    s.authors.push_back(au);
  }
  a.authors.count = static_cast<uint32_t>(spec.authors.size());
  if (!spec.photo_credit.empty()) a.photo_credit = meta(spec.photo_credit);
  a.links.begin = static_cast<uint32_t>(s.links.size());
  for (const auto &l : spec.links) s.links.push_back(Link{LinkKind::pdf, meta(l)});
  a.links.count = static_cast<uint32_t>(spec.links.size());
  uint32_t file = 0;
  for (; file < s.files.size(); ++file)
    if (s.files[file] == spec.file) break;
  if (file == s.files.size()) s.files.push_back(spec.file);
  a.source.file = file;
  a.source.line = static_cast<uint32_t>(s.articles.size() * 7 + 1);
  a.source.byte_start = s.articles.size() * 1000;
  a.source.byte_end = a.source.byte_start + 999;
  a.duplicates = spec.duplicates;
  s.articles.push_back(a);
}

// Deterministic pseudo-random numbers (splitmix64).
struct Rng {
  uint64_t state;
  explicit Rng(uint64_t seed) : state(seed) {}
  uint64_t next() {
    uint64_t z = (state += 0x9e3779b97f4a7c15ull);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
  }
  uint32_t below(uint32_t n) { return n ? static_cast<uint32_t>(next() % n) : 0; }
  bool chance(uint32_t percent) { return below(100) < percent; }
};

// Words of the generated corpus: made-up words plus names with diacritics, apostrophes, hyphens
// and NFD spellings.
inline const std::vector<std::string> &special_words() {
  static const std::vector<std::string> w = {
      "T\u00fcrkiye",
      "Turkiye",
      "A\u011fdam",
      "\u015eu\u015fa",
      "Swanstr\u00f6m",
      "O'Brien",
      "O\u2019Brien",
      "Ul-Haq",
      "North-South",
      "Stra\u00dfe",
      "strasse",
      "Tu\u0308rkiye" /* NFD */,
      "Swanstro\u0308m" /* NFD */,
      "Baku",
      "Tbilisi",
      "Gazprom",
      "Nagorno-Karabakh",
      "\u00c7AL\u0130\u015eKAN",
      "Ky\u0131rgyzstan",
      "\u0410\u0441\u0442\u0430\u043d\u0430",
      "2003",
      "1999",
      "NATO",
      "Shanghai",
  };
  return w;
}

inline std::vector<std::string> make_vocabulary(Rng &rng, size_t n) {
  static const char *syl[] = {"ka",  "ri",  "mo", "stan", "ba",  "lu",  "ne", "go", "ar", "vi",
                              "tel", "pra", "zo", "hu",   "sek", "dom", "an", "il", "or", "ek"};
  std::vector<std::string> v;
  for (size_t i = 0; i < n; ++i) {
    std::string w;
    uint32_t k = 1 + rng.below(3);
    for (uint32_t j = 0; j < k; ++j) w += syl[rng.below(20)];
    v.push_back(w);
  }
  return v;
}

inline std::string make_sentence(Rng &rng, const std::vector<std::string> &vocab, uint32_t words) {
  std::string s;
  const auto &sp = special_words();
  for (uint32_t i = 0; i < words; ++i) {
    if (i) s += rng.chance(10) ? ", " : " ";
    std::string w = rng.chance(8) ? sp[rng.below(static_cast<uint32_t>(sp.size()))]
                                  : vocab[rng.below(static_cast<uint32_t>(vocab.size())) %
                                          (rng.chance(50) ? 40 : vocab.size())];
    if (rng.chance(5) && !w.empty() && w[0] >= 'a' && w[0] <= 'z')
      w[0] = static_cast<char>(w[0] - 32);
    s += w;
  }
  s += '.';
  return s;
}

inline const std::vector<std::string> &author_names() {
  static const std::vector<std::string> a = {
      "Svante E. Cornell", "S. Frederick Starr", "Niklas Swanstr\u00f6m", "Farid Guliyev",
      "Mehmet \u00d6zkan", "Sean O'Brien",       "Inam Ul-Haq",           "Aigerim Tulegenova",
      "Giorgi Beridze",    "Erica Marat",        "\u015eahin Ay\u015fe",  "Johan Engvall"};
  return a;
}

// A few thousand articles in one store, deterministic for a seed.
inline caci::ArticleStore make_corpus(uint64_t seed, size_t count,
                                      std::vector<std::string> *vocab_out = nullptr) {
  Rng rng(seed);
  std::vector<std::string> vocab = make_vocabulary(rng, 600);
  caci::ArticleStore s;
  const auto &names = author_names();
  for (size_t i = 0; i < count; ++i) {
    ArticleSpec a;
    a.id = 0x1000 + i * 7919;
    a.kind = static_cast<caci::ArticleKind>(rng.below(4));
    a.category = static_cast<caci::Category>(rng.below(4));
    a.flags = rng.below(512);
    if (!rng.chance(5)) {
      a.date.year = static_cast<int16_t>(1999 + rng.below(27));
      a.date.month = static_cast<uint8_t>(1 + rng.below(12));
      a.date.day = static_cast<uint8_t>(rng.chance(80) ? 1 + rng.below(28) : 0);
    } else if (rng.chance(50)) {
      a.date.month = 3;  // partial date: no year
      a.date.day = 8;
    }
    if (!rng.chance(3)) a.title = make_sentence(rng, vocab, 2 + rng.below(8));
    uint32_t na = rng.below(3);
    for (uint32_t k = 0; k < na; ++k)
      a.authors.push_back(names[rng.below(static_cast<uint32_t>(names.size()))]);
    uint32_t nl = rng.below(3);
    for (uint32_t k = 0; k < nl; ++k)
      a.lead.push_back(make_sentence(rng, vocab, 5 + rng.below(30)));
    uint32_t ns = rng.below(4);
    for (uint32_t k = 0; k < ns; ++k) {
      SectionSpec sec;
      sec.kind = static_cast<caci::SectionKind>(k % 3);
      sec.heading = k % 3 == 0 ? "BACKGROUND" : (k % 3 == 1 ? "IMPLICATIONS" : "CONCLUSIONS");
      uint32_t np = 1 + rng.below(3);
      for (uint32_t p = 0; p < np; ++p)
        sec.paragraphs.push_back(make_sentence(rng, vocab, 10 + rng.below(40)));
      a.sections.push_back(std::move(sec));
    }
    if (rng.chance(60)) a.bio.push_back(make_sentence(rng, vocab, 4 + rng.below(12)));
    if (rng.chance(20)) a.photo_credit = "Photo: " + vocab[rng.below(600)];
    if (rng.chance(10)) a.links.push_back("PDF of issue " + std::to_string(i));
    a.file = "archive-" + std::to_string(i % 5) + ".txt";
    if (rng.chance(5)) a.duplicates.push_back(caci::SourceRef{0, 3, 100, 200});
    append_article(s, a);
  }
  if (vocab_out) *vocab_out = vocab;
  return s;
}

inline caci::Index build_index(const caci::ArticleStore &s, const caci::IndexOptions &o = {}) {
  caci::Index ix(o);
  for (const auto &a : s.articles) ix.add_article(s, a);
  return ix;
}

}  // namespace caci_test
