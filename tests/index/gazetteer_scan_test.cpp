// The gazetteer's fast scan (word runs found 64 bytes at a time, most words never tokenized) finds
// the countries the plain algorithm finds: every token of the text folded by the tokenizer,
// consecutive tokens compared with each place's words. Random texts mix place names in any case,
// split by hyphens, spaces, punctuation or other words, with accented letters, typographic quotes,
// combining marks, invalid bytes and digits, at every alignment to the 64-byte blocks.
#include "caci/core/gazetteer.hpp"
#include "caci/core/index.hpp"

#include "../../core/src/article/lexicon.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <string>
#include <vector>

using namespace caci;

namespace {

// The plain algorithm: all tokens, with whether only non-word bytes lie before each one since the
// previous token.
void reference_count(std::string_view text, int counts[kCountryCount]) {
  struct Place {
    std::vector<std::string> tokens;
    int country;
  };
  std::vector<Place> places;
  for (int c = 0; c < kCountryCount; ++c)
    for (std::string_view name : parse::lexicon::kCountryPlaces[c].places) {
      if (name.empty()) continue;
      std::vector<Token> t;
      tokenize(name, t);
      Place p{{}, c};
      for (const Token &x : t) p.tokens.push_back(x.term);
      places.push_back(p);
    }
  std::stable_sort(places.begin(), places.end(), [](const Place &a, const Place &b) {
    return a.tokens.size() > b.tokens.size();
  });
  std::vector<Token> tokens;
  tokenize(text, tokens);
  for (size_t i = 0; i < tokens.size(); ++i)
    for (const Place &p : places) {
      if (i + p.tokens.size() > tokens.size()) continue;
      bool match = true;
      for (size_t k = 0; k < p.tokens.size() && match; ++k) {
        match = tokens[i + k].term == p.tokens[k];
        // Consecutive: nothing but non-word ASCII bytes and non-word characters in between.
        if (match && k > 0) {
          std::vector<Token> gap;
          tokenize(text.substr(tokens[i + k - 1].end, tokens[i + k].start - tokens[i + k - 1].end),
                   gap);
          match = gap.empty();
          for (uint32_t b = tokens[i + k - 1].end; match && b < tokens[i + k].start; ++b) {
            const unsigned char c = static_cast<unsigned char>(text[b]);
            match = !(c < 128 && (std::isalnum(c) != 0));
          }
        }
      }
      if (!match) continue;
      ++counts[p.country];
      i += p.tokens.size() - 1;
      break;
    }
}

// article_countries as gazetteer.cpp computes it, over reference_count.
std::vector<int> reference_countries(std::string_view title, std::string_view text) {
  int in_title[kCountryCount] = {}, in_text[kCountryCount] = {};
  if (!title.empty()) reference_count(title, in_title);
  if (text.substr(0, title.size()) == title) text.remove_prefix(title.size());
  reference_count(text, in_text);
  int headline = -1;
  if (const size_t colon = title.find(':'); colon != std::string_view::npos && colon < 40) {
    int before[kCountryCount] = {};
    reference_count(title.substr(0, colon), before);
    for (int c = 0; c < kCountryCount && headline < 0; ++c)
      if (before[c]) headline = c;
  }
  int most = 0;
  for (int c = 0; c < kCountryCount; ++c) most = std::max(most, in_text[c]);
  int weight[kCountryCount] = {};
  std::vector<int> ids;
  for (int c = 0; c < kCountryCount; ++c) {
    weight[c] = (c == headline ? 1000 : 0) + in_title[c] * 10 + in_text[c];
    if (c == headline || in_title[c] > 0 || in_text[c] >= 3 ||
        (in_text[c] > 0 && in_text[c] == most))
      ids.push_back(c);
  }
  std::stable_sort(ids.begin(), ids.end(), [&](int x, int y) { return weight[x] > weight[y]; });
  return ids;
}

std::vector<int> fast_countries(const std::string &title, const std::string &text) {
  ArticleStore store;
  store.body = title + text;
  Article a;
  a.store = &store;
  a.title = TextRef{0, static_cast<uint32_t>(title.size())};
  a.text = TextRef{0, static_cast<uint32_t>(store.body.size())};
  int ids[kCountryCount];
  const int n = article_countries(store, a, ids);
  return std::vector<int>(ids, ids + n);
}

std::string random_text(std::mt19937 &rng, size_t words) {
  static const char *const pieces[] = {"Kazakhstan",
                                       "KAZAKHSTAN",
                                       "kazakh",
                                       "Alma",
                                       "Ata",
                                       "alma-ata",
                                       "Nur",
                                       "Sultan",
                                       "nur-sultan",
                                       "Ulan",
                                       "Bator",
                                       "ulan bator",
                                       "Mazar",
                                       "i",
                                       "Sharif",
                                       "mazar-i-sharif",
                                       "Osh",
                                       "osh's",
                                       "Osh\u2019s",
                                       "T\u00fcrkiye",
                                       "Turkiye",
                                       "TU\u0308RKIYE",
                                       "Tu\u0308rkiye",
                                       "Baku",
                                       "the",
                                       "and",
                                       "a",
                                       "of",
                                       "Tbilisi",
                                       "Moscow",
                                       "\u201cBishkek\u201d",
                                       "Bishkek2",
                                       "2Bishkek",
                                       "Frunze",
                                       "Ganja",
                                       "Jos\u00e9",
                                       "caf\u00e9s",
                                       "\u00c9cole",
                                       "\xff",
                                       "\xc3",
                                       "\xe2\x80",
                                       "Urumqi",
                                       "X\u0301",
                                       "\u0301",
                                       "Ankara",
                                       "Astana",
                                       "Karachi",
                                       "Pakistani",
                                       "Russian",
                                       "Kremlin",
                                       "Tashkent",
                                       "Dushanbe",
                                       "Yerevan",
                                       "12",
                                       "Samarkand",
                                       "kabul",
                                       "herat",
                                       "Ashgabat",
                                       "Krasnovodsk"};
  static const char *const gaps[] = {" ",        " ",  " ",    "  ", "-",      ", ",
                                     ". ",       "\n", "\n\n", "'",  "\u2019", "\u2014",
                                     " \u00a0 ", "/",  "(",    ") ", "\t",     "--"};
  std::uniform_int_distribution<size_t> piece(0, sizeof pieces / sizeof pieces[0] - 1);
  std::uniform_int_distribution<size_t> gap(0, sizeof gaps / sizeof gaps[0] - 1);
  std::string out;
  for (size_t i = 0; i < words; ++i) {
    if (i) out += gaps[gap(rng)];
    out += pieces[piece(rng)];
  }
  return out;
}

}  // namespace

