// The bytes an opened index reads in place: a mapped file, a caller's buffer (borrowed: it must
// outlive the index), or a private copy. Shared by the index and its lazily decoded text.
#pragma once

#include "caci/core/status.hpp"

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>

namespace caci::detail {

class FileBytes {
public:
  virtual ~FileBytes() = default;
  const uint8_t *data() const { return data_; }
  size_t size() const { return size_; }
  std::string_view view() const { return {reinterpret_cast<const char *>(data_), size_}; }
  // Whether the bytes are a file mapped read-only (pages the kernel can map in ahead of use).
  bool mapped() const { return mapped_; }

  // Maps `path` read-only (where the platform has mmap; elsewhere reads it into memory).
  // enotfound / eio with a message naming the file in `err`.
  static Status map_file(const std::string &path, std::shared_ptr<const FileBytes> &out,
                         std::string *err);
  static std::shared_ptr<const FileBytes> borrow(const void *data, size_t size);
  // A private copy (enomem on failure).
  static Status copy(const void *data, size_t size, std::shared_ptr<const FileBytes> &out);

protected:
  const uint8_t *data_ = nullptr;
  size_t size_ = 0;
  bool mapped_ = false;
};

}  // namespace caci::detail
