// Codecs for the stored article text in index files. Format 3 stores the text in independently
// compressed chunks (so one article's text decodes on demand); each file names its codec.
//  - lz: the project's own small LZ77 codec (greedy 4-byte hash matching; English text shrinks to
//    about half). Format 2 files use it for their whole text; it needs no external dependency.
//  - zstd: Zstandard (Debian's libzstd natively, its sources compiled into the wasm build).
// Every decoder is bounds-checked: corrupt input returns false, never overruns or over-reads.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace caci::detail {

enum class TextCodec : uint8_t { lz = 1, zstd = 2 };

// The codec and uncompressed chunk size new files use (chosen by bench/text_codec_bench.cpp:
// see the figures there).
constexpr TextCodec kDefaultTextCodec = TextCodec::lz;
constexpr size_t kTextChunkBytes = 64 * 1024;

// Appends the compressed form of `in` to `out`. Never throws except std::bad_alloc.
void compress_chunk(TextCodec codec, std::string_view in, std::string &out);
// Decodes `in` into exactly `size` bytes at `dst`. false on corrupt input (never overruns dst,
// never reads past in), including an unknown codec.
bool decompress_chunk(TextCodec codec, std::string_view in, char *dst, size_t size);

// The format-2 whole-text codec (also the `lz` chunk codec).
// Appends the compressed form of `in` to `out`.
void lz_compress(std::string_view in, std::string &out);
// Decodes `in` into `out` (replaced), which must come out exactly `size` bytes long.
bool lz_decompress(std::string_view in, size_t size, std::string &out);
// Decodes `in` into exactly `size` bytes at `dst`; false on corrupt input.
bool lz_decompress_into(std::string_view in, char *dst, size_t size);
// Largest output a valid stream of `packed` bytes can produce.
inline size_t lz_max_output(size_t packed) {
  return (packed + 1) * 22000;
}

}  // namespace caci::detail
