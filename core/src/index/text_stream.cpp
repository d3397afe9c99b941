#include "text_stream.hpp"

#include "../alloc_guard.hpp"
#include "huge_pages.hpp"

#include <algorithm>
#include <chrono>
#include <new>
#include <system_error>

#if defined(__linux__) && !defined(__EMSCRIPTEN__)
#include <sys/mman.h>
#endif

namespace caci::detail {

TextChunkStream::~TextChunkStream() {
  stop();
}

Status TextChunkStream::start(std::string &text, unsigned threads) noexcept {
  text_ = &text;
  size_ = text.size();
  chunks_ = (size_ + kTextChunkBytes - 1) / kTextChunkBytes;
  back_chunk_ = chunks_;
  const Status st = enomem_on_alloc_failure(
      [&] {
        // The dictionary is sampled across the whole text, as LazyText::encode does.
        std::string dictionary;
        if (kDefaultTextCodec == TextCodec::zstd) dictionary = sample_text_dictionary(text);
        LazyText::put_table_header(table_, size_, chunks_, dictionary.size());
        // About a third of English text; what is reserved and not written is never touched.
        data_.reserve(dictionary.size() + size_ / 2);
        // Huge pages: a 4 KiB page fault per 4 KiB of output was a fifth of `caci index`'s faults.
        advise_huge_capacity(data_);
        data_ += dictionary;
        compressor_.reset(new ChunkCompressor(kDefaultTextCodec, dictionary));
        return compressor_->status();
      },
      [] {});
  if (st != Status::ok) return st;
#if !defined(__EMSCRIPTEN__) || defined(__EMSCRIPTEN_PTHREADS__)
  if (threads > 1 && chunks_ > 0) {
    try {
      running_.store(true, std::memory_order_release);
      thread_ = std::thread([this] { run(); });
    } catch (const std::system_error &) {
      running_.store(false, std::memory_order_release);
      // No thread (none can start, or no memory for one): the caller's thread compresses
      // (consumed(), finish()).
    } catch (const std::bad_alloc &) {
      running_.store(false, std::memory_order_release);
    }
  }
#else
  (void)threads;
#endif
  return Status::ok;
}

Status TextChunkStream::compress_next() noexcept {
  const size_t from = next_chunk_ * kTextChunkBytes;
  const size_t len = std::min(kTextChunkBytes, size_ - from);
  const size_t at = data_.size();
  if (const Status st = compressor_->compress(std::string_view(*text_).substr(from, len), data_);
      st != Status::ok)
    return st;
  const Status st = enomem_on_alloc_failure(
      [&] {
        LazyText::put_table_entry(table_, at, std::string_view(data_).substr(at));
        return Status::ok;
      },
      [] {});
  if (st != Status::ok) return st;
  {
    std::lock_guard<std::mutex> lock(claim_mutex_);  // read by compress_from_end()
    ++next_chunk_;
  }
  compressed_bytes_.store(from + len, std::memory_order_release);
  return Status::ok;
}

bool TextChunkStream::claim_front() noexcept {
  std::lock_guard<std::mutex> lock(claim_mutex_);
  return next_chunk_ < back_chunk_;
}

void TextChunkStream::run() noexcept {
  // next_chunk_ is this thread's alone; claim_front() only keeps it below the caller's chunks.
  while (!stop_.load(std::memory_order_relaxed) && claim_front()) {
    // Far enough ahead of the caller: the core is better left to it (kMaxLeadBytes).
    while (next_chunk_ * kTextChunkBytes >
               consumed_bytes_.load(std::memory_order_acquire) + kMaxLeadBytes &&
           !stop_.load(std::memory_order_relaxed))
      std::this_thread::sleep_for(std::chrono::microseconds(200));
    if (stop_.load(std::memory_order_relaxed)) break;
    status_ = compress_next();
    if (status_ != Status::ok) break;
  }
  running_.store(false, std::memory_order_release);
}

Status TextChunkStream::compress_from_end() noexcept {
  ChunkCompressor own = compressor_->share();  // the same bytes as the thread's, its own context
  if (own.status() != Status::ok) return Status::ok;  // no context: the thread does it all
  return enomem_on_alloc_failure(
      [&] {
        back_ends_.reserve(chunks_);
        size_t left;
        {
          std::lock_guard<std::mutex> lock(claim_mutex_);
          left = back_chunk_ > next_chunk_ ? back_chunk_ - next_chunk_ : 0;
        }
        // About half of each chunk at most (English text), in huge pages as data_ is.
        back_data_.reserve(left * (kTextChunkBytes / 2));
        advise_huge_capacity(back_data_);
        for (;;) {
          size_t chunk;
          {
            std::lock_guard<std::mutex> lock(claim_mutex_);
            // The chunk the thread works on (next_chunk_) is never taken from it.
            if (back_chunk_ <= next_chunk_ + 1) return Status::ok;
            chunk = --back_chunk_;
          }
          const size_t from = chunk * kTextChunkBytes;
          const size_t len = std::min(kTextChunkBytes, size_ - from);
          if (const Status st =
                  own.compress(std::string_view(*text_).substr(from, len), back_data_);
              st != Status::ok) {
            std::lock_guard<std::mutex> lock(claim_mutex_);
            ++back_chunk_;  // given back: the thread or finish() compresses it
            return st;
          }
          back_ends_.push_back(back_data_.size());
        }
      },
      [&] {
        // back_ends_ could not grow: the chunk just compressed is given back as well.
        std::lock_guard<std::mutex> lock(claim_mutex_);
        if (back_ends_.size() < chunks_ - back_chunk_) ++back_chunk_;
        back_data_.resize(back_ends_.empty() ? 0 : back_ends_.back());
      });
}

void TextChunkStream::release(size_t upto) noexcept {
#if defined(__linux__) && !defined(__EMSCRIPTEN__) && defined(MADV_DONTNEED)
  // Whole pages only, and in steps of a megabyte or more (one call each).
  constexpr uintptr_t kPage = 4096;
  const uintptr_t base = reinterpret_cast<uintptr_t>(text_->data());
  const uintptr_t begin = (base + released_ + kPage - 1) & ~(kPage - 1);
  const uintptr_t end = (base + upto) & ~(kPage - 1);
  if (end < begin + (uintptr_t(1) << 20)) return;
  madvise(reinterpret_cast<void *>(begin), end - begin, MADV_DONTNEED);
  released_ = end - base;
#else
  (void)upto;
  (void)released_;
#endif
}

void TextChunkStream::consumed(size_t upto) noexcept {
  if (!text_ || !compressor_) return;
  upto = std::min(upto, size_);
  if (upto > consumed_bytes_.load(std::memory_order_relaxed))
    consumed_bytes_.store(upto, std::memory_order_release);
  if (!thread_.joinable()) {
    // Chunks that lie wholly below `upto` (a failure is found again by finish()).
    while (next_chunk_ < chunks_ && (next_chunk_ + 1) * kTextChunkBytes <= upto)
      if (compress_next() != Status::ok) return;
  }
  size_t compressed = compressed_bytes_.load(std::memory_order_acquire);
  while (upto > compressed + kMaxLagBytes && running_.load(std::memory_order_acquire)) {
    std::this_thread::sleep_for(std::chrono::microseconds(200));
    compressed = compressed_bytes_.load(std::memory_order_acquire);
  }
  release(std::min(upto, compressed));
}

void TextChunkStream::stop() noexcept {
  if (thread_.joinable()) {
    stop_.store(true, std::memory_order_relaxed);
    thread_.join();
  }
}

Status TextChunkStream::finish(std::shared_ptr<const LazyText> &out) noexcept {
  if (!text_ || !compressor_) return Status::einternal;
  consumed_bytes_.store(size_, std::memory_order_release);  // the thread need not wait any more
  if (thread_.joinable()) {
    // An allocation failure here only leaves more chunks to the loop below.
    (void)compress_from_end();
    thread_.join();
  }
  Status st = status_;
  while (st == Status::ok && next_chunk_ < back_chunk_) st = compress_next();
  // The chunks compressed from the end, appended in order (next_chunk_ == back_chunk_ now).
  if (st == Status::ok && back_chunk_ < chunks_)
    st = enomem_on_alloc_failure(
        [&] {
          // back_ends_[k] ends the k-th chunk claimed: chunk chunks_ - 1 - k.
          for (size_t k = back_ends_.size(); k-- > 0;) {
            const size_t begin = k > 0 ? back_ends_[k - 1] : 0, at = data_.size();
            data_.append(back_data_, begin, back_ends_[k] - begin);
            LazyText::put_table_entry(table_, at, std::string_view(data_).substr(at));
          }
          next_chunk_ = chunks_;
          return Status::ok;
        },
        [] {});
  compressor_.reset();
  std::string().swap(back_data_);
  std::vector<size_t>().swap(back_ends_);
  std::string().swap(*text_);  // its pages may have been released: it is not the text any more
  if (st != Status::ok) return st;
  const size_t data_bytes = data_.size();
  st = enomem_on_alloc_failure(
      [&] {
        data_ += table_;
        return Status::ok;
      },
      [] {});
  std::string().swap(table_);
  if (st != Status::ok) return st;
  return LazyText::open_encoded(std::move(data_), data_bytes, out);
}

}  // namespace caci::detail
