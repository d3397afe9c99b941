// Asks the kernel to back a large buffer with transparent huge pages before it is first written.
// Index builds fill tens of megabytes of fresh memory; with 4 KiB pages the page faults cost more
// than the indexing itself on some virtual machines. A no-op off Linux and for small buffers.
#pragma once

#include <cstddef>
#include <cstdint>

#if defined(__linux__) && !defined(__EMSCRIPTEN__)
#include <sys/mman.h>
#endif

namespace caci::detail {

inline void advise_huge_pages(const void *data, size_t bytes) {
#if defined(__linux__) && !defined(__EMSCRIPTEN__) && defined(MADV_HUGEPAGE)
  constexpr uintptr_t kHuge = uintptr_t(2) << 20;
  uintptr_t begin = (reinterpret_cast<uintptr_t>(data) + kHuge - 1) & ~(kHuge - 1);
  uintptr_t end = (reinterpret_cast<uintptr_t>(data) + bytes) & ~(kHuge - 1);
  if (end > begin) madvise(reinterpret_cast<void *>(begin), end - begin, MADV_HUGEPAGE);
#else
  (void)data;
  (void)bytes;
#endif
}

// Faults in the whole of a fresh buffer with one system call (MADV_POPULATE_WRITE, Linux 5.14)
// instead of one page fault per 4 KiB page as it is first written. Opening an index decodes its
// article tables into a few megabytes of new memory; on virtual machines each fault costs several
// microseconds. Small buffers, other systems and older kernels are left to fault as usual.
inline void populate_pages(const void *data, size_t bytes) {
#if defined(__linux__) && !defined(__EMSCRIPTEN__) && defined(MADV_POPULATE_WRITE)
  constexpr uintptr_t kPage = 4096;
  if (bytes < 16 * kPage) return;
  uintptr_t begin = (reinterpret_cast<uintptr_t>(data) + kPage - 1) & ~(kPage - 1);
  uintptr_t end = (reinterpret_cast<uintptr_t>(data) + bytes) & ~(kPage - 1);
  if (end > begin) madvise(reinterpret_cast<void *>(begin), end - begin, MADV_POPULATE_WRITE);
#else
  (void)data;
  (void)bytes;
#endif
}

// Maps the pages of a read-only file mapping in with one system call (MADV_POPULATE_READ, Linux
// 5.14) instead of one page fault per 64 KiB (the kernel's fault-around) as they are first read.
// For the sections an index reads whole when it is opened. No effect elsewhere.
inline void populate_read_pages(const void *data, size_t bytes) {
#if defined(__linux__) && !defined(__EMSCRIPTEN__) && defined(MADV_POPULATE_READ)
  constexpr uintptr_t kPage = 4096;
  if (bytes < 16 * kPage) return;
  uintptr_t begin = reinterpret_cast<uintptr_t>(data) & ~(kPage - 1);
  uintptr_t end = (reinterpret_cast<uintptr_t>(data) + bytes + kPage - 1) & ~(kPage - 1);
  madvise(reinterpret_cast<void *>(begin), end - begin, MADV_POPULATE_READ);
#else
  (void)data;
  (void)bytes;
#endif
}

// Reserves exactly `n` elements of an empty vector and faults its memory in at once, so that the
// resize that follows writes to present pages.
template <class Vector> void reserve_populated(Vector &v, size_t n) {
  v.reserve(n);
  populate_pages(v.data(), v.capacity() * sizeof(v[0]));
}

template <class Buffer> void advise_huge_capacity(Buffer &b) {
  if (b.capacity() * sizeof(b[0]) >= (size_t(4) << 20))
    advise_huge_pages(b.data(), b.capacity() * sizeof(b[0]));
}

}  // namespace caci::detail
