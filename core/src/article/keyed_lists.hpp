// Lists of article numbers keyed by strings, in one flat table: the version linker's indexes of
// titles and first words (versions.cpp). They were std::unordered_map<std::string,
// std::vector<uint32_t>>, which allocated a node, a key and a vector for nearly every article and
// took a tenth of the parser's time (perf, 20,000 articles); here the keys share one buffer and
// the lists one pair of arrays.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace caci::parse {

class KeyedLists {
public:
  // Appends `value` to the list of `key`.
  void add(std::string_view key, uint32_t value) {
    if ((used_ + 1) * 4 > slots_.size() * 3) grow();
    const uint64_t hash = hash_of(key);
    Slot &s = slots_[slot_of(key, hash)];
    const auto item = static_cast<uint32_t>(values_.size());
    values_.push_back(value);
    next_.push_back(kEnd);
    if (s.head == kEnd) {
      s.hash = hash;
      s.key_at = keys_.size();
      s.key_len = key.size();
      keys_.append(key);
      s.head = item;
      ++used_;
    } else {
      next_[s.tail] = item;
    }
    s.tail = item;
  }

  // Calls f(value) for every value added under `key`, in the order they were added.
  template <class F> void for_each(std::string_view key, F &&f) const {
    if (slots_.empty()) return;
    for (uint32_t i = slots_[slot_of(key, hash_of(key))].head; i != kEnd; i = next_[i])
      f(values_[i]);
  }

private:
  static constexpr uint32_t kEnd = UINT32_MAX;
  struct Slot {
    uint64_t hash = 0;
    size_t key_at = 0, key_len = 0;
    uint32_t head = kEnd, tail = kEnd;  // head == kEnd: the slot is free
  };

  static uint64_t hash_of(std::string_view key) { return std::hash<std::string_view>{}(key); }

  // The slot holding `key`, or the free slot where it would go (the table is never full).
  size_t slot_of(std::string_view key, uint64_t hash) const {
    const size_t mask = slots_.size() - 1;
    for (size_t i = hash & mask;; i = (i + 1) & mask) {
      const Slot &s = slots_[i];
      if (s.head == kEnd) return i;
      if (s.hash == hash && std::string_view(keys_).substr(s.key_at, s.key_len) == key) return i;
    }
  }

  void grow() {
    std::vector<Slot> old;
    old.swap(slots_);
    slots_.resize(old.empty() ? 1024 : old.size() * 2);
    const size_t mask = slots_.size() - 1;
    for (const Slot &s : old) {
      if (s.head == kEnd) continue;
      size_t i = s.hash & mask;
      while (slots_[i].head != kEnd) i = (i + 1) & mask;
      slots_[i] = s;
    }
  }

  std::vector<Slot> slots_;  // a power of two, at most 3/4 used
  size_t used_ = 0;
  std::string keys_;
  std::vector<uint32_t> values_, next_;  // list items: next_[i] follows i (kEnd: the last)
};

}  // namespace caci::parse
