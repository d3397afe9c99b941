#include "lazy_text.hpp"

#include "../alloc_guard.hpp"
#include "byte_io.hpp"
#include "huge_pages.hpp"
#include "varint.hpp"

#include "caci/core/normalize.hpp"

#include <algorithm>
#include <condition_variable>
#include <cstdlib>
#include <cstring>
#include <new>
#include <system_error>
#include <thread>

#if (defined(__unix__) || defined(__APPLE__)) && !defined(__EMSCRIPTEN__)
#include <sys/mman.h>
#define CACI_HAVE_MMAP 1
#endif

namespace caci::detail {

namespace {

constexpr size_t kTableHeader = 24;
constexpr size_t kChunkEntry = 24;

}  // namespace

#ifdef __EMSCRIPTEN__
// WebAssembly only: the module may open an index whose text chunks and postings pages are not in
// memory yet (the demo reopens a cached index reading only the small sections first,
// wasm/glue/lazy_bytes.c); it is told which bytes a chunk decode (and FileView::pages_ok, a
// postings page's first read) is about to read, and reads them in first. This weak no-op is what a
// build without that glue (wasm/test/text_codec_check.cpp) gets.
extern "C" __attribute__((weak)) void caci_wasm_bytes_needed(const void *, size_t) {}
#endif

LazyText::~LazyText() {
#ifdef CACI_HAVE_MMAP
  if (mapped_) {
    munmap(buf_, size_);
    return;
  }
#endif
  std::free(buf_);
}

void TextPieces::add(uint32_t offset, uint32_t length) {
  if (length == 0) return;
  if (!src.empty() && static_cast<uint64_t>(src.back().offset) + src.back().length == offset &&
      static_cast<uint64_t>(src.back().length) + length <= 0xffffffffu) {
    src.back().length += length;
  } else {
    at.push_back(size);
    src.push_back(TextRef{offset, length});
  }
  size += length;
}

void TextPieces::copy(uint64_t from, size_t n, char *out) const {
  // The last piece starting at or before `from`.
  size_t k = static_cast<size_t>(std::upper_bound(at.begin(), at.end(), from) - at.begin());
  k = k ? k - 1 : 0;
  while (n > 0 && k < src.size()) {
    const uint64_t skip = from - at[k];
    const size_t take = static_cast<size_t>(std::min<uint64_t>(n, src[k].length - skip));
    std::memcpy(out, base.data() + src[k].offset + skip, take);
    out += take;
    from += take;
    n -= take;
    ++k;
  }
}

std::string_view TextPieces::view(TextRef r) const {
  size_t k = static_cast<size_t>(std::upper_bound(at.begin(), at.end(), r.offset) - at.begin());
  if (k == 0) return std::string_view();
  --k;
  const uint64_t skip = r.offset - at[k];
  if (skip + r.length > src[k].length) return std::string_view();
  return base.substr(static_cast<size_t>(src[k].offset + skip), r.length);
}

Status LazyText::encode(std::string_view text, std::string &table, std::string &data,
                        unsigned threads) noexcept {
  TextPieces one;
  one.base = text;
  const Status st = enomem_on_alloc_failure(
      [&] {
        if (!text.empty()) {
          one.at.push_back(0);
          one.src.push_back(TextRef{0, static_cast<uint32_t>(text.size())});
        }
        return Status::ok;
      },
      [] {});
  if (st != Status::ok) return st;
  one.size = text.size();
  return encode(one, table, data, threads);
}

Status LazyText::encode(const TextPieces &text, std::string &table, std::string &data,
                        unsigned threads) noexcept {
  const Status st =
      enomem_on_alloc_failure([&] { return encode_pieces(text, table, data, threads); }, [] {});
  if (st != Status::ok) {  // nothing half-written
    table.clear();
    data.clear();
  }
  return st;
}

namespace {

// The chunks of the text being saved, read in place (one piece, the common case) or gathered
// into the caller's scratch buffer.
struct ChunkSource {
  const TextPieces &text;
  size_t size;
  bool whole;
  std::string_view flat;

