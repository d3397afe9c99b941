// Decoding position runs (the layout: posting_codec.hpp); PostingCursor (postings.hpp) calls it for
// every run a phrase, NEAR or snippet reads.
#include "posting_codec.hpp"

namespace caci::detail {

const uint8_t *unpack_run(const uint8_t *p, const uint8_t *end, uint32_t count, uint32_t *out,
                          unsigned min_width) {
  if (p >= end) return nullptr;
  const uint8_t head = *p++;
  const unsigned width = head & ~kPatchedRun & 0xffu;
  if (!(head & kPatchedRun)) {
    if (width < min_width || width > 32 || !unpack_bits(p, end, width, count, out)) return nullptr;
    return p + packed_bytes(count, width);
  }
  if (end - p < 2) return nullptr;
  const uint32_t patches = p[0];
  const unsigned high_width = p[1];
  p += 2;
  if (width == 0 || high_width == 0 || width + high_width > 32 || patches == 0 || patches > count ||
      !unpack_bits(p, end, width, count, out))
    return nullptr;
  p += packed_bytes(count, width);
  const size_t high_bytes = packed_bytes(patches, high_width);
  if (static_cast<size_t>(end - p) < patches + high_bytes) return nullptr;
  const uint8_t *at = p;
  p += patches;
  // The high parts are few: copied next to zeros, so that every value is one 8-byte load.
  uint8_t highs[kMaxPatches * 4 + 8];
  std::memcpy(highs, p, high_bytes);
  std::memset(highs + high_bytes, 0, 8);
  const uint64_t mask = (uint64_t{1} << high_width) - 1;
  for (uint32_t j = 0, bit = 0; j < patches; ++j, bit += high_width) {
    if (at[j] >= count) return nullptr;
    const uint64_t high = (unpack_detail::load_le64(highs + (bit >> 3)) >> (bit & 7)) & mask;
    out[at[j]] |= static_cast<uint32_t>(high) << width;
  }
  return p + high_bytes;
}

}  // namespace caci::detail
