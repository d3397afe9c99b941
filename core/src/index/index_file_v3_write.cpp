// Writes format 3 of the index file (the layout: index_file_v3.cpp).
#include "../reserve_more.hpp"
#include "article_facts.hpp"
#include "byte_io.hpp"
#include "index_file.hpp"
#include "index_file_v3_layout.hpp"
#include "lazy_text.hpp"
#include "meta_strings.hpp"
#include "people.hpp"
#include "posting_codec.hpp"
#include "sections.hpp"
#include "store_codec.hpp"

#include "caci/core/normalize.hpp"
#include "caci/core/versions.hpp"

#include <algorithm>
#include <cstring>
#include <new>

namespace caci::detail {

using namespace v3;

namespace {

struct OutSection {
  uint32_t id;
  std::string_view bytes;
  uint32_t flags = 0;
};

void append_u32s(std::string &out, const std::vector<uint32_t> &v) {
  reserve_more(out, v.size() * 4);
  for (uint32_t x : v) put_u32le(out, x);
}

}  // namespace

Status write_v3(const IndexImpl &ix, const SaveOptions &save_opts, ByteSink &sink) {
  // An adopted store has the parser's layout: write the layout add_document builds instead, so
  // that the same pages always give the same file. Only the small arrays are rebuilt; the text is
  // streamed from the adopted buffer piece by piece (no second copy of it).
  ArticleStore canonical, stripped;
  TextPieces pieces;
  const ArticleStore *store = &ix.store;
  const TextPieces *text_pieces = nullptr;
  if (ix.store_adopted) {
    std::unordered_map<std::string, uint32_t> file_ids;
    pieces.base = ix.store.body;
    canonical.articles.reserve(ix.store.articles.size());
    canonical.paragraphs.reserve(ix.store.paragraphs.size());
    canonical.authors.reserve(ix.store.authors.size());
    canonical.honorifics.reserve(ix.store.honorifics.size());
    canonical.sections.reserve(ix.store.sections.size());
    canonical.links.reserve(ix.store.links.size());
    canonical.meta.reserve(ix.store.meta.size());
    for (const Article &a : ix.store.articles) {
      uint32_t doc = 0;
      if (failed(IndexImpl::copy_article_to(canonical, file_ids, ix.store, a, &doc, &pieces)))
        return Status::einternal;  // adoption checked every reference
      canonical.articles.back().deleted = a.deleted;
    }
    store = &canonical;
    text_pieces = &pieces;
  }
  if (!save_opts.store_text) {
    strip_text(*store, stripped, text_pieces);
    store = &stripped;
    text_pieces = nullptr;
  }
  std::string options, store_meta, extras, terms, lists, doclen, text_table, text_data, sums;
  std::string aliases, countries, versions;
  {
    // Per article: the count of its other versions, then their doc numbers (varints).
    ByteWriter w{versions};
    w.var(ix.store.articles.size());
    for (const Article &a : ix.store.articles) {
      w.var(a.versions.size());
      for (uint32_t v : a.versions) w.var(v);
    }
  }
  encode_author_aliases(ix, aliases);
  encode_article_countries(ix, countries);
  put_u32le(options, kFieldCount);
  put_f32(options, ix.opts.k1);
  put_f32(options, ix.opts.b);
  for (float f : ix.opts.field_weights) put_f32(options, f);
  // Option flags: bit 0 stemming off, bit 1 name variants off (the defaults are 0).
  put_u32le(options, (ix.opts.stemming ? 0u : 1u) | (ix.opts.name_variants ? 0u : 2u));
  for (uint64_t t : ix.field_len_total) put_u64le(options, t);

  {
    const MetaStrings meta(*store);  // each distinct string once
    encode_store(*store, store_meta, StoreText::separate,
                 text_pieces ? &text_pieces->size : nullptr, &meta);
    encode_store_extras(*store, extras, &meta);
  }
  // save() makes an opened index mutable (its text decoded) before it writes anything else; a
  // built index whose text was compressed as it was built (take_document with save options)
  // writes those chunks as they are (the sections encode() would write for that text).
  std::string_view text_table_bytes, text_data_bytes;
  if (store->lazy_body) {
    if (ix.file || text_pieces) return Status::einternal;
    text_table_bytes = store->lazy_body->table_section();
    text_data_bytes = store->lazy_body->data_section();
  } else {
    if (const Status st =
            text_pieces ? LazyText::encode(*text_pieces, text_table, text_data, save_opts.threads)
                        : LazyText::encode(store->body, text_table, text_data, save_opts.threads);
        failed(st))
      return st;
    text_table_bytes = text_table;
    text_data_bytes = text_data;
  }

  // Terms in sorted order, each with its non-empty lists; the pool is written as it is, so the
  // records keep their offsets into it.
  const std::vector<uint32_t> &sorted = ix.terms.sorted();
  const uint32_t nterms = static_cast<uint32_t>(sorted.size());
  size_t term_bytes = 0;
  for (uint32_t id : sorted) term_bytes += ix.terms.term(id).size();
  terms.reserve(8 + 4 * (static_cast<size_t>(nterms) + 1) + term_bytes);
  put_u32le(terms, nterms);
  put_u32le(terms, 0);
  uint32_t at = 0;
  put_u32le(terms, 0);
  for (uint32_t id : sorted) {
    at += static_cast<uint32_t>(ix.terms.term(id).size());
    put_u32le(terms, at);
  }
  for (uint32_t id : sorted) terms.append(ix.terms.term(id));

  std::vector<uint32_t> first(nterms);
  std::string masks(nterms, '\0'), records;
  uint32_t nlists = 0;
  for (uint32_t i = 0; i < nterms; ++i) {
    first[i] = nlists;
    uint8_t mask = 0;
    for (int f = 0; f < kFieldCount; ++f) {
      const uint32_t l = ix.list_of(sorted[i], static_cast<Field>(f));
      if (l == kNoList) continue;
      const PostingList pl = ix.list(l);
      if (pl.count == 0) continue;  // an empty list is left by a failed add
      mask = static_cast<uint8_t>(mask | (1u << f));
      put_u32le(records, pl.off);
      put_u32le(records, pl.len);
      put_u32le(records, pl.count);
      put_u32le(records, pl.last_doc);
      ++nlists;
    }
    masks[i] = static_cast<char>(mask);
  }
  put_u32le(lists, nterms);
  put_u32le(lists, nlists);
  append_u32s(lists, first);
  lists += masks;
  lists.append((4 - lists.size() % 4) % 4, '\0');
  lists += records;

  const std::string_view pool = ix.postings();
  const size_t pages = (pool.size() + kPostingPageBytes - 1) / kPostingPageBytes;
  put_u32le(sums, static_cast<uint32_t>(kPostingPageBytes));
  put_u32le(sums, static_cast<uint32_t>(pages));
  for (size_t p = 0; p < pages; ++p) {
    const std::string_view page = pool.substr(p * kPostingPageBytes, kPostingPageBytes);
    put_u64le(sums, checksum64(reinterpret_cast<const uint8_t *>(page.data()), page.size()));
  }

  const size_t ndocs = ix.store.articles.size();
  // Two bytes per length when every one fits (articles of up to 65,535 tokens per field: all of
  // them in practice), which halves the section; the reader tells the width from its size.
  bool narrow = true;
  for (size_t d = 0; d < ndocs && narrow; ++d)
    for (int f = 0; f < kFieldCount; ++f)
      narrow = narrow && ix.field_length(static_cast<uint32_t>(d), f) <= 0xffffu;
  doclen.reserve(ndocs * kFieldCount * (narrow ? 2 : 4));
  for (size_t d = 0; d < ndocs; ++d)
    for (int f = 0; f < kFieldCount; ++f) {
      const uint32_t len = ix.field_length(static_cast<uint32_t>(d), f);
      if (narrow) {
        doclen.push_back(static_cast<char>(len));
        doclen.push_back(static_cast<char>(len >> 8));
      } else {
        put_u32le(doclen, len);
      }
    }

  const OutSection secs[] = {
      {s_options, options},
      {s_store, store_meta},
      {s_store_extras, extras},
      {s_terms, terms},
      {s_lists, lists},
      {s_doclen, doclen},
      {s_posting_sums, sums},
      {s_text_table, text_table_bytes},
      {s_author_aliases, aliases},
      {s_article_countries, countries},
      {s_versions, versions},
      {s_postings, pool, kSectionLazy},
      {s_text_data, text_data_bytes, kSectionLazy},
  };
  const size_t nsec = sizeof secs / sizeof secs[0];
  auto align8 = [](uint64_t x) { return (x + 7) & ~uint64_t(7); };
  std::string head;
  put_header_start(head, kFormatVersion, kMinReaderVersion,
                   nsec);  // length and checksum patched below
  uint64_t offset = align8(kHeaderSize + nsec * kEntryBytes);
  for (const OutSection &s : secs) {
    put_u32le(head, s.id);
    put_u32le(head, s.flags);
    put_u64le(head, offset);
    put_u64le(head, s.bytes.size());
    put_u64le(head,
              s.flags & kSectionLazy
                  ? 0
                  : checksum64(reinterpret_cast<const uint8_t *>(s.bytes.data()), s.bytes.size()));
    offset += s.bytes.size();
    if (&s != &secs[nsec - 1]) offset = align8(offset);
  }
  const uint64_t total = offset;  // no padding after the last section
  std::string patch;
  put_u64le(patch, total);
  head.replace(16, 8, patch);
  patch.clear();
  put_u64le(patch,
            index_file_checksum(reinterpret_cast<const uint8_t *>(head.data()), head.size()));
  head.replace(24, 8, patch);
  head.append(align8(head.size()) - head.size(), '\0');

  static const char zeros[8] = {};
  if (auto *sized = dynamic_cast<SizedSink *>(&sink)) sized->expect(total);
  if (!sink.write(head.data(), head.size())) return Status::eio;
  for (const OutSection &s : secs) {
    if (!sink.write(s.bytes.data(), s.bytes.size())) return Status::eio;
    if (&s == &secs[nsec - 1]) break;
    const size_t pad = static_cast<size_t>(align8(s.bytes.size()) - s.bytes.size());
    if (pad && !sink.write(zeros, pad)) return Status::eio;
  }
  return Status::ok;
}

}  // namespace caci::detail
