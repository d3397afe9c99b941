// LEB128 varints and little-endian fixed-width integers. Every reader is bounds-checked: index
// bytes may come from a corrupted file.
#pragma once

#include <cstdint>
#include <cstring>
#include <string>

namespace caci::detail {

inline void put_varint(std::string &out, uint64_t v) {
  char buf[10];
  size_t n = 0;
  while (v >= 0x80) {
    buf[n++] = static_cast<char>((v & 0x7f) | 0x80);
    v >>= 7;
  }
  buf[n++] = static_cast<char>(v);
  out.append(buf, n);
}

// Appends to a raw byte vector-like buffer (std::string used as a byte buffer).
inline uint8_t *write_varint32(uint8_t *p, uint32_t v) {
  while (v >= 0x80) {
    *p++ = static_cast<uint8_t>((v & 0x7f) | 0x80);
    v >>= 7;
  }
  *p++ = static_cast<uint8_t>(v);
  return p;
}

// Reads a varint of at most 5 bytes (32 bits). false on truncation or overlong encoding.
inline bool read_varint32(const uint8_t *&p, const uint8_t *end, uint32_t &v) {
  uint32_t result = 0;
  for (int shift = 0; shift < 35; shift += 7) {
    if (p >= end) return false;
    uint8_t b = *p++;
    result |= static_cast<uint32_t>(b & 0x7f) << shift;
    if (!(b & 0x80)) {
      if (shift == 28 && (b & 0x70)) return false;
      v = result;
      return true;
    }
  }
  return false;
}

inline bool read_varint64(const uint8_t *&p, const uint8_t *end, uint64_t &v) {
  uint64_t result = 0;
  for (int shift = 0; shift < 70; shift += 7) {
    if (p >= end) return false;
    uint8_t b = *p++;
    if (shift == 63 && (b & 0x7e)) return false;
    result |= static_cast<uint64_t>(b & 0x7f) << shift;
    if (!(b & 0x80)) {
      v = result;
      return true;
    }
  }
  return false;
}

inline void put_u32le(std::string &out, uint32_t v) {
  char b[4] = {static_cast<char>(v), static_cast<char>(v >> 8), static_cast<char>(v >> 16),
               static_cast<char>(v >> 24)};
  out.append(b, 4);
}
inline void put_u64le(std::string &out, uint64_t v) {
  put_u32le(out, static_cast<uint32_t>(v));
  put_u32le(out, static_cast<uint32_t>(v >> 32));
}
inline uint32_t get_u16le(const uint8_t *p) {
  return static_cast<uint32_t>(p[0]) | static_cast<uint32_t>(p[1]) << 8;
}
inline uint32_t get_u32le(const uint8_t *p) {
  return static_cast<uint32_t>(p[0]) | static_cast<uint32_t>(p[1]) << 8 |
         static_cast<uint32_t>(p[2]) << 16 | static_cast<uint32_t>(p[3]) << 24;
}
inline uint64_t get_u64le(const uint8_t *p) {
  return static_cast<uint64_t>(get_u32le(p)) | static_cast<uint64_t>(get_u32le(p + 4)) << 32;
}

// FNV-1a: short strings (terms, names).
inline uint64_t hash_bytes(const char *p, size_t n) {
  uint64_t h = 1469598103934665603ull;
  for (size_t i = 0; i < n; ++i) {
    h ^= static_cast<uint8_t>(p[i]);
    h *= 1099511628211ull;
  }
  return h;
}

// 64-bit checksum of a large payload, 8 bytes at a time, independent of host endianness.
inline uint64_t checksum64(const uint8_t *p, size_t n) {
  uint64_t h = 0x9e3779b97f4a7c15ull ^ n;
  size_t i = 0;
  for (; i + 8 <= n; i += 8) {
    uint64_t w = get_u64le(p + i);
    h ^= w * 0xff51afd7ed558ccdull;
    h = (h << 31 | h >> 33) * 0xc4ceb9fe1a85ec53ull;
  }
  for (; i < n; ++i) {
    h ^= p[i];
    h *= 1099511628211ull;
  }
  h ^= h >> 33;
  h *= 0xff51afd7ed558ccdull;
  h ^= h >> 33;
  return h;
}

// Checksum of an index file of n >= 32 bytes: covers the header fields before it (bytes [0, 24):
// magic, versions, length) and everything after it (bytes [32, n)).
inline uint64_t index_file_checksum(const uint8_t *p, size_t n) {
  uint64_t head = checksum64(p, 24);
  uint64_t rest = checksum64(p + 32, n - 32);
  return head ^ (rest << 1 | rest >> 63);
}

}  // namespace caci::detail
