#include "term_dictionary.hpp"

#include "varint.hpp"

#include <algorithm>
#include <cstring>

namespace caci::detail {

TermDictionary::TermDictionary() : offs_{0}, table_(1024) {}

void TermDictionary::clear() {
  view_offs_ = nullptr;
  view_chars_ = nullptr;
  view_count_ = 0;
  chars_.clear();
  offs_.assign(1, 0);
  table_.assign(1024, Slot{});
  sorted_.clear();
}

namespace {

// Eight bytes that, with the length, identify a term of at most 8 bytes (its bytes, zero-padded);
// a longer term's first 8 bytes.
inline uint64_t head_of(std::string_view s) {
  uint64_t w = 0;
  if (!s.empty()) std::memcpy(&w, s.data(), std::min<size_t>(s.size(), 8));
  return w;
}

// The same for a term followed by at least 8 readable bytes: one load and a mask.
inline uint64_t padded_head_of(std::string_view s) {
  uint64_t w;
  std::memcpy(&w, s.data(), 8);
  const size_t n = s.size();
  if (n >= 8) return w;
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
  return n ? w & ~(~uint64_t(0) >> (8 * n)) : 0;  // the first bytes are the high ones
#else
  return w & ((uint64_t(1) << (8 * n)) - 1);
#endif
}

// Word-at-a-time hash (terms are short; FNV's byte-serial multiply chain was a visible cost),
// from the head for a term of at most 8 bytes. Only used in memory, so its value may differ
// between hosts (the byte order of the head).
inline uint64_t hash_of(std::string_view s, uint64_t head) {
  size_t n = s.size();
  uint64_t h = 0x9e3779b97f4a7c15ull ^ (n * 0xff51afd7ed558ccdull);
  if (n <= 8) {
    h = (h ^ head) * 0x94d049bb133111ebull;
    return h ^ (h >> 32);
  }
  const char *p = s.data();
  while (n > 8) {
    uint64_t w;
    std::memcpy(&w, p, 8);
    h = (h ^ w) * 0xbf58476d1ce4e5b9ull;
    h ^= h >> 29;
    p += 8;
    n -= 8;
  }
  uint64_t w;
  std::memcpy(&w, p + n - 8, 8);  // the last 8 bytes, overlapping the previous word
  h = (h ^ w) * 0x94d049bb133111ebull;
  return h ^ (h >> 32);
}

inline uint32_t tag_of(uint64_t h, size_t n) {
  return static_cast<uint32_t>(h >> 40) << 8 | static_cast<uint32_t>(std::min<size_t>(n, 255));
}

// Terms longer than 8 bytes are compared in fixed-size loads (overlapping at the end) instead of
// a memcmp call or a byte loop per token.
inline bool same_long_bytes(std::string_view a, std::string_view b) {
  const size_t n = a.size();
  if (n != b.size()) return false;
  const char *p = a.data(), *q = b.data();
  for (size_t i = 0; i + 8 <= n; i += 8)
    if (std::memcmp(p + i, q + i, 8) != 0) return false;
  return std::memcmp(p + n - 8, q + n - 8, 8) == 0;
}

}  // namespace

size_t TermDictionary::slot_of(std::string_view s, uint64_t h, uint64_t head, uint32_t tag) const {
  const size_t mask = table_.size() - 1;
  for (size_t i = static_cast<size_t>(h) & mask;; i = (i + 1) & mask) {
    const Slot &slot = table_[i];
    if (slot.id1 == 0) return i;
    // Equal lengths (up to 8) and heads: the same term. Longer ones are compared.
    if (slot.tag == tag && slot.head == head &&
        (s.size() <= 8 || same_long_bytes(term(slot.id1 - 1), s)))
      return i;
  }
}

uint32_t TermDictionary::find(std::string_view s) const {
  if (view_offs_) {
    uint32_t lo = 0, hi = view_count_;
    while (lo < hi) {
      const uint32_t mid = lo + (hi - lo) / 2;
      const int c = term(mid).compare(s);
      if (c == 0) return mid;
      if (c < 0)
        lo = mid + 1;
      else
        hi = mid;
    }
    return kNoTerm;
  }
  const uint64_t head = head_of(s), h = hash_of(s, head);
  const Slot &slot = table_[slot_of(s, h, head, tag_of(h, s.size()))];
  return slot.id1 ? slot.id1 - 1 : kNoTerm;
}

uint32_t TermDictionary::intern(std::string_view s) {
  const uint64_t head = head_of(s);
  return intern_at(s, hash_of(s, head), head);
}

uint32_t TermDictionary::intern_padded(std::string_view s) {
  const uint64_t head = padded_head_of(s);
  return intern_at(s, hash_of(s, head), head);
}

uint32_t TermDictionary::intern_at(std::string_view s, uint64_t h, uint64_t head) {
  const uint32_t tag = tag_of(h, s.size());
  const size_t i = slot_of(s, h, head, tag);
  if (table_[i].id1) return table_[i].id1 - 1;
  // Strong guarantee: grow every array first, so an allocation failure changes nothing.
  if (offs_.size() == offs_.capacity()) offs_.reserve(offs_.capacity() * 2 + 16);
  uint32_t id = static_cast<uint32_t>(size());
  chars_.append(s.data(), s.size());
  offs_.push_back(static_cast<uint32_t>(chars_.size()));
  table_[i] = Slot{head, tag, id + 1};
  if (size() * 4 > table_.size() * 3) grow_table();
  return id;
}

void TermDictionary::attach_sorted(const uint8_t *offs, const char *chars, uint32_t count) {
  clear();
  std::vector<uint32_t> order(count);
  for (uint32_t i = 0; i < count; ++i) order[i] = i;
  sorted_.swap(order);
  view_offs_ = offs;
  view_chars_ = chars;
  view_count_ = count;
}

void TermDictionary::thaw() {
  if (!view_offs_) return;
  TermDictionary owned;
  const uint32_t a = get_u32le(view_offs_), b = get_u32le(view_offs_ + 4 * size_t(view_count_));
  owned.chars_.reserve(b - a);
  owned.offs_.reserve(size_t(view_count_) + 1);
  for (uint32_t id = 0; id < view_count_; ++id) owned.intern(term(id));
  owned.sorted_ = sorted_;  // the table is sorted: ids in order
  *this = std::move(owned);
}

void TermDictionary::grow_table() {
  std::vector<Slot> bigger(table_.size() * 2);
  const size_t mask = bigger.size() - 1;
  // The slots keep 24 bits of the hash: a bigger table hashes every term again (a growth is rare).
  for (const Slot &slot : table_) {
    if (!slot.id1) continue;
    const std::string_view t = term(slot.id1 - 1);
    size_t i = static_cast<size_t>(hash_of(t, head_of(t))) & mask;
    while (bigger[i].id1) i = (i + 1) & mask;
    bigger[i] = slot;
  }
  table_.swap(bigger);
}

void TermDictionary::seal() {
  size_t old = sorted_.size();
  if (old == size()) return;
  auto less = [this](uint32_t a, uint32_t b) { return term(a) < term(b); };
  // Built aside: an allocation failure leaves the previous (valid) order in place.
  std::vector<uint32_t> next;
  next.reserve(size());
  next = sorted_;
  for (uint32_t id = static_cast<uint32_t>(old); id < size(); ++id) next.push_back(id);
  std::sort(next.begin() + static_cast<std::ptrdiff_t>(old), next.end(), less);
  std::vector<uint32_t> merged(next.size());
  std::merge(next.begin(), next.begin() + static_cast<std::ptrdiff_t>(old),
             next.begin() + static_cast<std::ptrdiff_t>(old), next.end(), merged.begin(), less);
  sorted_.swap(merged);
}

void TermDictionary::prefix_terms(std::string_view prefix, std::vector<uint32_t> &out) const {
  const std::vector<uint32_t> &s = sorted();
  auto it = std::lower_bound(s.begin(), s.end(), prefix,
                             [this](uint32_t id, std::string_view p) { return term(id) < p; });
  for (; it != s.end(); ++it) {
    std::string_view t = term(*it);
    if (t.substr(0, prefix.size()) != prefix) break;
    out.push_back(*it);
  }
}

}  // namespace caci::detail