  explicit ChunkSource(const TextPieces &t)
      : text(t), size(static_cast<size_t>(t.size)),
        whole(t.src.size() == 1 && t.src[0].length == size),
        flat(whole ? t.base.substr(t.src[0].offset, size) : std::string_view()) {}
  std::string_view read(size_t from, size_t len, std::string &scratch) const {
    len = std::min(len, size - from);
    if (whole) return flat.substr(from, len);
    scratch.resize(len);
    text.copy(from, len, &scratch[0]);
    return scratch;
  }
};

uint64_t checksum_of(std::string_view bytes) {
  return checksum64(reinterpret_cast<const uint8_t *>(bytes.data()), bytes.size());
}

void put_chunk_entry(std::string &table, uint64_t at, size_t packed, uint64_t sum) {
  put_u64le(table, at);
  put_u32le(table, static_cast<uint32_t>(packed));
  put_u32le(table, 0);
  put_u64le(table, sum);
}

// Bytes held in memory, owned: the sections of a text compressed while its index was built.
class OwnedBytes : public FileBytes {
public:
  explicit OwnedBytes(std::string &&bytes) : bytes_(std::move(bytes)) {
    data_ = reinterpret_cast<const uint8_t *>(bytes_.data());
    size_ = bytes_.size();
  }

private:
  std::string bytes_;
};

#if !defined(__EMSCRIPTEN__) || defined(__EMSCRIPTEN_PTHREADS__)
#define CACI_PARALLEL_TEXT_ENCODE 1
// Compresses chunks on several threads and appends them to `data` in order, so the bytes are
// those the calling thread alone would write. Chunks are claimed in order and at most `window`
// of them may be compressed ahead of the one appended next, so the per-chunk buffers hold a few
// chunks, never the whole output; each slot's buffer is reused for a later chunk.
class ParallelEncoder {
public:
  ParallelEncoder(const ChunkSource &src, size_t chunk, size_t n, std::string &table,
                  std::string &data)
      : src_(src), chunk_(chunk), n_(n), table_(table), data_(data) {}

  // `compressor` works on the calling thread; up to `extra` threads more, each with its own
  // share() of it (a thread that cannot start or get its context is simply not used).
  Status run(ChunkCompressor &compressor, size_t extra) {
    window_ = 4 * (extra + 1);
    slots_.resize(window_);
    std::vector<ChunkCompressor> shared;
    shared.reserve(extra);
    for (size_t t = 0; t < extra; ++t) {
      ChunkCompressor c = compressor.share();
      if (c.status() != Status::ok) break;
      shared.push_back(std::move(c));
    }
    std::vector<std::thread> threads;
    threads.reserve(shared.size());
    for (ChunkCompressor &c : shared) {
      try {
        threads.emplace_back([this, &c] { work(c); });
      } catch (const std::system_error &) {
        break;  // the threads started so far (and this one) do the work
      }
    }
    std::string scratch;
    append_all(compressor, scratch);
    {
      std::lock_guard<std::mutex> lock(m_);
      stop_ = true;
    }
    cv_.notify_all();
    for (std::thread &t : threads) t.join();
    return failure_;
  }

private:
  struct Slot {
    std::string bytes;
    uint64_t sum = 0;
    bool done = false;
  };

  // Under m_: whether a chunk may be claimed now.
  bool claimable() const { return next_ < n_ && next_ < appended_ + window_; }

  // Compresses chunk i into its slot (claimed under m_, so nobody else touches the slot).
  void compress(ChunkCompressor &c, size_t i, std::string &scratch) {
    Slot &slot = slots_[i % window_];
    slot.bytes.clear();
    const Status st = c.compress(src_.read(i * chunk_, chunk_, scratch), slot.bytes);
    const uint64_t sum = st == Status::ok ? checksum_of(slot.bytes) : 0;
    {
      std::lock_guard<std::mutex> lock(m_);
      slot.sum = sum;
      slot.done = true;
      if (st != Status::ok && failure_ == Status::ok) {
        failure_ = st;
        stop_ = true;
      }
    }
    cv_.notify_all();
  }

