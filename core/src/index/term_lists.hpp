// Which posting list holds a term's postings in one field: a table kept field by field, so that
// indexing, which looks up every token's (term, field) list, reads one field's column (a word's
// tokens are almost all in the body fields). Interleaved as term * kFieldCount + field, a lookup
// touched a cache line holding the other fields' rarely used entries too, and the build's working
// set was the whole table: 5 x 4 bytes per term (436 KB for the 21,806 terms of the 20,000-article
// archive, beside a 512 KB term hash table, in a 512 KB L2). `caci index` of that archive to
// tmpfs, 12 interleaved runs: 1.545 -> 1.52 s, user 2.65 -> 2.63 s; the same file.
#pragma once

#include "caci/core/index.hpp"

#include <algorithm>
#include <cstdint>
#include <vector>

namespace caci::detail {

constexpr uint32_t kNoList = 0xffffffffu;

class TermLists {
public:
  // kNoList for a term or field with no list.
  uint32_t get(uint32_t term, int field) const {
    const std::vector<uint32_t> &column = columns_[field];
    return term < column.size() ? column[term] : kNoList;
  }
  // The entry, created (kNoList) if the column is too short. May throw std::bad_alloc.
  uint32_t &at(uint32_t term, int field) {
    std::vector<uint32_t> &column = columns_[field];
    if (term >= column.size())
      column.resize(std::max<size_t>(static_cast<size_t>(term) + 1, column.size() * 2), kNoList);
    return column[term];
  }
  // Every entry kNoList, room for `terms` terms in each field. May throw std::bad_alloc.
  void assign(size_t terms) {
    for (std::vector<uint32_t> &column : columns_) column.assign(terms, kNoList);
  }
  void clear() {
    for (std::vector<uint32_t> &column : columns_) column.clear();
  }
  void swap(TermLists &other) noexcept {
    for (int f = 0; f < kFieldCount; ++f) columns_[f].swap(other.columns_[f]);
  }

private:
  std::vector<uint32_t> columns_[kFieldCount];
};

}  // namespace caci::detail
