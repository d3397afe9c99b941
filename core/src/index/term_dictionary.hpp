// Term dictionary: interned term strings with dense ids, an open-addressing hash table for exact
// lookups (indexing and queries) and a sorted order for prefix and fuzzy expansion, brought up to
// date by seal() after terms are added (the index seals it when it folds in pending additions), so
// that readers never write: many threads may search one index at once.
#pragma once

#include "varint.hpp"

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
  // Existing or new id. Not on an attached table: thaw() it first.
  uint32_t intern(std::string_view term);
  // The same, for a term followed by at least 8 readable bytes (a Tokenizer's term: see
  // Tokenizer::kTermPadding): a term of up to 8 bytes is read in one load, without branching on
  // its length (indexing interns every token).
  uint32_t intern_padded(std::string_view term);
  std::string_view term(uint32_t id) const {
    if (view_offs_) {
      const uint32_t a = get_u32le(view_offs_ + 4 * static_cast<size_t>(id));
      const uint32_t b = get_u32le(view_offs_ + 4 * (static_cast<size_t>(id) + 1));
      return std::string_view(view_chars_ + a, b - a);
    }
    return std::string_view(chars_.data() + offs_[id], offs_[id + 1] - offs_[id]);
  }
  size_t size() const { return view_offs_ ? view_count_ : offs_.size() - 1; }

  // Serves the dictionary from a sorted term table in place (an opened index file): `offs` holds
  // count + 1 little-endian u32 offsets into `chars`, checked by the caller to be ascending and in
  // range; ids are table positions. Lookups binary-search it; nothing is hashed until thaw().
  void attach_sorted(const uint8_t *offs, const char *chars, uint32_t count);
  bool attached() const { return view_offs_ != nullptr; }
  // Copies an attached table into the dictionary's own (hashed) storage, ids unchanged, so that
  // terms can be added. std::bad_alloc leaves it attached.
  void thaw();
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
  // Open addressing: a term's first bytes beside its id and its hash, so that a lookup of a term
  // of at most 8 bytes (most of them) is decided by the slot alone, without reading the term's
  // offsets and bytes (two more dependent loads per token while indexing).
  struct Slot {
    uint64_t head = 0;  // head_of(term): the term itself when it has at most 8 bytes
    uint32_t tag = 0;   // tag_of(hash, length): 24 bits of the hash and the length (255: longer)
    uint32_t id1 = 0;   // term id + 1; 0 = empty
  };
  void grow_table();
  // The slot `s` is in, or the empty slot where it would go.
  size_t slot_of(std::string_view s, uint64_t h, uint64_t head, uint32_t tag) const;
  uint32_t intern_at(std::string_view s, uint64_t h, uint64_t head);

  std::string chars_;
  std::vector<uint32_t> offs_;
  std::vector<Slot> table_;  // a power of two, at most 3/4 full
  std::vector<uint32_t> sorted_;
  const uint8_t *view_offs_ = nullptr;
  const char *view_chars_ = nullptr;
  uint32_t view_count_ = 0;
};

}  // namespace caci::detail