TEST(GazetteerScan, RandomTextsGiveThePlainAlgorithmsCountries) {
  std::mt19937 rng(13);
  std::uniform_int_distribution<size_t> len(0, 90), pad(0, 70), title_words(0, 6);
  for (int round = 0; round < 3000; ++round) {
    // A prefix of plain words moves the text across the 64-byte blocks.
    const std::string text = std::string(pad(rng), 'x') + " " + random_text(rng, len(rng));
    std::string title = random_text(rng, title_words(rng));
    if (round % 3 == 0) title = "KAZAKHSTAN: " + title;
    const std::vector<int> want = reference_countries(title, title + text);
    ASSERT_EQ(fast_countries(title, text), want)
        << "round " << round << " title '" << title << "' text '" << text << "'";
  }
}

TEST(GazetteerScan, PlacesAtTheEndsOfTheTextAndAcrossBlocks) {
  for (size_t at = 0; at < 140; ++at) {
    const std::string text = std::string(at, ' ') + "Ulan Bator, Ulan Bator and Ulan-Bator";
    EXPECT_EQ(fast_countries("", text), reference_countries("", text)) << at;
    ASSERT_FALSE(fast_countries("", text).empty()) << at;
    const std::string word = std::string(at, 'q') + " Kazakhstan";
    EXPECT_EQ(fast_countries("", word), reference_countries("", word)) << at;
  }
}
