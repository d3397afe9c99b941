/* memcpy as WebAssembly's memory.copy (bulk memory: every current browser, Node.js 12.5+), with
 * SIMD128 for the short and middling copies.
 *
 * Emscripten's libc memcpy (a weak symbol, replaced by this strong one) copies 512 bytes and more
 * by calling out to JavaScript (HEAPU8.copyWithin) and shorter runs four bytes at a time. Parsing
 * appends the normalized text run by run (std::string::append, which calls memcpy), and those two
 * paths were a quarter of the parse's time in a profile of bench/wasm_parse.mjs. memory.copy is a
 * call into the engine, which costs more than copying a run of a few dozen bytes (most runs): up
 * to 256 bytes, 16-byte loads and stores (the last one overlapping), and below 16 two overlapping
 * 8- or 4-byte words. This file is compiled with -mbulk-memory, -msimd128 and -fno-builtin
 * (wasm/CMakeLists.txt): __builtin_memcpy of a variable size becomes one memory.copy instruction,
 * and the short paths are not turned back into memcpy calls. */
#include <stddef.h>
#include <stdint.h>
#include <wasm_simd128.h>

void *memcpy(void *restrict dest, const void *restrict src, size_t n) {
  unsigned char *d = dest;
  const unsigned char *s = src;
  if (n < 16) {
    if (n >= 8) {
      uint64_t head, tail;
      __builtin_memcpy(&head, s, 8);
      __builtin_memcpy(&tail, s + n - 8, 8);
      __builtin_memcpy(d, &head, 8);
      __builtin_memcpy(d + n - 8, &tail, 8);
    } else if (n >= 4) {
      uint32_t head, tail;
      __builtin_memcpy(&head, s, 4);
      __builtin_memcpy(&tail, s + n - 4, 4);
      __builtin_memcpy(d, &head, 4);
      __builtin_memcpy(d + n - 4, &tail, 4);
    } else {
      while (n--) *d++ = *s++;
    }
    return dest;
  }
  if (n <= 256) {
    const v128_t tail = wasm_v128_load(s + n - 16);
    for (size_t i = 0; i + 16 < n; i += 16) wasm_v128_store(d + i, wasm_v128_load(s + i));
    wasm_v128_store(d + n - 16, tail);
    return dest;
  }
  __builtin_memcpy(dest, src, n);
  return dest;
}
