// Adding and removing articles, and folding buffered postings into the compressed pool.
#include "index_impl.hpp"

#include "../reserve_more.hpp"
#include "huge_pages.hpp"
#include "posting_codec.hpp"
#include "postings.hpp"
#include "thread_priority.hpp"
#include "varint.hpp"

#include <algorithm>
#include <cstring>
#include <memory>

namespace caci {

using namespace detail;

Status IndexImpl::add_article(const ArticleStore &src, const Article &a) {
  if (a.deleted) return Status::einval;
  if (by_id.contains(a.id, store.articles)) return Status::done;
  maybe_fold_pending();
  uint32_t doc = 0;
  Status st = copy_article(src, a, &doc);
  if (st != Status::ok) return st;
  const size_t pending_before = pending.key.size();
  const size_t docs_before = pending.doc_end.size();
  try {
    by_id.insert(doc, store.articles);
    ++live;
    index_article(doc, false);
  } catch (...) {
    // Out of memory half way: leave the article stored but tombstoned and unindexed.
    pending.key.resize(std::min(pending.key.size(), pending_before));
    pending.pos.resize(std::min(pending.pos.size(), pending_before));
    pending.doc_end.resize(docs_before);
    pending.doc_id.resize(docs_before);
    store.articles[doc].deleted = true;
    if (by_id.erase(a.id, store.articles)) --live;
    if (field_len.size() >= static_cast<size_t>(doc + 1) * kFieldCount)
      for (int f = 0; f < kFieldCount; ++f) {
        field_len_total[f] -= field_len[static_cast<size_t>(doc) * kFieldCount + f];
        field_len[static_cast<size_t>(doc) * kFieldCount + f] = 0;
      }
    throw;
  }
  return Status::ok;
}

namespace {

// Geometric growth (reserve_more.hpp), with huge pages advised for a buffer that moved.
template <class Buffer> void reserve_more_huge(Buffer &b, size_t extra) {
  const size_t capacity = b.capacity();
  reserve_more(b, extra);
  if (b.capacity() != capacity) advise_huge_capacity(b);
}

// Room for `n` elements in a fold's scratch array (its contents are not kept).
template <class Vector> void grow_scratch(Vector &v, size_t n) {
  if (v.capacity() >= n) return;
  Vector().swap(v);
  v.reserve(n + n / 8);
  advise_huge_capacity(v);
}

// The last block of a list when it holds fewer than kBlockDocs entries: where it starts in the
// list, the base its doc ids were coded against, and its entries. A fold re-encodes it together
// with the list's new entries, so folding in several steps writes the blocks one fold would.
struct OpenBlock {
  uint32_t prefix = 0;  // bytes of the list before the block
  uint64_t base = 0;
  std::vector<uint32_t> docs, freqs, positions;
};

bool open_last_block(std::string_view pool, const PostingList &pl, OpenBlock &ob) {
  if (pl.count == 0 || static_cast<uint64_t>(pl.off) + pl.len > pool.size()) return false;
  const uint8_t *start = reinterpret_cast<const uint8_t *>(pool.data()) + pl.off;
  const uint8_t *p = start, *end = start + pl.len;
  uint64_t base = 0;
  while (p < end) {
    const uint8_t *block = p;
    uint64_t n1 = 0, delta = 0, span = 0, doc_bytes = 0, pos_bytes = 0;
    if (!read_varint64(p, end, n1) || !read_varint64(p, end, delta) ||
        !read_varint64(p, end, span) || end - p < 2)
      return false;
    p += 2;
    if (!read_varint64(p, end, doc_bytes) || !read_varint64(p, end, pos_bytes) ||
        doc_bytes > static_cast<uint64_t>(end - p) ||
        pos_bytes > static_cast<uint64_t>(end - p) - doc_bytes)
      return false;
    p += doc_bytes + pos_bytes;
    if (p < end) {
      base += delta + span + 1;
      continue;
    }
    if (n1 + 1 >= kBlockDocs) return false;  // full: new entries start a block of their own
    PostingList last;
    last.off = pl.off + static_cast<uint32_t>(block - start);
    last.len = static_cast<uint32_t>(end - block);
    last.count = static_cast<uint32_t>(n1 + 1);
    PostingCursor c(pool, last, 0xffffffffu);  // doc ids relative to `base`
    ob.prefix = static_cast<uint32_t>(block - start);
    ob.base = base;
    ob.docs.clear();
    ob.freqs.clear();
    ob.positions.clear();
    while (c.next()) {
      ob.docs.push_back(static_cast<uint32_t>(c.doc() + base));
      ob.freqs.push_back(c.freq());
      c.positions(ob.positions);
    }
    return ob.docs.size() == n1 + 1 && ob.docs.back() == pl.last_doc;
  }
  return false;
}

}  // namespace

void IndexImpl::reset() {
  join_fold();
  file.reset();
  store.clear();
  {
    auto lock = facts.lock();
    facts.forget_store();
  }
  store_adopted = false;
  countries_while_indexing = false;
  place_of_term.clear();
  by_id.clear();
  file_ids.clear();
  live = 0;
  field_len.clear();
  for (uint64_t &t : field_len_total) t = 0;
  terms.clear();
  term_lists.clear();
  lists.clear();
  list_count = 0;
  pool.clear();
  pending.clear();
  folding.clear();
  fold_sorted.reset();
  fold_sorted_size = 0;
  fold_scratch = FoldScratch();
  std::string().swap(pool_spare);
  carry.clear();
  carry_start.clear();
  carry_spare.clear();
}

void IndexImpl::reserve_for(const ArticleStore &src, bool store_too) {
  size_t text = 0, count = 0;
  for (const Article &a : src.articles)
    if (!a.deleted) {
      text += a.text.length;
      ++count;
    }
  if (store_too) {
    reserve_more_huge(store.body, text);
    reserve_more_huge(store.meta, src.meta.size());
    reserve_more_huge(store.articles, count);
    reserve_more_huge(store.paragraphs, src.paragraphs.size());
    reserve_more_huge(store.authors, src.authors.size());
    reserve_more_huge(store.honorifics, src.honorifics.size());
    reserve_more_huge(store.sections, src.sections.size());
    reserve_more_huge(store.links, src.links.size());
  }
  reserve_more_huge(field_len, count * kFieldCount);
  // About one token per 5.5 bytes of English text, plus author names.
  size_t tokens = text / 5 + src.authors.size() * 3;
  reserve_more_huge(pending.key, tokens);
  reserve_more_huge(pending.pos, tokens);
  reserve_more_huge(pending.doc_end, count);
  reserve_more_huge(pending.doc_id, count);
  // The postings come to about a quarter of the text (0.235 on the 20,000-article archive):
  // reserved once (address space; pages are touched as folds fill them), so that a fold never
  // holds the old pool and a grown copy at once, the peak of a big build.
  reserve_more_huge(pool, text * 3 / 10);
}

namespace {

// Whether text[from, to) holds only ASCII bytes that belong to no token (the breaks between an
// article's paragraphs): tokenizing the text's pieces on either side of it one by one then gives
// the tokens the whole text gives.
bool no_word_between(std::string_view text, size_t from, size_t to) {
  for (size_t i = from; i < to; ++i) {
    const uint8_t b = static_cast<uint8_t>(text[i]);
    if (b >= 0x80 || kAsciiWordLower[b]) return false;
  }
  return true;
}

}  // namespace

void IndexImpl::index_article(uint32_t doc, bool may_fold) {
  if (may_fold) maybe_fold_pending();
  const Article &a = store.articles[doc];
  field_len.resize(static_cast<size_t>(doc + 1) * kFieldCount, 0);
  uint32_t next_pos[kFieldCount] = {};
  bool started[kFieldCount] = {};
  // Countries: article_countries counts the places of the text after the title. When the lead,
  // section and bio paragraphs cover that text in order, with nothing but breaks between them,
  // their tokens are its tokens: counted here. Otherwise the text is scanned after all.
  std::string_view text;
  size_t covered = 0;  // text[0, covered) is accounted for
  bool from_tokens = false;
  if (countries_while_indexing) {
    place_counter.clear();
    if (store.body_in_range(a.text)) {
      text = store.body_text(a.text);
      from_tokens = true;
      if (!a.title.empty() && store.body_in_range(a.title)) {
        const std::string_view title = store.body_text(a.title);
        if (text.substr(0, title.size()) == title) covered = title.size();
      }
    }
  }
  for_each_field_piece(store, a, [&](Field f, std::string_view piece, uint32_t rel) {
    const int fi = static_cast<int>(f);
    if (started[fi]) next_pos[fi] += kParagraphGap;
    started[fi] = true;
    bool count_places = false;
    if (from_tokens && (f == Field::lead || f == Field::sections || f == Field::bio)) {
      from_tokens = rel != kNoOffset && rel >= covered && rel <= text.size() &&
                    piece.size() <= text.size() - rel && (rel > covered || covered == 0) &&
                    no_word_between(text, covered, rel);
      if (from_tokens) covered = rel + piece.size();
      count_places = from_tokens;
    }
    uint32_t pos = next_pos[fi];
    uint32_t count = 0;
    tokenizer.run(piece, [&](std::string_view term, uint32_t, uint32_t) {
      const uint32_t id = terms.intern_padded(term);
      uint32_t &list = term_lists.at(id, fi);
      if (list == kNoList) list = list_count++;
      pending.key.push_back(list);
      pending.pos.push_back(pos++);
      ++count;
      if (count_places) {
        while (place_of_term.size() <= id)
          place_of_term.push_back(
              place_word_of(terms.term(static_cast<uint32_t>(place_of_term.size()))));
        place_counter.note(place_of_term[id]);
      }
    });
    next_pos[fi] = pos;
    field_len[static_cast<size_t>(doc) * kFieldCount + fi] += count;
    field_len_total[fi] += count;
  });
  pending.doc_id.push_back(doc);
  pending.doc_end.push_back(static_cast<uint32_t>(pending.key.size()));
  if (countries_while_indexing) {
    from_tokens = from_tokens && no_word_between(text, covered, text.size());
    int counts[kCountryCount] = {};
    if (from_tokens) place_counter.count(counts);
    int ids[kCountryCount];
    const int n = article_countries_with(store, a, from_tokens ? counts : nullptr, ids);
    uint32_t bits = 0;
    for (int i = 0; i < n; ++i) bits |= 1u << ids[i];
    auto lock = facts.lock();
    facts.set_countries(store, doc, bits);
  }
}

Status IndexImpl::remove(uint64_t id) {
  const uint32_t doc = by_id.find(id, store.articles);
  if (doc == IdTable::kAbsent) return Status::enotfound;
  by_id.erase(id, store.articles);
  store.articles[doc].deleted = true;
  --live;
  if (file) file->unchanged = false;
  for (int f = 0; f < kFieldCount; ++f) field_len_total[f] -= field_length(doc, f);
  return Status::ok;
}

void IndexImpl::finalize() {
  // An opened file nothing was added to has nothing to fold, seal or release: every search of it
  // returns here (in wasm it then never compiles the fold's code, ~6 KB, on its first call).
  if (file && !has_unfolded() && pending.key.empty()) return;
  terms.seal();
  fold_pending(true);
}

void IndexImpl::maybe_fold_pending() {
  if (pending.key.size() < kFoldTokens) return;
  if (background_folds && fold_in_background()) return;
  try {
    fold_pending(false);
  } catch (const std::bad_alloc &) {  // the additions stay buffered; finalize() folds them later
  } catch (const std::length_error &) {
  }
}

bool IndexImpl::fold_in_background() {
#if !CACI_FOLD_THREAD
  return false;  // no threads in this build: every fold runs on the caller's thread
#else
  join_fold();
  if (!folding.doc_end.empty()) return false;  // the last one failed: fold both here
  try {
    lists.resize(list_count);  // the lists this batch may name, created here (not on the thread)
    // The other buffers as big as these (address space: pages are touched as they are written).
    auto as_big = [](std::vector<uint32_t> &v, const std::vector<uint32_t> &like) {
      if (v.capacity() >= like.capacity()) return;
      v.reserve(like.capacity());
      advise_huge_capacity(v);
    };
    as_big(folding.key, pending.key);
    as_big(folding.pos, pending.pos);
    as_big(folding.doc_end, pending.doc_end);
    as_big(folding.doc_id, pending.doc_id);
  } catch (const std::bad_alloc &) {
    return false;
  } catch (const std::length_error &) {
    return false;
  }
  std::swap(pending, folding);  // indexing goes on in the last batch's buffers, already touched
  try {
    fold_thread = std::thread([this, yield = folds_yield] {
      // Beside a compressing thread the fold yields to the build's other threads (issue 13): in
      // `caci index` the thread that compresses the text is the longest chain of the build, and
      // sharing a core with this one delayed it and all that waited for it. Measured (`caci
      // index` of the 20,000-article archive, 8 interleaved runs each): median 1.755 -> 1.69 s,
      // 2.96 -> 2.86 s of CPU; 5, 10 and 19 steps within noise of each other. The fold still
      // runs whenever a core is free, and the indexing thread waits for it before the next fold.
      if (yield) lower_this_thread_priority(kFoldPrioritySteps);
      try {
        fold_batch(folding, false);
      } catch (...) {  // out of memory: `folding` stays as it was, and the next fold takes it
      }
    });
  } catch (...) {  // no thread (none in this build, or none left): the caller folds here
    std::swap(pending, folding);
    return false;
  }
  return true;
#endif
}

void IndexImpl::fold_pending(bool release) {
  join_fold();
  if (lists.size() < list_count) lists.resize(list_count);
  // A batch whose background fold failed holds the earlier docs: it goes first.
  if (!folding.doc_end.empty()) fold_batch(folding, false);
  if (release) folding.release();
  fold_batch(pending, release);
}

void IndexImpl::fold_batch(PendingPostings &batch, bool release) {
  if (batch.doc_end.empty() && (carry.empty() || !release)) {
    if (release) {
      fold_sorted.reset();
      fold_sorted_size = 0;
      std::string().swap(pool_spare);
    }
    return;
  }
  const size_t n = batch.key.size();  // list ids (assigned when the tokens were added)
  // Counting sort of (doc, pos) by list; docs and positions stay in increasing order.
  // The per-list arrays live in fold_scratch, reused by every fold of a build: allocated afresh,
  // each fold faulted in and zeroed tens of megabytes of new pages.
  FoldScratch &fs = fold_scratch;
  std::vector<uint32_t> &start = fs.start;
  grow_scratch(start, lists.size() + 1);
  start.assign(lists.size() + 1, 0);
  for (size_t i = 0; i < n; ++i) ++start[batch.key[i] + 1];
  for (size_t l = 0; l < lists.size(); ++l) start[l + 1] += start[l];
  std::vector<uint32_t> &fill = fs.fill;
  grow_scratch(fill, lists.size());
  fill.assign(start.begin(), start.end() - 1);
  // One 64-bit (doc << 32 | pos) per entry: a single random write per token in the scatter.
  if (fold_sorted_size < n) {
    fold_sorted.reset();
    fold_sorted_size = 0;
    const size_t room = n + n / 8;          // later folds are about as big
    fold_sorted.reset(new uint64_t[room]);  // no zero fill
    fold_sorted_size = room;
    advise_huge_pages(fold_sorted.get(), room * sizeof(uint64_t));
  }
  uint64_t *const sorted = fold_sorted.get();
  size_t i = 0;
  for (size_t d = 0; d < batch.doc_end.size(); ++d) {
    const uint64_t doc = static_cast<uint64_t>(batch.doc_id[d]) << 32;
    for (; i < batch.doc_end[d]; ++i) sorted[fill[batch.key[i]]++] = doc | batch.pos[i];
  }
  // Each list becomes its old blocks followed by blocks of its new entries. The new blocks are
  // encoded aside first (`fresh`, reading the pool as it is), then the pool grows in place: lists
  // move towards its end, the last one first, each followed by its new blocks. One pool in memory
  // (a big build used to hold the old and the new one at each fold), nothing changed until every
  // allocation is made.
  std::string fresh;
  fresh.swap(pool_spare);  // the last fold's buffer: its pages are already faulted in
  fresh.clear();
  const size_t want = n * 3 / 2 + lists.size() * 8;
  if (fresh.capacity() < want) {
    std::string().swap(fresh);
    fresh.reserve(want + want / 4);
    advise_huge_capacity(fresh);
  }
  OpenBlock open;
  // The block being filled: its docs and frequencies, and their positions in entry order.
  uint32_t docs[kBlockDocs], freqs[kBlockDocs];
  uint32_t nd = 0;
  std::vector<uint32_t> &positions = fs.positions;
  size_t npos = 0;
  // Per list: the bytes of its old blocks that stay, and where its new blocks start in `fresh`.
  std::vector<uint32_t> &keep = fs.keep, &fresh_at = fs.fresh_at;
  grow_scratch(keep, lists.size());
  grow_scratch(fresh_at, lists.size() + 1);
  keep.resize(lists.size());  // every list's entries are set below
  fresh_at.resize(lists.size() + 1);
  // Built aside and swapped in at the end, so an allocation failure leaves the index unchanged.
  std::vector<PostingList> &new_lists = fs.new_lists;
  grow_scratch(new_lists, lists.size());
  new_lists.assign(lists.begin(), lists.end());
  // What this fold leaves unencoded (not releasing): each list's last docs short of a block.
  std::vector<uint64_t> next_carry;
  if (release)
    std::vector<uint64_t>().swap(carry_spare);  // nothing is carried on: not kept through the fold
  else
    next_carry.swap(carry_spare);
  next_carry.clear();
  std::vector<uint32_t> &next_carry_start = fs.carry_start;
  next_carry_start.clear();
  if (!release) {
    grow_scratch(next_carry_start, lists.size() + 1);
    next_carry_start.assign(lists.size() + 1, 0);
    // At most every entry carried in and every new one: address space, touched as it is written.
    reserve_more_huge(next_carry, carry.size() + n);
  }
  const bool have_carry = !carry_start.empty();
  for (size_t l = 0; l < lists.size(); ++l) {
    const PostingList &pl = lists[l];
    const uint32_t b = start[l], e = start[l + 1];
    // The list's entries: its carried ones (docs below every new one), then the new ones.
    const bool carries = have_carry && l + 1 < carry_start.size();
    const uint64_t *carried = carries ? carry.data() + carry_start[l] : nullptr;
    const uint32_t carried_n = carries ? carry_start[l + 1] - carry_start[l] : 0;
    PostingList &np = new_lists[l];
    fresh_at[l] = static_cast<uint32_t>(fresh.size());
    if (!release) next_carry_start[l] = static_cast<uint32_t>(next_carry.size());
    keep[l] = pl.len;
    if (carried_n == 0 && b == e) continue;
    // Fewer entries than a block holds docs, and no partly filled block to reopen: no block can
    // be completed, so the entries are all carried on as they are (the carried ones first, as
    // consume() would push them back). Most of a big build's lists are rare words, carried fold
    // after fold: regrouping their entries by doc only to push them back cost `caci index` (20,000
    // articles, 10 interleaved runs) 1.99 against 1.815 s, 3.18 against 2.98 s of CPU. Counting
    // the docs of longer lists for the same test gained nothing more.
    if (!release && carried_n + (e - b) < kBlockDocs &&
        (carried_n > 0 || pl.count % kBlockDocs == 0)) {
      next_carry.insert(next_carry.end(), carried, carried + carried_n);
      next_carry.insert(next_carry.end(), sorted + b, sorted + e);
      continue;
    }
    uint64_t base = pl.count ? static_cast<uint64_t>(pl.last_doc) + 1 : 0;
    nd = 0;
    npos = 0;
    size_t open_positions = 0;
    // A last block that is not full (a list folded by a releasing fold, or read from a file) is
    // re-encoded with the new entries; with a carry the encoded blocks are all full.
    if (carried_n == 0 && pl.count % kBlockDocs != 0 && open_last_block(pool, pl, open)) {
      keep[l] = open.prefix;
      base = open.base;
      np.count -= static_cast<uint32_t>(open.docs.size());
      // The kept blocks' last doc: the next block's base, should all these entries be carried.
      np.last_doc = open.base ? static_cast<uint32_t>(open.base - 1) : 0;
      nd = static_cast<uint32_t>(open.docs.size());
      std::copy(open.docs.begin(), open.docs.end(), docs);
      std::copy(open.freqs.begin(), open.freqs.end(), freqs);
      open_positions = npos = open.positions.size();
    }
    if (positions.size() < open_positions + carried_n + (e - b))
      positions.resize(open_positions + carried_n + (e - b));
    if (open_positions) std::copy(open.positions.begin(), open.positions.end(), positions.begin());
    uint32_t *const pos = positions.data();
    auto encode_block = [&] {
      encode_posting_block(base, docs, freqs, pos, nd, fresh);
      np.count += nd;
      np.last_doc = docs[nd - 1];
      base = static_cast<uint64_t>(np.last_doc) + 1;
      nd = 0;
      npos = 0;
    };
    // Entries of one doc are adjacent and carried docs precede new ones, so no doc spans the two.
    auto consume = [&](const uint64_t *p, const uint64_t *end) {
      while (p < end) {
        const uint32_t doc = static_cast<uint32_t>(*p >> 32);
        const uint64_t *q = p;
        do pos[npos++] = static_cast<uint32_t>(*q++);
        while (q < end && static_cast<uint32_t>(*q >> 32) == doc);
        docs[nd] = doc;
        freqs[nd] = static_cast<uint32_t>(q - p);
        p = q;
        if (++nd == kBlockDocs) encode_block();
      }
    };
    if (carried_n) consume(carried, carried + carried_n);
    consume(sorted + b, sorted + e);
    if (nd == 0) continue;
    if (release) {
      encode_block();  // the list's last, partial block
      continue;
    }
    // Short of a block: carried to the next fold, encoded once when its block is complete.
    for (size_t i = 0, at = 0; i < nd; at += freqs[i], ++i)
      for (uint32_t j = 0; j < freqs[i]; ++j)
        next_carry.push_back(static_cast<uint64_t>(docs[i]) << 32 | pos[at + j]);
  }
  fresh_at[lists.size()] = static_cast<uint32_t>(fresh.size());
  if (!release) next_carry_start[lists.size()] = static_cast<uint32_t>(next_carry.size());
  // New offsets. Moving a list towards the end, last list first, never overwrites a list not yet
  // moved as long as no list starts before its old offset; a re-encoded last block is never
  // shorter than the one it replaces, so this always holds, but it is checked: if it did not, the
  // lists are copied into a new buffer instead.
  // (A pool read from a file has its lists in another order: it is copied too.)
  uint64_t total = 0, old_end = 0;
  bool in_place = true;
  for (size_t l = 0; l < lists.size(); ++l) {
    if (lists[l].len) {
      in_place = in_place && lists[l].off >= old_end && total >= lists[l].off;
      old_end = static_cast<uint64_t>(lists[l].off) + lists[l].len;
    }
    new_lists[l].off = static_cast<uint32_t>(total);
    new_lists[l].len = keep[l] + (fresh_at[l + 1] - fresh_at[l]);
    total += new_lists[l].len;
  }
  if (in_place) {
    if (pool.capacity() < total) {
      std::string grown;
      grown.reserve(release ? total : total + total / 2);  // room for the folds to come
      advise_huge_capacity(grown);
      grown.append(pool);
      pool.swap(grown);
    }
    pool.resize(total);  // within the capacity: no allocation
    char *const base = &pool[0];
    for (size_t l = lists.size(); l-- > 0;) {
      const PostingList &np = new_lists[l];
      if (keep[l] && np.off != lists[l].off)
        std::memmove(base + np.off, base + lists[l].off, keep[l]);
      std::memcpy(base + np.off + keep[l], fresh.data() + fresh_at[l],
                  fresh_at[l + 1] - fresh_at[l]);
    }
  } else {
    std::string out;
    out.reserve(total);
    for (size_t l = 0; l < lists.size(); ++l) {
      out.append(pool, lists[l].off, keep[l]);
      out.append(fresh, fresh_at[l], fresh_at[l + 1] - fresh_at[l]);
    }
    pool.swap(out);
  }
  lists.swap(new_lists);
  carry.swap(next_carry);
  carry_start.swap(next_carry_start);
  carry_spare.swap(next_carry);  // the previous carry's buffer, reused by the next fold
  if (release) {
    std::vector<uint64_t>().swap(carry);
    std::vector<uint64_t>().swap(carry_spare);
    std::vector<uint32_t>().swap(carry_start);
    std::vector<uint32_t>().swap(batch.key);  // a big build's buffers are not kept around
    std::vector<uint32_t>().swap(batch.pos);
    fold_sorted.reset();
    fold_sorted_size = 0;
    fold_scratch = FoldScratch();
  } else {
    pool_spare.swap(fresh);
    batch.key.clear();  // reused (its pages stay touched) by the next articles
    batch.pos.clear();
  }
  batch.doc_end.clear();
  batch.doc_id.clear();
}

}  // namespace caci
