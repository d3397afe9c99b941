// Lazy decoding of one posting list (see index_impl.hpp for the layout). Bounds-checked: a corrupt
// list ends early instead of reading out of range, and doc ids past `doc_limit` end it too.
#pragma once

#include "index_impl.hpp"
#include "varint.hpp"

#include <algorithm>

namespace caci::detail {

class PostingCursor {
public:
  PostingCursor() = default;
  PostingCursor(const std::string &pool, const PostingList &pl, uint32_t doc_limit) : limit_(doc_limit) {
    const auto *base = reinterpret_cast<const uint8_t *>(pool.data());
    if (static_cast<uint64_t>(pl.docs_off) + pl.docs_len <= pool.size() &&
        static_cast<uint64_t>(pl.pos_off) + pl.pos_len <= pool.size()) {
      dp_ = base + pl.docs_off;
      dend_ = dp_ + pl.docs_len;
      pp_ = base + pl.pos_off;
      pend_ = pp_ + pl.pos_len;
    }
  }
  // Moves to the next entry. false at the end.
  bool next() {
    // Positions are skipped lazily: a reader that never asks for them (counting, BM25 of single
    // terms) never walks the position stream at all.
    owed_ += unread_;
    unread_ = 0;
    uint32_t delta = 0, freq = 0;
    if (dp_ >= dend_ || !read_varint32(dp_, dend_, delta) || !read_varint32(dp_, dend_, freq)) return end();
    uint64_t d = started_ ? static_cast<uint64_t>(doc_) + delta : delta;
    if ((started_ && delta == 0) || d >= limit_ || freq == 0) return end();
    started_ = true;
    doc_ = static_cast<uint32_t>(d);
    freq_ = freq;
    unread_ = freq;
    return true;
  }
  // Moves to the first entry with doc >= target. false at the end.
  bool seek(uint32_t target) {
    if (started_ && !done_ && doc_ >= target) return true;
    while (next())
      if (doc_ >= target) return true;
    return false;
  }
  uint32_t doc() const { return doc_; }
  uint32_t freq() const { return freq_; }
  bool done() const { return done_; }
  // Appends the current doc's positions (ascending). Call at most once per entry.
  void positions(std::vector<uint32_t> &out) {
    skip_positions();
    uint32_t pos = 0;
    // Every position takes at least one byte, so this never over-reserves on a corrupt count.
    out.reserve(out.size() + std::min<size_t>(unread_, static_cast<size_t>(pend_ - pp_)));
    for (; unread_ > 0; --unread_) {
      uint32_t delta = 0;
      if (pp_ < pend_ && *pp_ < 0x80) {
        delta = *pp_++;  // most deltas fit in one byte
      } else if (!read_varint32(pp_, pend_, delta)) {
        unread_ = 0;
        pp_ = pend_;
        return;
      }
      pos += delta;
      out.push_back(pos);
    }
  }

private:
  bool end() {
    done_ = true;
    dp_ = dend_;
    return false;
  }
  void skip_positions() {  // the positions of the entries passed over since the last read
    for (; owed_ > 0; --owed_) {
      while (pp_ < pend_ && (*pp_ & 0x80)) ++pp_;
      if (pp_ < pend_) ++pp_;
    }
  }
  const uint8_t *dp_ = nullptr, *dend_ = nullptr, *pp_ = nullptr, *pend_ = nullptr;
  uint32_t limit_ = 0;
  uint32_t doc_ = 0, freq_ = 0, unread_ = 0;
  uint64_t owed_ = 0;  // positions of earlier entries not yet skipped
  bool started_ = false, done_ = false;
};

} // namespace caci::detail
