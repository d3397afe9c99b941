// caci parse: pages -> caci-archive/1 JSON.
#include "atomic_file.hpp"
#include "cli.hpp"
#include "help.hpp"
#include "progress.hpp"

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <cstdlib>
#include <cstring>
#include <mutex>
#include <string>
#include <sys/stat.h>
#include <thread>
#include <unistd.h>
#include <vector>

namespace cli {

namespace {

// Prints the invalid_utf8 diagnostics, file:line:column, for --strict.
void report_invalid_utf8(const caci_doc *doc) {
  size_t n = caci_doc_diagnostic_count(doc);
  for (size_t i = 0; i < n; ++i) {
    caci_diagnostic d;
    if (caci_doc_diagnostic(doc, i, &d) != CACI_OK || view(d.code) != "invalid_utf8") continue;
    std::fprintf(stderr, "%.*s:%u:%u: error: %.*s\n", int(d.file.len), d.file.ptr, d.line, d.column,
                 int(d.message.len), d.message.ptr);
  }
}

// Writes the JSON out on a second thread while the next piece is serialised: write() copies every
// byte into the page cache, and on the 165 MB output that is as much CPU time as producing it. The
// pieces go out in order through kBuffers reused buffers. Without a thread (std::thread could not
// start) each piece is written when it is handed over, as before.
class PieceWriter {
public:
  // `threaded` false: every piece is written by submit(), on the caller's thread.
  PieceWriter(AtomicFile &file, bool threaded) : file_(file) {
    if (!threaded) return;
    try {
      thread_ = std::thread([this] { run(); });
    } catch (...) {  // no thread: pieces are written by submit()
    }
  }
  ~PieceWriter() { finish(); }
  PieceWriter(const PieceWriter &) = delete;
  PieceWriter &operator=(const PieceWriter &) = delete;

  // The buffer for the next piece (empty), once the writer is done with what it last held.
  std::string &next_buffer() {
    std::string &b = buffers_[submitted_ % kBuffers];
    if (thread_.joinable()) {
      std::unique_lock<std::mutex> lock(mutex_);
      producer_waiting_ = true;
      changed_.wait(lock, [&] { return failed_ || submitted_ < written_ + kBuffers; });
      producer_waiting_ = false;
    }
    b.clear();
    return b;
  }
  // Hands the buffer from next_buffer() to the writer. False once a write failed.
  bool submit() {
    if (!thread_.joinable()) {
      if (!failed_ && !file_.write(buffers_[submitted_ % kBuffers], error_)) failed_ = true;
      ++submitted_;
      return !failed_;
    }
    bool wake, ok;
    {
      std::lock_guard<std::mutex> lock(mutex_);
      ++submitted_;
      wake = writer_waiting_;
      ok = !failed_;
    }
    if (wake) changed_.notify_all();
    return ok;
  }
  // Waits until every piece handed over is written. False (with the reason) if one could not be.
  bool finish(std::string &error) {
    finish();
    if (failed_) error = error_;
    return !failed_;
  }

private:
  static constexpr size_t kBuffers = 3;

  void finish() {
    if (!thread_.joinable()) return;
    {
      std::lock_guard<std::mutex> lock(mutex_);
      done_ = true;
    }
    changed_.notify_all();
    thread_.join();
  }

  void run() {
    for (size_t i = 0;; ++i) {
      {
        std::unique_lock<std::mutex> lock(mutex_);
        writer_waiting_ = true;
        changed_.wait(lock, [&] { return done_ || i < submitted_; });
        writer_waiting_ = false;
        if (i >= submitted_) return;  // done, and everything is written
      }
      bool ok = file_.write(buffers_[i % kBuffers], error_);
      bool wake;
      {
        std::lock_guard<std::mutex> lock(mutex_);
        written_ = i + 1;
        if (!ok) failed_ = true;
        wake = producer_waiting_;
      }
      if (wake) changed_.notify_all();
      if (!ok) return;
    }
  }

  AtomicFile &file_;
  std::string buffers_[kBuffers];
  std::string error_;
  std::thread thread_;
  std::mutex mutex_;
  std::condition_variable changed_;
  size_t submitted_ = 0, written_ = 0;
  bool failed_ = false, done_ = false, producer_waiting_ = false, writer_waiting_ = false;
};

// Ranges of the JSON written to the file in range order by the threads that produce them: a thread
// produces its range's first piece, waits for its turn (the range before written), writes its
// pieces straight from the library's buffer and passes the turn on. Against a writer thread fed
// through buffers, that saves a copy of every byte and a third thread on two cores. caci parse -o
// of the 20,000-article archive: the JSON's part 91-99 -> 73-76 ms (--summary, 5 runs each), the
// whole command 0.295 -> 0.275 s (medians of 20 interleaved runs).
class RangeTurns {
public:
  explicit RangeTurns(AtomicFile &file) : file_(file) {}

