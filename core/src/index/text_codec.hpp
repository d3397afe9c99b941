// A small LZ77 codec for the stored article text in index files (no external dependency, so the
// WebAssembly build gets it too). Greedy matching with a 4-byte hash; typical English text shrinks
// to about half. The decoder is bounds-checked: corrupt input returns false, never overruns.
#pragma once

#include <string>
#include <string_view>

namespace caci::detail {

// Appends the compressed form of `in` to `out`.
void lz_compress(std::string_view in, std::string &out);
// Decodes `in` into `out` (replaced), which must come out exactly `size` bytes long.
bool lz_decompress(std::string_view in, size_t size, std::string &out);
// Largest output a valid stream of `packed` bytes can produce.
inline size_t lz_max_output(size_t packed) {
  return (packed + 1) * 22000;
}

}  // namespace caci::detail
