// Internal tokenizer: the engine behind caci::tokenize(), used by the index builder, the query
// parser and the snippet highlighter. It calls back for each token instead of returning strings so
// that indexing allocates nothing per token (the folded term lives in a reused buffer).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "../text/simd16.hpp"

namespace caci::detail {

// Lowercase form of an ASCII letter or digit, 0 for every other ASCII byte.
extern const uint8_t kAsciiWordLower[128];

// The bytes at which Tokenizer::run_sparse must stop: every byte >= 0x80 and both cases of each
// ASCII letter or digit a wanted term may start with. With few distinct first bytes (the usual
// query), 16 bytes are tested at once for "wanted byte at a word start, or a non-ASCII byte".
class WordStarts {
public:
  // `stop`: 256 entries, non-zero for the bytes above.
  WordStarts() = default;
  explicit WordStarts(const uint8_t *stop);
  uint8_t stop[256] = {};
  // First index k in [i, n) where p[k] >= 0x80, or p[k] is wanted and p[k-1] is not a letter or
  // digit; n if none. Needs i >= 1 and p[i-1] < 0x80.
  size_t next_candidate(const uint8_t *p, size_t i, size_t n) const;

private:
  uint8_t lower_[8] = {};  // distinct wanted ASCII bytes, lowercased
  int lower_count_ = -1;   // -1: more than 8, tested one byte at a time
};

class Tokenizer {
public:
  static constexpr size_t kTermPadding = 8;

  // Calls emit(std::string_view term, uint32_t start, uint32_t end) for every token of `text`, in
  // order. `term` is valid only during the call, and kTermPadding readable bytes follow it (for
  // TermDictionary::intern_padded). start/end are byte offsets into `text`.
  template <class Emit> void run(std::string_view text, Emit &&emit) {
    run_filtered(
        text, [](const char *, size_t) { return true; }, emit);
  }
  // Same, but an all-ASCII token is lowercased and emitted only if keep(raw_bytes, length) says so
  // (a cheap pre-check on the raw bytes: the snippet highlighter looks for a few query terms in a
  // whole article and rejects most tokens by length and first letter without folding them).
  // Tokens with non-ASCII letters are always folded and emitted.
  template <class Keep, class Emit>
  void run_filtered(std::string_view text, Keep &&keep, Emit &&emit);
  // Same tokens as run_filtered, for a search of a few terms in long text: `starts` marks every
  // byte >= 0x80 and each ASCII letter or digit (both cases) a wanted term may start with; text
  // up to the next such byte at a word start is skipped without tokenizing it, since a token
  // starting with an ASCII byte folds to a term starting with that byte lowercased. Decoding stays
  // aligned with run() because an ASCII byte is never part of a multi-byte sequence.
  template <class Keep, class Emit>
  void run_sparse(std::string_view text, const WordStarts &starts, Keep &&keep, Emit &&emit);

private:
  // For p[0, 16) starting with a word byte: the length of the ASCII token there, with its 16 bytes
  // lowercased into out[0, 16), when it ends within them at an ASCII byte that is no word byte;
  // otherwise 16 (longer, a byte >= 0x80 first, or no SIMD in this build).
  static unsigned short_ascii_token(const uint8_t *p, char *out) {
#if CACI_SIMD16
    using namespace simd16;
    const Bytes c = load(p);
    // Signed compares: bytes >= 0x80 are negative, never a letter or digit here.
    const Bytes low = or_(c, splat(0x20));
    const Bytes letter = and_(gt(low, splat('a' - 1)), lt(low, splat('z' + 1)));
    const Bytes digit = and_(gt(c, splat('0' - 1)), lt(c, splat('9' + 1)));
    const unsigned word = mask(or_(letter, digit));
    const unsigned len = static_cast<unsigned>(__builtin_ctz(~word));  // bits 16 and up are set
    if (len >= 16 || ((mask(c) >> len) & 1)) return 16;
    const Bytes upper = and_(gt(c, splat('A' - 1)), lt(c, splat('Z' + 1)));
    store(out, or_(c, and_(upper, splat(0x20))));
    return len;
#else
    (void)p;
    (void)out;
    return 16;
#endif
  }

  // Reads the token starting at p[start] (a word character) and emits it, subject to keep() for an
  // all-ASCII token. Returns the offset one past the token.
  template <class Keep, class Emit>
  size_t take_token(const uint8_t *p, size_t n, size_t start, Keep &keep, Emit &emit);
  // Folds the non-ASCII run [p, p+n) into term_ (case fold, compatibility decomposition, marks
  // stripped, recomposed).
  void fold_run(const uint8_t *p, size_t n);
  // Decodes one code point at p (n > 0 bytes left). Returns its length (1 for invalid bytes, with
  // *is_word false) and whether it belongs to a token (letter, mark or number).
  static size_t decode_word_char(const uint8_t *p, size_t n, bool *is_word);