  // Waits until range k's turn comes. False when the output stopped (a write or a producer
  // failed): the caller returns.
  bool wait(size_t k) {
    std::unique_lock<std::mutex> lock(mutex_);
    changed_.wait(lock, [&] { return stopped_ || next_ == k; });
    return !stopped_;
  }
  // Writes a piece of the range whose turn it is. False (the output stops) if it cannot be.
  bool write(std::string_view piece) {
    if (file_.write(piece, error_)) return true;
    stop(true);
    return false;
  }
  // Range k is written: the turn goes to range k + 1.
  void pass(size_t k) {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      next_ = k + 1;
    }
    changed_.notify_all();
  }
  // No more ranges: a producer failed (write_failed false) or a write did.
  void stop(bool write_failed) {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      stopped_ = true;
      write_failed_ = write_failed_ || write_failed;
    }
    changed_.notify_all();
  }
  // False, with the reason, if a write failed. Once the producers are done.
  bool finish(std::string &error) const {
    if (write_failed_) error = error_;
    return !write_failed_;
  }

private:
  AtomicFile &file_;
  std::mutex mutex_;
  std::condition_variable changed_;
  size_t next_ = 0;
  bool stopped_ = false, write_failed_ = false;
  std::string error_;
};

// Writes doc's JSON to `file` and adds its size to json_bytes; `written` false, with `error`, if
// the file could not be written. With two threads or more, a regular file (`threaded_output`) and
// a large document, the JSON is cut into ranges (caci_doc_json_split) that this thread and a
// helper produce and write in turns (RangeTurns): after the parse, producing the JSON was one
// thread's work, ~0.14 s of caci parse's 0.41 s on the 20,000-article archive, with the other core
// mostly idle. Otherwise this thread produces every piece, in order, for a writer thread
// (PieceWriter) or, to a terminal or /dev/null, writing each itself.
caci_status write_json(caci_doc *doc, int format, uint64_t input_bytes, unsigned threads,
                       bool threaded_output, AtomicFile &file, size_t &json_bytes, bool &written,
                       std::string &error) {
  // About kRangeBytes of text per range: a range is one or two of the library's pieces, and a
  // thread that falls behind holds the other up by one range only.
  constexpr uint64_t kRangeBytes = uint64_t(1) << 20;
  constexpr uint64_t kMinSplitBytes = uint64_t(8) << 20;
  std::vector<uint64_t> cursors;
  if (threads >= 2 && threaded_output && input_bytes >= kMinSplitBytes) {
    const size_t parts = static_cast<size_t>(std::min<uint64_t>(input_bytes / kRangeBytes, 4096));
    try {
      cursors.resize(parts + 1);
    } catch (...) {  // no room for the cursors: one thread
    }
    if (!cursors.empty() && caci_doc_json_split(doc, format, parts, cursors.data()) != CACI_OK)
      cursors.clear();
  }
  if (cursors.empty()) {
    PieceWriter writer(file, threaded_output);
    caci_status st = CACI_OK;
    uint64_t cursor = 0;
    for (;;) {
      caci_str piece{};
      st = caci_doc_to_json_next(doc, format, &cursor, &piece);
      if (st != CACI_OK || piece.len == 0) break;
      // A copy (~1 MB, in cache): the document's piece is overwritten by the next call.
      writer.next_buffer().append(piece.ptr, piece.len);
      json_bytes += piece.len;
      if (!writer.submit()) break;
    }
    written = writer.finish(error);
    return st;
  }
  // Range k goes to this thread when k is even, to the helper when it is odd.
  const size_t ranges = cursors.size() - 1;
  RangeTurns turns(file);
  auto produce = [&](size_t first, size_t step, size_t &bytes) -> caci_status {
    for (size_t k = first; k < ranges; k += step) {
      uint64_t cursor = cursors[k];
      for (bool my_turn = false;;) {
        caci_str piece{};
        const caci_status st = caci_doc_to_json_range(doc, format, &cursor, cursors[k + 1], &piece);
        if (st != CACI_OK) {
          turns.stop(false);
          return st;
        }
        if (!my_turn && !(my_turn = turns.wait(k))) return CACI_OK;
        if (piece.len == 0) break;
        if (!turns.write(std::string_view(piece.ptr, piece.len))) return CACI_OK;
        bytes += piece.len;
      }
      turns.pass(k);
    }
    return CACI_OK;
  };
  size_t bytes = 0, helper_bytes = 0;
  caci_status st = CACI_OK, helper_status = CACI_OK;
  std::thread helper;
  try {
    helper = std::thread([&] { helper_status = produce(1, 2, helper_bytes); });
  } catch (...) {  // no helper: this thread produces every range, in order
  }
  if (helper.joinable()) {
    st = produce(0, 2, bytes);
    helper.join();
  } else {
    st = produce(0, 1, bytes);
  }
  json_bytes += bytes + helper_bytes;
  written = turns.finish(error);
  return st != CACI_OK ? st : helper_status;
}

