// Atomic replacement of an output file (see atomic_file.hpp). A file written in place is truncated
// first, so a full disk or a crash half way used to leave a broken index where a good one was.
#include "atomic_file.hpp"

#include <algorithm>
#include <cerrno>
#include <climits>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#if defined(__linux__)
#include <sys/syscall.h>
#endif
#include <unistd.h>

namespace cli {

namespace {

#ifdef CACI_CLI_FAULT_INJECTION
// Only in caci_fault_injection, the test build of the CLI (never installed):
// CACI_TEST_FAIL_WRITE=open|write|fsync|close|rename makes that step fail, so the tests reach every
// failure path without a broken disk.
bool injected(const char *step) {
  const char *fail = std::getenv("CACI_TEST_FAIL_WRITE");
  return fail && std::strcmp(fail, step) == 0;
}
#else
constexpr bool injected(const char *) {
  return false;
}
#endif

// True (with errno = err) when the test build is told to fail `step`.
bool injected_failure(const char *step, int err) {
  if (!injected(step)) return false;
  errno = err;
  return true;
}

std::string reason(const char *step) {
  return std::string(step) + ": " + std::strerror(errno);
}

// Writes all of `data` to `fd`, retrying short writes and EINTR.
bool write_all(int fd, std::string_view data) {
  // An injected failure strikes half way, as a full disk would, leaving a partial temporary file.
  const size_t fail_at = injected("write") ? data.size() / 2 : data.size() + 1;
  size_t done = 0;
  for (;;) {
    if (done >= fail_at) {
      errno = ENOSPC;
      return false;
    }
    if (done == data.size()) return true;
    size_t chunk = std::min({data.size() - done, fail_at - done, size_t(1) << 30});
    ssize_t n = ::write(fd, data.data() + done, chunk);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      if (n == 0) errno = EIO;
      return false;
    }
    done += size_t(n);
  }
}

// The mode for a new file: 0666 minus the umask, as fopen(path, "w") would create it.
mode_t default_file_mode() {
  mode_t mask = ::umask(0);
  ::umask(mask);
  return 0666 & ~mask;
}

// Makes the rename itself durable. Best effort: the new file is already complete and in place, so
// a failure here could not bring the old one back, and some file systems refuse fsync on a
// directory.
void sync_directory(const std::string &dir) {
  int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return;
  ::fsync(fd);
  ::close(fd);
}

// A replaced file at least this big is released after the command's output is in place
// (AtomicFile::release_replaced_file): freeing its blocks takes about 0.25 ms per MB on ext4 here.
constexpr off_t kReleaseAsideBytes = off_t(16) << 20;

// Closes fd in a child process that exits right after, and in this one: the child holds the last
// reference, so its close frees what the file held. The child closes every other descriptor first,
// so that a pipe this process writes to sees its end when this process exits, not when the child
// does. False (fd still open here) when there is no such child: not Linux, or fork() failed.
bool close_in_child_process(int fd) {
#if defined(__linux__)
  // Computed here: only async-signal-safe calls may run in the child of a threaded process.
  const long open_max = ::sysconf(_SC_OPEN_MAX);
  const int fallback_last = open_max > 0 && open_max < 65536 ? int(open_max) - 1 : 65535;
  const pid_t pid = ::fork();
  if (pid < 0) return false;
  if (pid == 0) {
    auto close_range_of = [&](unsigned first, unsigned last) {
      if (first > last) return;
#ifdef SYS_close_range
      if (::syscall(SYS_close_range, first, last, 0) == 0) return;
#endif
      for (unsigned other = first; other <= last && other <= unsigned(fallback_last); ++other)
        ::close(int(other));
    };
    if (fd > 0) close_range_of(0, unsigned(fd) - 1);
    close_range_of(unsigned(fd) + 1, ~0u);
    ::close(fd);
    ::_exit(0);
  }
  ::close(fd);
  return true;
#else
  (void)fd;
  return false;
#endif
}

}  // namespace

AtomicFile::~AtomicFile() {
  abandon();
  if (releaser_.joinable()) releaser_.join();
  if (replaced_fd_ >= 0) ::close(replaced_fd_);
}

void AtomicFile::release_replaced_file() {
  if (replaced_fd_ < 0) return;
  // The last reference to the old file: closing it frees its blocks, which takes as long as the
  // rename used to (35-45 ms for a 165 MB file on ext4 here). A child process does it, so that
  // the command can exit meanwhile: a thread of this process would hold the exit up (measured,
  // `caci parse -o` over its own 165 MB output: 0.38 -> 0.34 s, 6 runs each). Failing that, a
  // thread does it beside whatever the caller does next (freeing its document, exiting).
  const int fd = replaced_fd_;
  if (close_in_child_process(fd)) {
    replaced_fd_ = -1;
    return;
  }
  try {
    releaser_ = std::thread([fd] { ::close(fd); });
    replaced_fd_ = -1;
  } catch (...) {  // no thread: the destructor closes it
  }
}

void AtomicFile::abandon() {
  if (fd_ >= 0) ::close(fd_);
  fd_ = -1;
  if (!temp_.empty()) ::unlink(temp_.c_str());
  temp_.clear();
}

