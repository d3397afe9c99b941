// Country detection over an article's title and text; see gazetteer.hpp.
#include "caci/core/gazetteer.hpp"

#include "../article/lexicon.hpp"
#include "tokenizer.hpp"

#include <algorithm>
#include <string>
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
    // Longer places first, so "ulan bator" is tried before a one-word place of the same start.
    std::stable_sort(all.begin(), all.end(), [](const Place &a, const Place &b) {
      return a.tokens.size() > b.tokens.size();
    });
  }
};

const Places &places() {
  static const Places p;
  return p;
}

// Counts the places of every country in `text` into counts[].
void count_places(std::string_view text, int counts[kCountryCount]) {
  const Places &ps = places();
  std::vector<std::string> tokens;
  detail::Tokenizer tok;
  tok.run(text, [&](std::string_view t, uint32_t, uint32_t) { tokens.emplace_back(t); });
  for (size_t i = 0; i < tokens.size(); ++i) {
    for (const Place &p : ps.all) {
      if (i + p.tokens.size() > tokens.size()) continue;
      bool match = true;
      for (size_t k = 0; k < p.tokens.size() && match; ++k) match = tokens[i + k] == p.tokens[k];
      if (!match) continue;
      ++counts[p.country];
      i += p.tokens.size() - 1;
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
  const bool title_ok =
      !a.title.empty() && uint64_t(a.title.offset) + a.title.length <= store.body.size();
  const bool text_ok = uint64_t(a.text.offset) + a.text.length <= store.body.size();
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
