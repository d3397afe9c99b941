// Split Rice codes for the positions part of a posting block (layout: posting_codec.hpp). A group
// of values (a block's first positions, or all its in-doc gaps) shares a parameter k; each value v
// is written as its k low bits, packed at a fixed width for the whole group, then its high part
// v >> k in unary (that many zeros, then a one) in a stream right after them. The sizes are those
// of Rice codes: on the 20,000-article archive the positions take 25.9 MB, against 28.5 MB with
// one frame-of-reference width per run of 128 (gaps are skewed: a run's widest value sets its
// width). Decoding stays near the speed of plain unpacking: the low bits unpack without branches
// per value, and the unary stream is read a 64-bit word at a time, one count-trailing-zeros per
// value with no dependency on the previous value's length.
//
// A high part of kUnaryEscape or more is written as kUnaryEscape zeros and a one, and the high part
// itself follows the group's padding as a u32 (little-endian), in value order: an outlier costs
// k + 57 bits instead of a unary run as long as its value.
#pragma once

#include "posting_codec.hpp"

#include <algorithm>
#include <cstdint>
#include <cstring>

namespace caci::detail {

constexpr uint32_t kUnaryEscape = 24;
constexpr unsigned kMaxSplitRiceK = 24;  // larger parameters never help a u32 group

// The parameter that codes values[0..n) in the fewest bytes, and those bytes. The optimum lies next
// to log2 of the mean (geometric-like data), so three candidates are costed, in one pass the
// compiler vectorises.
struct SplitRiceShape {
  unsigned k = 0;
  size_t bytes = 0;
};
inline SplitRiceShape split_rice_shape(const uint32_t *values, uint32_t n) {
  if (n == 0) return {};
  uint64_t sum = 0;
  for (uint32_t i = 0; i < n; ++i) sum += values[i];
  const uint64_t mean = sum / n;
  const unsigned guess = mean ? 63u - static_cast<unsigned>(__builtin_clzll(mean)) : 0u;
  const unsigned k0 = guess == 0 ? 0u : std::min(guess - 1, kMaxSplitRiceK - 2);
  uint64_t unary[3] = {0, 0, 0}, escapes[3] = {0, 0, 0};
  for (uint32_t i = 0; i < n; ++i)
    for (unsigned c = 0; c < 3; ++c) {
      const uint32_t high = values[i] >> (k0 + c);
      const bool escaped = high >= kUnaryEscape;
      unary[c] += (escaped ? kUnaryEscape : high) + 1;
      escapes[c] += escaped;
    }
  SplitRiceShape best;
  for (unsigned c = 0; c < 3; ++c) {
    const uint64_t bits = static_cast<uint64_t>(n) * (k0 + c) + unary[c];
    const size_t bytes = static_cast<size_t>((bits + 7) / 8 + 4 * escapes[c]);
    if (c == 0 || bytes < best.bytes) best = {k0 + c, bytes};
  }
  return best;
}

// Writes a group through a writer with put(value, width), pad_to_byte() and byte(b): the low bits,
// the unary stream right after them, padding to a byte, the escaped high parts.
template <class Writer>
void put_split_rice(Writer &w, const uint32_t *values, uint32_t n, unsigned k) {
  if (k)
    for (uint32_t i = 0; i < n; ++i) w.put(values[i], k);
  bool escapes = false;
  for (uint32_t i = 0; i < n; ++i) {
    const uint32_t high = std::min(values[i] >> k, kUnaryEscape);
    escapes |= high == kUnaryEscape;
    w.put(1u << high, high + 1);  // high zeros, then a one
  }
  w.pad_to_byte();
  if (escapes)
    for (uint32_t i = 0; i < n; ++i)
      if ((values[i] >> k) >= kUnaryEscape) {
        const uint32_t high = values[i] >> k;
        for (int b = 0; b < 4; ++b) w.byte(static_cast<uint8_t>(high >> (8 * b)));
      }
}

// Decodes a group of n values with parameter k from *p, which moves past it. false if the bytes
// run out before the group does (the values are then unspecified).
inline bool get_split_rice(const uint8_t *&p, const uint8_t *end, unsigned k, uint32_t n,
                           uint32_t *out) {
  if (n == 0) return true;  // an empty group has no bytes
  if (k > kMaxSplitRiceK || !unpack_bits(p, end, k, n, out)) return false;
  const size_t bytes = static_cast<size_t>(end - p);
  const uint64_t start = static_cast<uint64_t>(n) * k;  // the unary stream's first bit
  uint64_t next = start;                                // the bit after the previous value's one
  uint64_t keep = ~uint64_t{0} << (start & 7);  // the first word's bits before `start` are lows
  uint32_t i = 0, escapes = 0;
  for (size_t at = static_cast<size_t>(start >> 3); i < n; at += 8, keep = ~uint64_t{0}) {
    if (at >= bytes) return false;
    uint64_t word = 0;
    if (at + 8 <= bytes) {
      word = unpack_detail::load_le64(p + at);
    } else {
      for (size_t b = 0; at + b < bytes; ++b) word |= static_cast<uint64_t>(p[at + b]) << (8 * b);
    }
    word &= keep;
    const uint64_t base = static_cast<uint64_t>(at) * 8;
    while (word && i < n) {
      const uint64_t one = base + static_cast<unsigned>(__builtin_ctzll(word));
      word &= word - 1;
      // Longer unary runs than an escape's are corrupt: read as one, they stay within 32 bits.
      const uint64_t high = std::min<uint64_t>(one - next, kUnaryEscape);
      next = one + 1;
      escapes += high == kUnaryEscape;
      out[i++] |= static_cast<uint32_t>(high << k);
    }
  }
  p += static_cast<size_t>((next + 7) / 8);
  if (escapes == 0) return true;
  if (static_cast<uint64_t>(end - p) < 4ull * escapes) return false;
  const uint32_t low_mask = k ? (1u << k) - 1 : 0u;
  for (uint32_t j = 0; j < n && escapes; ++j)
    if ((out[j] >> k) == kUnaryEscape) {
      --escapes;
      const uint32_t high = get_u32le(p);
      p += 4;
      out[j] = (out[j] & low_mask) | (high << k);
    }
  return true;
}

}  // namespace caci::detail
