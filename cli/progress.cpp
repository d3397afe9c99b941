// The progress line of long jobs: see progress.hpp.
#include "progress.hpp"

#include <cstdio>
#include <cstdlib>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace cli {

namespace {

constexpr std::chrono::milliseconds kRedrawEvery{100};  // at most ten redraws a second

// CACI_PROGRESS_AFTER_MS: milliseconds before the line may appear (tests set 0). Default 1000.
std::chrono::milliseconds threshold() {
  const char *env = std::getenv("CACI_PROGRESS_AFTER_MS");
  if (!env || !*env) return std::chrono::milliseconds(1000);
  char *end = nullptr;
  long v = std::strtol(env, &end, 10);
  if (*end || v < 0) return std::chrono::milliseconds(1000);
  return std::chrono::milliseconds(v);
}

// Columns of the terminal on stderr, or 0 when unknown.
unsigned columns() {
  struct winsize ws {};
  if (::ioctl(STDERR_FILENO, TIOCGWINSZ, &ws) == 0) return ws.ws_col;
  return 0;
}

std::string format_seconds(double s) {
  char buf[32];
  long t = static_cast<long>(s + 0.5);
  if (t < 60)
    std::snprintf(buf, sizeof buf, "%lds", t);
  else if (t < 3600)
    std::snprintf(buf, sizeof buf, "%ldm%02lds", t / 60, t % 60);
  else
    std::snprintf(buf, sizeof buf, "%ldh%02ldm", t / 3600, t / 60 % 60);
  return buf;
}

}  // namespace

Progress::Progress(const char *command, bool quiet)
    : enabled_(!quiet && ::isatty(STDERR_FILENO)), command_(command),
      start_(std::chrono::steady_clock::now()), last_draw_(start_), after_(threshold()) {}

void Progress::set_inputs(const std::vector<std::string> &paths) {
  files_total_ = paths.size();
  bytes_total_ = 0;
  sizes_known_ = true;
  for (const std::string &p : paths) {
    struct stat st;
    if (p != "-" && ::stat(p.c_str(), &st) == 0 && S_ISREG(st.st_mode))
      bytes_total_ += static_cast<uint64_t>(st.st_size);
    else
      sizes_known_ = false;
  }
}

void Progress::set_totals(size_t files, uint64_t bytes, bool sizes_known) {
  files_total_ = files;
  bytes_total_ = bytes;
  sizes_known_ = sizes_known;
}

void Progress::file_done(uint64_t bytes) {
  ++files_done_;
  bytes_done_ += bytes;
  draw(false);
}

void Progress::phase(const char *what) {
  phase_ = what ? what : "";
  draw(true);
}

std::string Progress::line() const {
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
  double mb = double(bytes_done_) / 1e6;
  char buf[256];
  int n = std::snprintf(buf, sizeof buf, "caci %s: %zu/%zu files, ", command_, files_done_,
                        files_total_);
  std::string out(buf, n > 0 ? size_t(n) : 0);
  if (sizes_known_ && files_done_ < files_total_)
    n = std::snprintf(buf, sizeof buf, "%.1f/%.1f MB", mb, double(bytes_total_) / 1e6);
  else
    n = std::snprintf(buf, sizeof buf, "%.1f MB", mb);
  out.append(buf, n > 0 ? size_t(n) : 0);
  if (seconds > 0 && bytes_done_ > 0) {
    double rate = mb / seconds;
    n = std::snprintf(buf, sizeof buf, ", %.1f MB/s", rate);
    out.append(buf, n > 0 ? size_t(n) : 0);
    if (sizes_known_ && files_done_ < files_total_ && bytes_total_ > bytes_done_ && rate > 0)
      out += ", ETA " + format_seconds(double(bytes_total_ - bytes_done_) / 1e6 / rate);
  }
  if (!phase_.empty()) out += "; " + phase_;
  return out;
}

void Progress::draw(bool force) {
  if (!enabled_) return;
  auto now = std::chrono::steady_clock::now();
  if (now - start_ < after_) return;
  if (ever_drawn_ && !force && now - last_draw_ < kRedrawEvery) return;
  std::string text = line();
  unsigned cols = columns();
  if (cols > 1 && text.size() >= cols) text.resize(cols - 1);  // a wrapped line cannot be redrawn
  // \r and "erase to end of line" (ECMA-48 EL), then the text; no newline.
  std::fprintf(stderr, "\r\x1b[K%s", text.c_str());
  std::fflush(stderr);
  last_draw_ = now;
  drawn_ = ever_drawn_ = true;
}

void Progress::clear() {
  if (!drawn_) return;
  std::fputs("\r\x1b[K", stderr);
  std::fflush(stderr);
  drawn_ = false;
}

void Progress::finish() {
  clear();
  enabled_ = false;
}

}  // namespace cli
