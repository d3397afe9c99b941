// Layout shared by the format 3 writer (index_file_v3_write.cpp) and reader (index_file_v3.cpp).
#pragma once

#include "byte_io.hpp"

#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

namespace caci::detail::v3 {

// Files written now need a reader of version 6 (index_file.hpp, kReaderVersion): a reader of 5
// (store table columns stored as differences unknown to it), 4 (nor patched position runs) or 3
// (nor two-byte document lengths) refuses them with eversion instead of calling them corrupt. A
// reader of 6 reads the files written for 3, 4 and 5 as well.
constexpr uint32_t kMinReaderVersion = 6;
constexpr size_t kEntryBytes = 32;
constexpr uint32_t kSectionLazy = 1;  // checksummed piece by piece, not as a whole
constexpr uint64_t kMinBlockBytes = 7;

inline void put_f32(std::string &out, float f) {
  uint32_t u;
  std::memcpy(&u, &f, 4);
  put_u32le(out, u);
}
inline float get_f32(const uint8_t *p) {
  const uint32_t u = get_u32le(p);
  float f;
  std::memcpy(&f, &u, 4);
  return f;
}

}  // namespace caci::detail::v3
