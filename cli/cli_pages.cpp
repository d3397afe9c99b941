// Reading archive pages into one document, and the --summary report.
#include "cli.hpp"
#include "progress.hpp"

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <chrono>
#include <condition_variable>
#include <cstring>
#include <fcntl.h>
#include <memory>
#include <mutex>
#include <sys/stat.h>
#include <thread>
#include <unistd.h>
#include <utility>

namespace cli {

namespace {

// The bytes of one page, in a buffer that is reused for every file and only ever grows.
struct PageBuffer {
  std::unique_ptr<char[]> data;
  size_t capacity = 0, size = 0;

  void reserve(size_t n) {
    if (n <= capacity) return;
    size_t cap = std::max(n, capacity * 2);
    std::unique_ptr<char[]> bigger(new char[cap]);  // not zero-filled: read() writes it
    if (size) std::memcpy(bigger.get(), data.get(), size);
    data = std::move(bigger);
    capacity = cap;
  }
};

// Reads a regular file with open, one fstat and read straight into `b`: no stdio buffer, no
// zero-filling of the buffer for each file and no further stat calls (on 2,724 pages these were a
// tenth of `caci parse`). False for anything else or on any error: the caller then goes through
// read_file(), which handles standard input and devices and words the error.
bool read_regular_file(const std::string &path, PageBuffer &b) {
  b.size = 0;
  if (path == "-") return false;
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return false;
  struct stat st;
  bool ok = ::fstat(fd, &st) == 0 && S_ISREG(st.st_mode);
  if (ok) b.reserve(static_cast<size_t>(st.st_size) + 1);  // + 1: a file that grew is read whole
  while (ok) {
    if (b.size == b.capacity) b.reserve(b.capacity * 2);
    ssize_t n = ::read(fd, b.data.get() + b.size, b.capacity - b.size);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      ok = n == 0;
      break;
    }
    b.size += static_cast<size_t>(n);
  }
  ::close(fd);
  return ok;
}

// Reads the pages on a second thread, up to 16 files ahead of the parser, in order (the parser
// reads a page itself when the reader has not started on it yet): on the 2,727-page archive
// open/read/close are a fifth of the command's CPU time, and with two cores they overlap the
// parsing instead of adding to it. Each file is read into one of kSlots buffers that are reused (no
// fresh pages to fault in after the first few files). Without a thread (std::thread could not
// start) every page is read by the caller when it asks for it, as before.
class PageReader {
public:
  struct Page {
    PageBuffer page;    // a regular file
    std::string other;  // standard input or a device (read_file)
    std::string error;  // why the file could not be read
    std::string_view bytes;
    bool ok = false;
  };

  // `prefault`, when given, is the document the pages go to: while every buffer is full the reader
  // maps its reserved text memory (caci_doc_prefault) instead of sleeping.
  PageReader(const std::vector<std::string> &paths, caci_doc *prefault)
      : paths_(paths), prefault_(prefault) {
    if (paths_.size() < 2) return;  // nothing to overlap
    try {
      thread_ = std::thread([this] { run(); });
    } catch (...) {  // no thread: pages are read on demand
    }
  }
  ~PageReader() {
    if (!thread_.joinable()) return;
    {
      std::lock_guard<std::mutex> lock(mutex_);
      stop_ = true;
    }
    changed_.notify_all();
    thread_.join();
  }
  PageReader(const PageReader &) = delete;
  PageReader &operator=(const PageReader &) = delete;

