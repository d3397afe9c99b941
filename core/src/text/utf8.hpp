// Internal UTF-8 helpers shared by the normaliser and the parser.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace caci {
namespace text {

// Length of the well-formed UTF-8 sequence starting at p[0] (1..4), or 0 when p[0] starts an
// ill-formed sequence. n is the number of bytes available.
size_t utf8_sequence_length(const unsigned char *p, size_t n) noexcept;

// Length of the maximal ill-formed subpart starting at p[0] (Unicode "substitution of maximal
// subparts"; at least 1). Call only where utf8_sequence_length() returned 0.
size_t utf8_invalid_length(const unsigned char *p, size_t n) noexcept;

// Whether a range [from, from + length) of valid UTF-8 text `s` cuts a character in two: an end
// that falls on a continuation byte (an end at s.size() never does). An empty range cuts nothing.
// The index checks every text reference it hands out with this, so that a forged file can never
// yield a view that is not valid UTF-8.
inline bool cuts_character(std::string_view s, uint64_t from, uint64_t length) noexcept {
  auto continuation = [&](uint64_t i) {
    return i < s.size() && (static_cast<unsigned char>(s[i]) & 0xc0) == 0x80;
  };
  return length != 0 && (continuation(from) || continuation(from + length));
}

// Decodes one code point from valid UTF-8; advances *i. Caller guarantees validity.
inline uint32_t decode_valid(const unsigned char *p, size_t n, size_t *i) noexcept {
  unsigned char c = p[*i];
  if (c < 0x80) {
    ++*i;
    return c;
  }
  if (c < 0xE0 && *i + 1 < n) {
    uint32_t cp = (uint32_t(c & 0x1F) << 6) | (p[*i + 1] & 0x3F);
    *i += 2;
    return cp;
  }
  if (c < 0xF0 && *i + 2 < n) {
    uint32_t cp =
        (uint32_t(c & 0x0F) << 12) | (uint32_t(p[*i + 1] & 0x3F) << 6) | (p[*i + 2] & 0x3F);
    *i += 3;
    return cp;
  }
  if (*i + 3 < n) {
    uint32_t cp = (uint32_t(c & 0x07) << 18) | (uint32_t(p[*i + 1] & 0x3F) << 12) |
                  (uint32_t(p[*i + 2] & 0x3F) << 6) | (p[*i + 3] & 0x3F);
    *i += 4;
    return cp;
  }
  ++*i;  // truncated: callers promised validity, so only reachable on misuse
  return 0xFFFD;
}

inline void append_utf8(std::string &out, uint32_t cp) {
  char b[4];
  size_t n;
  if (cp < 0x80) {
    b[0] = char(cp);
    n = 1;
  } else if (cp < 0x800) {
    b[0] = char(0xC0 | (cp >> 6));
    b[1] = char(0x80 | (cp & 0x3F));
    n = 2;
  } else if (cp < 0x10000) {
    b[0] = char(0xE0 | (cp >> 12));
    b[1] = char(0x80 | ((cp >> 6) & 0x3F));
    b[2] = char(0x80 | (cp & 0x3F));
    n = 3;
  } else {
    b[0] = char(0xF0 | (cp >> 18));
    b[1] = char(0x80 | ((cp >> 12) & 0x3F));
    b[2] = char(0x80 | ((cp >> 6) & 0x3F));
    b[3] = char(0x80 | (cp & 0x3F));
    n = 4;
  }
  out.append(b, n);
}

// Unicode White_Space code points other than ASCII ones (NBSP, U+2000..U+200A, ...).
inline bool is_unicode_space(uint32_t cp) noexcept {
  return cp == 0xA0 || cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200A) || cp == 0x2028 ||
         cp == 0x2029 || cp == 0x202F || cp == 0x205F || cp == 0x3000 || cp == 0x85;
}

// Unicode general category helpers (utf8proc), for name and title heuristics.
bool is_upper_letter(uint32_t cp) noexcept;
bool is_lower_letter(uint32_t cp) noexcept;
bool is_letter(uint32_t cp) noexcept;

}  // namespace text
}  // namespace caci
