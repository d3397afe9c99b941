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

#include "caci/core/status.hpp"

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

namespace caci::detail {

enum class TextCodec : uint8_t { lz = 1, zstd = 2 };

// What new files use: zstd level 3 over 64 KiB chunks, with a sampled dictionary
// (sample_text_dictionary) of at most kTextDictionaryBytes whose tables each chunk searches in
// place (attached, not copied). Measured on the 20,000-article archive (151.3 MB of article text,
// 159.5 MB of pages; file size / page bytes, and callgrind instructions of a cold
// `caci search FILE security --limit 10`): 64 KiB 0.594, 69.5 M; 32 KiB 0.596, 63.7 M; 16 KiB
// 0.603, 60.4 M; 16 KiB at level 4 0.599 and level 5 0.589, but level 5 costs about 1 s more CPU
// at save; a 512 KiB dictionary gains nothing over 256 KiB. 32 KiB was the choice while the cold
// search was over its target; since the index build is (issue 13), 64 KiB with the dictionary
// attached: compressing the text 1.22 -> 0.99 s of CPU (one core, zstd 1.5.4), 50.0 MB of chunks.
#ifdef CACI_ZSTD_DECODE_ONLY
// The wasm build reads zstd files and writes lz (zstd's encoder is too large for its download
// budget): its saved indexes are bigger, its reads the same.
constexpr TextCodec kDefaultTextCodec = TextCodec::lz;
#else
constexpr TextCodec kDefaultTextCodec = TextCodec::zstd;
#endif
// lz, which only the wasm build writes, in 16 KiB chunks: a hit's snippet decodes the chunks its
// article's text lies in (an article is ~7.5 KB), and in the browser they are also read from the
// file on demand, so 64 KiB chunks meant ~3x the work for 5% less file (ratio 0.761 vs 0.719 on
// the 20,000-article archive's text).
constexpr size_t kTextChunkBytes = kDefaultTextCodec == TextCodec::lz ? 16 * 1024 : 64 * 1024;
constexpr int kZstdLevel = 3;
constexpr size_t kTextDictionaryBytes = 256 * 1024;

// Nothing here throws: out of memory (a zstd context or dictionary that cannot be allocated, or
// the output string that cannot grow) is Status::enomem, a chunk that does not decode exactly is
// Status::ecorrupt.

// Appends the compressed form of `in` to `out` (no dictionary). ok or enomem (`out` unchanged).
Status compress_chunk(TextCodec codec, std::string_view in, std::string &out) noexcept;
// Decodes `in` (compressed without a dictionary) into exactly `size` bytes at `dst`. ecorrupt on
// corrupt input (never overruns dst, never reads past in), including an unknown codec; enomem
// when a thread's first zstd call cannot allocate its decoding context.
Status decompress_chunk(TextCodec codec, std::string_view in, char *dst, size_t size) noexcept;

// The dictionary for a store's text: pieces taken at even steps across `text`, up to
// kTextDictionaryBytes and at most 1/16 of the text; empty for text under 64 KiB (a dictionary
// would cost more than it saves). Deterministic: the same text gives the same dictionary.
// (Allocates with std::string: may throw std::bad_alloc, for the caller's alloc guard.)
std::string sample_text_dictionary(std::string_view text);
// The same for a text of `size` bytes that `read` appends ranges of (clamped to the text) to `out`.
std::string
sample_text_dictionary(size_t size,
                       const std::function<void(size_t from, size_t len, std::string &out)> &read);

// Compresses chunk after chunk with one codec and dictionary, reusing its zstd context (cheaper
// than compress_chunk per chunk). Not thread-safe: one per thread (see share()). The dictionary
// is copied. The lz codec ignores the dictionary.
class ChunkCompressor {
public:
  // Check status() before use: enomem when a zstd context or the dictionary cannot be allocated.
  explicit ChunkCompressor(TextCodec codec, std::string_view dictionary = {},
                           int level = kZstdLevel) noexcept;
  ~ChunkCompressor();
  ChunkCompressor(ChunkCompressor &&) noexcept;
  ChunkCompressor &operator=(ChunkCompressor &&) noexcept;
  Status status() const noexcept;
  // A compressor for another thread: its own context, the same (shared, read-only) dictionary,
  // so it writes byte for byte what this one writes. Check its status().
  ChunkCompressor share() const noexcept;
  // Appends the compressed form of `in` to `out`. ok, or enomem with `out` unchanged (also when
  // status() is not ok).
  Status compress(std::string_view in, std::string &out) noexcept;

private:
  ChunkCompressor() noexcept;
  struct State;
  std::unique_ptr<State> state_;
  Status status_ = Status::ok;
};

// How a ChunkDecompressor holds its dictionary.
enum class DictionaryBytes {
  copy,       // copied: the caller's bytes may go away
  reference,  // used in place: the bytes must outlive the decompressor (a mapped index file)
};

// Decodes chunks written by a ChunkCompressor with the same codec and dictionary. Safe to share
// between threads (each thread decodes with its own context).
class ChunkDecompressor {
public:
  // Check status(): enomem when the dictionary cannot be allocated, ecorrupt for an unknown codec
  // or a dictionary zstd refuses (a corrupt file); every decompress() then fails.
  explicit ChunkDecompressor(TextCodec codec, std::string_view dictionary = {},
                             DictionaryBytes bytes = DictionaryBytes::copy) noexcept;
  ~ChunkDecompressor();
  ChunkDecompressor(ChunkDecompressor &&) noexcept;
  ChunkDecompressor &operator=(ChunkDecompressor &&) noexcept;
  Status status() const noexcept;
  bool ok() const noexcept { return status() == Status::ok; }
  // As decompress_chunk (and status() when that is not ok).
  Status decompress(std::string_view in, char *dst, size_t size) const noexcept;

private:
  struct State;
  std::unique_ptr<State> state_;
  Status status_ = Status::ok;
};

// zstd without a dictionary at an explicit level. ok or enomem (`out` unchanged).
Status zstd_compress(std::string_view in, std::string &out, int level) noexcept;
// Decodes one zstd frame (no dictionary) of exactly `size` bytes into `dst`: ok, ecorrupt, or
// enomem (no decoding context).
Status zstd_decompress_into(std::string_view in, char *dst, size_t size) noexcept;

// Test hook: after `after` more, the next `count` zstd context or dictionary allocations (on any
// thread) fail as if out of memory. 0 turns it off.
void fail_zstd_allocations_for_testing(int count, int after = 0) noexcept;

// The format-2 whole-text codec (also the `lz` chunk codec). A match copies at least
// kLzMinMatch bytes; its length is stored less kLzMinMatch - 1, at most kLzMaxMatchCode (which
// caps what one record produces, ~22000 output bytes per input byte, so a corrupt size cannot make
// a decoder allocate without bound).
constexpr size_t kLzMinMatch = 4;
constexpr size_t kLzMaxMatchCode = 65535;
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
