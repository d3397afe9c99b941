/* memcpy as WebAssembly's memory.copy (bulk memory: every current browser, Node.js 12.5+).
 *
 * Emscripten's libc memcpy (a weak symbol, replaced by this strong one) copies 512 bytes and more
 * by calling out to JavaScript (HEAPU8.copyWithin) and shorter runs four bytes at a time. Parsing
 * appends the normalized text run by run (std::string::append, whose code comes precompiled in
 * libc++ and calls memcpy), and those two paths were a quarter of the parse's time in a profile of
 * bench/wasm_parse.mjs. This file is compiled with -mbulk-memory and -fno-builtin
 * (wasm/CMakeLists.txt): __builtin_memcpy of a variable size becomes one memory.copy instruction,
 * and the short loop is not turned back into a memcpy call. */
#include <stddef.h>

void *memcpy(void *restrict dest, const void *restrict src, size_t n) {
  if (n <= 16) { /* a call into the engine's copy costs more than a few bytes' loop */
    unsigned char *d = dest;
    const unsigned char *s = src;
    while (n--) *d++ = *s++;
    return dest;
  }
  __builtin_memcpy(dest, src, n);
  return dest;
}
