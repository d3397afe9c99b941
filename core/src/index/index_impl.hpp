// The state behind caci::Index, shared by the builder, the file format and the searcher.
//
// Postings: one list per (term, field), a byte range of `pool` holding bit-packed blocks of up to
// 128 entries (doc id, frequency, positions; layout in posting_codec.hpp). Doc ids are indexes
// into store.articles and only grow, so new articles append blocks to the end of a list. Additions
// are buffered as (list key, position) pairs and folded into the pool by finalize() (a counting
// sort; called lazily before a search or save). Removal tombstones the article
// (store.articles[i].deleted): postings keep it but every reader skips it, and the BM25 statistics
// exclude it.
#pragma once

#include "caci/core/index.hpp"

#include "article_facts.hpp"
#include "file_bytes.hpp"
#include "id_table.hpp"
#include "place_counter.hpp"
#include "term_dictionary.hpp"
#include "term_lists.hpp"
#include "tokenizer.hpp"

#include <atomic>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <unordered_map>
#include <vector>

namespace caci::detail {

struct TextPieces;  // lazy_text.hpp

// Positions jump by this much between paragraphs (and author names) of one field, so that phrases
// and NEAR (distance <= kMaxNear, 32) never match across a paragraph boundary (evaluator.hpp
// checks it). No more than that: positions are stored, and 64 made the file 1.1 MB bigger on the
// 20,000-article archive (larger first positions, and wider runs of gaps across paragraphs).
constexpr uint32_t kParagraphGap = 33;

struct PostingList {
  uint32_t off = 0;  // blocks [off, off + len) of the pool
  uint32_t len = 0;
  uint32_t count = 0;     // entries (docs), tombstoned ones included
  uint32_t last_doc = 0;  // last doc id, the base of the next block
};

// Calls fn(Field, std::string_view text, uint32_t text_offset_in_article_or_npos) for every
// indexed piece of an article, in position order. Author names live in the meta buffer and have no
// offset into the article text (kNoOffset).
constexpr uint32_t kNoOffset = 0xffffffffu;
template <class Fn> void for_each_field_piece(const ArticleStore &s, const Article &a, Fn &&fn) {
  auto body_piece = [&](Field f, TextRef r) {
    if (!s.body_in_range(r)) return;
    uint32_t rel = r.offset >= a.text.offset ? r.offset - a.text.offset : kNoOffset;
    fn(f, s.body_text(r), rel);
  };
  auto paragraphs = [&](Field f, Range range) {
    for (uint32_t i = 0; i < range.count; ++i) {
      size_t k = static_cast<size_t>(range.begin) + i;
      if (k >= s.paragraphs.size()) return;
      body_piece(f, s.paragraphs[k]);
    }
  };
  if (!a.title.empty()) body_piece(Field::title, a.title);
  // Link titles (a teaser's PDF, a download's title) are searchable as titles too; a title that
  // came from the link is not counted twice.
  const std::string_view title =
      a.title.empty() || !s.body_in_range(a.title) ? std::string_view() : s.body_text(a.title);
  for (uint32_t i = 0; i < a.links.count; ++i) {
    size_t k = static_cast<size_t>(a.links.begin) + i;
    if (k >= s.links.size()) break;
    TextRef r = s.links[k].title;
    if (r.empty() || static_cast<uint64_t>(r.offset) + r.length > s.meta.size()) continue;
    if (s.meta_text(r) == title) continue;
    fn(Field::title, s.meta_text(r), kNoOffset);
  }
  for (uint32_t i = 0; i < a.authors.count; ++i) {
    size_t k = static_cast<size_t>(a.authors.begin) + i;
    if (k >= s.authors.size()) break;
    TextRef r = s.authors[k].name;
    if (static_cast<uint64_t>(r.offset) + r.length > s.meta.size()) continue;
    fn(Field::authors, s.meta_text(r), kNoOffset);
  }
  paragraphs(Field::lead, a.lead);
  for (uint32_t i = 0; i < a.sections.count; ++i) {
    size_t k = static_cast<size_t>(a.sections.begin) + i;
    if (k >= s.sections.size()) break;
    paragraphs(Field::sections, s.sections[k].paragraphs);
  }
  paragraphs(Field::bio, a.bio);
}

}  // namespace caci::detail

