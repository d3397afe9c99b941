// The progress line of long jobs (caci parse, index, export): one line on stderr, redrawn in place,
// with files done/total, MB done/total, MB/s and an ETA. It appears only when stderr is a terminal,
// the job has run for about a second (CACI_PROGRESS_AFTER_MS milliseconds: a test-only override,
// read by the CLI only; default 1000) and --quiet was not given. It is redrawn at most ten times a
// second and erased when the job ends or before any other message goes to stderr.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

namespace cli {

class Progress {
public:
  // `command` names the job in the line ("parse"). Disabled when `quiet` or stderr is not a tty.
  Progress(const char *command, bool quiet);
  ~Progress() { finish(); }
  Progress(const Progress &) = delete;
  Progress &operator=(const Progress &) = delete;

  bool enabled() const { return enabled_; }
  // The inputs of the job: their sizes give the total (standard input and unreadable files count
  // as files of unknown size).
  void set_inputs(const std::vector<std::string> &paths);
  // The same from totals the caller already has (no second stat of every file).
  void set_totals(size_t files, uint64_t bytes, bool sizes_known);
  // One more input done, `bytes` long.
  void file_done(uint64_t bytes);
  // What the job does after reading its inputs ("building the index"); shown at the end of the
  // line.
  void phase(const char *what);
  // Erases the line (if shown) so that a message can be printed; a later update draws it again.
  void clear();
  // Erases the line for good.
  void finish();

private:
  void draw(bool force);
  std::string line() const;

  bool enabled_ = false;
  const char *command_;
  std::chrono::steady_clock::time_point start_, last_draw_;
  std::chrono::milliseconds after_{1000};
  bool drawn_ = false, ever_drawn_ = false;
  size_t files_total_ = 0, files_done_ = 0;
  uint64_t bytes_total_ = 0, bytes_done_ = 0;
  bool sizes_known_ = true;
  std::string phase_;
};

}  // namespace cli
