// The document's id table: content id -> article index, for duplicate merging (open addressing,
// linear probing; slot value = index + 1, 0 = empty). Shared by the builder (one article at a
// time) and append_document() (many).
#pragma once

#include "caci/core/article.hpp"

#include <cstddef>
#include <cstdint>
#include <vector>

namespace caci {
namespace parse {

// The live article with `id`, or UINT32_MAX.
inline uint32_t find_article_id(const Document &doc, uint64_t id) {
  const std::vector<uint32_t> &t = doc.id_table;
  const std::vector<Article> &arts = doc.store.articles;
  if (t.empty()) return UINT32_MAX;
  const size_t mask = t.size() - 1;
  for (size_t slot = size_t(id) & mask;; slot = (slot + 1) & mask) {
    const uint32_t v = t[slot];
    if (v == 0) return UINT32_MAX;
    const uint32_t idx = v - 1;
    if (idx < arts.size() && arts[idx].id == id && !arts[idx].deleted) return idx;
  }
}

// Records article `index` (already in the store) under `id`; grows the table to twice the
// article count, rebuilding it from the store.
inline void insert_article_id(Document &doc, uint64_t id, uint32_t index) {
  std::vector<uint32_t> &t = doc.id_table;
  const std::vector<Article> &arts = doc.store.articles;
  size_t want = 64;
  while (want < (arts.size() + 1) * 2) want <<= 1;
  if (t.size() < want) {  // grow (also rebuilds a table left empty by clear())
    t.assign(want * 2, 0);
    const size_t mask = t.size() - 1;
    for (uint32_t i = 0; i < arts.size(); ++i) {
      if (i == index) continue;
      size_t slot = size_t(arts[i].id) & mask;
      while (t[slot] != 0) slot = (slot + 1) & mask;
      t[slot] = i + 1;
    }
  }
  const size_t mask = t.size() - 1;
  size_t slot = size_t(id) & mask;
  while (t[slot] != 0) slot = (slot + 1) & mask;
  t[slot] = index + 1;
}

}  // namespace parse
}  // namespace caci