  // Page `i` (asked for in order 0, 1, 2, ...), valid until release(i). A page the reader has not
  // started on yet is read here: on a busy machine the reader may be waiting for a CPU, and the
  // parser would wait for it.
  Page &wait(size_t i) {
    Page &p = slots_[i % kSlots];
    if (!thread_.joinable()) {
      read(paths_[i], p);
      return p;
    }
    std::unique_lock<std::mutex> lock(mutex_);
    if (done_[i % kSlots] == i + 1) return p;
    if (claimed_ == i) {  // not started: read it here
      claimed_ = i + 1;
      lock.unlock();
      read(paths_[i], p);
      return p;
    }
    consumer_waiting_ = true;
    changed_.wait(lock, [&] { return done_[i % kSlots] == i + 1; });
    consumer_waiting_ = false;
    return p;
  }
  void release(size_t i) {
    if (!thread_.joinable()) return;
    bool wake;
    {
      std::lock_guard<std::mutex> lock(mutex_);
      released_ = i + 1;
      wake = reader_waiting_ && released_ >= reader_wakes_at_;
    }
    if (wake) changed_.notify_all();
  }

private:
  static constexpr size_t kSlots = 16;  // ~1 MB of pages; a page not started is read by the parser
  static constexpr size_t kPrefaultStep = size_t(2) << 20;  // one huge page, ~1-2 ms

  static void read(const std::string &path, Page &p) {
    p.ok = true;
    if (read_regular_file(path, p.page)) {
      p.bytes = std::string_view(p.page.data.get(), p.page.size);
    } else if (read_file(path, p.other, p.error)) {
      p.bytes = p.other;
    } else {
      p.bytes = {};
      p.ok = false;
    }
  }

  void run() {
    for (;;) {
      size_t i;
      {
        std::unique_lock<std::mutex> lock(mutex_);
        while (!stop_ && claimed_ < paths_.size() && claimed_ >= released_ + kSlots) {
          if (prefault_) {
            // Every buffer is full: map the next piece of text memory before the parser gets
            // there, instead of leaving the kernel to zero it under the parser, page by page.
            lock.unlock();
            const bool more = caci_doc_prefault(prefault_, kPrefaultStep) != 0;
            lock.lock();
            if (!more) prefault_ = nullptr;
            continue;
          }
          // Sleep until half of the buffers are free, not one wake-up per page.
          reader_wakes_at_ = claimed_ + 1 - kSlots / 2;
          reader_waiting_ = true;
          changed_.wait(lock, [&] { return stop_ || released_ >= reader_wakes_at_; });
          reader_waiting_ = false;
        }
        if (stop_ || claimed_ >= paths_.size()) return;
        i = claimed_++;
      }
      read(paths_[i], slots_[i % kSlots]);
      bool wake;
      {
        std::lock_guard<std::mutex> lock(mutex_);
        done_[i % kSlots] = i + 1;
        wake = consumer_waiting_;
      }
      if (wake) changed_.notify_all();
    }
  }

  const std::vector<std::string> &paths_;
  caci_doc *prefault_;  // null once its reserved memory is all mapped
  Page slots_[kSlots];
  std::thread thread_;
  std::mutex mutex_;
  std::condition_variable changed_;
  size_t done_[kSlots] = {};           // page index + 1 of the page read into each slot
  size_t claimed_ = 0, released_ = 0;  // pages taken for reading / handed back by the parser
  size_t reader_wakes_at_ = 0;         // the reader waits for released_ to reach this
  bool consumer_waiting_ = false, reader_waiting_ = false, stop_ = false;
};

// A new document with the command's parse flags; false, with the exit status set, if it cannot be
// made.
bool new_document(uint32_t parse_flags, caci_doc **out, PageSet &ps) {
  caci_parse_options opts = CACI_PARSE_OPTIONS_INIT;
  opts.flags = parse_flags;
  const caci_status st = caci_doc_new(&opts, out);
  if (st == CACI_OK) return true;
  ps.exit_status = report_status("cannot create a document", st);
  return false;
}

}  // namespace

