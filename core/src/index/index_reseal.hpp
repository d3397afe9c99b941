// Recomputes the checksums of a (possibly edited) index file, so that tests and fuzzers reach the
// structural checks behind them: format 3's per-section and header checksums (the per-page and
// per-chunk ones are left as they are), or format 2's whole-file checksum. Header-only: the
// fuzzers link the shared library, which does not export it.
#pragma once

#include "varint.hpp"

#include <string>

namespace caci::detail {

inline void reseal_index(std::string &bytes) {
  if (bytes.size() < 56) return;
  auto *b = reinterpret_cast<uint8_t *>(&bytes[0]);
  auto put64 = [](uint8_t *p, uint64_t v) {
    for (int i = 0; i < 8; ++i) p[i] = static_cast<uint8_t>(v >> (8 * i));
  };
  if (get_u32le(b + 8) < 3) {
    put64(b + 24, index_file_checksum(b, bytes.size()));
    return;
  }
  const uint64_t nsec = get_u32le(b + 48);
  if (nsec > (bytes.size() - 56) / 32) return;
  const size_t table_end = 56 + static_cast<size_t>(nsec) * 32;
  for (size_t i = 0; i < nsec; ++i) {
    uint8_t *e = b + 56 + i * 32;
    const uint64_t off = get_u64le(e + 8), len = get_u64le(e + 16);
    if ((get_u32le(e + 4) & 1) || off > bytes.size() || len > bytes.size() - off) continue;
    put64(e + 24, checksum64(b + off, static_cast<size_t>(len)));
  }
  put64(b + 24, index_file_checksum(b, table_end));
}

}  // namespace caci::detail
