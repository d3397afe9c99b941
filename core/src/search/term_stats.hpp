// Document frequencies of terms for the features that rank terms rather than articles
// (completions, did-you-mean, related articles).
#pragma once

#include "../index/index_impl.hpp"
#include "../index/postings.hpp"

#include <algorithm>
#include <vector>

namespace caci::detail {

// Entries in the term's lists summed over fields: cheap (no posting is read) and an upper bound
// of its live document frequency (a doc with the term in two fields counts twice, tombstones
// count).
inline uint64_t term_doc_upper_bound(const IndexImpl &ix, uint32_t term) {
  uint64_t n = 0;
  for (int f = 0; f < kFieldCount; ++f) n += ix.field_doc_count(term, static_cast<Field>(f));
  return n;
}

// Exact number of live articles containing the term in any field (reads its postings).
inline uint64_t term_live_docs(const IndexImpl &ix, uint32_t term) {
  const uint32_t ndocs = static_cast<uint32_t>(ix.store.articles.size());
  std::vector<uint32_t> docs;
  int lists = 0;
  for (int f = 0; f < kFieldCount; ++f) {
    uint32_t l = ix.list_of(term, static_cast<Field>(f));
    if (l == kNoList) continue;
    ++lists;
    PostingCursor c(ix.postings(), ix.list(l), ndocs);
    while (c.next())
      if (ix.is_live(c.doc())) docs.push_back(c.doc());
  }
  if (lists > 1) {
    std::sort(docs.begin(), docs.end());
    docs.erase(std::unique(docs.begin(), docs.end()), docs.end());
  }
  return docs.size();
}

}  // namespace caci::detail
