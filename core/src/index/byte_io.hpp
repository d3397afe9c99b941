// Byte writer and bounds-checked reader for the index file. The reader never reads past its end:
// every failure sets `ok = false` and yields zeros, so a decoder can check once per record.
#pragma once

#include "varint.hpp"

#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

namespace caci::detail {

struct ByteWriter {
  std::string &out;
  void u8(uint8_t v) { out.push_back(static_cast<char>(v)); }
  void u32(uint32_t v) { put_u32le(out, v); }
  void u64(uint64_t v) { put_u64le(out, v); }
  void var(uint64_t v) { put_varint(out, v); }
  void f32(float v) {
    uint32_t bits;
    std::memcpy(&bits, &v, 4);
    u32(bits);
  }
  void bytes(std::string_view s) {
    var(s.size());
    out.append(s.data(), s.size());
  }
};

struct ByteReader {
  const uint8_t *p;
  const uint8_t *end;
  bool ok = true;

  ByteReader(const uint8_t *b, const uint8_t *e) : p(b), end(e) {}
  size_t left() const { return static_cast<size_t>(end - p); }
  bool fail() {
    ok = false;
    p = end;
    return false;
  }
  uint8_t u8() {
    if (p >= end) return fail(), 0;
    return *p++;
  }
  uint32_t u32() {
    if (left() < 4) return fail(), 0;
    uint32_t v = get_u32le(p);
    p += 4;
    return v;
  }
  uint64_t u64() {
    if (left() < 8) return fail(), 0;
    uint64_t v = get_u64le(p);
    p += 8;
    return v;
  }
  float f32() {
    uint32_t bits = u32();
    float v;
    std::memcpy(&v, &bits, 4);
    return v;
  }
  uint64_t var() {
    uint64_t v = 0;
    if (!read_varint64(p, end, v)) return fail(), 0;
    return v;
  }
  // A varint that must fit in 32 bits.
  uint32_t var32() {
    uint64_t v = var();
    if (v > 0xffffffffu) return fail(), 0;
    return static_cast<uint32_t>(v);
  }
  // A count of records each at least `min_bytes` long: rejects counts the input cannot hold, so a
  // corrupt count never triggers a huge allocation.
  uint32_t count(size_t min_bytes) {
    uint64_t n = var();
    if (n > 0xffffffffu || n * (min_bytes ? min_bytes : 1) > left()) return fail(), 0;
    return static_cast<uint32_t>(n);
  }
  std::string_view bytes() {
    uint64_t n = var();
    if (n > left()) return fail(), std::string_view();
    std::string_view s(reinterpret_cast<const char *>(p), static_cast<size_t>(n));
    p += n;
    return s;
  }
};

}  // namespace caci::detail
