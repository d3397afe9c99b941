// find_byte: memchr for the parser's hot scans (line ends, CRs, the 0xC3 of mojibake). Natively it
// is the C library's memchr (vectorized there); under WebAssembly with SIMD128 it compares sixteen
// bytes per step, since emscripten's memchr is a scalar word loop. Without SIMD128: memchr.
#pragma once

#include <cstddef>
#include <cstring>

#if defined(__wasm_simd128__)
#include <wasm_simd128.h>
#endif

namespace caci {
namespace text {

// The first byte equal to c in [p, p + n), or nullptr.
inline const unsigned char *find_byte(const unsigned char *p, size_t n, unsigned char c) noexcept {
#if defined(__wasm_simd128__)
  const v128_t want = wasm_i8x16_splat(static_cast<char>(c));
  size_t i = 0;
  for (; i + 32 <= n; i += 32) {
    const v128_t a = wasm_i8x16_eq(wasm_v128_load(p + i), want);
    const v128_t b = wasm_i8x16_eq(wasm_v128_load(p + i + 16), want);
    if (!wasm_v128_any_true(wasm_v128_or(a, b))) continue;
    const uint32_t m = wasm_i8x16_bitmask(a) | (wasm_i8x16_bitmask(b) << 16);
    return p + i + static_cast<size_t>(__builtin_ctz(m));
  }
  for (; i < n; ++i)
    if (p[i] == c) return p + i;
  return nullptr;
#else
  return static_cast<const unsigned char *>(std::memchr(p, c, n));
#endif
}

}  // namespace text
}  // namespace caci
