// Sizing a document's buffers for the input it is about to parse (see parse.hpp).
//
// Without it the article text grows by doubling: every growth copies what is there and
// first-touches fresh 4 KiB pages, and on a 160 MB archive those page faults cost as much as the
// parsing itself. Capacity that is never written stays virtual, so a generous reservation costs no
// memory.
//
// On Linux the text buffer is also prefaulted by a background thread (MADV_POPULATE_WRITE), ahead
// of the parser: the kernel zeroes every fresh page before first use, at well under memory speed
// on a virtual machine, and on the 160 MB archive that zeroing was a quarter of `caci parse`. The
// thread only asks the kernel to map pages; it never reads or writes the buffer, so it cannot race
// with the parser, and a buffer freed or regrown under it just makes madvise fail and the thread
// stop.
#include "caci/core/parse.hpp"

#include "../index/huge_pages.hpp"

#include <algorithm>

#if defined(__linux__) && !defined(__EMSCRIPTEN__)
#include <sys/mman.h>
#include <thread>
#endif

namespace caci {

namespace {

template <class Buffer> void reserve_more(Buffer &b, uint64_t more) {
  const uint64_t want = uint64_t(b.size()) + more;
  if (want <= b.capacity()) return;
  b.reserve(static_cast<size_t>(std::max<uint64_t>(want, uint64_t(b.capacity()) * 2)));
  detail::advise_huge_capacity(b);
}

// Maps [data, data + bytes) writable in 2 MiB steps on a detached thread. Best effort: without
// threads or MADV_POPULATE_WRITE (Linux 5.14) the parser faults the pages in itself.
void prefault_in_background(const void *data, size_t bytes) {
#if defined(__linux__) && !defined(__EMSCRIPTEN__) && defined(MADV_POPULATE_WRITE)
  constexpr uintptr_t kStep = uintptr_t(2) << 20;
  uintptr_t begin = (reinterpret_cast<uintptr_t>(data) + kStep - 1) & ~(kStep - 1);
  uintptr_t end = (reinterpret_cast<uintptr_t>(data) + bytes) & ~(kStep - 1);
  if (end <= begin || end - begin < (uintptr_t(8) << 20)) return;
  try {
    std::thread([begin, end] {
      for (uintptr_t p = begin; p < end; p += kStep)
        if (madvise(reinterpret_cast<void *>(p), kStep, MADV_POPULATE_WRITE) != 0) return;
    }).detach();
  } catch (...) {  // no thread: the parser faults the pages in as it writes them
  }
#else
  (void)data;
  (void)bytes;
#endif
}

}  // namespace

void reserve_for_input(Document &doc, uint64_t input_bytes) {
  ArticleStore &s = doc.store;
  // Ratios measured on the generated 20,000-article archive, rounded up: the normalised text is at
  // most about the input (cp1252 pages grow a little when decoded), the rest is far smaller.
  reserve_more(s.body, input_bytes + input_bytes / 8);
  // The part the text will fill (about the input), not the slack.
  prefault_in_background(s.body.data() + s.body.size(),
                         static_cast<size_t>(std::min<uint64_t>(
                             input_bytes, uint64_t(s.body.capacity() - s.body.size()))));
  reserve_more(s.meta, input_bytes / 16);
  reserve_more(s.articles, input_bytes / 4096);
  reserve_more(s.paragraphs, input_bytes / 256);
  reserve_more(s.authors, input_bytes / 4096);
  reserve_more(s.sections, input_bytes / 4096);
}

}  // namespace caci
