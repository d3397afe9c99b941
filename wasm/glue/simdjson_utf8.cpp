// The core uses simdjson only for UTF-8 validation. Under wasm32 simdjson has no SIMD kernel, and
// linking simdjson.cpp for that one function also pulls in its DOM parser through the
// implementation registry (~35 KB of code). This scalar validator stands in for it. It is weak:
// should the core ever use more of simdjson, the linker pulls simdjson.cpp from its archive and
// simdjson's own (strong) validate_utf8 wins, so the build still links.
#include <cstddef>
#include <cstdint>

#if defined(__wasm_simd128__)
#include <wasm_simd128.h>
#endif

namespace simdjson {

// Same contract as simdjson::validate_utf8: well-formed UTF-8 per RFC 3629 (no overlong forms,
// no surrogates, nothing above U+10FFFF).
__attribute__((weak)) bool validate_utf8(const char *buf, size_t len) noexcept {
  const auto *s = reinterpret_cast<const uint8_t *>(buf);
  size_t i = 0;
  while (i < len) {
#if defined(__wasm_simd128__)
    // ASCII fast path, 64 bytes per step with SIMD128 (then 16): a block is plain ASCII when no
    // byte has its high bit set.
    while (i + 64 <= len) {
      const v128_t a = wasm_v128_or(wasm_v128_load(s + i), wasm_v128_load(s + i + 16));
      const v128_t b = wasm_v128_or(wasm_v128_load(s + i + 32), wasm_v128_load(s + i + 48));
      if (wasm_i8x16_bitmask(wasm_v128_or(a, b))) break;
      i += 64;
    }
    while (i + 16 <= len) {
      const uint32_t high = wasm_i8x16_bitmask(wasm_v128_load(s + i));
      if (high) {
        i += static_cast<size_t>(__builtin_ctz(high));  // the first non-ASCII byte
        break;
      }
      i += 16;
    }
#endif
    // ASCII fast path, 8 bytes at a time.
    while (i + 8 <= len) {
      uint64_t word = 0;
      for (int k = 0; k < 8; ++k) word |= uint64_t(s[i + k]) << (8 * k);
      if (word & 0x8080808080808080ull) break;
      i += 8;
    }
    if (i >= len) break;
    const uint8_t c = s[i];
    if (c < 0x80) {
      ++i;
      continue;
    }
    size_t n;
    uint8_t lo = 0x80, hi = 0xbf;  // allowed range of the second byte
    if (c >= 0xc2 && c <= 0xdf) {
      n = 2;
    } else if (c >= 0xe0 && c <= 0xef) {
      n = 3;
      if (c == 0xe0)
        lo = 0xa0;  // overlong
      else if (c == 0xed)
        hi = 0x9f;  // surrogates
    } else if (c >= 0xf0 && c <= 0xf4) {
      n = 4;
      if (c == 0xf0)
        lo = 0x90;  // overlong
      else if (c == 0xf4)
        hi = 0x8f;  // above U+10FFFF
    } else {
      return false;
    }
    if (len - i < n) return false;
    if (s[i + 1] < lo || s[i + 1] > hi) return false;
    for (size_t k = 2; k < n; ++k) {
      if ((s[i + k] & 0xc0) != 0x80) return false;
    }
    i += n;
  }
  return true;
}

}  // namespace simdjson
