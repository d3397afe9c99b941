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
#include "term_dictionary.hpp"
#include "tokenizer.hpp"

#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>

namespace caci::detail {

constexpr uint32_t kNoList = 0xffffffffu;
// Positions jump by this much between paragraphs (and author names) of one field, so that phrases
// and NEAR (distance <= kMaxNear) never match across a paragraph boundary.
constexpr uint32_t kParagraphGap = 64;

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
    if (static_cast<uint64_t>(r.offset) + r.length > s.body.size()) return;
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
      a.title.empty() || static_cast<uint64_t>(a.title.offset) + a.title.length > s.body.size()
          ? std::string_view()
          : s.body_text(a.title);
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

namespace caci {

class IndexImpl {
public:
  explicit IndexImpl(const IndexOptions &o) : opts(o) {}

  IndexOptions opts;
  ArticleStore store;
  std::unordered_map<uint64_t, uint32_t> by_id;        // live articles only
  std::unordered_map<std::string, uint32_t> file_ids;  // store.files dedup
  size_t live = 0;

  // Per doc, per field: token count (BM25 length); and the live totals per field.
  std::vector<uint32_t> field_len;  // doc * kFieldCount + field
  uint64_t field_len_total[kFieldCount] = {};

  detail::TermDictionary terms;
  std::vector<uint32_t> term_lists;  // term * kFieldCount + field -> list id or kNoList
  std::vector<detail::PostingList> lists;
  std::string pool;

  // Buffered additions, folded in by finalize().
  std::vector<uint32_t> pending_key;  // term * kFieldCount + field
  std::vector<uint32_t> pending_pos;
  std::vector<uint32_t> pending_doc_end;  // per pending doc: end index into pending_key
  std::vector<uint32_t> pending_doc_id;   // per pending doc: its doc id (ascending)

  detail::Tokenizer tokenizer;  // scratch for indexing
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
  void index_article(uint32_t doc);
  bool is_live(uint32_t doc) const {
    return doc < store.articles.size() && !store.articles[doc].deleted;
  }
  // Readers go through these (never the members): an opened file serves them from its bytes.
  std::string_view postings() const { return pool; }
  const detail::PostingList &list(uint32_t l) const { return lists[l]; }
  // Token count of a doc's field (BM25 length); 0 out of range.
  uint32_t field_length(uint32_t doc, int f) const {
    size_t k = static_cast<size_t>(doc) * kFieldCount + static_cast<size_t>(f);
    return k < field_len.size() ? field_len[k] : 0;
  }
  // Document frequency of a term in one field (entries in its list; tombstones included).
  uint32_t field_doc_count(uint32_t term, Field f) const {
    uint32_t l = list_of(term, f);
    return l == detail::kNoList ? 0 : list(l).count;
  }
  uint32_t list_of(uint32_t term, Field f) const {
    size_t k = static_cast<size_t>(term) * kFieldCount + static_cast<size_t>(f);
    return k < term_lists.size() ? term_lists[k] : detail::kNoList;
  }
  // Copies article `a` of `src` into store; sets *doc to the new doc id; einval on bad input.
  Status copy_article(const ArticleStore &src, const Article &a, uint32_t *doc);
  // The same into any store (file names deduplicated through `file_ids`).
  static Status copy_article_to(ArticleStore &dst,
                                std::unordered_map<std::string, uint32_t> &file_ids,
                                const ArticleStore &src, const Article &a, uint32_t *doc);
  // The store was adopted from a parsed document (take_document): its layout is the parser's, so
  // save() writes a canonical copy, byte-identical to what add_document would have built.
  bool store_adopted = false;
};

}  // namespace caci
