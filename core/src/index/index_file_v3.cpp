// Format 3 of the index file, read where it lies (header: index_file.hpp). Every section starts
// 8-byte aligned; its table entry is {u32 id, u32 flags, u64 offset, u64 length, u64 checksum}.
// The header checksum covers the header and the section table; each section has its own
// checksum, verified when the file is opened, except the two large ones, which are verified piece
// by piece the first time a piece is read: the postings per 64 KiB page (s_posting_sums) and the
// article text per chunk (lazy_text.hpp). Opening a file therefore reads the small sections only:
//   options     u32 field count, f32 k1, f32 b, f32 weight per field, u32 option flags,
//               u64 live token total per field (the BM25 averages)
//   store       every article's metadata as fixed-size records, checked with one bounds test per
//               table (store_codec.cpp); the text is in text table + data
//   terms       u32 count, u32 0, u32 offsets[count + 1], the term bytes (sorted, searched in
//   place) lists       u32 term count, u32 list count, u32 first list per term, u8 field mask per
//   term,
//               zero padding to 4, then per list {u32 offset, u32 length, u32 count, u32 last doc}
//   postings    the bit-packed blocks (posting_codec.hpp), read in place by the cursors
//   doc lengths u32 token count per doc and field
//   store extras, text table, text data, posting sums
// Save writes the builder's own buffers (the postings pool as it is) through a ByteSink, with no
// copy of the whole file in memory; a store adopted from a parsed document has its metadata
// rebuilt in the canonical layout and its text streamed from the adopted buffer (TextPieces).
#include "article_facts.hpp"
#include "byte_io.hpp"
#include "index_file.hpp"
#include "lazy_text.hpp"
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