namespace caci::detail {

// What an index opened from a format-3 file reads in place (index_file_v3.cpp checked every
// offset and count when it opened the file). Posting bytes are checksummed per page of
// kPostingPageBytes, verified the first time a list on that page is read.
constexpr size_t kPostingPageBytes = 64 * 1024;
constexpr size_t kListRecordBytes = 16;  // u32 off, len, count, last doc
struct FileView {
  std::shared_ptr<const FileBytes> bytes;
  const uint8_t *first_list = nullptr;  // per term: u32 index of its first list record
  const uint8_t *masks = nullptr;       // per term: u8 field mask
  const uint8_t *lists = nullptr;       // list records
  uint32_t list_count = 0;
  std::string_view pool;
  const uint8_t *page_sums = nullptr;                  // u64 per posting page
  std::unique_ptr<std::atomic<uint8_t>[]> page_state;  // 0 unchecked, 1 good, 2 corrupt
  const uint8_t *field_len = nullptr;                  // per doc and field, field_len_bytes each
  size_t field_len_count = 0;
  size_t field_len_bytes = 4;  // 2 when every length fits (the section's size tells)
  bool unchanged = true;  // nothing removed or re-optioned since opening: save() copies the bytes

  // Whether the posting pages covering [off, off + len) match their checksums.
  bool pages_ok(uint64_t off, uint64_t len) const noexcept;
  // The k-th token count of the doc lengths section (k < field_len_count).
  uint32_t field_length_at(size_t k) const {
    const uint8_t *at = field_len + field_len_bytes * k;
    return field_len_bytes == 2 ? get_u16le(at) : get_u32le(at);
  }
};

}  // namespace caci::detail

// Whether a build folds on a second thread (not in a wasm build without threads).
#if defined(__EMSCRIPTEN__) && !defined(__EMSCRIPTEN_PTHREADS__)
#define CACI_FOLD_THREAD 0
#else
#define CACI_FOLD_THREAD 1
#endif

namespace caci {

class IndexImpl {
public:
  explicit IndexImpl(const IndexOptions &o) : opts(o) {}
  ~IndexImpl() { join_fold(); }
  IndexImpl(const IndexImpl &) = delete;
  IndexImpl &operator=(const IndexImpl &) = delete;

  IndexOptions opts;
  ArticleStore store;
  detail::IdTable by_id;  // live articles only
  // store.files dedup, for adding articles; an opened file builds it in make_mutable().
  std::unordered_map<std::string, uint32_t> file_ids;
  size_t live = 0;

  // Per doc, per field: token count (BM25 length); and the live totals per field.
  std::vector<uint32_t> field_len;  // doc * kFieldCount + field
  uint64_t field_len_total[kFieldCount] = {};

  detail::TermDictionary terms;
  detail::TermLists term_lists;  // (term, field) -> list id or kNoList
  std::vector<detail::PostingList> lists;
  std::string pool;

