// caci parse: pages -> caci-archive/1 JSON.
#include "atomic_file.hpp"
#include "cli.hpp"
#include "help.hpp"
#include "progress.hpp"

#include <chrono>
#include <condition_variable>
#include <cstdlib>
#include <cstring>
#include <mutex>
#include <string>
#include <sys/stat.h>
#include <thread>
#include <unistd.h>

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
    PieceWriter writer(file, !is_character_device(output));
    for (uint64_t cursor = 0;;) {
      caci_str piece{};
      auto t0 = std::chrono::steady_clock::now();
      st = caci_doc_to_json_next(ps.doc, format, &cursor, &piece);
      json_seconds += std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
      if (st != CACI_OK || piece.len == 0) break;
      // A copy (~1 MB, in cache): the document's piece is overwritten by the next call.
      writer.next_buffer().append(piece.ptr, piece.len);
      json_bytes += piece.len;
      if (!writer.submit()) break;
    }
    written = writer.finish(error);
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
