// Lazy decoding of one posting list (block layout: posting_codec.hpp). A block's doc ids and
// frequencies are unpacked when the cursor enters it; its positions only when a reader asks for
// them. seek() skips whole blocks by their headers. Bounds-checked: a corrupt list ends early
// instead of reading out of range, and doc ids past `doc_limit` end it too.
#pragma once

#include "index_impl.hpp"
#include "posting_codec.hpp"

#include <algorithm>
#include <vector>

namespace caci::detail {

class PostingCursor {
public:
  PostingCursor() = default;
  PostingCursor(std::string_view pool, const PostingList &pl, uint32_t doc_limit)
      : limit_(doc_limit) {
    count_ = pl.count;
    if (static_cast<uint64_t>(pl.off) + pl.len <= pool.size()) {
      p_ = reinterpret_cast<const uint8_t *>(pool.data()) + pl.off;
      end_ = p_ + pl.len;
    }
  }
  // Moves to the next entry. false at the end.
  bool next() {
    if (done_) return false;
    if (idx_ + 1 < n_) {
      ++idx_;
      return true;
    }
    return enter_next_block(0);
  }
  // Moves to the first entry with doc >= target. false at the end.
  bool seek(uint32_t target) {
    if (done_) return false;
    if (n_ > 0 && docs_[idx_] >= target) return true;
    if (n_ == 0 || docs_[n_ - 1] < target) {
      if (!enter_next_block(target)) return false;
    }
    // The block holds target or a later doc: galloping is not worth it in 128 entries.
    while (docs_[idx_] < target) ++idx_;
    return true;
  }
  uint32_t doc() const { return docs_[idx_]; }
  uint32_t freq() const { return freqs_[idx_]; }
  bool done() const { return done_; }
  // Entries in the list (the count recorded for it; tombstoned docs included).
  uint32_t count_hint() const { return count_; }
  // The current entry's positions as its first position and count - 1 gaps (each one less than
  // the distance to the next position), valid until the cursor moves to another block. Readers
  // that fold the positions into something else (a bitset) skip writing them out. false if the
  // positions are corrupt.
  bool position_gaps(uint32_t *first, const uint32_t **gaps, uint32_t *count) {
    if (!gaps_ready_) decode_gaps();
    if (!gaps_ok_) return false;
    *first = firsts_[idx_];
    *gaps = gaps_.data() + (starts_[idx_] - idx_);
    *count = freqs_[idx_];
    return true;
  }
  // The current entry's positions (ascending), valid until the cursor moves to another block.
  // Empty if the positions are corrupt.
  const uint32_t *positions(uint32_t *count) {
    if (!positions_ready_) decode_positions();
    if (!positions_ok_) {
      *count = 0;
      return nullptr;
    }
    *count = freqs_[idx_];
    return positions_.data() + starts_[idx_];
  }
  // Appends the current entry's positions (ascending).
  void positions(std::vector<uint32_t> &out) {
    uint32_t n = 0;
    const uint32_t *p = positions(&n);
    out.insert(out.end(), p, p + n);
  }

private:
  bool end() {
    done_ = true;
    n_ = 0;
    idx_ = 0;
    return false;
  }
  // Reads block headers from p_, skipping blocks whose last doc is below `target`, and unpacks
  // the first one that is not.
  bool enter_next_block(uint32_t target) {
    for (;;) {
      if (p_ >= end_) return end();
      uint64_t n1 = 0, delta = 0, span = 0, pos_bytes = 0;
      const uint8_t *p = p_;
      if (!read_varint64(p, end_, n1) || n1 >= kBlockDocs || !read_varint64(p, end_, delta) ||
          !read_varint64(p, end_, span) || end_ - p < 2)
        return end();
      if (delta > limit_ || span > limit_) return end();
      const unsigned kd = p[0], kf = p[1];
      p += 2;
      uint64_t doc_bytes = 0;
      if (kd >= 32 || kf >= 32 || !read_varint64(p, end_, doc_bytes) ||
          !read_varint64(p, end_, pos_bytes))
        return end();
      const uint32_t n = static_cast<uint32_t>(n1) + 1;
      const uint64_t first = base_ + delta, last = first + span;
      if (first >= limit_ || last >= limit_ || (n == 1 && span != 0) || (n > 1 && span < n - 1))
        return end();
      if (doc_bytes > static_cast<uint64_t>(end_ - p) ||
          pos_bytes > static_cast<uint64_t>(end_ - p) - doc_bytes)
        return end();
      const uint8_t *docs_at = p;
      const uint8_t *pos_at = p + doc_bytes;
      p_ = pos_at + pos_bytes;
      base_ = last + 1;
      if (last < target) continue;  // skipped unread
      // Doc gaps, then frequencies.
      uint32_t gaps[kBlockDocs];
      BitReader bits(docs_at, pos_at);
      for (uint32_t i = 0; i + 1 < n; ++i)
        if (!bits.rice(kd, gaps[i])) return end();
      for (uint32_t i = 0; i < n; ++i)
        if (!bits.rice(kf, freqs_[i])) return end();
      uint64_t d = first;
      docs_[0] = static_cast<uint32_t>(first);
      uint32_t total = 0;
      for (uint32_t i = 0; i < n; ++i) {
        if (i > 0) {
          d += static_cast<uint64_t>(gaps[i - 1]) + 1;
          docs_[i] = static_cast<uint32_t>(d);
        }
        if (freqs_[i] >= kMaxFrequency) return end();
        ++freqs_[i];
        starts_[i] = total;
        total += freqs_[i];
      }
      if (d != last) return end();  // the header disagrees with the gaps
      starts_[n] = total;
      n_ = n;
      idx_ = 0;
      pos_at_ = pos_at;
      pos_bytes_ = static_cast<size_t>(pos_bytes);
      positions_ready_ = false;
      gaps_ready_ = false;
      return true;
    }
  }
  void decode_gaps() {
    gaps_ready_ = true;
    gaps_ok_ = false;
    const uint8_t *p = pos_at_, *e = pos_at_ + pos_bytes_;
    const uint32_t total = starts_[n_];
    // Each gap takes at least one bit: more positions than bits means a corrupt block.
    if (p >= e || static_cast<uint64_t>(total - n_) > static_cast<uint64_t>(pos_bytes_) * 8) return;
    if (!(p = unpack_run(p, e, n_, firsts_, 0))) return;
    gaps_.resize(total - n_);
    for (uint32_t done = 0; done < total - n_;) {
      const uint32_t count = std::min(kRunValues, total - n_ - done);
      if (!(p = unpack_run(p, e, count, gaps_.data() + done))) return;
      done += count;
    }
    gaps_ok_ = true;
  }
  void decode_positions() {
    positions_ready_ = true;
    positions_ok_ = false;
    if (!gaps_ready_) decode_gaps();
    if (!gaps_ok_) return;
    positions_.resize(starts_[n_]);
    uint32_t *out = positions_.data();
    const uint32_t *g = gaps_.data();
    for (uint32_t i = 0; i < n_; ++i) {
      // Locals, not members: stores through `out` could alias them and force reloads.
      const uint32_t f = freqs_[i];
      uint64_t pos = firsts_[i];
      out[0] = static_cast<uint32_t>(pos);
      for (uint32_t k = 1; k < f; ++k) {
        pos += static_cast<uint64_t>(g[k - 1]) + 1;
        out[k] = static_cast<uint32_t>(pos);
      }
      if (pos > 0xffffffffull) return;
      out += f;
      g += f - 1;
    }
    positions_ok_ = true;
  }

  const uint8_t *p_ = nullptr, *end_ = nullptr;  // next block header
  uint64_t base_ = 0;                            // smallest doc id the next block may start at
  uint32_t limit_ = 0, count_ = 0;
  uint32_t docs_[kBlockDocs] = {}, freqs_[kBlockDocs] = {}, starts_[kBlockDocs + 1] = {};
  uint32_t n_ = 0, idx_ = 0;
  const uint8_t *pos_at_ = nullptr;
  size_t pos_bytes_ = 0;
  uint32_t firsts_[kBlockDocs] = {};
  bool positions_ready_ = false, positions_ok_ = false, gaps_ready_ = false, gaps_ok_ = false,
       done_ = false;
  std::vector<uint32_t> positions_, gaps_;
};

}  // namespace caci::detail
