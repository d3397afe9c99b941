// Windows-1252 decoding and double-encoding repair; see cp1252.hpp.
#include "cp1252.hpp"

#include "find_byte.hpp"
#include "utf8.hpp"

#include <cstring>

namespace caci {
namespace text {

namespace {

// cp1252 0x80-0x9F; 0 = undefined (0x81, 0x8D, 0x8F, 0x90, 0x9D).
constexpr uint16_t kHigh[32] = {0x20AC, 0,      0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
                                0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0,      0x017D, 0,
                                0,      0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
                                0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0,      0x017E, 0x0178};

// The cp1252 byte of a character decoded from the double-encoded text: Latin-1 range as is (the
// undefined bytes survive as C1 controls), the cp1252 specials through the table; -1 otherwise.
int byte_of(uint32_t cp) {
  if (cp >= 0x80 && cp <= 0xFF) return int(cp);
  for (int i = 0; i < 32; ++i)
    if (kHigh[i] != 0 && kHigh[i] == cp) return 0x80 + i;
  return -1;
}

}  // namespace

uint32_t cp1252_char(unsigned char b) noexcept {
  return (b >= 0x80 && b <= 0x9F) ? kHigh[b - 0x80] : 0;
}

size_t cp1252_utf8_length(unsigned char b) noexcept {
  uint32_t cp = cp1252_char(b);
  return cp == 0 ? 0 : cp < 0x800 ? 2 : 3;
}

size_t mojibake_at(const unsigned char *p, size_t n, uint32_t *cp) noexcept {
  // The first character is decoded as valid UTF-8 below, so it must be: callers scan on from one
  // repaired sequence to the next without validating (C3 C2 is not a character).
  if (n < 4 || p[0] != 0xC3 || utf8_sequence_length(p, n) != 2) return 0;
  size_t i = 0;
  const uint32_t first = decode_valid(p, n, &i);  // U+00C2..U+00F4: a lead byte read as Latin-1
  if (first < 0xC2 || first > 0xF4) return 0;
  const size_t need = first < 0xE0 ? 1 : first < 0xF0 ? 2 : 3;
  unsigned char bytes[4] = {static_cast<unsigned char>(first), 0, 0, 0};
  for (size_t k = 1; k <= need; ++k) {
    if (i >= n) return 0;
    size_t len = p[i] < 0x80 ? 1 : utf8_sequence_length(p + i, n - i);
    if (len < 2) return 0;
    size_t j = i;
    const int b = byte_of(decode_valid(p, n, &j));
    if (b < 0x80 || b > 0xBF) return 0;
    bytes[k] = static_cast<unsigned char>(b);
    i = j;
  }
  if (utf8_sequence_length(bytes, need + 1) != need + 1) return 0;
  size_t at = 0;
  *cp = decode_valid(bytes, need + 1, &at);
  return i;
}

bool may_hold_mojibake(const unsigned char *p, size_t n) noexcept {
  // Every double-encoded sequence starts with U+00C2..U+00F4 ("A-circumflex", "A-tilde",
  // "a-circumflex"), encoded C3 xx.
  const unsigned char *at = p, *end = p + n;
  while (at < end) {
    const unsigned char *q = find_byte(at, size_t(end - at), 0xC3);
    if (!q) return false;
    uint32_t cp;
    if (mojibake_at(q, size_t(end - q), &cp)) return true;
    at = q + 1;
  }
  return false;
}

}  // namespace text
}  // namespace caci