  // Postings not yet in the pool: per token its list id and position, per doc where its tokens
  // end and its id (ascending).
  struct PendingPostings {
    std::vector<uint32_t> key, pos, doc_end, doc_id;
    void clear() {
      key.clear();
      pos.clear();
      doc_end.clear();
      doc_id.clear();
    }
    void release() {
      std::vector<uint32_t>().swap(key);
      std::vector<uint32_t>().swap(pos);
      std::vector<uint32_t>().swap(doc_end);
      std::vector<uint32_t>().swap(doc_id);
    }
  };
  // Buffered additions, folded in by finalize().
  PendingPostings pending;
  // List ids handed out: `lists` holds them all once the folds are done. (A background fold owns
  // `lists` while it runs, so indexing counts new lists here instead of growing it.)
  uint32_t list_count = 0;
  // A big build (bulk_build()) folds each kFoldTokens tokens on a second thread while the next
  // ones are tokenized: `folding` is the batch it reads, and it owns lists, pool, carry and the
  // fold buffers until joined. A batch whose fold failed (out of memory) stays in `folding`, and
  // the next fold takes it first.
  PendingPostings folding;
#if CACI_FOLD_THREAD
  std::thread fold_thread;
#endif
  bool background_folds = false;
  // Whether a background fold lowers its priority (thread_priority.hpp): only while a thread
  // compresses the text beside the build (take_document for a save), where three threads share
  // the cores and the compressing one is the build's longest chain.
  bool folds_yield = false;
  // Kept from one fold to the next of a big build, so that each fold does not fault fresh pages
  // in for them (freed by the releasing fold): the sorted entries, and the buffer the new blocks
  // are encoded into before the pool grows in place.
  std::unique_ptr<uint64_t[]> fold_sorted;
  size_t fold_sorted_size = 0;
  std::string pool_spare;
  // The unencoded ends of a big build's lists: a fold that does not release encodes only whole
  // blocks of kBlockDocs docs and keeps each list's remaining entries here (doc << 32 | position,
  // by list, then doc and position), so each entry is encoded once instead of once per fold
  // (re-encoding the last blocks was 9.5 M positions for 21 M new ones on the 20,000-article
  // archive); the releasing fold encodes them. carry_start: per list + 1 at the last fold (lists
  // created since carry nothing); empty when nothing is carried. carry_spare: the buffer reused.
  std::vector<uint64_t> carry, carry_spare;
  std::vector<uint32_t> carry_start;
  // A fold's per-list arrays (and the positions of one list), kept from one fold to the next of a
  // big build. carry_start: the next fold's carry_start, swapped with it.
  struct FoldScratch {
    std::vector<uint32_t> start, fill, keep, fresh_at, carry_start, positions;
    std::vector<detail::PostingList> new_lists;
  };
  FoldScratch fold_scratch;

  detail::Tokenizer tokenizer;  // scratch for indexing
  // Set while take_document builds an index to be saved: index_article also records each
  // article's countries (facts), counting its places from the tokens it makes anyway (issue 13:
  // a second scan of the whole text was 7% of `caci index`). place_of_term: per term id, its
  // place word or -1, for the ids seen so far.
  bool countries_while_indexing = false;
  std::vector<int32_t> place_of_term;
  detail::PlaceCounter place_counter;
  // Search v2, people and countries (helper h3): the alias table (section s_author_aliases; see
  // people.hpp) and the people and countries derived from the store on first use.
  detail::AuthorAliases author_aliases;
  mutable detail::ArticleFacts facts;
  std::mutex finalize_mutex;

  Status add_article(const ArticleStore &src, const Article &a);
  // Grows every buffer once for a batch of articles, instead of by repeated doubling (each
  // doubling copies and touches fresh pages, which dominated build time). store_too = false: only
  // the indexing buffers (the store was adopted).
  void reserve_for(const ArticleStore &src, bool store_too = true);
  // Whether every reference of `a` lies inside `src` (what copy_article checks before copying).
  static bool article_refs_ok(const ArticleStore &src, const Article &a);
  // Empties the index without allocating (used after a failed adoption).
  void reset();
  Status remove(uint64_t id);
  void finalize();  // folds pending additions into the pool
  // Tokenizes stored article `doc` into the pending additions. may_fold: first folds them into the
  // pool if there are kFoldTokens or more (the caller must not be keeping rollback sizes).
  void index_article(uint32_t doc, bool may_fold = true);
  // A big build folds its pending additions every kFoldTokens tokens, so that they (8 bytes a
  // token, plus 8 more while folding) never hold more than a few tens of megabytes; a fold keeps
  // the blocks one fold would write (a list's entries short of a whole block are carried to the
  // next fold, and a partial block left by a releasing fold is re-encoded with the new entries),
  // so the file does not depend on where the folds happened.
  static constexpr size_t kFoldTokens = size_t(1) << 20;
  // How much lower than its creator's a yielding fold's priority is (folds_yield).
  static constexpr int kFoldPrioritySteps = 10;
  void maybe_fold_pending();        // folds if kFoldTokens are pending; an allocation failure waits
  void fold_pending(bool release);  // release: frees the pending buffers' capacity too
  // Folds `batch` into the pool (strong guarantee: on an allocation failure nothing changed).
  void fold_batch(PendingPostings &batch, bool release);
  // Starts folding the pending batch on a second thread; false if no thread could be started.
  bool fold_in_background();
  void join_fold() {
#if CACI_FOLD_THREAD
    if (fold_thread.joinable()) fold_thread.join();
#endif
  }
  // Whether any addition is not in the pool yet.
  bool has_unfolded() const {
    return !pending.doc_end.empty() || !folding.doc_end.empty() || !carry.empty();
  }
  // For the span of one bulk addition: folds run on a second thread, all joined at the end.
  // folds_yield: see IndexImpl::folds_yield.
  class BulkBuild {
  public:
    explicit BulkBuild(IndexImpl &ix, bool folds_yield = false) : ix_(ix) {
      ix_.background_folds = true;
      ix_.folds_yield = folds_yield;
    }
    ~BulkBuild() {
      ix_.join_fold();
      ix_.background_folds = false;
      ix_.folds_yield = false;
    }
    BulkBuild(const BulkBuild &) = delete;
    BulkBuild &operator=(const BulkBuild &) = delete;

