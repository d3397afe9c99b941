// UTF-8 validation (simdjson: the only simdjson user in the text area) and the scalar helpers that
// locate the exact bad bytes once a page is known to be invalid.
#include "utf8.hpp"

#include "caci/core/normalize.hpp"

#include <simdjson.h>
#include <utf8proc.h>

namespace caci {

bool utf8_valid(std::string_view in) noexcept {
  return simdjson::validate_utf8(in.data(), in.size());
}

namespace text {

size_t utf8_sequence_length(const unsigned char *p, size_t n) noexcept {
  unsigned char c = p[0];
  if (c < 0x80) return 1;
  if (c < 0xC2) return 0;
  if (c < 0xE0) return (n >= 2 && (p[1] & 0xC0) == 0x80) ? 2 : 0;
  if (c < 0xF0) {
    if (n < 3) return 0;
    unsigned char lo = 0x80, hi = 0xBF;
    if (c == 0xE0) lo = 0xA0;
    if (c == 0xED) hi = 0x9F;  // surrogates
    if (p[1] < lo || p[1] > hi || (p[2] & 0xC0) != 0x80) return 0;
    return 3;
  }
  if (c < 0xF5) {
    if (n < 4) return 0;
    unsigned char lo = 0x80, hi = 0xBF;
    if (c == 0xF0) lo = 0x90;
    if (c == 0xF4) hi = 0x8F;
    if (p[1] < lo || p[1] > hi || (p[2] & 0xC0) != 0x80 || (p[3] & 0xC0) != 0x80) return 0;
    return 4;
  }
  return 0;
}

size_t utf8_invalid_length(const unsigned char *p, size_t n) noexcept {
  // A maximal subpart is the longest prefix of a well-formed sequence: the lead byte plus the
  // continuation bytes that were still acceptable at their position.
  unsigned char c = p[0];
  size_t need;
  unsigned char lo = 0x80, hi = 0xBF;
  if (c >= 0xC2 && c < 0xE0)
    need = 2;
  else if (c >= 0xE0 && c < 0xF0) {
    need = 3;
    if (c == 0xE0) lo = 0xA0;
    if (c == 0xED) hi = 0x9F;
  } else if (c >= 0xF0 && c < 0xF5) {
    need = 4;
    if (c == 0xF0) lo = 0x90;
    if (c == 0xF4) hi = 0x8F;
  } else {
    return 1;
  }
  size_t len = 1;
  while (len < need && len < n) {
    unsigned char b = p[len];
    if (len == 1 ? (b < lo || b > hi) : (b & 0xC0) != 0x80) break;
    ++len;
  }
  return len;
}

static const utf8proc_property_t *prop(uint32_t cp) noexcept {
  return utf8proc_get_property(static_cast<utf8proc_int32_t>(cp));
}

bool is_upper_letter(uint32_t cp) noexcept {
  if (cp < 0x80) return cp >= 'A' && cp <= 'Z';
  auto c = prop(cp)->category;
  return c == UTF8PROC_CATEGORY_LU || c == UTF8PROC_CATEGORY_LT;
}

bool is_lower_letter(uint32_t cp) noexcept {
  if (cp < 0x80) return cp >= 'a' && cp <= 'z';
  return prop(cp)->category == UTF8PROC_CATEGORY_LL;
}

bool is_letter(uint32_t cp) noexcept {
  if (cp < 0x80) return (cp | 0x20) >= 'a' && (cp | 0x20) <= 'z';
  auto c = prop(cp)->category;
  return c >= UTF8PROC_CATEGORY_LU && c <= UTF8PROC_CATEGORY_LO;
}

}  // namespace text
}  // namespace caci
