// Bit-packed posting blocks. A posting list (one per term and field) is a sequence of blocks of at
// most kBlockDocs entries, each self-describing, so that new articles append blocks without
// touching the old ones and a reader can skip a whole block from its header alone:
//
//   varint n - 1             entries in the block (1..kBlockDocs)
//   varint first - base      first doc id; base = previous block's last doc + 1 (0 for the first)
//   varint last - first      the block's last doc id, known without unpacking
//   u8 kd, u8 kf             Rice parameters of the doc gaps and the frequencies
//   varint doc_bytes         length of the doc part
//   varint position_bytes    length of the positions part, to skip it unread
//   doc part: n - 1 doc gaps - 1, then n frequencies - 1, Rice coded (see BitWriter::rice),
//     padded to a byte
//   positions part: each entry's first position as one run, then the in-doc position gaps - 1 of
//     every entry in order, in runs of kRunValues. A run is either
//       u8 w (1..32), the values at w bits each, padded; or (patched, reader version 5)
//       u8 0x80 | w, u8 e, u8 x, the values' low w bits, padded, the e indexes (u8, ascending) of
//       the values wider than w, then their high parts (value >> w) at x bits each, padded.
//
// Values are packed least significant bit first. Doc gaps and frequencies are Rice coded (about
// 30% smaller than fixed widths: their distributions are skewed, and there is one per doc); the
// far more numerous positions use frame-of-reference packing (one width per run), which unpacks
// without branches per value: phrase queries of common words unpack millions of positions, so
// decode speed matters as much as size there. A run whose few widest values set its width is
// patched instead (PFor: Zukowski et al., "Super-Scalar RAM-CPU Cache Compression", 2006): the
// bulk at the width most values need, the exceptions' high bits added afterwards. On the 20,000
// article archive this takes the postings from 37.3 MB to 36.1 MB for about 1% more instructions
// in the slowest phrase query (Rice-coded positions, 2.7 MB smaller still, made such phrases
// 25-50% slower). Widths of gap runs are at least 1 so that a corrupt file cannot claim many
// positions in few bytes (memory stays within 32x the list's size).
#pragma once

#include "varint.hpp"

#include <cstdint>
#include <cstring>
#include <string>

