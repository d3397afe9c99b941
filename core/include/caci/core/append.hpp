// Appending one parsed document to another, with the result a parse of all their pages into one
// document would give: the pages of the first, then those of the second, in order.
//
// Pages parse independently of one another except for two things, and these are what appending
// redoes: duplicate merging (an article of `src` may repeat one of `dst`: it is merged into that
// one, which lists its occurrences, and gets the `duplicate` warning a single parse would have
// given it, at the same place among the diagnostics) and version links (recomputed for the
// appended articles by the destination's linker). Everything else (text, articles, sources,
// diagnostics, statistics) is copied with its offsets moved. So pages can be parsed in runs on
// several threads, each into a document of its own, and appended in page order.
#pragma once

#include "caci/core/article.hpp"
#include "caci/core/status.hpp"

#include <cstdint>
#include <vector>

namespace caci {

// What a parse records so that its document can later be appended to another one
// (Document::append_log).
struct AppendLog {
  // Per article (store index): the index in Document::diagnostics its `duplicate` warning would
  // take, were it a repeat of an article parsed before this document's first page.
  std::vector<uint32_t> dup_slot;
  // The `duplicate` warnings, in diagnostic order: the warning's index and the article it names.
  struct DupRef {
    uint32_t diagnostic = 0;
    uint32_t article = 0;
  };
  std::vector<DupRef> dup_refs;

  void truncate(size_t articles, size_t diagnostics);
};

// Appends `src` (a document filled by parse_page() only) to `dst` and clears `src`.
// einval: different parse options, or a store that is not a parse's; erange: the combined text
// over 32-bit offsets; enomem (then `dst` may hold part of `src`: the caller restores it). The
// merged articles' text stays in dst's buffers, unreferenced.
Status append_document(Document &dst, Document &src);

}  // namespace caci