// True for a terminal or /dev/null (standard output when `path` is empty or "-"): writing to them
// costs next to nothing or must not be reordered with the progress line, so a writer thread would
// only add a copy and handoffs.
bool is_character_device(const std::string &path) {
  struct stat st;
  const bool to_stdout = path.empty() || path == "-";
  const int status = to_stdout ? ::fstat(STDOUT_FILENO, &st) : ::stat(path.c_str(), &st);
  return status == 0 && S_ISCHR(st.st_mode);
}

}  // namespace

int cmd_parse(int argc, char **argv) {
  int format = CACI_JSON;
  uint32_t flags = 0;
  bool summary = false, quiet = false;
  std::string output;
  // Two threads where there are two cores (--threads 1 for one): 0.445 s against 0.505 s for one
  // thread on the 20,000-article archive, the same CPU time, 2 MB more memory (medians of 16
  // interleaved runs; bench/RESULTS.md, issue 13, session of 2026-12-07, seventh).
  uint32_t threads = default_parse_threads();
  ArgWalker args(argc, argv, "parse");
  while (args.next()) {
    const std::string_view a = args.arg();
    const Option &o = args.option();
    std::string_view v;
    if (o.name == "--format") {
      if (!args.value(v))
        return usage_error("parse", "%s needs a value (json or jsonl)", "--format");
      if (v == "json")
        format = CACI_JSON;
      else if (v == "jsonl")
        format = CACI_JSONL;
      else
        return usage_error("parse", "unknown format '%s' (json or jsonl)", std::string(v).c_str());
    } else if (o.name == "-o" || o.name == "--output") {
      if (!args.value(v)) return usage_error("parse", "%s needs a file name", "-o");
      output = std::string(v);
    } else if (parse_flag_option(a, flags)) {
      // --strict / --fold-quotes
    } else if (o.name == "--threads") {
      if (!args.value(v) || !parse_uint(v, 1024, threads) || threads == 0)
        return usage_error("parse", "%s needs a number of threads (1 or 2)", "--threads");
    } else if (a == "--summary") {
      summary = true;
    } else if (a == "-q" || a == "--quiet") {
      quiet = true;
    } else {
      return usage_error("parse", "unknown option '%s'", args.arg_cstr());
    }
  }
  if (args.help_shown()) return exit_ok;
  std::vector<std::string> &files = args.operands();
  if (files.empty())
    return usage_error("parse", "%s", "no input files (use '-' for standard input)");

  Progress progress("parse", quiet);
  PageSet ps;
  // On two threads, load_pages_parallel parses batches of pages and appends them in order into
  // one document: the same output as one thread.
  if (!load_pages_parallel(files, flags, ps, &progress, threads)) return ps.exit_status;
  int exit_status = ps.exit_status;

  if (ps.invalid_utf8) {
    progress.finish();
    if (summary) print_summary(ps);
    // --strict rejects the input: say where, and print no JSON.
    report_invalid_utf8(ps.doc);
    caci_doc_free(ps.doc);
    return exit_status;
  }
  // The JSON goes out in ~1 MB pieces as it is produced: never all of it in memory at once, and
  // writing overlaps nothing but stays in cache. The output file is still replaced atomically.
  // Standard output may be the same terminal: the progress line goes before the JSON does.
  if (output.empty() || output == "-")
    progress.finish();
  else
    progress.phase("writing the JSON");
  AtomicFile file;
  std::string error;
  caci_status st = CACI_OK;
  bool written = file.open(output, error);
  size_t json_bytes = 0;
  double json_seconds = 0;
  if (written) {
    auto t0 = std::chrono::steady_clock::now();
    st = write_json(ps.doc, format, ps.bytes, threads, !is_character_device(output), file,
                    json_bytes, written, error);
    json_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  }
  if (written && st == CACI_OK) written = file.commit(error);
  progress.finish();
  if (summary) print_summary(ps, json_bytes, json_seconds);
  if (st != CACI_OK) {
    exit_status = worse_exit(exit_status, report_status("cannot serialise the document", st));
  } else if (!written) {
    std::fprintf(stderr, "caci: cannot write '%s': %s\n",
                 output.empty() || output == "-" ? "<stdout>" : output.c_str(), error.c_str());
    exit_status = worse_exit(exit_status, exit_io);
  }
  caci_doc_free(ps.doc);
  return exit_status;
}

}  // namespace cli
