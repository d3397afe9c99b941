// Tokens are maximal runs of Unicode letters, marks and numbers. Each is folded to a search term:
// full case folding, compatibility decomposition, combining marks stripped, then recomposed, so
// "Stra\u00dfe" == "strasse", "T\u00fcrkiye" == "turkiye" and NFD/NFC input give the same term.
// ASCII runs (the common case) are lowercased inline without calling utf8proc.
#include "tokenizer.hpp"

#include "caci/core/index.hpp"

#include <utf8proc.h>

namespace caci::detail {

const uint8_t kAsciiWordLower[128] = {
    0,   0,   0,   0,   0,   0,   0,   0,   0,   0,   0,   0,   0,   0,   0,   0,   0,   0,   0,
    0,   0,   0,   0,   0,   0,   0,   0,   0,   0,   0,   0,   0,   0,   0,   0,   0,   0,   0,
    0,   0,   0,   0,   0,   0,   0,   0,   0,   0,   '0', '1', '2', '3', '4', '5', '6', '7', '8',
    '9', 0,   0,   0,   0,   0,   0,   0,   'a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j', 'k',
    'l', 'm', 'n', 'o', 'p', 'q', 'r', 's', 't', 'u', 'v', 'w', 'x', 'y', 'z', 0,   0,   0,   0,
    0,   0,   'a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j', 'k', 'l', 'm', 'n', 'o', 'p', 'q',
    'r', 's', 't', 'u', 'v', 'w', 'x', 'y', 'z', 0,   0,   0,   0,   0,
};

WordStarts::WordStarts(const uint8_t *stop_bytes) {
  int count = 0;
  for (int c = 0; c < 256; ++c) {
    stop[c] = stop_bytes[c] ? 1 : 0;
    if (c >= 0x80 || !stop[c]) continue;
    const uint8_t low = kAsciiWordLower[c] ? kAsciiWordLower[c] : static_cast<uint8_t>(c);
    bool seen = false;
    for (int k = 0; k < count && k < 8; ++k) seen = seen || lower_[k] == low;
    if (seen) continue;
    if (count < 8) lower_[count] = low;
    ++count;
  }
  lower_count_ = count <= 8 ? count : -1;
}

size_t WordStarts::next_candidate(const uint8_t *p, size_t i, size_t n) const {
#if CACI_SIMD16
  if (lower_count_ >= 0) {
    using namespace simd16;
    // Letters lowercase with | 0x20 (digits keep their value; a few control bytes alias digits,
    // which only costs a false candidate that the caller rejects).
    const Bytes case_bit = splat(0x20);
    const Bytes before_a = splat('a' - 1), after_z = splat('z' + 1);
    const Bytes before_0 = splat('0' - 1), after_9 = splat('9' + 1);
    Bytes wanted_byte[8];
    for (int k = 0; k < lower_count_; ++k) wanted_byte[k] = splat(lower_[k]);
    for (; i + 16 <= n; i += 16) {
      const Bytes cur = load(p + i);
      const Bytes prev = load(p + i - 1);
      const Bytes low = or_(cur, case_bit);
      Bytes wanted = splat(0);
      for (int k = 0; k < lower_count_; ++k) wanted = or_(wanted, eq(low, wanted_byte[k]));
      // Signed compares: bytes >= 0x80 are negative, so never "letter or digit"; such a previous
      // byte is itself a candidate at a lower index, which wins below.
      const Bytes prev_low = or_(prev, case_bit);
      const Bytes prev_letter = and_(gt(prev_low, before_a), lt(prev_low, after_z));
      const Bytes prev_digit = and_(gt(prev, before_0), lt(prev, after_9));
      // A wanted byte not after a letter or digit, or any byte >= 0x80.
      const unsigned hits = mask(and_not(wanted, or_(prev_letter, prev_digit))) | mask(cur);
      if (hits) return i + static_cast<size_t>(__builtin_ctz(hits));
    }
  }
#endif
  for (; i < n; ++i) {
    const uint8_t c = p[i];
    if (c >= 0x80 || (stop[c] && !kAsciiWordLower[p[i - 1] & 0x7f])) return i;
  }
  return n;
}

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
  constexpr utf8proc_option_t kCompose =
      static_cast<utf8proc_option_t>(UTF8PROC_COMPOSE | UTF8PROC_STABLE);
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
      utf8proc_ssize_t got =
          utf8proc_decompose_char(cp, cps_.data() + count, room, kDecompose, &boundclass);
      if (got < 0) break;
      if (got > room) {
        cps_.resize(cps_.size() * 2 + static_cast<size_t>(got));
        continue;
      }
      count += static_cast<size_t>(got);
      break;
    }
  }
  utf8proc_ssize_t composed =
      count ? utf8proc_normalize_utf32(cps_.data(), static_cast<utf8proc_ssize_t>(count), kCompose)
            : 0;
  term_.clear();
  for (utf8proc_ssize_t k = 0; k < composed; ++k) {
    utf8proc_uint8_t buf[4];
    utf8proc_ssize_t len = utf8proc_encode_char(cps_[static_cast<size_t>(k)], buf);
    term_.append(reinterpret_cast<const char *>(buf), static_cast<size_t>(len));
  }
  term_.append(kTermPadding, '\0');
}

}  // namespace caci::detail

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

}  // namespace caci
