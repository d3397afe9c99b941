// The article text of an opened index file, decoded on demand. The text is stored as chunks of
// `chunk_bytes` (the last one shorter), each compressed on its own with a checksum of its packed
// bytes; the first read of a reference decodes the chunks it covers into a buffer reserved for
// the whole text (untouched pages cost nothing), so a search that shows ten hits decodes about
// ten chunks. Safe to read from many threads: a chunk is decoded once, under a lock, and published
// with a release store.
//
// Section layout (little-endian): the table
//   u64 text size, u32 chunk bytes, u8 codec, u8[3] zero, u32 chunk count, u32 dictionary bytes,
//   per chunk {u64 offset into the data section, u32 packed length, u32 zero, u64 checksum}
// and the data section holding the codec's dictionary (sampled from the whole text) and then the
// packed chunks.
#pragma once

#include "file_bytes.hpp"
#include "text_codec.hpp"

#include "caci/core/article.hpp"

#include <atomic>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

namespace caci::detail {

// A text made of byte ranges of another buffer (`base`), in order: the canonical article text of a
// store adopted from a parsed document, written without first copying it into one buffer.
// Contiguous ranges are merged, so a text that is all of `base` is one piece.
struct TextPieces {
  std::string_view base;
  std::vector<uint64_t> at;  // where each piece starts in the text
  std::vector<TextRef> src;  // where it comes from in `base`
  uint64_t size = 0;

  // Appends base[offset, offset + length) (which the caller checked lies inside `base`).
  void add(uint32_t offset, uint32_t length);
  // Copies text[from, from + n) (inside the text) to `out`.
  void copy(uint64_t from, size_t n, char *out) const;
  // The text of `r`, which lies inside one piece (empty otherwise).
  std::string_view view(TextRef r) const;
};

class LazyText {
public:
  ~LazyText();
  // Checks the table (every chunk inside `data`, sizes adding up); the chunks are checked when
  // decoded. `file` keeps `table` and `data` alive. enomem, or ecorrupt with `why`.
  static Status open(std::shared_ptr<const FileBytes> file, std::string_view table,
                     std::string_view data, std::shared_ptr<const LazyText> &out, std::string &why);
  // Writes the table and data sections for `text`, compressed chunk by chunk. ok or enomem.
  // threads > 1: chunks are compressed on up to that many threads (at most kMaxEncodeThreads),
  // started and joined inside the call; the bytes are the same whatever the count.
  static Status encode(std::string_view text, std::string &table, std::string &data,
                       unsigned threads = 1) noexcept;
  // The same for a text made of pieces (no copy of the whole text is made).
  static Status encode(const TextPieces &text, std::string &table, std::string &data,
                       unsigned threads = 1) noexcept;
  static constexpr unsigned kMaxEncodeThreads = 64;
  // The pieces of the table encode() writes, for a text compressed elsewhere (text_stream.hpp):
  // the header, then one entry per chunk (its offset into the data section, packed length and the
  // checksum of its packed bytes).
  static void put_table_header(std::string &table, size_t text_size, size_t chunks,
                               size_t dictionary_bytes);
  static void put_table_entry(std::string &table, uint64_t at, std::string_view packed);
  // Serves a text from sections encode() (or the same pieces) wrote, held in `bytes`: the data
  // section is bytes[0, data_bytes), the table the rest. enomem, or einternal if they do not fit.
  static Status open_encoded(std::string &&bytes, size_t data_bytes,
                             std::shared_ptr<const LazyText> &out) noexcept;
  // The sections the text is read from, as encode() would write them for it.
  std::string_view table_section() const { return table_; }
  std::string_view data_section() const { return data_; }

  size_t size() const { return size_; }
  // The text of `r`, decoding what it covers first. Empty if `r` is out of range, a chunk is
  // corrupt, or the text it covers is not valid UTF-8 (a forged file); corrupt() then says so.
  std::string_view text(TextRef r) const noexcept;
  // Decodes every chunk: false with a message naming the first bad one.
  bool verify(std::string *why) const noexcept;
  // Whether a read found a corrupt chunk.
  bool corrupt() const { return corrupt_.load(std::memory_order_relaxed); }

private:
  LazyText() = default;
  // encode() without the alloc guard (std::string growth may throw std::bad_alloc).
  static Status encode_pieces(const TextPieces &text, std::string &table, std::string &data,
                              unsigned threads);
  bool ensure(size_t chunk) const noexcept;
  bool decode(size_t chunk) const noexcept;

  std::shared_ptr<const FileBytes> file_;
  std::string_view table_, data_;
  size_t size_ = 0, chunk_bytes_ = 0, chunks_ = 0;
  TextCodec codec_ = TextCodec::lz;
  std::unique_ptr<ChunkDecompressor> decompressor_;
  char *buf_ = nullptr;
  bool mapped_ = false;
  // Per chunk: 0 not decoded, 1 decoded, 2 corrupt.
  std::unique_ptr<std::atomic<uint8_t>[]> state_;
  mutable std::mutex decode_mutex_;
  mutable std::atomic<bool> corrupt_{false};
};

}  // namespace caci::detail
