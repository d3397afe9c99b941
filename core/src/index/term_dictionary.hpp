// Term dictionary: interned term strings with dense ids, an open-addressing hash table for exact
// lookups (indexing and queries) and a sorted order for prefix and fuzzy expansion, brought up to
// date by seal() after terms are added (the index seals it when it folds in pending additions), so
// that readers never write: many threads may search one index at once.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace caci::detail {

constexpr uint32_t kNoTerm = 0xffffffffu;

class TermDictionary {
public:
  TermDictionary();
  uint32_t find(std::string_view term) const;  // kNoTerm if absent
  uint32_t intern(std::string_view term);      // existing or new id
  std::string_view term(uint32_t id) const {
    return std::string_view(chars_.data() + offs_[id], offs_[id + 1] - offs_[id]);
  }
  size_t size() const { return offs_.size() - 1; }
  size_t char_bytes() const { return chars_.size(); }
  // Term ids in byte-lexicographic order of their terms, as of the last seal().
  const std::vector<uint32_t> &sorted() const { return sorted_; }
  // Merges the terms added since the last seal into the sorted order. On an allocation failure
  // (std::bad_alloc) the previous order stays in place.
  void seal();
  void clear();

  // Ids whose term starts with `prefix`, via the sorted order. Appends to out.
  void prefix_terms(std::string_view prefix, std::vector<uint32_t> &out) const;

private:
  void grow_table();
  uint64_t hash_of(std::string_view s) const;

  std::string chars_;
  std::vector<uint32_t> offs_;
  std::vector<uint32_t> table_;   // term id + 1; 0 = empty
  std::vector<uint32_t> hashes_;  // low 32 bits of each term's hash, to skip most compares
  std::vector<uint32_t> sorted_;
};

}  // namespace caci::detail
