#include "stemmer.hpp"

// The English stemmer and the runtime functions libstemmer's sb_stemmer_* wrap (libstemmer.c),
// declared here because Debian ships only libstemmer.h. The library does not go through
// sb_stemmer_new: its table of languages names every one of them, so linking it brought all 30 in
// (Debian's libstemmer.so: 805 KB and 10,840 relocations, 1.1 ms added to the start of every
// process that loads libcaci, measured against an empty program with hyperfine); the English
// stemmer and the runtime alone are three small members of the static archive.
extern "C" {
::SN_env *english_UTF_8_create_env(void);
void english_UTF_8_close_env(::SN_env *z);
int english_UTF_8_stem(::SN_env *z);
int SN_set_current(::SN_env *z, int size, const unsigned char *s);
}

namespace caci::detail {

namespace {

// The leading fields of the runtime's struct SN_env (runtime/header.h, the same in every Snowball
// release since libstemmer_c): the current string, the cursor and the string's length. What
// sb_stemmer_stem() and sb_stemmer_length() read after a stem.
struct SnowballEnvHead {
  unsigned char *p;
  int c;
  int l;
};

}  // namespace

EnglishStemmer::EnglishStemmer() : env_(english_UTF_8_create_env()) {}

EnglishStemmer::~EnglishStemmer() {
  if (env_) english_UTF_8_close_env(env_);
}

bool EnglishStemmer::stemmable(std::string_view word) {
  if (word.size() < 2 || word.size() > 64) return false;
  for (char c : word)
    if (c < 'a' || c > 'z') return false;
  return true;
}

bool EnglishStemmer::stem(std::string_view word, std::string &out) {
  if (!env_ || !stemmable(word)) return false;
  // As sb_stemmer_stem(): a negative result is the runtime out of memory.
  if (SN_set_current(env_, static_cast<int>(word.size()),
                     reinterpret_cast<const unsigned char *>(word.data())) < 0 ||
      english_UTF_8_stem(env_) < 0)
    return false;
  const auto *head = reinterpret_cast<const SnowballEnvHead *>(env_);
  if (!head->p || head->l < 0) return false;
  out.assign(reinterpret_cast<const char *>(head->p), static_cast<size_t>(head->l));
  return true;
}

}  // namespace caci::detail
