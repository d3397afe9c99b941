// The zstd chunk codec: plain frames, or frames against a dictionary of sampled text. Contexts are
// reused (creating one allocates its tables, hundreds of KB at level 3, which would cost more than
// compressing a 64 KiB chunk): one decoding context per thread, one compression context per
// ChunkCompressor, and a thread's own for compress_chunk.
#include "text_codec.hpp"

#include <zstd.h>

#include <cstring>
#include <new>

namespace caci::detail {

namespace {

// A dictionary starting with this number would be read as a trained ("formatted") zstd
// dictionary rather than as plain text.
constexpr uint32_t kZstdDictMagic = 0xEC30A437;
constexpr size_t kDictionaryPiece = 1024;
constexpr size_t kMinTextForDictionary = 64 * 1024;

struct ThreadContexts {
#ifndef CACI_ZSTD_DECODE_ONLY
  ZSTD_CCtx *cctx = nullptr;
#endif
  ZSTD_DCtx *dctx = nullptr;
  ~ThreadContexts() {
#ifndef CACI_ZSTD_DECODE_ONLY
    ZSTD_freeCCtx(cctx);
#endif
    ZSTD_freeDCtx(dctx);
  }
};
thread_local ThreadContexts thread_contexts;

#ifndef CACI_ZSTD_DECODE_ONLY
ZSTD_CCtx *thread_cctx() {
  ThreadContexts &t = thread_contexts;
  if (!t.cctx && !(t.cctx = ZSTD_createCCtx())) throw std::bad_alloc();
  return t.cctx;
}
#endif
ZSTD_DCtx *thread_dctx() {
  ThreadContexts &t = thread_contexts;
  if (!t.dctx && !(t.dctx = ZSTD_createDCtx())) throw std::bad_alloc();
  return t.dctx;
}

// Runs `compress(dst, capacity)` into room appended to `out`. With a capacity of
// ZSTD_compressBound zstd cannot run out of room, so an error means it could not allocate.
template <class Compress>
void append_compressed(std::string_view in, std::string &out, Compress compress) {
  const size_t at = out.size();
  out.resize(at + ZSTD_compressBound(in.size()));
  size_t n = compress(&out[at], out.size() - at);
  if (ZSTD_isError(n)) {
    out.resize(at);
    throw std::bad_alloc();
  }
  out.resize(at + n);
}

bool decoded_exactly(size_t result, size_t size) {
  return !ZSTD_isError(result) && result == size;
}

}  // namespace

#ifdef CACI_ZSTD_DECODE_ONLY
// The wasm build decodes zstd but writes lz (kDefaultTextCodec): zstd's encoder would not fit the
// download budget. Asking it for zstd anyway is a bug in the caller, reported as out of memory
// (the only failure compressing has).
void zstd_compress(std::string_view, std::string &, int) {
  throw std::bad_alloc();
}
#else
void zstd_compress(std::string_view in, std::string &out, int level) {
  ZSTD_CCtx *cctx = thread_cctx();
  append_compressed(in, out, [&](char *dst, size_t capacity) {
    return ZSTD_compressCCtx(cctx, dst, capacity, in.data(), in.size(), level);
  });
}

#endif

bool zstd_decompress_into(std::string_view in, char *dst, size_t size) {
  char empty = 0;
  return decoded_exactly(
      ZSTD_decompressDCtx(thread_dctx(), dst ? dst : &empty, size, in.data(), in.size()), size);
}

std::string
sample_text_dictionary(size_t size,
                       const std::function<void(size_t from, size_t len, std::string &out)> &read) {
  std::string dict;
  if (size < kMinTextForDictionary) return dict;
  size_t want = std::min(kTextDictionaryBytes, size / 16);
  size_t pieces = want / kDictionaryPiece;
  size_t step = size / pieces;
  dict.reserve(pieces * kDictionaryPiece);
  for (size_t i = 0; i < pieces; ++i) read(i * step, kDictionaryPiece, dict);
  uint32_t head = 0;
  if (dict.size() >= 4) std::memcpy(&head, dict.data(), 4);
  if (head == kZstdDictMagic) dict.erase(0, 1);
  return dict;
}

std::string sample_text_dictionary(std::string_view text) {
  return sample_text_dictionary(text.size(), [&](size_t from, size_t len, std::string &out) {
    out.append(text.substr(from, len));
  });
}

#ifdef CACI_ZSTD_DECODE_ONLY
struct ChunkCompressor::State {
  TextCodec codec;
  int level;
};

ChunkCompressor::ChunkCompressor(TextCodec codec, std::string_view, int level)
    : state_(new State{codec, level}) {
  if (codec == TextCodec::zstd) throw std::bad_alloc();  // see zstd_compress
}
ChunkCompressor::~ChunkCompressor() = default;
ChunkCompressor::ChunkCompressor(ChunkCompressor &&) noexcept = default;
ChunkCompressor &ChunkCompressor::operator=(ChunkCompressor &&) noexcept = default;

void ChunkCompressor::compress(std::string_view in, std::string &out) {
  compress_chunk(state_->codec, in, out);
}
#else
struct ChunkCompressor::State {
  TextCodec codec;
  int level;
  ZSTD_CCtx *cctx = nullptr;
  ZSTD_CDict *cdict = nullptr;
  ~State() {
    ZSTD_freeCDict(cdict);
    ZSTD_freeCCtx(cctx);
  }
};

ChunkCompressor::ChunkCompressor(TextCodec codec, std::string_view dictionary, int level)
    : state_(new State{codec, level}) {
  if (codec != TextCodec::zstd) return;
  if (!(state_->cctx = ZSTD_createCCtx())) throw std::bad_alloc();
  if (!dictionary.empty() &&
      !(state_->cdict = ZSTD_createCDict(dictionary.data(), dictionary.size(), level)))
    throw std::bad_alloc();
}
ChunkCompressor::~ChunkCompressor() = default;
ChunkCompressor::ChunkCompressor(ChunkCompressor &&) noexcept = default;
ChunkCompressor &ChunkCompressor::operator=(ChunkCompressor &&) noexcept = default;

void ChunkCompressor::compress(std::string_view in, std::string &out) {
  State &s = *state_;
  if (s.codec != TextCodec::zstd) return compress_chunk(s.codec, in, out);
  append_compressed(in, out, [&](char *dst, size_t capacity) {
    return s.cdict ? ZSTD_compress_usingCDict(s.cctx, dst, capacity, in.data(), in.size(), s.cdict)
                   : ZSTD_compressCCtx(s.cctx, dst, capacity, in.data(), in.size(), s.level);
  });
}
#endif

struct ChunkDecompressor::State {
  TextCodec codec;
  bool ok = true;
  ZSTD_DDict *ddict = nullptr;
  ~State() { ZSTD_freeDDict(ddict); }
};

ChunkDecompressor::ChunkDecompressor(TextCodec codec, std::string_view dictionary)
    : state_(new State{codec}) {
  state_->ok = codec == TextCodec::lz || codec == TextCodec::zstd;
  if (codec != TextCodec::zstd || dictionary.empty()) return;
  // NULL is also what zstd returns when it cannot allocate; either way nothing decodes.
  state_->ddict = ZSTD_createDDict(dictionary.data(), dictionary.size());
  if (!state_->ddict) state_->ok = false;
}
ChunkDecompressor::~ChunkDecompressor() = default;
ChunkDecompressor::ChunkDecompressor(ChunkDecompressor &&) noexcept = default;
ChunkDecompressor &ChunkDecompressor::operator=(ChunkDecompressor &&) noexcept = default;

bool ChunkDecompressor::ok() const noexcept {
  return state_ && state_->ok;
}

bool ChunkDecompressor::decompress(std::string_view in, char *dst, size_t size) const {
  if (!ok() || (size && !dst)) return false;
  if (!state_->ddict) return decompress_chunk(state_->codec, in, dst, size);
  char empty = 0;
  return decoded_exactly(ZSTD_decompress_usingDDict(thread_dctx(), dst ? dst : &empty, size,
                                                    in.data(), in.size(), state_->ddict),
                         size);
}

}  // namespace caci::detail
