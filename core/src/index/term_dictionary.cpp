#include "term_dictionary.hpp"

#include "varint.hpp"

#include <algorithm>
#include <cstring>

namespace caci::detail {

TermDictionary::TermDictionary() : offs_{0}, table_(1024, 0) {}

void TermDictionary::clear() {
  view_offs_ = nullptr;
  view_chars_ = nullptr;
  view_count_ = 0;
  chars_.clear();
  offs_.assign(1, 0);
  table_.assign(1024, 0);
  sorted_.clear();
}

// Word-at-a-time hash (terms are short; FNV's byte-serial multiply chain was a visible cost). Only
// used in memory, so its value may differ between hosts.
uint64_t TermDictionary::hash_of(std::string_view s) const {
  const char *p = s.data();
  size_t n = s.size();
  uint64_t h = 0x9e3779b97f4a7c15ull ^ (n * 0xff51afd7ed558ccdull);
  while (n > 8) {
    uint64_t w;
    std::memcpy(&w, p, 8);
    h = (h ^ w) * 0xbf58476d1ce4e5b9ull;
    h ^= h >> 29;
    p += 8;
    n -= 8;
  }
  // The last 1-8 bytes in at most two fixed-size loads, overlapping when they must (no byte loop
  // and no variable-length memcpy call per token; the length is already in h).
  uint64_t w = 0;
  if (n >= 4) {
    uint32_t lo, hi;
    std::memcpy(&lo, p, 4);
    std::memcpy(&hi, p + n - 4, 4);
    w = lo | static_cast<uint64_t>(hi) << 32;
  } else if (n > 0) {
    w = static_cast<uint8_t>(p[0]) | static_cast<uint64_t>(static_cast<uint8_t>(p[n / 2])) << 8 |
        static_cast<uint64_t>(static_cast<uint8_t>(p[n - 1])) << 16;
  }
  h = (h ^ w) * 0x94d049bb133111ebull;
  return h ^ (h >> 32);
}

namespace {

// Terms are short (about 6 bytes): compared in fixed-size loads (overlapping at the end) instead
// of a memcmp call or a byte loop per token.
inline bool same_bytes(std::string_view a, std::string_view b) {
  const size_t n = a.size();
  if (n != b.size()) return false;
  const char *p = a.data(), *q = b.data();
  if (n >= 8) {
    for (size_t i = 0; i + 8 <= n; i += 8)
      if (std::memcmp(p + i, q + i, 8) != 0) return false;
    return std::memcmp(p + n - 8, q + n - 8, 8) == 0;
  }
  if (n >= 4) return std::memcmp(p, q, 4) == 0 && std::memcmp(p + n - 4, q + n - 4, 4) == 0;
  for (size_t i = 0; i < n; ++i)
    if (p[i] != q[i]) return false;
  return true;
}

}  // namespace

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
  uint64_t h = hash_of(s);
  size_t mask = table_.size() - 1;
  const uint64_t high = static_cast<uint64_t>(static_cast<uint32_t>(h)) << 32;
  for (size_t i = static_cast<size_t>(h) & mask;; i = (i + 1) & mask) {
    const uint64_t slot = table_[i];
    if (!slot) return kNoTerm;
    const uint32_t id = static_cast<uint32_t>(slot) - 1;
    if ((slot & ~uint64_t{0xffffffff}) == high && same_bytes(term(id), s)) return id;
  }
}

uint32_t TermDictionary::intern(std::string_view s) {
  uint64_t h = hash_of(s);
  size_t mask = table_.size() - 1;
  size_t i = static_cast<size_t>(h) & mask;
  const uint64_t high = static_cast<uint64_t>(static_cast<uint32_t>(h)) << 32;
  for (;; i = (i + 1) & mask) {
    const uint64_t slot = table_[i];
    if (!slot) break;
    const uint32_t id = static_cast<uint32_t>(slot) - 1;
    if ((slot & ~uint64_t{0xffffffff}) == high && same_bytes(term(id), s)) return id;
  }
  // Strong guarantee: grow every array first, so an allocation failure changes nothing.
  if (offs_.size() == offs_.capacity()) offs_.reserve(offs_.capacity() * 2 + 16);
  uint32_t id = static_cast<uint32_t>(size());
  chars_.append(s.data(), s.size());
  offs_.push_back(static_cast<uint32_t>(chars_.size()));
  table_[i] = high | (id + 1);
  if (size() * 2 > table_.size()) grow_table();
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
  std::vector<uint64_t> bigger(table_.size() * 2, 0);
  size_t mask = bigger.size() - 1;  // below 2^32: the slot's hash bits pick the position
  for (const uint64_t slot : table_) {
    if (!slot) continue;
    size_t i = static_cast<size_t>(slot >> 32) & mask;
    while (bigger[i]) i = (i + 1) & mask;
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
