// Snowball English ("Porter2") stemming of folded query and dictionary words: Snowball's generated
// English stemmer and its runtime, called directly (stemmer.cpp says why), from Debian's
// libstemmer-dev static archive natively and from the Snowball C sources for wasm.
#pragma once

#include <string>
#include <string_view>

struct SN_env;  // the Snowball runtime's stemming environment

namespace caci::detail {

class EnglishStemmer {
public:
  EnglishStemmer();
  ~EnglishStemmer();
  EnglishStemmer(const EnglishStemmer &) = delete;
  EnglishStemmer &operator=(const EnglishStemmer &) = delete;

  // Whether `word` is one the English stemmer applies to: two or more ASCII letters and nothing
  // else. Numbers, mixed tokens and non-Latin scripts are left alone, matched exactly.
  static bool stemmable(std::string_view word);
  // The stem of a folded word, into `out`. false when the word is not stemmable or the stemmer
  // could not allocate (the caller then matches the word exactly, as without stemming).
  bool stem(std::string_view word, std::string &out);

private:
  ::SN_env *env_ = nullptr;
};

}  // namespace caci::detail