namespace {

constexpr uint32_t kMinReaderVersion = 3;
constexpr size_t kEntryBytes = 32;
constexpr uint32_t kSectionLazy = 1;  // checksummed piece by piece, not as a whole
constexpr uint64_t kMinBlockBytes = 7;

struct OutSection {
  uint32_t id;
  std::string_view bytes;
  uint32_t flags = 0;
};

void put_f32(std::string &out, float f) {
  uint32_t u;
  std::memcpy(&u, &f, 4);
  put_u32le(out, u);
}
float get_f32(const uint8_t *p) {
  const uint32_t u = get_u32le(p);
  float f;
  std::memcpy(&f, &u, 4);
  return f;
}

void append_u32s(std::string &out, const std::vector<uint32_t> &v) {
  out.reserve(out.size() + v.size() * 4);
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

  encode_store(*store, store_meta, StoreText::separate, text_pieces ? &text_pieces->size : nullptr);
  encode_store_extras(*store, extras);
  // save() makes an opened index mutable (its text decoded) before it writes anything else.
  if (store->lazy_body) return Status::einternal;
  if (text_pieces)
    LazyText::encode(*text_pieces, text_table, text_data);
  else
    LazyText::encode(store->body, text_table, text_data);

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
  doclen.reserve(ndocs * kFieldCount * 4);
  for (size_t d = 0; d < ndocs; ++d)
    for (int f = 0; f < kFieldCount; ++f)
      put_u32le(doclen, ix.field_length(static_cast<uint32_t>(d), f));

  const OutSection secs[] = {
      {s_options, options},
      {s_store, store_meta},
      {s_store_extras, extras},
      {s_terms, terms},
      {s_lists, lists},
      {s_doclen, doclen},
      {s_posting_sums, sums},
      {s_text_table, text_table},
      {s_author_aliases, aliases},
      {s_article_countries, countries},
      {s_versions, versions},
      {s_postings, pool, kSectionLazy},
      {s_text_data, text_data, kSectionLazy},
  };
  const size_t nsec = sizeof secs / sizeof secs[0];
  auto align8 = [](uint64_t x) { return (x + 7) & ~uint64_t(7); };
  std::string head;
  head.append(kIndexMagic, 8);
  put_u32le(head, kFormatVersion);
  put_u32le(head, kMinReaderVersion);
  put_u64le(head, 0);  // length, patched below
  put_u64le(head, 0);  // checksum, patched below
  char uv[16] = {};
  const char *v = tokenizer_unicode_version();
  for (size_t i = 0; i < 15 && v[i]; ++i) uv[i] = v[i];
  head.append(uv, 16);
  put_u32le(head, static_cast<uint32_t>(nsec));
  put_u32le(head, 0);
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

Status open_v3(std::shared_ptr<const FileBytes> file, std::unique_ptr<IndexImpl> &out,
               std::string *err) {
  const uint8_t *b = file->data();
  const size_t size = file->size();
  if (get_u64le(b + 16) != size)
    return corrupt(err, "file is " + std::to_string(size) + " bytes, header says " +
                            std::to_string(get_u64le(b + 16)));
  const uint32_t nsec = get_u32le(b + 48);
  if (nsec > (size - kHeaderSize) / kEntryBytes) return corrupt(err, "bad section count");
  const size_t table_end = kHeaderSize + static_cast<size_t>(nsec) * kEntryBytes;
  if (index_file_checksum(b, table_end) != get_u64le(b + 24))
    return corrupt(err, "header checksum mismatch");
  std::string unicode(reinterpret_cast<const char *>(b + 32), 16);
  unicode.resize(std::strlen(unicode.c_str()));

  // Sections tile the file: nothing overlaps, every byte between them is zero padding, and the
  // last one ends the file, so no byte goes unchecked.
  {
    std::vector<std::pair<uint64_t, uint64_t>> spans;
    spans.reserve(nsec);
    for (uint32_t i = 0; i < nsec; ++i) {
      const uint8_t *e = b + kHeaderSize + static_cast<size_t>(i) * kEntryBytes;
      spans.emplace_back(get_u64le(e + 8), get_u64le(e + 16));
    }
    std::sort(spans.begin(), spans.end());
    uint64_t at = table_end;
    for (const auto &sp : spans) {
      if (sp.first < at || sp.first > size || sp.second > size - sp.first || sp.first - at > 7)
        return corrupt(err, "section out of range");
      for (uint64_t k = at; k < sp.first; ++k)
        if (b[k] != 0) return corrupt(err, "bad padding between sections");
      at = sp.first + sp.second;
    }
    if (at != size) return corrupt(err, "trailing bytes after the last section");
  }
  std::string_view sec[s_count];
  bool have[s_count] = {};
  for (uint32_t i = 0; i < nsec; ++i) {
    const uint8_t *e = b + kHeaderSize + static_cast<size_t>(i) * kEntryBytes;
    const uint32_t id = get_u32le(e), flags = get_u32le(e + 4);
    const uint64_t off = get_u64le(e + 8), len = get_u64le(e + 16), sum = get_u64le(e + 24);
    if (off < table_end || off > size || len > size - off)
      return corrupt(err, "section out of range");
    if (id >= s_count) continue;  // a newer writer's optional section
    if (have[id]) return corrupt(err, "duplicate section");
    have[id] = true;
    sec[id] = file->view().substr(static_cast<size_t>(off), static_cast<size_t>(len));
    if (!(flags & kSectionLazy) &&
        checksum64(reinterpret_cast<const uint8_t *>(sec[id].data()), sec[id].size()) != sum)
      return corrupt(err, "checksum mismatch in section " + std::to_string(id));
  }
  for (uint32_t id : {s_options, s_store, s_terms, s_lists, s_postings, s_doclen, s_text_table,
                      s_text_data, s_posting_sums})
    if (!have[id]) return corrupt(err, "missing section " + std::to_string(id));
  auto bytes_of = [](std::string_view s) { return reinterpret_cast<const uint8_t *>(s.data()); };

  IndexOptions opts;
  uint64_t totals[kFieldCount] = {};
  {
    const std::string_view s = sec[s_options];
    const uint8_t *p = bytes_of(s);
    if (s.size() < 4 || get_u32le(p) != kFieldCount ||
        s.size() != 4 + 8 + 4 * kFieldCount + 4 + 8 * kFieldCount)
      return corrupt(err, "options: another field count or truncated");
    opts.k1 = get_f32(p + 4);
    opts.b = get_f32(p + 8);
    for (int f = 0; f < kFieldCount; ++f) opts.field_weights[f] = get_f32(p + 12 + 4 * f);
    const uint32_t option_flags = get_u32le(p + 12 + 4 * kFieldCount);
    if (option_flags & ~3u) return corrupt(err, "unknown index option flags");
    opts.stemming = !(option_flags & 1u);
    opts.name_variants = !(option_flags & 2u);
    const uint8_t *t = p + 12 + 4 * kFieldCount + 4;
    for (int f = 0; f < kFieldCount; ++f) totals[f] = get_u64le(t + 8 * f);
    bool sane = opts.k1 >= 0 && opts.k1 < 1e6f && opts.b >= 0 && opts.b <= 1;
    for (float f : opts.field_weights) sane = sane && f >= 0 && f < 1e6f;
    if (!sane) return corrupt(err, "options out of range");
  }
  std::unique_ptr<IndexImpl> ix(new IndexImpl(opts));
  {
    std::string why;
    std::shared_ptr<const LazyText> text;
    Status st = LazyText::open(file, sec[s_text_table], sec[s_text_data], text, why);
    if (st == Status::ecorrupt) return corrupt(err, why);
    if (failed(st)) return st;
    ix->store.lazy_body = std::move(text);
    ByteReader r(bytes_of(sec[s_store]), bytes_of(sec[s_store]) + sec[s_store].size());
    if (!decode_store(r, ix->store, why)) return corrupt(err, why);
    if (r.left()) return corrupt(err, "trailing bytes after the store");
    ByteReader x(bytes_of(sec[s_store_extras]),
                 bytes_of(sec[s_store_extras]) + sec[s_store_extras].size());
    if (have[s_store_extras]) {
      if (!decode_store_extras(x, ix->store, why)) return corrupt(err, why);
      if (x.left()) return corrupt(err, "trailing bytes after the article extras");
    }
    if (have[s_author_aliases] && !decode_author_aliases(sec[s_author_aliases], *ix, why))
      return corrupt(err, why);
    if (have[s_article_countries] && !decode_article_countries(sec[s_article_countries], *ix, why))
      return corrupt(err, why);
    if (have[s_versions]) {
      ByteReader v(bytes_of(sec[s_versions]), bytes_of(sec[s_versions]) + sec[s_versions].size());
      const uint64_t n = v.var();
      if (!v.ok || n != ix->store.articles.size()) return corrupt(err, "bad versions");
      for (Article &a : ix->store.articles) {
        const uint32_t k = v.count(1);
        for (uint32_t i = 0; i < k && v.ok; ++i) {
          const uint32_t doc = v.var32();
          if (doc >= n) return corrupt(err, "version out of range");
          a.versions.push_back(doc);
        }
      }
      if (!v.ok || v.left()) return corrupt(err, "bad versions");
    }
  }
  const uint32_t ndocs = static_cast<uint32_t>(ix->store.articles.size());
  ix->by_id.reserve(ndocs);
  for (uint32_t d = 0; d < ndocs; ++d) {
    const Article &a = ix->store.articles[d];
    if (a.deleted) continue;
    if (!ix->by_id.emplace(a.id, d).second) return corrupt(err, "duplicate article id");
    ++ix->live;
  }
  for (uint32_t f = 0; f < ix->store.files.size(); ++f) ix->file_ids.emplace(ix->store.files[f], f);

  if (unicode != tokenizer_unicode_version()) return reindex_for_unicode(*ix, unicode, out, err);

  std::unique_ptr<FileView> view(new FileView());
  view->bytes = file;
  {
    const std::string_view s = sec[s_doclen];
    if (s.size() != static_cast<uint64_t>(ndocs) * kFieldCount * 4)
      return corrupt(err, "bad document lengths");
    view->field_len = bytes_of(s);
    view->field_len_count = static_cast<size_t>(ndocs) * kFieldCount;
  }
  for (int f = 0; f < kFieldCount; ++f) ix->field_len_total[f] = totals[f];
  uint32_t nterms = 0;
  {
    const std::string_view s = sec[s_terms];
    const uint8_t *p = bytes_of(s);
    if (s.size() < 12) return corrupt(err, "bad term table");
    nterms = get_u32le(p);
    if (nterms > (s.size() - 12) / 4) return corrupt(err, "bad term count");
    const uint8_t *offs = p + 8;
    const size_t chars_at = 8 + 4 * (static_cast<size_t>(nterms) + 1);
    const uint64_t chars = s.size() - chars_at;
    uint32_t prev = get_u32le(offs);
    if (prev != 0) return corrupt(err, "bad term table");
    for (uint32_t i = 1; i <= nterms; ++i) {
      const uint32_t o = get_u32le(offs + 4 * static_cast<size_t>(i));
      if (o < prev || o > chars) return corrupt(err, "bad term table");
      prev = o;
    }
    if (prev != chars) return corrupt(err, "bad term table");
    ix->terms.attach_sorted(offs, s.data() + chars_at, nterms);
  }
  const std::string_view pool = sec[s_postings];
  if (pool.size() > 0xffffffffu) return corrupt(err, "postings too large");
  {
    const std::string_view s = sec[s_lists];
    const uint8_t *p = bytes_of(s);
    if (s.size() < 8 || get_u32le(p) != nterms) return corrupt(err, "bad posting lists");
    const uint32_t nlists = get_u32le(p + 4);
    const uint64_t mask_at = 8 + 4 * static_cast<uint64_t>(nterms);
    const uint64_t records_at = (mask_at + nterms + 3) & ~uint64_t(3);
    if (records_at > s.size() ||
        (s.size() - records_at) != static_cast<uint64_t>(nlists) * kListRecordBytes)
      return corrupt(err, "bad posting lists");
    view->first_list = p + 8;
    view->masks = p + mask_at;
    view->lists = p + records_at;
    view->list_count = nlists;
    uint32_t expect = 0;
    for (uint32_t t = 0; t < nterms; ++t) {
      const uint8_t mask = view->masks[t];
      if (mask >> kFieldCount) return corrupt(err, "bad field mask");
      if (get_u32le(view->first_list + 4 * static_cast<size_t>(t)) != expect)
        return corrupt(err, "bad posting lists");
      expect += static_cast<uint32_t>(__builtin_popcount(mask));
    }
    if (expect != nlists) return corrupt(err, "bad posting lists");
    for (uint32_t l = 0; l < nlists; ++l) {
      const uint8_t *r = view->lists + static_cast<size_t>(l) * kListRecordBytes;
      const uint64_t off = get_u32le(r), len = get_u32le(r + 4);
      const uint32_t count = get_u32le(r + 8), last = get_u32le(r + 12);
      const uint64_t blocks = (static_cast<uint64_t>(count) + kBlockDocs - 1) / kBlockDocs;
      if (count == 0 || last >= ndocs || len < blocks * kMinBlockBytes || off + len > pool.size())
        return corrupt(err, "bad posting list");
    }
  }
  view->pool = pool;
  {
    const std::string_view s = sec[s_posting_sums];
    const uint8_t *p = bytes_of(s);
    if (s.size() < 8 || get_u32le(p) != kPostingPageBytes) return corrupt(err, "bad posting sums");
    const uint32_t pages = get_u32le(p + 4);
    if (pages != (pool.size() + kPostingPageBytes - 1) / kPostingPageBytes ||
        s.size() != 8 + 8 * static_cast<uint64_t>(pages))
      return corrupt(err, "bad posting sums");
    view->page_sums = p + 8;
    view->page_state.reset(new std::atomic<uint8_t>[pages ? pages : 1]);
    for (uint32_t i = 0; i < pages; ++i) view->page_state[i].store(0, std::memory_order_relaxed);
  }
  ix->file = std::move(view);
  out = std::move(ix);
  return Status::ok;
}

Status verify_v3(const IndexImpl &ix, std::string *err) {
  if (!ix.file) return Status::ok;
  const FileView &v = *ix.file;
  const size_t pages = (v.pool.size() + kPostingPageBytes - 1) / kPostingPageBytes;
  for (size_t p = 0; p < pages; ++p)
    if (!v.pages_ok(p * kPostingPageBytes, 1))
      return corrupt(err, "postings page " + std::to_string(p) + " fails its checksum");
  for (uint32_t t = 1; t < ix.terms.size(); ++t)
    if (!(ix.terms.term(t - 1) < ix.terms.term(t))) return corrupt(err, "term table not sorted");
  if (ix.store.lazy_body) {
    std::string why;
    if (!ix.store.lazy_body->verify(&why)) return corrupt(err, why);
  }
  return Status::ok;
}

bool FileView::pages_ok(uint64_t off, uint64_t len) const noexcept {
  if (len == 0) return true;
  const uint64_t first = off / kPostingPageBytes, last = (off + len - 1) / kPostingPageBytes;
  for (uint64_t p = first; p <= last; ++p) {
    uint8_t s = page_state[p].load(std::memory_order_acquire);
    if (s == 0) {
      const std::string_view page =
          pool.substr(static_cast<size_t>(p * kPostingPageBytes), kPostingPageBytes);
      const bool good = checksum64(reinterpret_cast<const uint8_t *>(page.data()), page.size()) ==
                        get_u64le(page_sums + 8 * p);
      s = good ? 1 : 2;
      page_state[p].store(s, std::memory_order_release);
    }
    if (s != 1) return false;
  }
  return true;
}

}  // namespace caci::detail