bool load_pages(const std::vector<std::string> &paths, uint32_t parse_flags, PageSet &ps,
                Progress *progress) {
  if (!new_document(parse_flags, &ps.doc, ps)) return false;
  // Size the document for all of the input up front: growing its text by doubling copies it and
  // first-touches fresh pages, which cost as much as the parsing. Standard input counts as nothing.
  uint64_t input_bytes = 0;
  bool sizes_known = true;
  for (const std::string &path : paths) {
    struct stat st;
    if (path != "-" && ::stat(path.c_str(), &st) == 0 && S_ISREG(st.st_mode))
      input_bytes += static_cast<uint64_t>(st.st_size);
    else
      sizes_known = false;
  }
  (void)caci_doc_reserve(ps.doc, input_bytes);  // a hint: without it parsing is only slower
  // Fresh memory is zeroed by the kernel on first touch, at a few hundred MB/s on this kind of
  // virtual machine: the reader maps the text buffer ahead of the parser while it waits for it.
  PageReader reader(paths, input_bytes >= (uint64_t(16) << 20) ? ps.doc : nullptr);
  if (progress) progress->set_totals(paths.size(), input_bytes, sizes_known);
  for (size_t i = 0; i < paths.size(); ++i) {
    const std::string &path = paths[i];
    const std::string name = path == "-" ? std::string("<stdin>") : path;
    ++ps.files;
    PageReader::Page &page = reader.wait(i);
    if (!page.ok) {
      ++ps.unreadable;
      if (progress) progress->clear();
      std::fprintf(stderr, "caci: cannot read '%s': %s\n", name.c_str(), page.error.c_str());
      std::string message = "cannot read file: " + page.error;
      caci_doc_add_io_error(ps.doc, name.data(), name.size(), message.data(), message.size());
      ps.exit_status = worse_exit(ps.exit_status, exit_io);
      if (progress) progress->file_done(0);
      reader.release(i);
      continue;
    }
    const std::string_view bytes = page.bytes;
    ps.bytes += bytes.size();
    auto t0 = std::chrono::steady_clock::now();
    const caci_status st =
        caci_doc_parse(ps.doc, name.data(), name.size(), bytes.data(), bytes.size());
    ps.parse_seconds +=
        std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    if (progress && st != CACI_OK) progress->clear();
    if (st == CACI_EUTF8) {
      std::fprintf(stderr, "caci: '%s': invalid UTF-8 (rejected by --strict)\n", name.c_str());
      ps.invalid_utf8 = true;
      ps.exit_status = worse_exit(ps.exit_status, exit_invalid_utf8);
    } else if (st != CACI_OK) {
      std::string what = "cannot parse '" + name + "'";
      ps.exit_status = worse_exit(ps.exit_status, report_status(what.c_str(), st));
    }
    if (progress) progress->file_done(bytes.size());
    reader.release(i);
  }
  return true;
}

namespace {

// One thread's share of load_pages_parallel(): the batch it parses into a document of its own,
// and what load_pages() would have said about those pages, kept until the batch's turn comes.
struct BatchWorker {
  caci_doc *doc = nullptr;
  PageBuffer page;
  std::string other, error;
  std::string messages;        // stderr lines, in page order
  std::vector<uint64_t> done;  // bytes of each page, for the progress line
  size_t unreadable = 0;
  uint64_t bytes_ = 0;
  bool invalid_utf8 = false;
  int exit_status = exit_ok;

  // Parses pages [first, last) into doc (empty), as load_pages() parses each one.
  void parse(const std::vector<std::string> &paths, size_t first, size_t last) {
    messages.clear();
    done.clear();
    for (size_t i = first; i < last; ++i) {
      const std::string &path = paths[i];
      const std::string name = path == "-" ? std::string("<stdin>") : path;
      std::string_view bytes;
      bool ok = true;
      if (read_regular_file(path, page)) {
        bytes = std::string_view(page.data.get(), page.size);
      } else if (read_file(path, other, error)) {
        bytes = other;
      } else {
        ok = false;
      }
      if (!ok) {
        ++unreadable;
        messages += "caci: cannot read '" + name + "': " + error + "\n";
        std::string message = "cannot read file: " + error;
        caci_doc_add_io_error(doc, name.data(), name.size(), message.data(), message.size());
        exit_status = worse_exit(exit_status, exit_io);
        done.push_back(0);
        continue;
      }
      bytes_ += bytes.size();
      const caci_status st =
          caci_doc_parse(doc, name.data(), name.size(), bytes.data(), bytes.size());
      if (st == CACI_EUTF8) {
        messages += "caci: '" + name + "': invalid UTF-8 (rejected by --strict)\n";
        invalid_utf8 = true;
        exit_status = worse_exit(exit_status, exit_invalid_utf8);
      } else if (st != CACI_OK) {
        messages += "caci: cannot parse '" + name + "': " + caci_status_str(st) + "\n";
        exit_status = worse_exit(exit_status, st == CACI_EIO ? exit_io : exit_other);
      }
      done.push_back(bytes.size());
    }
  }
};

}  // namespace

