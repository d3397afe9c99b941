// Codecs for the stored article text in index files. Format 3 stores the text in independently
// compressed chunks (so one article's text decodes on demand); each file names its codec.
//  - lz: the project's own small LZ77 codec (greedy 4-byte hash matching; English text shrinks to
//    about half). Format 2 files use it for their whole text; it needs no external dependency.
//  - zstd: Zstandard (Debian's libzstd natively, its sources compiled into the wasm build),
//    optionally with a dictionary of text sampled from the whole store, kept once per file, which
//    gives small chunks most of what compressing the text as one stream would.
// Every decoder is bounds-checked: corrupt input returns false, never overruns or over-reads.
//
// Measured (bench/text_codec_bench.cpp and the same chunking over the dumped text; 20,000
// generated articles, 151 MB of article text), compressed / text for 64 KiB chunks: lz 0.72,
// zstd level 1 0.40, level 3 0.37, level 3 with a 128 KiB sampled dictionary 0.347, with a
// 256 KiB one 0.332 (dictionary counted; the whole text as one zstd level-3 stream: 0.325).
// Level 3 compresses at 130-160 MB/s on one core of this (loaded) machine and decodes at about
// 1 GB/s; a 10-hit result page decodes about 11 chunks, around a millisecond.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

namespace caci::detail {

enum class TextCodec : uint8_t { lz = 1, zstd = 2 };

// What new files use: zstd level 3 over 64 KiB chunks, with a sampled dictionary
// (sample_text_dictionary) of at most kTextDictionaryBytes.
#ifdef CACI_ZSTD_DECODE_ONLY
// The wasm build reads zstd files and writes lz (zstd's encoder is too large for its download
// budget): its saved indexes are bigger, its reads the same.
constexpr TextCodec kDefaultTextCodec = TextCodec::lz;
#else
constexpr TextCodec kDefaultTextCodec = TextCodec::zstd;
#endif
constexpr size_t kTextChunkBytes = 64 * 1024;
constexpr int kZstdLevel = 3;
constexpr size_t kTextDictionaryBytes = 256 * 1024;

// Appends the compressed form of `in` to `out` (no dictionary). Never throws except
// std::bad_alloc.
void compress_chunk(TextCodec codec, std::string_view in, std::string &out);
// Decodes `in` (compressed without a dictionary) into exactly `size` bytes at `dst`. false on
// corrupt input (never overruns dst, never reads past in), including an unknown codec. Throws
// only std::bad_alloc (a thread's first zstd call allocates its decoding context).
bool decompress_chunk(TextCodec codec, std::string_view in, char *dst, size_t size);

// The dictionary for a store's text: pieces taken at even steps across `text`, up to
// kTextDictionaryBytes and at most 1/16 of the text; empty for text under 64 KiB (a dictionary
// would cost more than it saves). Deterministic: the same text gives the same dictionary.
std::string sample_text_dictionary(std::string_view text);
// The same for a text of `size` bytes that `read` appends ranges of (clamped to the text) to `out`.
std::string
sample_text_dictionary(size_t size,
                       const std::function<void(size_t from, size_t len, std::string &out)> &read);

// Compresses chunk after chunk with one codec and dictionary, reusing its zstd context (cheaper
// than compress_chunk per chunk). Not thread-safe: one per thread. The dictionary is copied.
// The lz codec ignores the dictionary.
class ChunkCompressor {
public:
  // Throws only std::bad_alloc.
  explicit ChunkCompressor(TextCodec codec, std::string_view dictionary = {},
                           int level = kZstdLevel);
  ~ChunkCompressor();
  ChunkCompressor(ChunkCompressor &&) noexcept;
  ChunkCompressor &operator=(ChunkCompressor &&) noexcept;
  // Appends the compressed form of `in` to `out`. Throws only std::bad_alloc.
  void compress(std::string_view in, std::string &out);

private:
  struct State;
  std::unique_ptr<State> state_;
};

// Decodes chunks written by a ChunkCompressor with the same codec and dictionary. Safe to share
// between threads (each thread decodes with its own context). The dictionary is copied, so the
// file's bytes need not outlive it.
class ChunkDecompressor {
public:
  // Throws only std::bad_alloc. A dictionary zstd refuses (a corrupt file) leaves it !ok().
  explicit ChunkDecompressor(TextCodec codec, std::string_view dictionary = {});
  ~ChunkDecompressor();
  ChunkDecompressor(ChunkDecompressor &&) noexcept;
  ChunkDecompressor &operator=(ChunkDecompressor &&) noexcept;
  // false for an unknown codec or a refused dictionary: every decompress() then fails.
  bool ok() const noexcept;
  // As decompress_chunk. Throws only std::bad_alloc.
  bool decompress(std::string_view in, char *dst, size_t size) const;

private:
  struct State;
  std::unique_ptr<State> state_;
};

// zstd without a dictionary at an explicit level. Throws only std::bad_alloc.
void zstd_compress(std::string_view in, std::string &out, int level);
// Decodes one zstd frame (no dictionary) of exactly `size` bytes into `dst`; false on corrupt
// input. Throws only std::bad_alloc.
bool zstd_decompress_into(std::string_view in, char *dst, size_t size);

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
