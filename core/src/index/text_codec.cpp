// The lz codec, and the chunk calls that pick a codec (zstd lives in text_codec_zstd.cpp).
// lz stream: a sequence of records  varint literal_count, literal bytes, varint match, [varint
// distance]. match == 0 ends the stream (no distance follows); otherwise match + 3 bytes are
// copied from `distance` bytes back in the output (overlap allowed: distance < length repeats).
#include "text_codec.hpp"
#include "../reserve_more.hpp"

#include "../alloc_guard.hpp"
#include "huge_pages.hpp"
#include "varint.hpp"

#include <cstring>
#include <memory>

namespace caci::detail {

namespace {

constexpr int kHashBits = 16;
constexpr size_t kMaxDistance = 1u << 20;

inline uint32_t read32(const char *p) {
  uint32_t v;
  std::memcpy(&v, p, 4);
  return v;
}
inline uint32_t hash4(uint32_t v) {
  return (v * 2654435761u) >> (32 - kHashBits);
}

}  // namespace

void lz_compress(std::string_view in, std::string &out) {
  const char *base = in.data();
  const size_t n = in.size();
  std::unique_ptr<uint32_t[]> table(new uint32_t[size_t(1) << kHashBits]());
  size_t lit_start = 0, i = 0;
  reserve_more(out, n / 2 + 16);
  auto flush = [&](size_t lit_end, size_t match, size_t distance) {
    put_varint(out, lit_end - lit_start);
    out.append(base + lit_start, lit_end - lit_start);
    put_varint(out, match ? match - (kLzMinMatch - 1) : 0);
    if (match) put_varint(out, distance);
  };
  while (n >= kLzMinMatch && i + kLzMinMatch <= n) {
    uint32_t v = read32(base + i);
    uint32_t h = hash4(v);
    size_t cand = table[h];  // position + 1, 0 = empty
    table[h] = static_cast<uint32_t>(i + 1);
    if (cand && i - (cand - 1) <= kMaxDistance && read32(base + cand - 1) == v) {
      size_t from = cand - 1;
      size_t len = kLzMinMatch;
      while (i + len < n && len < kLzMaxMatchCode + kLzMinMatch - 1 &&
             base[from + len] == base[i + len])
        ++len;
      flush(i, len, i - from);
      // Index a few positions inside the match so later repeats find it.
      for (size_t k = i + 1; k < i + len && k + kLzMinMatch <= n; k += 3)
        table[hash4(read32(base + k))] = static_cast<uint32_t>(k + 1);
      i += len;
      lit_start = i;
      continue;
    }
    ++i;
  }
  flush(n, 0, 0);
}

bool lz_decompress(std::string_view in, size_t size, std::string &out) {
  out.clear();
  out.resize(size);
  advise_huge_pages(&out[0], size);
  return lz_decompress_into(in, &out[0], size);
}

Status compress_chunk(TextCodec codec, std::string_view in, std::string &out) noexcept {
  if (codec != TextCodec::lz) return zstd_compress(in, out, kZstdLevel);
  const size_t before = out.size();
  return enomem_on_alloc_failure(
      [&] {
        lz_compress(in, out);
        return Status::ok;
      },
      [&] { out.resize(before); });
}

Status decompress_chunk(TextCodec codec, std::string_view in, char *dst, size_t size) noexcept {
  if (size && !dst) return Status::ecorrupt;
  switch (codec) {
  case TextCodec::lz: return lz_decompress_into(in, dst, size) ? Status::ok : Status::ecorrupt;
  case TextCodec::zstd: return zstd_decompress_into(in, dst, size);
  }
  return Status::ecorrupt;
}

}  // namespace caci::detail
