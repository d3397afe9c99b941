// Tokens are maximal runs of Unicode letters, marks and numbers. Each is folded to a search term:
// full case folding, compatibility decomposition, combining marks stripped, then recomposed, so
// "Stra\u00dfe" == "strasse", "T\u00fcrkiye" == "turkiye" and NFD/NFC input give the same term.
// ASCII runs (the common case) are lowercased inline without calling utf8proc.
#include "tokenizer.hpp"

#include "caci/core/index.hpp"

#include <utf8proc.h>

namespace caci::detail {

const uint8_t kAsciiWordLower[128] = {
    0,   0,   0,   0,   0,   0,   0,   0,   0,   0,   0,   0,   0,   0,   0,   0,
    0,   0,   0,   0,   0,   0,   0,   0,   0,   0,   0,   0,   0,   0,   0,   0,
    0,   0,   0,   0,   0,   0,   0,   0,   0,   0,   0,   0,   0,   0,   0,   0,
    '0', '1', '2', '3', '4', '5', '6', '7', '8', '9', 0,   0,   0,   0,   0,   0,
    0,   'a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j', 'k', 'l', 'm', 'n', 'o',
    'p', 'q', 'r', 's', 't', 'u', 'v', 'w', 'x', 'y', 'z', 0,   0,   0,   0,   0,
    0,   'a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j', 'k', 'l', 'm', 'n', 'o',
    'p', 'q', 'r', 's', 't', 'u', 'v', 'w', 'x', 'y', 'z', 0,   0,   0,   0,   0,
};

size_t Tokenizer::decode_word_char(const uint8_t *p, size_t n, bool *is_word) {
  utf8proc_int32_t cp = 0;
  utf8proc_ssize_t len = utf8proc_iterate(p, static_cast<utf8proc_ssize_t>(n < 4 ? n : 4), &cp);
  if (len <= 0) {
    *is_word = false;
    return 1;
  }
  utf8proc_category_t cat = utf8proc_category(cp);
  *is_word = cat >= UTF8PROC_CATEGORY_LU && cat <= UTF8PROC_CATEGORY_NO;
  return static_cast<size_t>(len);
}

void Tokenizer::fold_run(const uint8_t *p, size_t n) {
  constexpr utf8proc_option_t kDecompose = static_cast<utf8proc_option_t>(
      UTF8PROC_DECOMPOSE | UTF8PROC_COMPAT | UTF8PROC_CASEFOLD | UTF8PROC_STRIPMARK);
  constexpr utf8proc_option_t kCompose = static_cast<utf8proc_option_t>(UTF8PROC_COMPOSE | UTF8PROC_STABLE);
  if (cps_.size() < n * 2 + 16) cps_.resize(n * 2 + 16);
  size_t count = 0;
  size_t i = 0;
  while (i < n) {
    utf8proc_int32_t cp = 0;
    utf8proc_ssize_t len = utf8proc_iterate(p + i, static_cast<utf8proc_ssize_t>(n - i), &cp);
    if (len <= 0) {  // cannot happen: the run was validated by decode_word_char
      ++i;
      continue;
    }
    i += static_cast<size_t>(len);
    for (;;) {
      int boundclass = 0;
      utf8proc_ssize_t room = static_cast<utf8proc_ssize_t>(cps_.size() - count);
      utf8proc_ssize_t got = utf8proc_decompose_char(cp, cps_.data() + count, room, kDecompose, &boundclass);
      if (got < 0) break;
      if (got > room) {
        cps_.resize(cps_.size() * 2 + static_cast<size_t>(got));
        continue;
      }
      count += static_cast<size_t>(got);
      break;
    }
  }
  utf8proc_ssize_t composed = count ? utf8proc_normalize_utf32(cps_.data(), static_cast<utf8proc_ssize_t>(count), kCompose) : 0;
  term_.clear();
  for (utf8proc_ssize_t k = 0; k < composed; ++k) {
    utf8proc_uint8_t buf[4];
    utf8proc_ssize_t len = utf8proc_encode_char(cps_[static_cast<size_t>(k)], buf);
    term_.append(reinterpret_cast<const char *>(buf), static_cast<size_t>(len));
  }
}

} // namespace caci::detail

namespace caci {

void tokenize(std::string_view text, std::vector<Token> &out) {
  detail::Tokenizer tokenizer;
  tokenizer.run(text, [&](std::string_view term, uint32_t start, uint32_t end) {
    Token t;
    t.term.assign(term.data(), term.size());
    t.start = start;
    t.end = end;
    out.push_back(std::move(t));
  });
}

} // namespace caci