  std::string term_;         // folded non-ASCII term, then kTermPadding zero bytes
  std::vector<char> ascii_;  // lowercased ASCII term, at least kTermPadding bytes longer
  std::vector<int32_t> cps_;
};

template <class Keep, class Emit>
void Tokenizer::run_filtered(std::string_view text, Keep &&keep, Emit &&emit) {
  const auto *p = reinterpret_cast<const uint8_t *>(text.data());
  const size_t n = text.size();
  size_t i = 0;
  while (i < n) {
    uint8_t c = p[i];
    if (c < 0x80) {
      if (!kAsciiWordLower[c]) {
        ++i;
        continue;
      }
    } else {
      bool word = false;
      size_t len = decode_word_char(p + i, n - i, &word);
      if (!word) {
        i += len;
        continue;
      }
    }
    i = take_token(p, n, i, keep, emit);
  }
}

template <class Keep, class Emit>
void Tokenizer::run_sparse(std::string_view text, const WordStarts &starts, Keep &&keep,
                           Emit &&emit) {
  const auto *p = reinterpret_cast<const uint8_t *>(text.data());
  const size_t n = text.size();
  size_t i = 0;
  bool boundary = true;  // the character before i is not a word character (or i == 0)
  while (i < n) {
    const uint8_t c = p[i];
    if (c < 0x80) {
      if (boundary && starts.stop[c]) {
        i = take_token(p, n, i, keep,
                       emit);  // a wanted start: read it exactly as run_filtered does
        boundary = false;      // p[i] (if any) is a non-word character; the next round handles it
        continue;
      }
      boundary = !kAsciiWordLower[c];
      ++i;
      // p[i-1] is ASCII here, which next_candidate needs.
      const size_t j = starts.next_candidate(p, i, n);
      if (j != i) {
        i = j;
        boundary = !kAsciiWordLower[p[j - 1]];  // [old i, j) is all ASCII
      }
      continue;
    }
    bool word = false;
    const size_t len = decode_word_char(p + i, n - i, &word);
    if (word && boundary) {
      i = take_token(p, n, i, keep, emit);
      boundary = false;
      continue;
    }
    // A non-word character ends a token; a word character continues the current one, which began
    // with an unwanted byte (a wanted start would have been read whole above).
    i += len;
    boundary = !word;
  }
}

template <class Keep, class Emit>
size_t Tokenizer::take_token(const uint8_t *p, size_t n, size_t start, Keep &keep, Emit &emit) {
  // Most tokens are ASCII words shorter than 16 bytes: found, lowercased and stored 16 bytes at a
  // time. A token that is longer, meets a byte >= 0x80 or lies near the end goes the byte way.
  if (n - start >= 16) {
    if (ascii_.size() < 16 + kTermPadding) ascii_.resize(16 + kTermPadding);
    const unsigned len = short_ascii_token(p + start, ascii_.data());
    if (len < 16) {
      if (!keep(reinterpret_cast<const char *>(p + start), len)) return start + len;
      emit(std::string_view(ascii_.data(), len), static_cast<uint32_t>(start),
           static_cast<uint32_t>(start + len));
      return start + len;
    }
  }
  size_t i = start;
  bool ascii = true;
  while (i < n) {
    const uint8_t b = p[i];
    if (b < 0x80) {
      if (!kAsciiWordLower[b]) break;
      ++i;
    } else {
      bool word = false;
      size_t len = decode_word_char(p + i, n - i, &word);
      if (!word) break;
      ascii = false;
      i += len;
    }
  }
  if (ascii) {
    // Lowercased into a reused buffer (no std::string resize/zero fill per token).
    const size_t len = i - start;
    if (!keep(reinterpret_cast<const char *>(p + start), len)) return i;
    if (ascii_.size() < len + kTermPadding) ascii_.resize(len * 2 + kTermPadding);
    char *out = ascii_.data();
    for (size_t k = start; k < i; ++k) out[k - start] = static_cast<char>(kAsciiWordLower[p[k]]);
    emit(std::string_view(out, len), static_cast<uint32_t>(start), static_cast<uint32_t>(i));
    return i;
  }
  fold_run(p + start, i - start);
  if (term_.size() > kTermPadding)  // nothing before the padding: only combining marks
    emit(std::string_view(term_.data(), term_.size() - kTermPadding), static_cast<uint32_t>(start),
         static_cast<uint32_t>(i));
  return i;
}

}  // namespace caci::detail
