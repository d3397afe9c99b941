// The article text of an index being built, compressed into the chunks a saved file holds while
// the index is built (issue 13), so that the text is never held twice: as the builder finishes
// with a stretch of the text and the stretch is compressed, its pages go back to the system, and
// the finished index serves its text from the chunks (LazyText, as an opened file does); saving it
// then writes buffers that already exist. The chunks are byte for byte those LazyText::encode
// writes for the same text (same dictionary, codec and chunk size).
#pragma once

#include "lazy_text.hpp"

#include <atomic>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace caci::detail {

class TextChunkStream {
public:
  TextChunkStream() = default;
  ~TextChunkStream();  // stops and joins a compressing thread still running
  TextChunkStream(const TextChunkStream &) = delete;
  TextChunkStream &operator=(const TextChunkStream &) = delete;

  // Starts compressing `text`, which must stay in place and unchanged (apart from what consumed()
  // releases) until finish() or stop(). threads > 1: chunks are compressed on one thread started
  // here (joined by finish() or stop()); otherwise by consumed() and finish() on the caller's
  // thread. ok or enomem.
  Status start(std::string &text, unsigned threads) noexcept;
  // The caller reads nothing of text[0, upto) any more: the pages of it already compressed go
  // back to the system (they read as zeros afterwards). Without a thread, first compresses the
  // chunks that lie below `upto`. With one, waits while the caller is more than kMaxLagBytes
  // ahead of it: the text it has not compressed stays in memory, and a build whose indexing ran
  // ahead held tens of megabytes more of it at its peak (both cores are busy either way). 8 MB:
  // `caci_bench_rss --mode document` peaks at 1.41-1.45x the input against 1.47-1.51x with 24 MB
  // (5 runs each, interleaved), `caci index` takes the same time.
  void consumed(size_t upto) noexcept;
  static constexpr size_t kMaxLagBytes = size_t(8) << 20;
  // The compressing thread waits while it is more than this ahead of what the caller consumed:
  // the text is released only behind both, and chunks compressed far ahead of the caller sat in
  // memory beside the text they came from (`caci_bench_rss --mode document` peaked at 1.50-1.54x
  // the input in 6 of 9 runs, against 1.39-1.43x, once the fold thread stopped taking a share of
  // the compressing thread's core).
  static constexpr size_t kMaxLeadBytes = size_t(8) << 20;
  // Compresses what is left, joins the thread, frees the text and returns the LazyText that serves
  // it from its chunks. With a compressing thread still at work, the caller compresses chunks from
  // the end meanwhile (into a buffer of its own, appended in order once they meet), so the two
  // threads finish the text together instead of one waiting for the other. ok or enomem (the text
  // is then freed too: its pages may have been released).
  Status finish(std::shared_ptr<const LazyText> &out) noexcept;
  // Joins the thread without finishing (a failed build); the text is left as it is.
  void stop() noexcept;

private:
  // Compresses chunk `next_chunk_` and appends it (the compressing thread, or the caller's).
  Status compress_next() noexcept;
  // Claims the next chunk from the front: false once the front meets the chunks claimed from
  // the end (finish()).
  bool claim_front() noexcept;
  // The caller's part of finish() beside a running thread: chunks from the end into back_data_.
  Status compress_from_end() noexcept;
  void run() noexcept;
  void release(size_t upto) noexcept;

  std::string *text_ = nullptr;
  size_t size_ = 0, chunks_ = 0, next_chunk_ = 0;
  // Chunks [back_chunk_, chunks_) are the caller's (finish()); claims from both ends meet under
  // claim_mutex_. Their bytes in back_data_, last chunk first, chunk i ending at back_ends_.
  std::mutex claim_mutex_;
  size_t back_chunk_ = 0;
  std::string back_data_;
  std::vector<size_t> back_ends_;
  std::string data_, table_;
  std::unique_ptr<ChunkCompressor> compressor_;
  std::thread thread_;
  // Text bytes whose chunks are in data_.
  std::atomic<size_t> compressed_bytes_{0};
  // Text bytes the caller has consumed (all of them once it finishes).
  std::atomic<size_t> consumed_bytes_{0};
  std::atomic<bool> stop_{false};
  std::atomic<bool> running_{false};  // the compressing thread has not returned
  Status status_ = Status::ok;        // of the compressing thread, read after joining it
  size_t released_ = 0;               // text bytes whose pages were handed back
};

}  // namespace caci::detail
