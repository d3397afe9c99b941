// Counting the gazetteer's places in a stream of tokens, for the index build: it tokenizes every
// article anyway, so it counts an article's places from its own tokens instead of scanning the
// text a second time (gazetteer.cpp's count_places, which counts the same way).
#pragma once

#include "caci/core/gazetteer.hpp"

#include <cstdint>
#include <string_view>
#include <vector>

namespace caci::detail {

// The place word `term` (a folded token, as the Tokenizer emits it) is, or -1: an id for
// PlaceCounter::note.
int32_t place_word_of(std::string_view term);

// Places in a text, from the place word (or -1) of each of its tokens in order: consecutive
// tokens equal to a place's words, longest place first, each token counted once.
class PlaceCounter {
public:
  void clear() {
    words_.clear();
    have_prev_ = other_since_ = false;
  }
  void note(int32_t word);
  // Adds the places noted since clear() to counts[country].
  void count(int counts[kCountryCount]) const;

private:
  struct Word {
    int32_t id;    // place word
    bool follows;  // directly after the previous place word (no other token in between)
  };
  std::vector<Word> words_;  // only the place words: most tokens are none
  bool have_prev_ = false, other_since_ = false;
};

// article_countries, with the places of the article's text (after its title, as article_countries
// counts them) already counted in text_counts (nullptr: counted here from the text).
int article_countries_with(const ArticleStore &store, const Article &a, const int *text_counts,
                           int ids[kCountryCount]);

}  // namespace caci::detail
