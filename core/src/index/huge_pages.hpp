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

template <class Buffer> void advise_huge_capacity(Buffer &b) {
  if (b.capacity() * sizeof(b[0]) >= (size_t(4) << 20))
    advise_huge_pages(b.data(), b.capacity() * sizeof(b[0]));
}

}  // namespace caci::detail
