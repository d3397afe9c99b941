// The lz decoder (the stream is described in text_codec.cpp), apart from the encoder because the
// wasm build compiles the codecs for size (-Oz, which inlines nothing: every 16-byte copy and
// varint a call) while decoding is what a search waits for (the snippets' chunks): this file keeps
// -O2 there (wasm/CMakeLists.txt).
#include "text_codec.hpp"
#include "varint.hpp"

#include <cstring>

namespace caci::detail {

namespace {

// A varint, with the one-byte case (most literal runs, lengths and many distances) inline.
inline bool read_count(const uint8_t *&p, const uint8_t *end, uint64_t &v) {
  if (p < end && *p < 0x80) {
    v = *p++;
    return true;
  }
  return read_varint64(p, end, v);
}

inline void copy16(char *dst, const void *src) {
  char block[16];
  std::memcpy(block, src, 16);
  std::memcpy(dst, block, 16);
}

}  // namespace

// Short literal runs and matches, most of them, are copied 16 bytes at a time past their end when
// both buffers have room (the next record overwrites the excess), rather than by memcpy calls
// sized to each record; in wasm every memcpy is a call. Checked like the plain copies: a corrupt
// stream still never writes outside dst or reads outside `in`.
bool lz_decompress_into(std::string_view in, char *dst, size_t size) {
  size_t at = 0;
  const auto *p = reinterpret_cast<const uint8_t *>(in.data());
  const auto *end = p + in.size();
  for (;;) {
    uint64_t lit = 0, match = 0, distance = 0;
    if (!read_count(p, end, lit) || lit > static_cast<uint64_t>(end - p) || lit > size - at)
      return false;
    if (lit <= 16 && end - p >= 16 && size - at >= 16) {
      copy16(dst + at, p);
    } else if (lit) {
      std::memcpy(dst + at, p, static_cast<size_t>(lit));
    }
    p += lit;
    at += static_cast<size_t>(lit);
    if (!read_count(p, end, match)) return false;
    if (match == 0) break;
    if (!read_count(p, end, distance)) return false;
    uint64_t len = match + (kLzMinMatch - 1);
    if (match > kLzMaxMatchCode || len > size - at || distance == 0 || distance > at) return false;
    char *out = dst + at;
    const char *src = out - distance;
    if (distance >= 16 && size - at >= len + 15) {
      // Each block read lies before the one written with it (distance >= 16): the text so far.
      for (uint64_t k = 0; k < len; k += 16) copy16(out + k, src + k);
    } else if (distance >= len) {
      std::memcpy(out, src, static_cast<size_t>(len));
    } else {
      for (uint64_t k = 0; k < len; ++k) out[k] = src[k];
    }
    at += static_cast<size_t>(len);
  }
  return at == size && p == end;
}

}  // namespace caci::detail
