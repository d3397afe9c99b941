// Article id -> document number, for the live articles of an index.
//
// One flat open-addressing table of document numbers (linear probing, backward-shift deletion),
// whose ids are read from the articles themselves, instead of std::unordered_map's 32-byte node
// per article: opening a 20,000-article file allocated 20,000 nodes and faulted in about 200
// fresh pages for them before the first query; this table is 128 KiB. Ids are content hashes, but
// a crafted file chooses them, so the slot comes from a multiplicative hash of all 64 bits.
// Every call takes the article array the documents index (`articles[doc].id`).
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace caci::detail {

class IdTable {
public:
  static constexpr uint32_t kAbsent = UINT32_MAX;

  // The document of `id`, or kAbsent.
  template <class Articles> uint32_t find(uint64_t id, const Articles &articles) const noexcept {
    if (slots_.empty()) return kAbsent;
    for (size_t i = home(id);; i = (i + 1) & mask()) {
      const uint32_t doc = slots_[i];
      if (doc == kAbsent) return kAbsent;
      if (articles[doc].id == id) return doc;
    }
  }
  template <class Articles> bool contains(uint64_t id, const Articles &articles) const noexcept {
    return find(id, articles) != kAbsent;
  }

  // Adds doc under articles[doc].id; false (and no change) if that id is already there. Growth
  // allocates (bad_alloc reaches the caller's allocation guard with the table unchanged).
  template <class Articles> bool insert(uint32_t doc, const Articles &articles) {
    if (needs_growth(count_ + 1)) grow(count_ + 1, articles);
    const uint64_t id = articles[doc].id;
    size_t i = home(id);
    for (; slots_[i] != kAbsent; i = (i + 1) & mask())
      if (articles[slots_[i]].id == id) return false;
    slots_[i] = doc;
    ++count_;
    return true;
  }

  // Removes id; false if it was not there.
  template <class Articles> bool erase(uint64_t id, const Articles &articles) noexcept {
    if (slots_.empty()) return false;
    size_t hole = home(id);
    for (;; hole = (hole + 1) & mask()) {
      if (slots_[hole] == kAbsent) return false;
      if (articles[slots_[hole]].id == id) break;
    }
    // Shift back every later entry of the run whose home does not lie in (hole, j], so that no
    // lookup meets the hole before its entry.
    for (size_t j = (hole + 1) & mask(); slots_[j] != kAbsent; j = (j + 1) & mask()) {
      const size_t h = home(articles[slots_[j]].id);
      const bool stays = hole < j ? (h > hole && h <= j) : (h > hole || h <= j);
      if (stays) continue;
      slots_[hole] = slots_[j];
      hole = j;
    }
    slots_[hole] = kAbsent;
    --count_;
    return true;
  }

  // Room for n ids without growing.
  template <class Articles> void reserve(size_t n, const Articles &articles) {
    if (needs_growth(n)) grow(n, articles);
  }
  void clear() noexcept {
    slots_.clear();
    count_ = 0;
  }
  size_t size() const noexcept { return count_; }

private:
  size_t mask() const noexcept { return slots_.size() - 1; }
  size_t home(uint64_t id) const noexcept {
    return static_cast<size_t>((id * 0x9E3779B97F4A7C15ull) >> shift_);
  }
  // At most 7 of every 10 slots in use: short probe runs in a table of 4 bytes a slot.
  bool needs_growth(size_t n) const noexcept { return n * 10 > slots_.size() * 7; }
  template <class Articles> void grow(size_t n, const Articles &articles) {
    size_t want = 16;
    int bits = 4;
    while (n * 10 > want * 7) {
      want <<= 1;
      ++bits;
    }
    std::vector<uint32_t> old(want, kAbsent);
    old.swap(slots_);
    shift_ = 64 - bits;
    count_ = 0;
    for (uint32_t doc : old)
      if (doc != kAbsent) insert(doc, articles);
  }

  std::vector<uint32_t> slots_;
  size_t count_ = 0;
  int shift_ = 60;
};

}  // namespace caci::detail