  void work(ChunkCompressor &c) noexcept {
    // The only allocation here is the scratch buffer of a text in pieces.
    std::string scratch;
    enomem_on_alloc_failure(
        [&] {
          for (;;) {
            size_t i;
            {
              std::unique_lock<std::mutex> lock(m_);
              cv_.wait(lock, [&] { return stop_ || claimable(); });
              if (stop_) return Status::ok;
              i = next_++;
            }
            compress(c, i, scratch);
          }
        },
        [&] { fail(Status::enomem); });
  }

  void fail(Status st) {
    {
      std::lock_guard<std::mutex> lock(m_);
      if (failure_ == Status::ok) failure_ = st;
      stop_ = true;
    }
    cv_.notify_all();
  }

  // The calling thread: appends the next chunk as soon as it is ready, compresses one itself
  // when it would otherwise wait.
  void append_all(ChunkCompressor &c, std::string &scratch) {
    while (true) {
      size_t claimed = n_;
      Slot *ready = nullptr;
      {
        std::unique_lock<std::mutex> lock(m_);
        cv_.wait(lock, [&] {
          return stop_ || appended_ == n_ || slots_[appended_ % window_].done || claimable();
        });
        if (stop_ || appended_ == n_) return;
        if (slots_[appended_ % window_].done)
          ready = &slots_[appended_ % window_];
        else
          claimed = next_++;
      }
      if (!ready) {
        compress(c, claimed, scratch);
        continue;
      }
      // Outside the lock: the slot is done and no chunk can claim it before appended_ moves on.
      const uint64_t at = data_.size();
      data_ += ready->bytes;
      put_chunk_entry(table_, at, ready->bytes.size(), ready->sum);
      {
        std::lock_guard<std::mutex> lock(m_);
        ready->done = false;
        ++appended_;
      }
      cv_.notify_all();
    }
  }

