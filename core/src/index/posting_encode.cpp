// Encoding posting blocks (the layout: posting_codec.hpp). Indexing only: the wasm build compiles
// it for size, posting_decode.cpp for speed.
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

// How one run of values is written: at one width, or (patched frame of reference) at a narrower
// width with the few values that do not fit patched in afterwards. Both ways decode with the
// same branch-free unpack; the patch costs a loop over the exceptions only.
struct RunShape {
  unsigned width = 1;       // bits per value (>= 1)
  unsigned high_width = 0;  // bits of each exception's high part; 0 for a plain run
  uint32_t exceptions = 0;
  size_t bytes = 0;
};

RunShape shape_run(const uint32_t *values, uint32_t count) {
  uint32_t at_width[33] = {};
  unsigned widest = 1;
  for (uint32_t k = 0; k < count; ++k) {
    const unsigned w = bit_width(values[k]);
    ++at_width[w];
    widest = std::max(widest, w);
  }
  RunShape best;
  best.width = widest;
  best.bytes = 1 + packed_bytes(count, widest);
  uint32_t wider = 0;  // values wider than w
  for (unsigned w = widest - 1; w >= 1; --w) {
    wider += at_width[w + 1];
    if (wider > kMaxPatches) break;
    const size_t bytes = 3 + packed_bytes(count, w) + wider + packed_bytes(wider, widest - w);
    if (bytes < best.bytes) best = RunShape{w, widest - w, wider, bytes};
  }
  return best;
}

template <class Writer>
void write_run(Writer &bw, const uint32_t *values, uint32_t count, const RunShape &shape) {
  if (!shape.exceptions) {
    bw.byte(static_cast<uint8_t>(shape.width));
    for (uint32_t k = 0; k < count; ++k) bw.put(values[k], shape.width);
    bw.pad_to_byte();
    return;
  }
  bw.byte(static_cast<uint8_t>(kPatchedRun | shape.width));
  bw.byte(static_cast<uint8_t>(shape.exceptions));
  bw.byte(static_cast<uint8_t>(shape.high_width));
  for (uint32_t k = 0; k < count; ++k) bw.put(values[k], shape.width);
  bw.pad_to_byte();
  for (uint32_t k = 0; k < count; ++k)
    if (values[k] >> shape.width) bw.byte(static_cast<uint8_t>(k));
  for (uint32_t k = 0; k < count; ++k)
    if (values[k] >> shape.width) bw.put(values[k] >> shape.width, shape.high_width);
  bw.pad_to_byte();
}

// Calls run(values, count) for each run of kRunValues in-doc position gaps (minus one), in
// entry order: the size pass and the writing pass see the same runs.
template <class Fn>
void for_each_gap_run(const uint32_t *freqs, const uint32_t *positions, uint32_t n, Fn &&fn) {
  uint32_t run[kRunValues];
  uint32_t filled = 0;
  size_t at = 0;
  for (uint32_t i = 0; i < n; ++i) {
    for (uint32_t k = 1; k < freqs[i]; ++k) {
      const uint32_t gap = positions[at + k] - positions[at + k - 1] - 1;
      run[filled++] = gap;
      if (filled == kRunValues) {
        fn(run, filled);
        filled = 0;
      }
    }
    at += freqs[i];
  }
  if (filled) fn(run, filled);
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
  uint32_t firsts[kBlockDocs] = {};
  for (size_t i = 0, at = 0; i < n; at += freqs[i], ++i) firsts[i] = positions[at];
  const RunShape first_shape = shape_run(firsts, n);
  size_t pos_bytes = first_shape.bytes;
  for_each_gap_run(freqs, positions, n, [&](const uint32_t *run, uint32_t count) {
    pos_bytes += shape_run(run, count).bytes;
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
  write_run(bw, firsts, n, first_shape);
  for_each_gap_run(freqs, positions, n, [&](const uint32_t *run, uint32_t count) {
    write_run(bw, run, count, shape_run(run, count));
  });
}

}  // namespace caci::detail