unsigned default_parse_threads() {
  return std::thread::hardware_concurrency() >= 2 ? 2 : 1;
}

bool load_pages_parallel(const std::vector<std::string> &paths, uint32_t parse_flags, PageSet &ps,
                         Progress *progress, unsigned threads) {
  // Sizes first: they cut the batches, and size the document as load_pages() does.
  std::vector<uint64_t> sizes(paths.size(), 0);
  uint64_t input_bytes = 0;
  bool sizes_known = true;
  for (size_t i = 0; i < paths.size(); ++i) {
    struct stat st;
    if (paths[i] != "-" && ::stat(paths[i].c_str(), &st) == 0 && S_ISREG(st.st_mode))
      sizes[i] = static_cast<uint64_t>(st.st_size);
    else
      sizes_known = false;
    input_bytes += sizes[i];
  }
  // Batches of consecutive pages, about kBatchBytes each: small enough that a batch document
  // stays in reused, cache-sized memory, large enough that appending costs little per page. A small
  // input is cut finer (down to a page per batch), so that both threads get some of it.
  if (threads < 2 || paths.size() < 2) return load_pages(paths, parse_flags, ps, progress);
  const uint64_t kBatchBytes = std::min<uint64_t>(uint64_t(2) << 20, input_bytes / 64 + 1);
  std::vector<size_t> cut{0};  // batch k is pages [cut[k], cut[k + 1])
  uint64_t batch_max = 0, in_batch = 0;
  for (size_t i = 0; i < paths.size(); ++i) {
    in_batch += sizes[i];
    if (in_batch >= kBatchBytes || i + 1 == paths.size()) {
      cut.push_back(i + 1);
      batch_max = std::max(batch_max, in_batch);
      in_batch = 0;
    }
  }
  const size_t batches = cut.size() - 1;

  if (!new_document(parse_flags, &ps.doc, ps)) return false;
  (void)caci_doc_reserve(ps.doc, input_bytes);  // a hint, as in load_pages()
  if (progress) progress->set_totals(paths.size(), input_bytes, sizes_known);
  (void)threads;  // two: the batches are appended in order, a third thread would mostly wait

  // The main thread parses every kMainEvery-th batch straight into ps.doc; the helper parses the
  // others, each into one of kSlots documents of its own, which the main thread appends
  // (caci_doc_append) in page order: appending is the main thread's work too. So a third of the
  // text is not copied, and kSlots documents' worth of batch memory, reused, is all the extra
  // memory (peak RSS as with one thread, measured; four slots cost 4 MB more). Whichever thread
  // waits maps ps.doc's reserved text memory (the reader thread of load_pages() does that).
  constexpr size_t kSlots = 2;
  BatchWorker main_worker, slots[kSlots];
  main_worker.doc = ps.doc;
  for (BatchWorker &w : slots) {
    if (!new_document(parse_flags, &w.doc, ps)) {
      for (BatchWorker &x : slots) caci_doc_free(x.doc);
      return false;
    }
    (void)caci_doc_reserve(w.doc, batch_max);
  }
  std::mutex mutex;
  std::condition_variable changed;
  size_t parsed = 0;    // odd batches parsed by the helper, in order (under mutex)
  size_t appended = 0;  // odd batches appended by the main thread (under mutex)
  bool stop = false;    // under mutex
  // Batch k is the main thread's when k % kMainEvery == 0: appending is its work too.
  constexpr size_t kMainEvery = 3;
  std::vector<size_t> helper_batches;
  for (size_t k = 0; k < batches; ++k)
    if (k % kMainEvery != 0) helper_batches.push_back(k);

  // Maps the next 2 MiB of ps.doc's reserved text memory, on whichever thread is idle (never on
  // two at once: caci_doc_prefault must not run concurrently with itself). False when there is
  // nothing left to map or the other thread is at it.
  std::mutex prefault_mutex;
  std::atomic<bool> prefault{input_bytes >= (uint64_t(16) << 20)};
  auto prefault_step = [&] {
    if (!prefault.load(std::memory_order_relaxed)) return false;
    std::unique_lock<std::mutex> lock(prefault_mutex, std::try_to_lock);
    if (!lock.owns_lock()) return false;
    if (caci_doc_prefault(ps.doc, size_t(2) << 20) != 0) return true;
    prefault = false;
    return false;
  };
  auto helper_work = [&] {
    for (size_t j = 0; j < helper_batches.size(); ++j) {  // in slot j % kSlots
      {
        std::unique_lock<std::mutex> lock(mutex);
        while (!stop && appended + kSlots <= j) {
          lock.unlock();
          const bool mapped = prefault_step();
          lock.lock();
          if (!mapped) changed.wait(lock, [&] { return stop || appended + kSlots > j; });
        }
        if (stop) return;
      }
      const size_t k = helper_batches[j];
      slots[j % kSlots].parse(paths, cut[k], cut[k + 1]);
      {
        std::lock_guard<std::mutex> lock(mutex);
        parsed = j + 1;
      }
      changed.notify_all();
    }
  };
  // Adds what a worker's pages said (messages, counts, progress) to ps, in page order.
  auto account = [&](BatchWorker &w, size_t first, size_t last) {
    if (!w.messages.empty()) {
      if (progress) progress->clear();
      std::fputs(w.messages.c_str(), stderr);
    }
    ps.files += last - first;
    ps.unreadable += w.unreadable;
    ps.bytes += w.bytes_;
    ps.invalid_utf8 = ps.invalid_utf8 || w.invalid_utf8;
    ps.exit_status = worse_exit(ps.exit_status, w.exit_status);
    w.unreadable = 0;
    w.bytes_ = 0;
    w.invalid_utf8 = false;
    w.exit_status = exit_ok;
    if (progress)
      for (uint64_t b : w.done) progress->file_done(b);
  };

  const auto t0 = std::chrono::steady_clock::now();
  std::thread helper;
  try {
    helper = std::thread(helper_work);
  } catch (...) {  // no thread: the odd batches are parsed here too, just in time
  }
  for (size_t k = 0; k < batches; ++k) {
    if (k % kMainEvery == 0) {
      main_worker.parse(paths, cut[k], cut[k + 1]);
      account(main_worker, cut[k], cut[k + 1]);
      continue;
    }
    const size_t j = k - k / kMainEvery - 1;  // its index in helper_batches
    BatchWorker &w = slots[j % kSlots];
    if (!helper.joinable()) {
      w.parse(paths, cut[k], cut[k + 1]);
    } else {
      std::unique_lock<std::mutex> lock(mutex);
      while (parsed <= j) {
        lock.unlock();
        const bool mapped = prefault_step();
        lock.lock();
        if (!mapped) changed.wait(lock, [&] { return parsed > j; });
      }
    }
    account(w, cut[k], cut[k + 1]);
    const caci_status ast = caci_doc_append(ps.doc, w.doc);
    if (ast != CACI_OK) {
      if (progress) progress->clear();
      std::string what = "cannot parse '" + paths[cut[k]] + "'";
      ps.exit_status = worse_exit(ps.exit_status, report_status(what.c_str(), ast));
      caci_doc_clear(w.doc);
    }
    {
      std::lock_guard<std::mutex> lock(mutex);
      appended = j + 1;
    }
    changed.notify_all();
  }
  if (helper.joinable()) {
    {
      std::lock_guard<std::mutex> lock(mutex);
      stop = true;
    }
    changed.notify_all();
    helper.join();
  }
  ps.parse_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  for (BatchWorker &w : slots) caci_doc_free(w.doc);
  return true;
}