  private:
    IndexImpl &ix_;
  };
  bool is_live(uint32_t doc) const {
    return doc < store.articles.size() && !store.articles[doc].deleted;
  }
  // Readers go through these (never the members): an opened file serves them from its bytes.
  std::string_view postings() const {
    return file ? file->pool : std::string_view(pool);
  }
  detail::PostingList list(uint32_t l) const {
    // Lists created since the last fold are not in `lists` yet (empty until folded).
    if (!file) return l < lists.size() ? lists[l] : detail::PostingList{};
    const uint8_t *r = file->lists + static_cast<size_t>(l) * detail::kListRecordBytes;
    detail::PostingList pl;
    pl.off = detail::get_u32le(r);
    pl.len = detail::get_u32le(r + 4);
    pl.count = detail::get_u32le(r + 8);
    pl.last_doc = detail::get_u32le(r + 12);
    // A list on a corrupt page reads as empty.
    if (!file->pages_ok(pl.off, pl.len)) pl.len = 0;
    return pl;
  }
  // Token count of a doc's field (BM25 length); 0 out of range.
  uint32_t field_length(uint32_t doc, int f) const {
    size_t k = static_cast<size_t>(doc) * kFieldCount + static_cast<size_t>(f);
    if (file) return k < file->field_len_count ? file->field_length_at(k) : 0;
    return k < field_len.size() ? field_len[k] : 0;
  }
  // Document frequency of a term in one field (entries in its list; tombstones included).
  uint32_t field_doc_count(uint32_t term, Field f) const {
    uint32_t l = list_of(term, f);
    return l == detail::kNoList ? 0 : list(l).count;
  }
  uint32_t list_of(uint32_t term, Field f) const {
    if (file) {
      if (term >= terms.size()) return detail::kNoList;
      const uint32_t mask = file->masks[term], bit = 1u << static_cast<uint32_t>(f);
      if (!(mask & bit)) return detail::kNoList;
      return detail::get_u32le(file->first_list + 4 * static_cast<size_t>(term)) +
             static_cast<uint32_t>(__builtin_popcount(mask & (bit - 1)));
    }
    return term_lists.get(term, static_cast<int>(f));
  }
  // Copies article `a` of `src` into store; sets *doc to the new doc id; einval on bad input.
  Status copy_article(const ArticleStore &src, const Article &a, uint32_t *doc);
  // The same into any store (file names deduplicated through `file_ids`). With `pieces` (whose base
  // is src.body), the body text is not copied into dst.body: its ranges are appended to `pieces`.
  static Status copy_article_to(ArticleStore &dst,
                                std::unordered_map<std::string, uint32_t> &file_ids,
                                const ArticleStore &src, const Article &a, uint32_t *doc,
                                detail::TextPieces *pieces = nullptr);
  // The store was adopted from a parsed document (take_document): its layout is the parser's, so
  // save() writes a canonical copy, byte-identical to what add_document would have built.
  bool store_adopted = false;

  // Set when opened from a format-3 file: terms, lists, postings and field lengths are read from
  // its bytes (the members above stay empty) and the store's text is decoded on demand.
  std::unique_ptr<detail::FileView> file;
  // Before any change to an opened index: copies what it reads in place into its own members (the
  // article text too), so it can be added to. enomem / ecorrupt (a text chunk that does not
  // decode).
  Status make_mutable();
};

}  // namespace caci