bool AtomicFile::open(const std::string &path, std::string &error) {
  abandon();
  failed_ = false;
  to_stdout_ = path.empty() || path == "-";
  if (to_stdout_) return true;
  // Follow a symbolic link, so that the link stays and the file it points to is replaced.
  target_ = path;
  struct stat st;
  if (::lstat(path.c_str(), &st) == 0 && S_ISLNK(st.st_mode)) {
    if (char *resolved = ::realpath(path.c_str(), nullptr)) {
      target_ = resolved;
      std::free(resolved);
    }
  }
  const bool exists = ::stat(target_.c_str(), &st) == 0;
  // A path that exists but is not a regular file (/dev/null, /dev/stdout, a FIFO) is written in
  // place: it holds no content to keep, and renaming over a device node would replace it.
  in_place_ = exists && !S_ISREG(st.st_mode);
  if (in_place_) {
    fd_ = ::open(target_.c_str(), O_WRONLY | O_TRUNC | O_CLOEXEC);
    if (fd_ < 0) {
      error = reason("open");
      return !(failed_ = true);
    }
    return true;
  }
  unchanged_ = exists ? "; the existing file is unchanged" : "; nothing was written";

  size_t slash = target_.rfind('/');
  dir_ = slash == std::string::npos ? "." : slash == 0 ? "/" : target_.substr(0, slash);
  std::string name = slash == std::string::npos ? target_ : target_.substr(slash + 1);
  std::string temp = (slash == std::string::npos ? std::string() : target_.substr(0, slash + 1)) +
                     "." + name + ".tmp-XXXXXX";

  written_ = 0;
  fd_ = injected_failure("open", EACCES) ? -1 : ::mkstemp(&temp[0]);
  if (fd_ < 0) {
    error = reason("cannot create a temporary file in the directory") + unchanged_;
    return !(failed_ = true);
  }
  temp_ = temp;
  // mkstemp creates the file 0600: give it the mode (and, for root, the owner) of the file it
  // replaces. Best effort: a file system without permissions refuses, and the data is what counts.
  if (exists) {
    (void)::fchmod(fd_, st.st_mode & 07777);
    if (::geteuid() == 0) (void)::fchown(fd_, st.st_uid, st.st_gid);
  } else {
    (void)::fchmod(fd_, default_file_mode());
  }
  return true;
}

bool AtomicFile::write(std::string_view data, std::string &error) {
  if (failed_) return false;
  if (to_stdout_) {
    errno = 0;
    if (std::fwrite(data.data(), 1, data.size(), stdout) == data.size()) return true;
    error = errno ? std::strerror(errno) : "write error";
    return !(failed_ = true);
  }
  if (fd_ >= 0 && write_all(fd_, data)) {
#if defined(__linux__) && defined(SYNC_FILE_RANGE_WRITE)
    // Start writing this piece to disk now, in the background, so the fsync in commit() finds
    // little left to wait for: on the 160 MB parse output that wait was a third of the command.
    // Best effort (some file systems refuse); commit() still fsyncs everything.
    if (!in_place_ && data.size() >= (size_t(1) << 16))
      (void)::sync_file_range(fd_, off_t(written_), off_t(data.size()), SYNC_FILE_RANGE_WRITE);
#endif
    written_ += data.size();
    return true;
  }
  error =
      reason(in_place_ ? "write" : "writing the temporary file") + (in_place_ ? "" : unchanged_);
  failed_ = true;
  abandon();
  return false;
}

bool AtomicFile::commit(std::string &error) {
  if (failed_) return false;
  if (to_stdout_) {
    errno = 0;
    if (std::fflush(stdout) == 0) return true;
    error = errno ? std::strerror(errno) : "write error";
    return !(failed_ = true);
  }
  if (in_place_) {
    int fd = fd_;
    fd_ = -1;
    if (::close(fd) == 0) return true;
    error = reason("close");
    return !(failed_ = true);
  }
  const char *step = nullptr;
  if (injected_failure("fsync", EIO) || ::fsync(fd_) != 0) step = "fsync of the temporary file";
  int saved_errno = errno;
  // close() can report a delayed write error (NFS); the descriptor is released either way.
  int fd = fd_;
  fd_ = -1;
  if (::close(fd) != 0 || injected_failure("close", EIO)) {
    if (!step) {
      step = "closing the temporary file";
      saved_errno = errno;
    }
  }
  if (!step && !releaser_.joinable() && replaced_fd_ < 0) {
    replaced_fd_ = ::open(target_.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY);
    // A small file is freed by the rename itself, in at most a few milliseconds. A child process
    // would cost more: forking one with 200 MB of memory took 0.2 ms here in huge pages and
    // 3.4-5 ms in 4 KiB pages (its page tables are copied), and the child outlives the command.
    struct stat old_file;
    if (replaced_fd_ >= 0 && (::fstat(replaced_fd_, &old_file) != 0 || !S_ISREG(old_file.st_mode) ||
                              old_file.st_size < kReleaseAsideBytes)) {
      ::close(replaced_fd_);
      replaced_fd_ = -1;
    }
  }
  if (!step && (injected_failure("rename", EIO) || ::rename(temp_.c_str(), target_.c_str()) != 0)) {
    step = "renaming the temporary file over it";
    saved_errno = errno;
  }
  if (step && replaced_fd_ >= 0) {  // the old file stays where it was: nothing to free
    ::close(replaced_fd_);
    replaced_fd_ = -1;
  }
  if (step) {
    abandon();
    errno = saved_errno;
    error = reason(step) + unchanged_;
    failed_ = true;
    return false;
  }
  temp_.clear();  // renamed: nothing to remove
  sync_directory(dir_);
  release_replaced_file();  // after the directory's fsync, which would wait for it
  return true;
}

bool write_file_atomically(const std::string &path, std::string_view data, std::string &error) {
  AtomicFile file;
  return file.open(path, error) && file.write(data, error) && file.commit(error);
}

}  // namespace cli