  const ChunkSource &src_;
  const size_t chunk_, n_;
  std::string &table_, &data_;
  size_t window_ = 1;
  std::vector<Slot> slots_;
  std::mutex m_;
  std::condition_variable cv_;
  size_t next_ = 0, appended_ = 0;
  bool stop_ = false;
  Status failure_ = Status::ok;
};
#endif

}  // namespace

void LazyText::put_table_header(std::string &table, size_t text_size, size_t chunks,
                                size_t dictionary_bytes) {
  table.reserve(kTableHeader + chunks * kChunkEntry);
  put_u64le(table, text_size);
  put_u32le(table, static_cast<uint32_t>(kTextChunkBytes));
  table.push_back(static_cast<char>(kDefaultTextCodec));
  table.append(3, '\0');
  put_u32le(table, static_cast<uint32_t>(chunks));
  put_u32le(table, static_cast<uint32_t>(dictionary_bytes));
}

void LazyText::put_table_entry(std::string &table, uint64_t at, std::string_view packed) {
  put_chunk_entry(table, at, packed.size(), checksum_of(packed));
}

Status LazyText::open_encoded(std::string &&bytes, size_t data_bytes,
                              std::shared_ptr<const LazyText> &out) noexcept {
  if (data_bytes > bytes.size()) return Status::einternal;
  std::shared_ptr<const FileBytes> file;
  const Status st = enomem_on_alloc_failure(
      [&] {
        file = std::make_shared<OwnedBytes>(std::move(bytes));
        return Status::ok;
      },
      [] {});
  if (st != Status::ok) return st;
  const std::string_view all = file->view();
  std::string why;  // only set for a corrupt table, which this writer never makes
  const Status opened = enomem_on_alloc_failure(
      [&] { return open(file, all.substr(data_bytes), all.substr(0, data_bytes), out, why); },
      [] {});
  return opened == Status::ecorrupt ? Status::einternal : opened;
}

Status LazyText::encode_pieces(const TextPieces &text, std::string &table, std::string &data,
                               unsigned threads) {
  const size_t chunk = kTextChunkBytes;
  const ChunkSource src(text);
  const size_t size = src.size;
  const size_t n = (size + chunk - 1) / chunk;
  std::string scratch;
  // A dictionary sampled across the whole text lets each small chunk compress almost as well as
  // one stream would; it is stored once, at the start of the data section.
  std::string dictionary;
  if (kDefaultTextCodec == TextCodec::zstd)
    dictionary = src.whole
                     ? sample_text_dictionary(src.flat)
                     : sample_text_dictionary(size, [&](size_t from, size_t len, std::string &out) {
                         out.append(src.read(from, len, scratch));
                       });
  put_table_header(table, size, n, dictionary.size());
  data.reserve(size / 2);
  data += dictionary;
  ChunkCompressor compressor(kDefaultTextCodec, dictionary);
  if (failed(compressor.status())) return compressor.status();
#ifdef CACI_PARALLEL_TEXT_ENCODE
  const size_t extra =
      std::min<size_t>({threads > 1 ? threads - 1 : 0, kMaxEncodeThreads - 1, n > 1 ? n - 1 : 0});
  if (extra > 0) return ParallelEncoder(src, chunk, n, table, data).run(compressor, extra);
#else
  (void)threads;
#endif
  for (size_t i = 0; i < n; ++i) {
    const size_t at = data.size();
    if (const Status st = compressor.compress(src.read(i * chunk, chunk, scratch), data);
        failed(st))
      return st;
    const std::string_view packed = std::string_view(data).substr(at);
    put_chunk_entry(table, at, packed.size(), checksum_of(packed));
  }
  return Status::ok;
}

Status LazyText::open(std::shared_ptr<const FileBytes> file, std::string_view table,
                      std::string_view data, std::shared_ptr<const LazyText> &out,
                      std::string &why) {
  const auto *t = reinterpret_cast<const uint8_t *>(table.data());
  if (table.size() < kTableHeader) {
    why = "text table truncated";
    return Status::ecorrupt;
  }
  const uint64_t size = get_u64le(t);
  const uint32_t chunk = get_u32le(t + 8);
  const uint8_t codec = t[12];
  const uint32_t n = get_u32le(t + 16);
  const uint32_t dictionary_bytes = get_u32le(t + 20);
  if (codec != static_cast<uint8_t>(TextCodec::lz) &&
      codec != static_cast<uint8_t>(TextCodec::zstd)) {
    why = "unknown text codec " + std::to_string(codec);
    return Status::ecorrupt;
  }
  if (size > 0xffffffffu || chunk == 0 || chunk > (64u << 20) || dictionary_bytes > data.size() ||
      (table.size() - kTableHeader) / kChunkEntry != n ||
      (table.size() - kTableHeader) % kChunkEntry != 0 ||
      static_cast<uint64_t>(n) != (size + chunk - 1) / chunk) {
    why = "bad text table";
    return Status::ecorrupt;
  }
  for (uint32_t i = 0; i < n; ++i) {
    const uint8_t *e = t + kTableHeader + static_cast<size_t>(i) * kChunkEntry;
    const uint64_t off = get_u64le(e), len = get_u32le(e + 8);
    if (off > data.size() || len > data.size() - off) {
      why = "text chunk out of range";
      return Status::ecorrupt;
    }
  }
  std::shared_ptr<LazyText> lt(new (std::nothrow) LazyText());
  if (!lt) return Status::enomem;
  lt->file_ = std::move(file);
  lt->table_ = table;
  lt->data_ = data;
  lt->size_ = static_cast<size_t>(size);
  lt->chunk_bytes_ = chunk;
  lt->chunks_ = n;
  lt->codec_ = static_cast<TextCodec>(codec);
  // The dictionary is read in place: `data` lies in `file`, which this LazyText holds, and
  // decompressor_ is declared after file_, so it is destroyed first.
  lt->decompressor_.reset(new (std::nothrow) ChunkDecompressor(
      lt->codec_, data.substr(0, dictionary_bytes), DictionaryBytes::reference));
  if (!lt->decompressor_) return Status::enomem;
  if (const Status st = lt->decompressor_->status(); st != Status::ok) {
    if (st == Status::ecorrupt) why = "the text dictionary is corrupt";
    return st;
  }
  lt->state_.reset(new (std::nothrow) std::atomic<uint8_t>[n ? n : 1]);
  if (!lt->state_) return Status::enomem;
  for (uint32_t i = 0; i < n; ++i) lt->state_[i].store(0, std::memory_order_relaxed);
  if (size) {
#ifdef CACI_HAVE_MMAP
    // Anonymous pages cost nothing until a chunk is decoded into them.
    void *p = mmap(nullptr, lt->size_, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (p != MAP_FAILED) {
      lt->buf_ = static_cast<char *>(p);
      lt->mapped_ = true;
    }
#endif
    if (!lt->buf_) lt->buf_ = static_cast<char *>(std::malloc(lt->size_));
    if (!lt->buf_) return Status::enomem;
  }
  out = std::move(lt);
  return Status::ok;
}

bool LazyText::decode(size_t i) const noexcept {
  const uint8_t *e =
      reinterpret_cast<const uint8_t *>(table_.data()) + kTableHeader + i * kChunkEntry;
  const uint64_t off = get_u64le(e), len = get_u32le(e + 8), sum = get_u64le(e + 16);
  const std::string_view packed = data_.substr(static_cast<size_t>(off), static_cast<size_t>(len));
#ifdef __EMSCRIPTEN__
  caci_wasm_bytes_needed(packed.data(), packed.size());
#endif
  if (checksum64(reinterpret_cast<const uint8_t *>(packed.data()), packed.size()) != sum)
    return false;
  const size_t at = i * chunk_bytes_;
  const size_t n = std::min(chunk_bytes_, size_ - at);
  // The chunk's pages of the anonymous buffer are faulted in by one call rather than one fault per
  // 4 KiB page as the decompressor writes them (sixteen per chunk).
  if (mapped_) populate_pages(buf_ + at, n);
  // Out of memory for a thread's decoding context reads as a corrupt chunk, as it always has.
  return decompressor_->decompress(packed, buf_ + at, n) == Status::ok;
}

bool LazyText::ensure(size_t i) const noexcept {
  uint8_t s = state_[i].load(std::memory_order_acquire);
  if (s == 0) {
    std::lock_guard<std::mutex> lock(decode_mutex_);
    s = state_[i].load(std::memory_order_relaxed);
    if (s == 0) {
      s = decode(i) ? 1 : 2;
      state_[i].store(s, std::memory_order_release);
    }
  }
  if (s != 1) corrupt_.store(true, std::memory_order_relaxed);
  return s == 1;
}

std::string_view LazyText::text(TextRef r) const noexcept {
  if (static_cast<uint64_t>(r.offset) + r.length > size_) return {};
  if (r.length == 0) return std::string_view(buf_ ? buf_ + r.offset : "", 0);
  const size_t first = r.offset / chunk_bytes_, last = (r.offset + r.length - 1) / chunk_bytes_;
  for (size_t i = first; i <= last; ++i)
    if (!ensure(i)) return {};
  const std::string_view v(buf_ + r.offset, r.length);
  // Valid UTF-8 by construction; a forged file that cuts a character gets nothing.
  if (!utf8_valid(v)) {
    corrupt_.store(true, std::memory_order_relaxed);
    return {};
  }
  return v;
}

bool LazyText::verify(std::string *why) const noexcept {
  for (size_t i = 0; i < chunks_; ++i)
    if (!ensure(i)) {
      if (why) *why = "text chunk " + std::to_string(i) + " is corrupt";
      return false;
    }
  if (size_ && !utf8_valid(std::string_view(buf_, size_))) {
    if (why) *why = "stored text is not valid UTF-8";
    return false;
  }
  return true;
}

}  // namespace caci::detail

namespace caci {

size_t ArticleStore::body_size() const noexcept {
  return lazy_body ? lazy_body->size() : body.size();
}

std::string_view ArticleStore::lazy_body_text(TextRef r) const noexcept {
  return lazy_body->text(r);
}

}  // namespace caci
