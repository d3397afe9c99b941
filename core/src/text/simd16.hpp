// Sixteen bytes at a time, one spelling for SSE2 (every x86-64) and SIMD128 (the wasm build): the
// byte-class scans of the normaliser, the tokenizer and the JSON writer are written once against
// these, instead of once per instruction set. CACI_SIMD16 is 1 where one of the two is available;
// elsewhere the callers keep their word or byte loops.
#pragma once

#include <cstdint>

#if defined(__SSE2__)
#include <emmintrin.h>
#define CACI_SIMD16 1
#elif defined(__wasm_simd128__)
#include <wasm_simd128.h>
#define CACI_SIMD16 1
#else
#define CACI_SIMD16 0
#endif

#if CACI_SIMD16
namespace caci::simd16 {

#if defined(__SSE2__)
using Bytes = __m128i;
inline Bytes load(const void *p) {
  return _mm_loadu_si128(static_cast<const __m128i *>(p));
}
inline void store(void *p, Bytes v) {
  _mm_storeu_si128(static_cast<__m128i *>(p), v);
}
inline Bytes splat(unsigned char c) {
  return _mm_set1_epi8(static_cast<char>(c));
}
inline Bytes or_(Bytes a, Bytes b) {
  return _mm_or_si128(a, b);
}
inline Bytes and_(Bytes a, Bytes b) {
  return _mm_and_si128(a, b);
}
// a and not b.
inline Bytes and_not(Bytes a, Bytes b) {
  return _mm_andnot_si128(b, a);
}
inline Bytes eq(Bytes a, Bytes b) {
  return _mm_cmpeq_epi8(a, b);
}
// Signed byte compares: bytes >= 0x80 are negative.
inline Bytes gt(Bytes a, Bytes b) {
  return _mm_cmpgt_epi8(a, b);
}
inline Bytes lt(Bytes a, Bytes b) {
  return _mm_cmplt_epi8(a, b);
}
// Unsigned a <= b.
inline Bytes le_unsigned(Bytes a, Bytes b) {
  return _mm_cmpeq_epi8(_mm_min_epu8(a, b), a);
}
// One bit per byte, from its top bit (a compare's result, or a byte >= 0x80).
inline unsigned mask(Bytes v) {
  return static_cast<unsigned>(_mm_movemask_epi8(v));
}
#else
using Bytes = v128_t;
inline Bytes load(const void *p) {
  return wasm_v128_load(p);
}
inline void store(void *p, Bytes v) {
  wasm_v128_store(p, v);
}
inline Bytes splat(unsigned char c) {
  return wasm_u8x16_splat(c);
}
inline Bytes or_(Bytes a, Bytes b) {
  return wasm_v128_or(a, b);
}
inline Bytes and_(Bytes a, Bytes b) {
  return wasm_v128_and(a, b);
}
inline Bytes and_not(Bytes a, Bytes b) {
  return wasm_v128_andnot(a, b);
}
inline Bytes eq(Bytes a, Bytes b) {
  return wasm_i8x16_eq(a, b);
}
inline Bytes gt(Bytes a, Bytes b) {
  return wasm_i8x16_gt(a, b);
}
inline Bytes lt(Bytes a, Bytes b) {
  return wasm_i8x16_lt(a, b);
}
inline Bytes le_unsigned(Bytes a, Bytes b) {
  return wasm_u8x16_le(a, b);
}
inline unsigned mask(Bytes v) {
  return static_cast<unsigned>(wasm_i8x16_bitmask(v));
}
#endif

}  // namespace caci::simd16
#endif
