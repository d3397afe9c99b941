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
//   doc lengths u16 token count per doc and field, or u32 if any is over 65,535 (old files:
//               always u32); the size tells which
//   store extras, text table, text data, posting sums
// Save writes the builder's own buffers (the postings pool as it is) through a ByteSink, with no
// copy of the whole file in memory; a store adopted from a parsed document has its metadata
// rebuilt in the canonical layout and its text streamed from the adopted buffer (TextPieces).
#include "article_facts.hpp"
#include "byte_io.hpp"
#include "huge_pages.hpp"
#include "index_file.hpp"
#include "index_file_v3_layout.hpp"
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
#include <system_error>
#ifndef __EMSCRIPTEN__
#include <thread>
#endif

namespace caci::detail {

using namespace v3;

namespace {

// The checksums of the sections read whole when a file is opened (about 6 MB for 20,000
// articles: a serial multiply chain, ~1.5 ms). A large set is checked on a second thread while
// the sections are decoded: decoding needs no checksum to be safe, since every value is checked
// as it is read (a forged file can carry right checksums), and open_v3 reports a mismatch, in
// preference to any other error, before it hands the index out. Small files, wasm, and a thread
// that cannot start check in place.
class SectionCheck {
public:
  SectionCheck() = default;
  SectionCheck(const SectionCheck &) = delete;
  SectionCheck &operator=(const SectionCheck &) = delete;
  ~SectionCheck() { join(); }

  void add(const uint8_t *p, size_t n, uint64_t sum, uint32_t id) {
    sections_.push_back(Section{p, n, sum, id});
    bytes_ += n;
  }
  void start() {
#ifndef __EMSCRIPTEN__
    if (bytes_ >= kThreadBytes) {
      try {
        thread_ = std::thread([this] { run(); });
        return;
      } catch (const std::system_error &) {
      }
    }
#endif
    run();
  }
  // Waits for the check; true (with the message in *err) if a section does not match.
  bool first_mismatch(std::string *err) {
    join();
    if (bad_ == kNone) return false;
    corrupt(err, "checksum mismatch in section " + std::to_string(sections_[bad_].id));
    return true;
  }
  // The same for the sections added so far, before start().
  bool first_mismatch_now(std::string *err) {
    run();
    return first_mismatch(err);
  }

private:
  static constexpr size_t kNone = SIZE_MAX;
  static constexpr uint64_t kThreadBytes = uint64_t(1) << 20;
  struct Section {
    const uint8_t *p;
    size_t n;
    uint64_t sum;
    uint32_t id;
  };
  void run() {
    for (size_t i = 0; i < sections_.size(); ++i)
      if (checksum64(sections_[i].p, sections_[i].n) != sections_[i].sum) {
        bad_ = i;
        return;
      }
  }
  void join() {
#ifndef __EMSCRIPTEN__
    if (thread_.joinable()) thread_.join();
#endif
  }

  std::vector<Section> sections_;
  uint64_t bytes_ = 0;
  size_t bad_ = kNone;  // written by run(), read after join()
#ifndef __EMSCRIPTEN__
  std::thread thread_;
#endif
};

Status open_sections(std::shared_ptr<const FileBytes> file, const std::string_view *sec,
                     const bool *have, const std::string &unicode, std::unique_ptr<IndexImpl> &out,
                     std::string *err);

}  // namespace

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
  // The sections read whole from here on (all but the postings and the text, checked piece by
  // piece) lie before the lazy ones: a mapped file has their pages mapped in by one call.
  if (file->mapped()) {
    uint64_t eager_end = size;
    for (uint32_t i = 0; i < nsec; ++i) {
      const uint8_t *e = b + kHeaderSize + static_cast<size_t>(i) * kEntryBytes;
      if (get_u32le(e + 4) & kSectionLazy) eager_end = std::min(eager_end, get_u64le(e + 8));
    }
    populate_read_pages(b, static_cast<size_t>(eager_end));
  }
  std::string_view sec[s_count];
  bool have[s_count] = {};
  SectionCheck check;
  for (uint32_t i = 0; i < nsec; ++i) {
    const uint8_t *e = b + kHeaderSize + static_cast<size_t>(i) * kEntryBytes;
    const uint32_t id = get_u32le(e), flags = get_u32le(e + 4);
    const uint64_t off = get_u64le(e + 8), len = get_u64le(e + 16), sum = get_u64le(e + 24);
    // A checksum mismatch in an earlier section is the error, as when they were checked in turn.
    if (off < table_end || off > size || len > size - off)
      return check.first_mismatch_now(err) ? Status::ecorrupt
                                           : corrupt(err, "section out of range");
    if (id >= s_count) continue;  // a newer writer's optional section
    if (have[id])
      return check.first_mismatch_now(err) ? Status::ecorrupt : corrupt(err, "duplicate section");
    have[id] = true;
    sec[id] = file->view().substr(static_cast<size_t>(off), static_cast<size_t>(len));
    if (!(flags & kSectionLazy))
      check.add(reinterpret_cast<const uint8_t *>(sec[id].data()), sec[id].size(), sum, id);
  }
  check.start();
  std::unique_ptr<IndexImpl> opened;
  const Status st = open_sections(std::move(file), sec, have, unicode, opened, err);
  if (check.first_mismatch(err)) return Status::ecorrupt;
  if (opened) out = std::move(opened);
  return st;
}

namespace {

Status open_sections(std::shared_ptr<const FileBytes> file, const std::string_view *sec,
                     const bool *have, const std::string &unicode, std::unique_ptr<IndexImpl> &out,
                     std::string *err) {
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
        a.versions.reserve(k);  // at most the bytes left
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
  ix->by_id.reserve(ndocs, ix->store.articles);
  for (uint32_t d = 0; d < ndocs; ++d) {
    const Article &a = ix->store.articles[d];
    if (a.deleted) continue;
    if (!ix->by_id.insert(d, ix->store.articles)) return corrupt(err, "duplicate article id");
    ++ix->live;
  }

  if (unicode != tokenizer_unicode_version()) return reindex_for_unicode(*ix, unicode, out, err);

  std::unique_ptr<FileView> view(new FileView());
  view->bytes = file;
  {
    const std::string_view s = sec[s_doclen];
    const uint64_t count = static_cast<uint64_t>(ndocs) * kFieldCount;
    if (count == 0 ? !s.empty() : s.size() != count * 2 && s.size() != count * 4)
      return corrupt(err, "bad document lengths");
    view->field_len = bytes_of(s);
    view->field_len_count = static_cast<size_t>(count);
    view->field_len_bytes = count ? static_cast<size_t>(s.size() / count) : 4;
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

}  // namespace

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

#ifdef __EMSCRIPTEN__
// Defined in lazy_text.cpp (a weak no-op, replaced by wasm/glue/lazy_bytes.c): bytes about to be
// read for the first time, which the wasm module may still have to read into place.
extern "C" void caci_wasm_bytes_needed(const void *, size_t);
#endif

bool FileView::pages_ok(uint64_t off, uint64_t len) const noexcept {
  if (len == 0) return true;
  const uint64_t first = off / kPostingPageBytes, last = (off + len - 1) / kPostingPageBytes;
  for (uint64_t p = first; p <= last; ++p) {
    uint8_t s = page_state[p].load(std::memory_order_acquire);
    if (s == 0) {
      const std::string_view page =
          pool.substr(static_cast<size_t>(p * kPostingPageBytes), kPostingPageBytes);
#ifdef __EMSCRIPTEN__
      caci_wasm_bytes_needed(page.data(), page.size());
#endif
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
