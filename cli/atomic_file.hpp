// Atomic replacement of an output file: readers, a crash or a full disk see either the old file
// or the complete new one, never a truncated mix.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <thread>

namespace cli {

// Writes all of `data` to `path` through a temporary file in the same directory
// (`.<name>.tmp-XXXXXX`): written, fsync'ed, closed, then rename()d over `path`. On any failure the
// temporary file is removed, an existing `path` is left byte for byte as it was, and `error` says
// which step failed and why. The new file keeps the mode of the file it replaces (a new one gets
// 0666 minus the umask); a symbolic link is followed, so the link stays and its target is replaced.
// A `path` that exists but is not a regular file (/dev/null, a FIFO) is written in place: there is
// nothing to keep, and renaming over a device node would replace it.
bool write_file_atomically(const std::string &path, std::string_view data, std::string &error);

// The same, written piece by piece (caci parse streams its JSON out as it is produced): open(),
// write() any number of times, commit(). Until commit() succeeds `path` is untouched; a failed step
// or destruction without commit() removes the temporary file. "-" or an empty path is standard
// output, written as it comes (nothing to keep atomic).
class AtomicFile {
public:
  AtomicFile() = default;
  AtomicFile(const AtomicFile &) = delete;
  AtomicFile &operator=(const AtomicFile &) = delete;
  ~AtomicFile();

  bool open(const std::string &path, std::string &error);
  bool write(std::string_view data, std::string &error);
  bool commit(std::string &error);

private:
  void abandon();
  void release_replaced_file();

  int fd_ = -1;
  uint64_t written_ = 0;  // bytes in the temporary file, for early writeback
  bool to_stdout_ = false;
  bool in_place_ = false;  // an existing non-regular file (/dev/null, a FIFO)
  bool failed_ = false;
  std::string target_, temp_, dir_;
  const char *unchanged_ = "";
  // The file commit() replaced, held open so that the rename does not wait for the file system to
  // free its blocks (65 ms for a 165 MB file here); closed on `releaser_`, joined on destruction.
  int replaced_fd_ = -1;
  std::thread releaser_;
};

}  // namespace cli
