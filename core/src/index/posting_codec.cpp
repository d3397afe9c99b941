#include "posting_codec.hpp"

#include <algorithm>

namespace caci::detail {

namespace {

// BitWriter's format, written into memory the caller sized exactly (a block's parts are sized
// before they are written, so the encoder appends no byte at a time; issue 13).
class RawBitWriter {
public:
  explicit RawBitWriter(uint8_t *p) : p_(p) {}
  void put(uint32_t value, unsigned width) {  // width <= 32
    if (width < 32) value &= (1u << width) - 1;
    acc_ |= static_cast<uint64_t>(value) << used_;
    used_ += width;
    if (used_ >= 32) {  // four whole bytes: never writes past what the bits fill
      const uint32_t low = static_cast<uint32_t>(acc_);
      p_[0] = static_cast<uint8_t>(low);
      p_[1] = static_cast<uint8_t>(low >> 8);
      p_[2] = static_cast<uint8_t>(low >> 16);
      p_[3] = static_cast<uint8_t>(low >> 24);
      p_ += 4;
      acc_ >>= 32;
      used_ -= 32;
    }
  }
  void rice(uint32_t v, unsigned k) { put_rice(*this, v, k); }
  void pad_to_byte() {
    while (used_ > 0) {
      *p_++ = static_cast<uint8_t>(acc_);
      acc_ >>= 8;
      used_ = used_ > 8 ? used_ - 8 : 0;
    }
    acc_ = 0;
  }
  void byte(uint8_t b) { *p_++ = b; }  // only at a byte boundary
  uint8_t *at() const { return p_; }

private:
  uint8_t *p_;
  uint64_t acc_ = 0;
  unsigned used_ = 0;
};

// Calls run(first, count, width) for each run of kRunValues in-doc position gaps (minus one), in
// entry order: the size pass and the writing pass see the same runs.
template <class Fn>
void for_each_gap_run(const uint32_t *freqs, const uint32_t *positions, uint32_t n, Fn &&fn) {
  uint32_t run[kRunValues];
  uint32_t filled = 0;
  unsigned width = 1;
  size_t at = 0;
  for (uint32_t i = 0; i < n; ++i) {
    for (uint32_t k = 1; k < freqs[i]; ++k) {
      const uint32_t gap = positions[at + k] - positions[at + k - 1] - 1;
      run[filled++] = gap;
      width = std::max(width, bit_width(gap));
      if (filled == kRunValues) {
        fn(run, filled, width);
        filled = 0;
        width = 1;
      }
    }
    at += freqs[i];
  }
  if (filled) fn(run, filled, width);
}

}  // namespace

void encode_posting_block(uint64_t base, const uint32_t *docs, const uint32_t *freqs,
                          const uint32_t *positions, uint32_t n, std::string &out) {
  uint32_t gaps[kBlockDocs], freq_values[kBlockDocs];
  for (uint32_t i = 0; i < n; ++i) {
    if (i > 0) gaps[i - 1] = docs[i] - docs[i - 1] - 1;
    freq_values[i] = freqs[i] - 1;
  }
  const unsigned kd = best_rice_parameter(gaps, n - 1), kf = best_rice_parameter(freq_values, n);
  uint64_t doc_bits = 0;
  for (uint32_t i = 0; i + 1 < n; ++i) doc_bits += rice_bits(gaps[i], kd);
  for (uint32_t i = 0; i < n; ++i) doc_bits += rice_bits(freq_values[i], kf);
  const size_t doc_bytes = static_cast<size_t>((doc_bits + 7) / 8);
  unsigned w1 = 1;
  for (size_t i = 0, at = 0; i < n; at += freqs[i], ++i)
    w1 = std::max(w1, bit_width(positions[at]));
  size_t pos_bytes = 1 + packed_bytes(n, w1);
  for_each_gap_run(freqs, positions, n, [&](const uint32_t *, uint32_t count, unsigned w) {
    pos_bytes += 1 + packed_bytes(count, w);
  });
  uint8_t header[48];  // five varints of at most 10 bytes and two bytes
  uint8_t *h = header;
  auto varint = [&h](uint64_t v) {
    for (; v >= 0x80; v >>= 7) *h++ = static_cast<uint8_t>(v | 0x80);
    *h++ = static_cast<uint8_t>(v);
  };
  varint(n - 1);
  varint(docs[0] - base);
  varint(docs[n - 1] - docs[0]);
  *h++ = static_cast<uint8_t>(kd);
  *h++ = static_cast<uint8_t>(kf);
  varint(doc_bytes);
  varint(pos_bytes);
  const size_t header_bytes = static_cast<size_t>(h - header);
  const size_t start = out.size();
  out.resize(start + header_bytes + doc_bytes + pos_bytes);
  uint8_t *p = reinterpret_cast<uint8_t *>(&out[start]);
  std::memcpy(p, header, header_bytes);
  RawBitWriter bw(p + header_bytes);
  for (uint32_t i = 0; i + 1 < n; ++i) bw.rice(gaps[i], kd);
  for (uint32_t i = 0; i < n; ++i) bw.rice(freq_values[i], kf);
  bw.pad_to_byte();
  // Positions: each entry's first position at one width, then the in-doc gaps in runs.
  bw.byte(static_cast<uint8_t>(w1));
  for (size_t i = 0, at = 0; i < n; at += freqs[i], ++i) bw.put(positions[at], w1);
  bw.pad_to_byte();
  for_each_gap_run(freqs, positions, n, [&](const uint32_t *run, uint32_t count, unsigned w) {
    bw.byte(static_cast<uint8_t>(w));
    for (uint32_t k = 0; k < count; ++k) bw.put(run[k], w);
    bw.pad_to_byte();
  });
}

}  // namespace caci::detail