namespace {

void count(std::vector<std::pair<std::string, uint64_t>> &counts, std::string_view key) {
  for (auto &kv : counts)
    if (kv.first == key) {
      ++kv.second;
      return;
    }
  counts.emplace_back(std::string(key), 1);
}

void print_counts(const std::vector<std::pair<std::string, uint64_t>> &counts) {
  for (size_t i = 0; i < counts.size(); ++i)
    std::fprintf(stderr, "%s%s %llu", i ? ", " : "", counts[i].first.c_str(),
                 static_cast<unsigned long long>(counts[i].second));
}

}  // namespace

void print_summary(const PageSet &ps, size_t json_bytes, double json_seconds) {
  caci_stats s{};
  caci_doc_stats(ps.doc, &s);
  std::vector<std::pair<std::string, uint64_t>> kinds, codes;
  size_t n = caci_doc_article_count(ps.doc);
  for (size_t i = 0; i < n; ++i) {
    const char *k = caci_kind_name(caci_article_kind(caci_doc_article(ps.doc, i)));
    count(kinds, k ? k : "unknown");
  }
  size_t nd = caci_doc_diagnostic_count(ps.doc);
  size_t errors = 0;
  for (size_t i = 0; i < nd; ++i) {
    caci_diagnostic d;
    if (caci_doc_diagnostic(ps.doc, i, &d) != CACI_OK) continue;
    count(codes, view(d.code));
    if (d.severity == CACI_SEVERITY_ERROR) ++errors;
  }
  auto ull = [](uint64_t v) { return static_cast<unsigned long long>(v); };
  std::fprintf(stderr, "files        %zu read, %zu unreadable\n", ps.files - ps.unreadable,
               ps.unreadable);
  std::fprintf(
      stderr, "bytes        %llu = articles %llu + boilerplate %llu + unclassified %llu%s\n",
      ull(s.bytes), ull(s.bytes_articles), ull(s.bytes_boilerplate), ull(s.bytes_unclassified),
      s.bytes == s.bytes_articles + s.bytes_boilerplate + s.bytes_unclassified ? ""
                                                                               : "  (MISMATCH)");
  std::fprintf(stderr, "articles     %zu", n);
  if (!kinds.empty()) {
    std::fprintf(stderr, " (");
    print_counts(kinds);
    std::fprintf(stderr, ")");
  }
  std::fprintf(stderr, "\nduplicates   %llu merged\n", ull(s.duplicates));
  std::fprintf(stderr, "diagnostics  %zu (%zu errors)", nd, errors);
  if (!codes.empty()) {
    std::fprintf(stderr, ": ");
    print_counts(codes);
  }
  std::fprintf(stderr, "\n");
  double mb = double(ps.bytes) / 1e6;
  if (ps.parse_seconds > 0)
    std::fprintf(stderr, "throughput   %.3f MB parsed in %.2f ms = %.1f MB/s\n", mb,
                 ps.parse_seconds * 1e3, mb / ps.parse_seconds);
  else
    std::fprintf(stderr, "throughput   %.3f MB parsed\n", mb);
  if (json_bytes && json_seconds > 0)
    std::fprintf(stderr, "json         %.3f MB written in %.2f ms = %.1f MB/s\n", json_bytes / 1e6,
                 json_seconds * 1e3, json_bytes / 1e6 / json_seconds);
}

}  // namespace cli