namespace caci::detail {

constexpr uint32_t kBlockDocs = 128;
constexpr uint32_t kRunValues = 128;
constexpr uint32_t kMaxFrequency = 1u << 24;  // per doc and field; larger means corruption
constexpr uint32_t kRiceEscape = 24;          // unary run that announces a raw 32-bit value
constexpr uint8_t kPatchedRun = 0x80;         // flag in a run's width byte
constexpr uint32_t kMaxPatches = 255;         // exceptions per run: their count is one byte

// Bits of value v in a Rice code with parameter k.
inline uint64_t rice_bits(uint32_t v, unsigned k) {
  const uint32_t q = v >> k;
  return q >= kRiceEscape ? kRiceEscape + 32 : q + 1 + k;
}
// The Rice parameter that codes values[0..n) in the fewest bits. The optimum lies next to
// log2 of the mean (geometric-like data), so only three candidates are costed.
inline unsigned best_rice_parameter(const uint32_t *values, uint32_t n) {
  if (n == 0) return 0;
  uint64_t sum = 0;
  for (uint32_t i = 0; i < n; ++i) sum += values[i];
  const uint64_t mean = sum / n;
  const unsigned guess = mean ? 63u - static_cast<unsigned>(__builtin_clzll(mean)) : 0u;
  unsigned best_k = 0;
  uint64_t best = ~uint64_t{0};
  for (unsigned k = guess > 0 ? guess - 1 : 0; k <= guess + 1 && k < 24; ++k) {
    uint64_t bits = 0;
    for (uint32_t i = 0; i < n; ++i) bits += rice_bits(values[i], k);
    if (bits < best) {
      best = bits;
      best_k = k;
    }
  }
  return best_k;
}

// Reads Rice codes written by BitWriter::rice. Bounds-checked: false once the bytes run out or a
// code is malformed.
class BitReader {
public:
  BitReader(const uint8_t *p, const uint8_t *end) : p_(p), end_(end) {}
  bool rice(unsigned k, uint32_t &v) {
    refill();
    const uint64_t zeros = ~buf_;
    const unsigned q = zeros ? static_cast<unsigned>(__builtin_ctzll(zeros)) : 64u;
    if (q >= kRiceEscape) {
      if (avail_ < kRiceEscape) return false;
      take(kRiceEscape);
      return bits(32, v);
    }
    if (q >= avail_) return false;  // no terminating zero in the remaining bits
    take(q + 1);
    uint32_t low = 0;
    if (k && !bits(k, low)) return false;
    v = (q << k) | low;
    return true;
  }

private:
  void refill() {
    if (avail_ > 56) return;
    if (end_ - p_ >= 8) {  // one load tops the buffer up to 56..63 bits
      uint64_t word;
      std::memcpy(&word, p_, 8);
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
      word = __builtin_bswap64(word);
#endif
      buf_ |= word << avail_;
      p_ += (63 - avail_) >> 3;
      avail_ |= 56;
      return;
    }
    while (avail_ <= 56 && p_ < end_) {
      buf_ |= static_cast<uint64_t>(*p_++) << avail_;
      avail_ += 8;
    }
  }
  void take(unsigned n) {
    buf_ = n < 64 ? buf_ >> n : 0;
    avail_ -= n;
  }
  bool bits(unsigned n, uint32_t &v) {  // n <= 32
    refill();
    if (avail_ < n) return false;
    v = static_cast<uint32_t>(n == 32 ? buf_ : buf_ & ((uint64_t{1} << n) - 1));
    take(n);
    return true;
  }
  const uint8_t *p_, *end_;
  uint64_t buf_ = 0;
  unsigned avail_ = 0;
};

inline unsigned bit_width(uint32_t v) {
  return v ? 32u - static_cast<unsigned>(__builtin_clz(v)) : 0u;
}

// Rice code with parameter k (< 32) through any writer with put(value, width): the quotient v >> k
// in unary (ones, then a zero), then the k low bits. A quotient of kRiceEscape or more is written
// as kRiceEscape ones and the 32-bit value, so no code is longer than 64 bits.
template <class Writer> void put_rice(Writer &w, uint32_t v, unsigned k) {
  const uint32_t q = v >> k;
  if (q >= kRiceEscape) {
    w.put((1u << kRiceEscape) - 1, kRiceEscape);
    w.put(v, 32);
    return;
  }
  w.put((1u << q) - 1, q + 1);  // q ones and a zero
  if (k) w.put(v & ((1u << k) - 1), k);
}

// Appends bits least significant first.
class BitWriter {
public:
  explicit BitWriter(std::string &out) : out_(out) {}
  void put(uint32_t value, unsigned width) {  // width <= 32
    if (width < 32) value &= (1u << width) - 1;
    acc_ |= static_cast<uint64_t>(value) << used_;
    used_ += width;
    while (used_ >= 8) {
      out_.push_back(static_cast<char>(acc_ & 0xff));
      acc_ >>= 8;
      used_ -= 8;
    }
  }
  void rice(uint32_t v, unsigned k) { put_rice(*this, v, k); }
  void pad_to_byte() {
    if (used_) out_.push_back(static_cast<char>(acc_ & 0xff));
    acc_ = 0;
    used_ = 0;
  }

private:
  std::string &out_;
  uint64_t acc_ = 0;
  unsigned used_ = 0;
};

inline size_t packed_bytes(uint64_t count, unsigned width) {
  return static_cast<size_t>((count * width + 7) / 8);
}

namespace unpack_detail {

inline uint64_t load_le64(const uint8_t *p) {
  uint64_t word;
  std::memcpy(&word, p, 8);
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
  word = __builtin_bswap64(word);
#endif
  return word;
}

// The bulk of a run with a compile-time width (the compiler turns shifts and masks into
// constants): one 8-byte load yields the next 57 / W values. Returns how many values it unpacked:
// all but the last few, whose 8-byte load would pass `readable` (the bytes that may be read at p:
// the run's own and whatever follows it in the buffer, so a run with more bytes after it, as all
// but a list's last have, unpacks whole here).
template <unsigned W>
uint32_t unpack_fixed(const uint8_t *p, size_t readable, uint32_t count, uint32_t *out) {
  constexpr uint64_t mask = (uint64_t{1} << W) - 1;
  constexpr uint32_t per_load = 57 / W;  // bits 0..6 of a byte offset, then per_load * W bits
  uint32_t i = 0;
  uint64_t bit = 0;
  for (; i + per_load <= count && (bit >> 3) + 8 <= readable; i += per_load, bit += per_load * W) {
    const uint64_t word = load_le64(p + (bit >> 3)) >> (bit & 7);
    for (uint32_t k = 0; k < per_load; ++k)
      out[i + k] = static_cast<uint32_t>((word >> (k * W)) & mask);
  }
  return i;
}

}  // namespace unpack_detail

// Unpacks `count` values of `width` bits from [p, end) into out. false if the bytes run out.
inline bool unpack_bits(const uint8_t *p, const uint8_t *end, unsigned width, uint32_t count,
                        uint32_t *out) {
  const size_t bytes = packed_bytes(count, width);
  const size_t readable = static_cast<size_t>(end - p);
  if (width > 32 || bytes > readable) return false;
  if (width == 0) {
    std::memset(out, 0, static_cast<size_t>(count) * sizeof(uint32_t));
    return true;
  }
  using namespace unpack_detail;
  uint32_t i = 0;
  // One case per width, from a macro.
  // clang-format off
  switch (width) {
#define CACI_UNPACK_CASE(w) \
  case w: i = unpack_fixed<w>(p, readable, count, out); break;
    CACI_UNPACK_CASE(1) CACI_UNPACK_CASE(2) CACI_UNPACK_CASE(3) CACI_UNPACK_CASE(4)
    CACI_UNPACK_CASE(5) CACI_UNPACK_CASE(6) CACI_UNPACK_CASE(7) CACI_UNPACK_CASE(8)
    CACI_UNPACK_CASE(9) CACI_UNPACK_CASE(10) CACI_UNPACK_CASE(11) CACI_UNPACK_CASE(12)
    CACI_UNPACK_CASE(13) CACI_UNPACK_CASE(14) CACI_UNPACK_CASE(15) CACI_UNPACK_CASE(16)
#undef CACI_UNPACK_CASE
  default: break;  // wide values are rare: the generic loop below
  }
  // clang-format on
  // The tail (and widths above 16), byte by byte near the end of what may be read.
  const uint64_t mask = width == 32 ? 0xffffffffull : (uint64_t{1} << width) - 1;
  for (uint64_t bit = static_cast<uint64_t>(i) * width; i < count; ++i, bit += width) {
    const size_t at = static_cast<size_t>(bit >> 3);
    uint64_t word = 0;
    if (at + 8 <= readable) {
      word = load_le64(p + at);
    } else {
      for (size_t k = 0; k < 8 && at + k < bytes; ++k)
        word |= static_cast<uint64_t>(p[at + k]) << (8 * k);
    }
    out[i] = static_cast<uint32_t>((word >> (bit & 7)) & mask);
  }
  return true;
}

// Decodes one run of `count` (<= kRunValues) values at p (either kind, see the top of this file)
// into out and returns the byte after it, or nullptr if the run is malformed or passes `end`.
// Gap runs have a width of at least 1 (min_width); a block's first positions may have 0.
const uint8_t *unpack_run(const uint8_t *p, const uint8_t *end, uint32_t count, uint32_t *out,
                          unsigned min_width = 1);

// Encodes one block: docs[0..n) ascending (> base - 1), freqs[i] >= 1, positions of entry i at
// positions[offset_i .. offset_i + freqs[i]) ascending, entries in doc order. Appends to out.
void encode_posting_block(uint64_t base, const uint32_t *docs, const uint32_t *freqs,
                          const uint32_t *positions, uint32_t n, std::string &out);

}  // namespace caci::detail
