#include "stemmer.hpp"

#include <libstemmer.h>

namespace caci::detail {

EnglishStemmer::EnglishStemmer() : sb_(sb_stemmer_new("english", "UTF_8")) {}

EnglishStemmer::~EnglishStemmer() {
  if (sb_) sb_stemmer_delete(sb_);
}

bool EnglishStemmer::stemmable(std::string_view word) {
  if (word.size() < 2 || word.size() > 64) return false;
  for (char c : word)
    if (c < 'a' || c > 'z') return false;
  return true;
}

bool EnglishStemmer::stem(std::string_view word, std::string &out) {
  if (!sb_ || !stemmable(word)) return false;
  const sb_symbol *s = sb_stemmer_stem(sb_, reinterpret_cast<const sb_symbol *>(word.data()),
                                       static_cast<int>(word.size()));
  if (!s) return false;  // out of memory inside the stemmer
  out.assign(reinterpret_cast<const char *>(s), static_cast<size_t>(sb_stemmer_length(sb_)));
  return true;
}

}  // namespace caci::detail
