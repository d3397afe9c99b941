// The zstd chunk codec: plain frames, or frames against a dictionary of sampled text. Contexts are
// reused (creating one allocates its tables, hundreds of KB at level 3, which would cost more than
// compressing a 64 KiB chunk): one decoding context per thread, one compression context per
// ChunkCompressor, and a thread's own for compress_chunk. zstd reports a failed allocation by
// returning NULL (or an error code from a call that had room for its output): that is
// Status::enomem here, never an exception.
#include "text_codec.hpp"

#include "../alloc_guard.hpp"

// ZSTD_createDDict_byReference is in zstd's "static linking only" section (stable since 1.0,
// exported by the shared library too).
#define ZSTD_STATIC_LINKING_ONLY
#include <zstd.h>
#include <zstd_errors.h>

#include <atomic>
#include <cstring>
#include <new>

namespace caci::detail {

namespace {

// A dictionary starting with this number would be read as a trained ("formatted") zstd
// dictionary rather than as plain text.
constexpr uint32_t kZstdDictMagic = 0xEC30A437;
constexpr size_t kDictionaryPiece = 1024;
constexpr size_t kMinTextForDictionary = 64 * 1024;

std::atomic<int> injected_failures{0}, injected_successes{0};

// Whether this allocation is to fail (fail_zstd_allocations_for_testing).
bool inject_failure() noexcept {
  int ok = injected_successes.load(std::memory_order_relaxed);
  while (ok > 0)
    if (injected_successes.compare_exchange_weak(ok, ok - 1, std::memory_order_relaxed))
      return false;
  int n = injected_failures.load(std::memory_order_relaxed);
  while (n > 0)
    if (injected_failures.compare_exchange_weak(n, n - 1, std::memory_order_relaxed)) return true;
  return false;
}

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
ZSTD_CCtx *new_cctx() noexcept {
  return inject_failure() ? nullptr : ZSTD_createCCtx();
}
// This thread's compression context; NULL when it cannot be allocated.
ZSTD_CCtx *thread_cctx() noexcept {
  ThreadContexts &t = thread_contexts;
  if (!t.cctx) t.cctx = new_cctx();
  return t.cctx;
}
#endif
// This thread's decoding context; NULL when it cannot be allocated.
ZSTD_DCtx *thread_dctx() noexcept {
  ThreadContexts &t = thread_contexts;
  if (!t.dctx && !inject_failure()) t.dctx = ZSTD_createDCtx();
  return t.dctx;
}

#ifndef CACI_ZSTD_DECODE_ONLY
// Runs `compress(dst, capacity)` into room appended to `out`. With a capacity of
// ZSTD_compressBound zstd cannot run out of room, so an error means it could not allocate.
template <class Compress>
Status append_compressed(std::string_view in, std::string &out, Compress compress) noexcept {
  const size_t at = out.size();
  return enomem_on_alloc_failure(
      [&] {
        out.resize(at + ZSTD_compressBound(in.size()));
        const size_t n = compress(&out[at], out.size() - at);
        if (ZSTD_isError(n)) {
          out.resize(at);
          return Status::enomem;
        }
        out.resize(at + n);
        return Status::ok;
      },
      [&] { out.resize(std::min(out.size(), at)); });
}
#endif

Status decoded_exactly(size_t result, size_t size) noexcept {
  if (ZSTD_isError(result))
    return ZSTD_getErrorCode(result) == ZSTD_error_memory_allocation ? Status::enomem
                                                                     : Status::ecorrupt;
  return result == size ? Status::ok : Status::ecorrupt;
}

}  // namespace

void fail_zstd_allocations_for_testing(int count, int after) noexcept {
  injected_failures.store(count < 0 ? 0 : count, std::memory_order_relaxed);
  injected_successes.store(count > 0 && after > 0 ? after : 0, std::memory_order_relaxed);
}

#ifdef CACI_ZSTD_DECODE_ONLY
// The wasm build decodes zstd but writes lz (kDefaultTextCodec): zstd's encoder would not fit the
// download budget. Asking it for zstd anyway is a bug in the caller, reported as out of memory
// (the only failure compressing has).
Status zstd_compress(std::string_view, std::string &, int) noexcept {
  return Status::enomem;
}
#else
Status zstd_compress(std::string_view in, std::string &out, int level) noexcept {
  ZSTD_CCtx *cctx = thread_cctx();
  if (!cctx) return Status::enomem;
  return append_compressed(in, out, [&](char *dst, size_t capacity) {
    return ZSTD_compressCCtx(cctx, dst, capacity, in.data(), in.size(), level);
  });
}
#endif

Status zstd_decompress_into(std::string_view in, char *dst, size_t size) noexcept {
  ZSTD_DCtx *dctx = thread_dctx();
  if (!dctx) return Status::enomem;
  char empty = 0;
  return decoded_exactly(ZSTD_decompressDCtx(dctx, dst ? dst : &empty, size, in.data(), in.size()),
                         size);
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

ChunkCompressor::ChunkCompressor(TextCodec codec, std::string_view, int level) noexcept
    : state_(new (std::nothrow) State{codec, level}) {
  // zstd: see zstd_compress.
  if (!state_ || codec == TextCodec::zstd) status_ = Status::enomem;
}

ChunkCompressor ChunkCompressor::share() const noexcept {
  if (!state_) return ChunkCompressor();  // status() is enomem
  return ChunkCompressor(state_->codec, {}, state_->level);
}

Status ChunkCompressor::compress(std::string_view in, std::string &out) noexcept {
  if (status_ != Status::ok) return Status::enomem;
  return compress_chunk(state_->codec, in, out);
}
#else
// The dictionary's compression tables, shared read-only by the compressors of one save.
struct SharedCDict {
  ZSTD_CDict *cdict = nullptr;
  ~SharedCDict() { ZSTD_freeCDict(cdict); }
};

struct ChunkCompressor::State {
  TextCodec codec;
  int level;
  ZSTD_CCtx *cctx = nullptr;
  std::shared_ptr<const SharedCDict> dictionary;  // null: none
  bool attached = false;                          // cctx references the dictionary (attach())
  ~State() { ZSTD_freeCCtx(cctx); }

  // The dictionary's tables are searched where they are ("attached") rather than copied into the
  // context for every chunk: zstd copies them for inputs over 16 KiB at this level (768 KiB of
  // tables per 64 KiB chunk), which was a fifth of the compression time (issue 13; on the
  // 20,000-article archive's text the output differs by 5 bytes in 50 MB at 64 KiB).
  // ZSTD_c_forceAttachDict is an experimental parameter: a zstd that refuses it keeps
  // ZSTD_compress_usingCDict.
  void attach() noexcept {
    if (!cctx || !dictionary) return;
    attached =
        !ZSTD_isError(ZSTD_CCtx_setParameter(cctx, ZSTD_c_compressionLevel, level)) &&
        !ZSTD_isError(ZSTD_CCtx_setParameter(cctx, ZSTD_c_forceAttachDict, ZSTD_dictForceAttach)) &&
        !ZSTD_isError(ZSTD_CCtx_refCDict(cctx, dictionary->cdict));
    if (!attached) ZSTD_CCtx_reset(cctx, ZSTD_reset_session_and_parameters);
  }
};

ChunkCompressor::ChunkCompressor(TextCodec codec, std::string_view dictionary, int level) noexcept
    : state_(new (std::nothrow) State{codec, level, nullptr, nullptr}) {
  if (!state_) {
    status_ = Status::enomem;
    return;
  }
  if (codec != TextCodec::zstd) return;
  if (!(state_->cctx = new_cctx())) {
    status_ = Status::enomem;
    return;
  }
  if (dictionary.empty()) return;
  std::shared_ptr<SharedCDict> shared;
  status_ = enomem_on_alloc_failure(
      [&] {
        shared = std::make_shared<SharedCDict>();
        return Status::ok;
      },
      [] {});
  if (status_ != Status::ok) return;
  if (inject_failure() ||
      !(shared->cdict = ZSTD_createCDict(dictionary.data(), dictionary.size(), level))) {
    status_ = Status::enomem;
    return;
  }
  state_->dictionary = std::move(shared);
  state_->attach();
}

ChunkCompressor ChunkCompressor::share() const noexcept {
  ChunkCompressor c;
  if (!state_ || status_ != Status::ok) return c;
  c.state_.reset(new (std::nothrow) State{state_->codec, state_->level, nullptr, nullptr});
  if (!c.state_) return c;
  if (state_->codec == TextCodec::zstd && !(c.state_->cctx = new_cctx())) return c;
  c.state_->dictionary = state_->dictionary;
  c.state_->attach();
  c.status_ = Status::ok;
  return c;
}

Status ChunkCompressor::compress(std::string_view in, std::string &out) noexcept {
  if (status_ != Status::ok) return Status::enomem;
  State &s = *state_;
  if (s.codec != TextCodec::zstd) return compress_chunk(s.codec, in, out);
  ZSTD_CDict *cdict = s.dictionary ? s.dictionary->cdict : nullptr;
  return append_compressed(in, out, [&](char *dst, size_t capacity) {
    if (s.attached) return ZSTD_compress2(s.cctx, dst, capacity, in.data(), in.size());
    return cdict ? ZSTD_compress_usingCDict(s.cctx, dst, capacity, in.data(), in.size(), cdict)
                 : ZSTD_compressCCtx(s.cctx, dst, capacity, in.data(), in.size(), s.level);
  });
}
#endif
// An unusable compressor (what share() returns when it cannot allocate).
ChunkCompressor::ChunkCompressor() noexcept : status_(Status::enomem) {}
ChunkCompressor::~ChunkCompressor() = default;
ChunkCompressor::ChunkCompressor(ChunkCompressor &&) noexcept = default;
ChunkCompressor &ChunkCompressor::operator=(ChunkCompressor &&) noexcept = default;

Status ChunkCompressor::status() const noexcept {
  return status_;
}

struct ChunkDecompressor::State {
  TextCodec codec;
  ZSTD_DDict *ddict = nullptr;
  ~State() { ZSTD_freeDDict(ddict); }
};

ChunkDecompressor::ChunkDecompressor(TextCodec codec, std::string_view dictionary,
                                     DictionaryBytes bytes) noexcept
    : state_(new (std::nothrow) State{codec, nullptr}) {
  if (!state_) {
    status_ = Status::enomem;
    return;
  }
  if (codec != TextCodec::lz && codec != TextCodec::zstd) {
    status_ = Status::ecorrupt;
    return;
  }
  if (codec != TextCodec::zstd || dictionary.empty()) return;
  if (inject_failure()) {
    status_ = Status::enomem;
    return;
  }
  // By reference, zstd builds its entropy tables but reads the dictionary's content in place
  // (no 256 KiB copy when an index file is opened). NULL is what zstd returns both when it cannot
  // allocate and for a dictionary it refuses; a plain-text dictionary is only refused when its
  // header claims a formatted one (sample_text_dictionary never writes that), so NULL with a
  // formatted-looking header is a corrupt file and otherwise out of memory.
  state_->ddict = bytes == DictionaryBytes::reference
                      ? ZSTD_createDDict_byReference(dictionary.data(), dictionary.size())
                      : ZSTD_createDDict(dictionary.data(), dictionary.size());
  if (!state_->ddict) {
    uint32_t head = 0;
    if (dictionary.size() >= 4) std::memcpy(&head, dictionary.data(), 4);
    status_ = head == kZstdDictMagic ? Status::ecorrupt : Status::enomem;
  }
}
ChunkDecompressor::~ChunkDecompressor() = default;
ChunkDecompressor::ChunkDecompressor(ChunkDecompressor &&) noexcept = default;
ChunkDecompressor &ChunkDecompressor::operator=(ChunkDecompressor &&) noexcept = default;

Status ChunkDecompressor::status() const noexcept {
  return state_ ? status_ : Status::enomem;
}

Status ChunkDecompressor::decompress(std::string_view in, char *dst, size_t size) const noexcept {
  if (status() != Status::ok) return status();
  if (size && !dst) return Status::ecorrupt;
  if (!state_->ddict) return decompress_chunk(state_->codec, in, dst, size);
  ZSTD_DCtx *dctx = thread_dctx();
  if (!dctx) return Status::enomem;
  char empty = 0;
  return decoded_exactly(ZSTD_decompress_usingDDict(dctx, dst ? dst : &empty, size, in.data(),
                                                    in.size(), state_->ddict),
                         size);
}

}  // namespace caci::detail
