#include "file_bytes.hpp"

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <new>

#if (defined(__unix__) || defined(__APPLE__)) && !defined(__EMSCRIPTEN__)
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
#define CACI_HAVE_MMAP 1
#endif

namespace caci::detail {

namespace {

class Borrowed final : public FileBytes {
public:
  Borrowed(const void *p, size_t n) {
    data_ = static_cast<const uint8_t *>(p);
    size_ = n;
  }
};

class Heap final : public FileBytes {
public:
  explicit Heap(uint8_t *p, size_t n) {
    data_ = p;
    size_ = n;
  }
  ~Heap() override { std::free(const_cast<uint8_t *>(data_)); }
};

#ifdef CACI_HAVE_MMAP
class Mapped final : public FileBytes {
public:
  Mapped(void *p, size_t n) {
    data_ = static_cast<const uint8_t *>(p);
    size_ = n;
    mapped_ = true;
  }
  ~Mapped() override {
    if (size_) munmap(const_cast<uint8_t *>(data_), size_);
  }
};
#endif

Status io_error(std::string *err, const std::string &path, int e) {
  if (err) *err = "cannot read '" + path + "': " + std::strerror(e);
  return e == ENOENT ? Status::enotfound : Status::eio;
}

}  // namespace

std::shared_ptr<const FileBytes> FileBytes::borrow(const void *data, size_t size) {
  return std::make_shared<Borrowed>(size ? data : "", size);
}

Status FileBytes::copy(const void *data, size_t size, std::shared_ptr<const FileBytes> &out) {
  auto *p = static_cast<uint8_t *>(std::malloc(size ? size : 1));
  if (!p) return Status::enomem;
  if (size) std::memcpy(p, data, size);
  try {
    out = std::make_shared<Heap>(p, size);
  } catch (const std::bad_alloc &) {
    std::free(p);
    return Status::enomem;
  }
  return Status::ok;
}

Status FileBytes::map_file(const std::string &path, std::shared_ptr<const FileBytes> &out,
                           std::string *err) {
#ifdef CACI_HAVE_MMAP
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return io_error(err, path, errno);
  struct stat st;
  if (fstat(fd, &st) != 0) {
    const int e = errno;
    ::close(fd);
    return io_error(err, path, e);
  }
  if (S_ISDIR(st.st_mode)) {
    ::close(fd);
    return io_error(err, path, EISDIR);
  }
  const size_t n = static_cast<size_t>(st.st_size);
  void *p = nullptr;
  if (n) {
    p = mmap(nullptr, n, PROT_READ, MAP_PRIVATE, fd, 0);
    if (p == MAP_FAILED) {
      const int e = errno;
      ::close(fd);
      return e == ENOMEM ? Status::enomem : io_error(err, path, e);
    }
  }
  ::close(fd);  // the mapping keeps the file
  try {
    out = std::make_shared<Mapped>(p, n);
  } catch (const std::bad_alloc &) {
    if (n) munmap(p, n);
    return Status::enomem;
  }
  return Status::ok;
#else
  FILE *f = std::fopen(path.c_str(), "rb");
  if (!f) return io_error(err, path, errno);
  std::string bytes;
  char buf[1 << 16];
  size_t got;
  try {
    while ((got = std::fread(buf, 1, sizeof buf, f)) > 0) bytes.append(buf, got);
  } catch (const std::bad_alloc &) {
    std::fclose(f);
    return Status::enomem;
  }
  const bool bad = std::ferror(f);
  std::fclose(f);
  if (bad) return io_error(err, path, EIO);
  return copy(bytes.data(), bytes.size(), out);
#endif
}

}  // namespace caci::detail
