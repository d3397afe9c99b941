// Sizing a document's buffers for the input it is about to parse (see parse.hpp).
//
// Without it the article text grows by doubling: every growth copies what is there and
// first-touches fresh 4 KiB pages, and on a 160 MB archive those page faults cost as much as the
// parsing itself. Capacity that is never written stays virtual, so a generous reservation costs no
// memory.
//
// The library starts no thread here: caci_doc_prefault() maps the reserved text memory when a
// caller asks for it (the CLI, on a thread of its own, ahead of the parser).
#include "caci/core/parse.hpp"

#include "../index/huge_pages.hpp"

#include <algorithm>

namespace caci {

namespace {

template <class Buffer> void reserve_more(Buffer &b, uint64_t more) {
  const uint64_t want = uint64_t(b.size()) + more;
  if (want <= b.capacity()) return;
  b.reserve(static_cast<size_t>(std::max<uint64_t>(want, uint64_t(b.capacity()) * 2)));
  detail::advise_huge_capacity(b);
}

}  // namespace

void reserve_for_input(Document &doc, uint64_t input_bytes) {
  ArticleStore &s = doc.store;
  // Ratios measured on the generated 20,000-article archive, rounded up: the normalised text is at
  // most about the input (cp1252 pages grow a little when decoded), the rest is far smaller.
  reserve_more(s.body, input_bytes + input_bytes / 8);
  reserve_more(s.meta, input_bytes / 16);
  reserve_more(s.articles, input_bytes / 4096);
  reserve_more(s.paragraphs, input_bytes / 256);
  reserve_more(s.authors, input_bytes / 4096);
  reserve_more(s.sections, input_bytes / 4096);
}

}  // namespace caci
