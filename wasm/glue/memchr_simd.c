/* memchr with SIMD128, 16 bytes a step (every engine that runs the module's SIMD128 code).
 *
 * Emscripten's libc memchr scans a word at a time; the parser's own scans have SIMD128 twins
 * (core/src/text/find_byte.hpp), but the C++ library's (std::string_view::find of a character,
 * char_traits::find) call memchr, which was about 5 % of a parse's profile (bench/wasm_parse.mjs).
 * Defined here, libc's memchr.o is never linked. Compiled with -msimd128 and -fno-builtin
 * (wasm/CMakeLists.txt). */
#include <stddef.h>
#include <wasm_simd128.h>

void *memchr(const void *src, int c, size_t n) {
  const unsigned char *s = src;
  const unsigned char ch = (unsigned char)c;
  if (n >= 16) {
    const v128_t needle = wasm_i8x16_splat((signed char)ch);
    do {
      const int mask = wasm_i8x16_bitmask(wasm_i8x16_eq(wasm_v128_load(s), needle));
      if (mask) return (void *)(s + __builtin_ctz((unsigned)mask));
      s += 16;
      n -= 16;
    } while (n >= 16);
  }
  for (; n; --n, ++s)
    if (*s == ch) return (void *)s;
  return NULL;
}
