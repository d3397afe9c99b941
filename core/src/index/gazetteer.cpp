// Country detection over an article's title and text; see gazetteer.hpp.
#include "caci/core/gazetteer.hpp"

#include "../article/lexicon.hpp"
#include "tokenizer.hpp"

#include <algorithm>
#include <string>
#include <unordered_map>
#include <vector>

namespace caci {

namespace {

static_assert(sizeof parse::lexicon::kCountryPlaces / sizeof parse::lexicon::kCountryPlaces[0] ==
                  kCountryCount,
              "one gazetteer row per country id");

// A place as the tokenizer folds it: "Nur-Sultan" is the tokens "nur" "sultan".
struct Place {
  std::vector<std::string> tokens;
  int country = 0;
};

// Places by their first token, built once from the lexicon.
struct Places {
  std::vector<Place> all;
  // Longest first within each list, so "ulan bator" is tried before a one-word "ulan".
  std::unordered_map<std::string, std::vector<const Place *>> by_first;
  // What an all-ASCII token must look like to be part of any place: its first byte (lowercased)
  // starts some place word, and its length is within theirs. Most tokens of a text fail this
  // test and are never folded (count_places runs over whole articles, for facets and filters).
  bool starts[128] = {};
  size_t min_len = ~size_t(0), max_len = 0;
  Places() {
    detail::Tokenizer tok;
    for (int c = 0; c < kCountryCount; ++c)
      for (std::string_view name : parse::lexicon::kCountryPlaces[c].places) {
        if (name.empty()) continue;
        Place p;
        p.country = c;
        tok.run(name, [&](std::string_view t, uint32_t, uint32_t) { p.tokens.emplace_back(t); });
        if (!p.tokens.empty()) all.push_back(std::move(p));
      }
    std::stable_sort(all.begin(), all.end(), [](const Place &a, const Place &b) {
      return a.tokens.size() > b.tokens.size();
    });
    for (const Place &p : all) {
      by_first[p.tokens[0]].push_back(&p);
      for (const std::string &t : p.tokens) {
        if (static_cast<uint8_t>(t[0]) < 128) starts[static_cast<uint8_t>(t[0])] = true;
        min_len = std::min(min_len, t.size());
        max_len = std::max(max_len, t.size());
      }
    }
  }
};

const Places &places() {
  static const Places p;
  return p;
}

// Counts the places of every country in `text` into counts[]: consecutive tokens equal to a
// place's words, longest place first, each token counted once.
void count_places(std::string_view text, int counts[kCountryCount]) {
  const Places &ps = places();
  struct Word {
    std::string term;
    bool follows;  // directly after the previous kept word (no other word in between)
  };
  std::vector<Word> words;
  size_t prev_end = std::string_view::npos;
  // A skipped (ASCII) word between two kept ones leaves a letter or digit in the gap.
  auto gap_has_word = [&](size_t from, size_t to) {
    for (size_t i = from; i < to; ++i) {
      const uint8_t b = static_cast<uint8_t>(text[i]);
      if (b < 128 && detail::kAsciiWordLower[b]) return true;
    }
    return false;
  };
  detail::Tokenizer tok;
  tok.run_filtered(
      text,
      [&](const char *raw, size_t len) {
        const uint8_t first = static_cast<uint8_t>(raw[0]);
        return len >= ps.min_len && len <= ps.max_len && first < 128 &&
               ps.starts[detail::kAsciiWordLower[first]];
      },
      [&](std::string_view t, uint32_t start, uint32_t end) {
        const bool follows = prev_end != std::string_view::npos && !gap_has_word(prev_end, start);
        words.push_back(Word{std::string(t), follows});
        prev_end = end;
      });
  for (size_t i = 0; i < words.size(); ++i) {
    auto it = ps.by_first.find(words[i].term);
    if (it == ps.by_first.end()) continue;
    for (const Place *p : it->second) {
      if (i + p->tokens.size() > words.size()) continue;
      bool match = true;
      for (size_t k = 1; k < p->tokens.size() && match; ++k)
        match = words[i + k].follows && words[i + k].term == p->tokens[k];
      if (!match) continue;
      ++counts[p->country];
      i += p->tokens.size() - 1;
      break;
    }
  }
}

}  // namespace

int find_country(std::string_view name) {
  detail::Tokenizer tok;
  std::vector<std::string> words;
  tok.run(name, [&](std::string_view t, uint32_t, uint32_t) { words.emplace_back(t); });
  if (words.empty()) return -1;
  for (const Place &p : places().all)
    if (p.tokens == words) return p.country;
  for (int c = 0; c < kCountryCount; ++c) {
    std::vector<std::string> own;
    tok.run(parse::lexicon::kCountryPlaces[c].name,
            [&](std::string_view t, uint32_t, uint32_t) { own.emplace_back(t); });
    if (own == words) return c;
  }
  return -1;
}

const char *country_name(int id) noexcept {
  if (id < 0 || id >= kCountryCount) return nullptr;
  return parse::lexicon::kCountryPlaces[id].name.data();  // literals: NUL-terminated
}

int article_countries(const ArticleStore &store, const Article &a, int ids[kCountryCount]) {
  int in_title[kCountryCount] = {}, in_text[kCountryCount] = {};
  const bool title_ok = !a.title.empty() && store.body_in_range(a.title);
  const bool text_ok = store.body_in_range(a.text);
  std::string_view title = title_ok ? store.body_text(a.title) : std::string_view();
  if (title_ok) count_places(title, in_title);
  if (text_ok) {
    std::string_view text = store.body_text(a.text);
    if (title_ok && text.substr(0, title.size()) == title) text.remove_prefix(title.size());
    count_places(text, in_text);
  }
  // "KAZAKHSTAN: NEW PIPELINE TALKS": the country before the colon weighs most.
  int headline = -1;
  if (const size_t colon = title.find(':'); colon != std::string_view::npos && colon < 40) {
    int before[kCountryCount] = {};
    count_places(title.substr(0, colon), before);
    for (int c = 0; c < kCountryCount && headline < 0; ++c)
      if (before[c]) headline = c;
  }
  // In the title; or named three times in the text; or the text's most named country.
  int most = 0;
  for (int c = 0; c < kCountryCount; ++c) most = std::max(most, in_text[c]);
  int weight[kCountryCount] = {};
  int n = 0;
  for (int c = 0; c < kCountryCount; ++c) {
    weight[c] = (c == headline ? 1000 : 0) + in_title[c] * 10 + in_text[c];
    if (c == headline || in_title[c] > 0 || in_text[c] >= 3 ||
        (in_text[c] > 0 && in_text[c] == most))
      ids[n++] = c;
  }
  std::stable_sort(ids, ids + n, [&](int x, int y) { return weight[x] > weight[y]; });
  return n;
}

}  // namespace caci
