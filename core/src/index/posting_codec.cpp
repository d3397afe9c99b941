#include "posting_codec.hpp"

#include <algorithm>

namespace caci::detail {

void encode_posting_block(uint64_t base, const uint32_t *docs, const uint32_t *freqs,
                          const uint32_t *positions, uint32_t n, std::string &out) {
  uint32_t gaps[kBlockDocs], freq_values[kBlockDocs];
  for (uint32_t i = 0; i < n; ++i) {
    if (i > 0) gaps[i - 1] = docs[i] - docs[i - 1] - 1;
    freq_values[i] = freqs[i] - 1;
  }
  const unsigned kd = best_rice_parameter(gaps, n - 1), kf = best_rice_parameter(freq_values, n);
  // The positions part first (its length goes in the header).
  static thread_local std::string pos;  // reused: one block per call, many calls per finalize
  pos.clear();
  {
    BitWriter bw(pos);
    unsigned w1 = 1;
    size_t at = 0;
    for (uint32_t i = 0; i < n; ++i) {
      w1 = std::max(w1, bit_width(positions[at]));
      at += freqs[i];
    }
    pos.push_back(static_cast<char>(w1));
    at = 0;
    for (uint32_t i = 0; i < n; ++i) {
      bw.put(positions[at], w1);
      at += freqs[i];
    }
    bw.pad_to_byte();
    // In-doc gaps - 1, in entry order, in runs of kRunValues with one width per run.
    uint32_t run[kRunValues];
    uint32_t filled = 0;
    auto flush = [&] {
      unsigned w = 1;
      for (uint32_t k = 0; k < filled; ++k) w = std::max(w, bit_width(run[k]));
      pos.push_back(static_cast<char>(w));
      for (uint32_t k = 0; k < filled; ++k) bw.put(run[k], w);
      bw.pad_to_byte();
      filled = 0;
    };
    at = 0;
    for (uint32_t i = 0; i < n; ++i) {
      for (uint32_t k = 1; k < freqs[i]; ++k) {
        run[filled++] = positions[at + k] - positions[at + k - 1] - 1;
        if (filled == kRunValues) flush();
      }
      at += freqs[i];
    }
    if (filled) flush();
  }
  static thread_local std::string doc_part;
  doc_part.clear();
  {
    BitWriter bw(doc_part);
    for (uint32_t i = 0; i + 1 < n; ++i) bw.rice(gaps[i], kd);
    for (uint32_t i = 0; i < n; ++i) bw.rice(freq_values[i], kf);
    bw.pad_to_byte();
  }
  put_varint(out, n - 1);
  put_varint(out, docs[0] - base);
  put_varint(out, docs[n - 1] - docs[0]);
  out.push_back(static_cast<char>(kd));
  out.push_back(static_cast<char>(kf));
  put_varint(out, doc_part.size());
  put_varint(out, pos.size());
  out += doc_part;
  out += pos;
}

}  // namespace caci::detail
