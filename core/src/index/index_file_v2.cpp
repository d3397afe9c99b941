// Format 2 of the index file (header: index_file.hpp): read, and written only by tests (to check
// that old files still load).
//
// Sections: options (k1, b, field weights), store (every article with all its text, see
// store_codec.cpp; the article text is LZ-compressed as one stream), terms (sorted, front-coded),
// lists (per term: field mask and per field count/last doc/byte length), postings (the bit-packed
// blocks), doc lengths (per doc and field token counts). Loading decodes all of it into memory.
#include "byte_io.hpp"
#include "index_file.hpp"

#include "../alloc_guard.hpp"
#include "index_impl.hpp"
#include "posting_codec.hpp"
#include "sections.hpp"
#include "store_codec.hpp"

#include "caci/core/normalize.hpp"

#include <algorithm>

namespace caci::detail {

namespace {

// 2: bit-packed posting blocks (posting_codec.hpp); 1 had varint doc and position streams.
constexpr uint32_t kV2 = 2;
constexpr uint64_t kMinBlockBytes = 7;  // the header bytes of a one-entry block
constexpr size_t kSectionEntry = 24;

// Section ids: sections.hpp.

}  // namespace

Status write_v2(IndexImpl &ix, std::string &out, const SaveOptions &save_opts) {
  ix.finalize();
  const size_t base = out.size();
  std::string sec[s_count];
  {
    ByteWriter w{sec[s_options]};
    w.f32(ix.opts.k1);
    w.f32(ix.opts.b);
    for (float f : ix.opts.field_weights) w.f32(f);
  }
  sec[s_store].reserve(ix.store.body.size() + ix.store.meta.size() + ix.store.articles.size() * 64 +
                       ix.store.paragraphs.size() * 6 + ix.store.authors.size() * 10 + 64);
  // An adopted store has the parser's layout: write the layout add_document builds instead, so
  // that the same pages always give the same file.
  ArticleStore canonical;
  const ArticleStore *store = &ix.store;
  if (ix.store_adopted) {
    std::unordered_map<std::string, uint32_t> file_ids;
    canonical.articles.reserve(ix.store.articles.size());
    for (const Article &a : ix.store.articles) {
      uint32_t doc = 0;
      const Status st = IndexImpl::copy_article_to(canonical, file_ids, ix.store, a, &doc);
      if (failed(st)) return st;
      canonical.articles.back().deleted = a.deleted;
    }
    store = &canonical;
  }
  if (save_opts.store_text) {
    encode_store(*store, sec[s_store], StoreText::inline_lz);
    encode_store_extras(*store, sec[s_store_extras]);
  } else {
    ArticleStore stripped;
    strip_text(*store, stripped);
    encode_store(stripped, sec[s_store], StoreText::inline_lz);
    encode_store_extras(stripped, sec[s_store_extras]);
  }
  sec[s_postings].reserve(ix.pool.size());
  const std::vector<uint32_t> &sorted = ix.terms.sorted();
  {
    ByteWriter terms{sec[s_terms]}, lists{sec[s_lists]};
    terms.var(sorted.size());
    std::string &post = sec[s_postings];
    std::string_view prev;
    for (uint32_t id : sorted) {
      std::string_view t = ix.terms.term(id);
      size_t shared = 0;
      while (shared < prev.size() && shared < t.size() && prev[shared] == t[shared]) ++shared;
      terms.var(shared);
      terms.bytes(t.substr(shared));
      prev = t;
      uint8_t mask = 0;
      auto has_list = [&](int f) {
        uint32_t l = ix.list_of(id, static_cast<Field>(f));
        return l != kNoList && ix.lists[l].count > 0;  // an empty list is left by a failed add
      };
      for (int f = 0; f < kFieldCount; ++f)
        if (has_list(f)) mask |= static_cast<uint8_t>(1u << f);
      lists.u8(mask);
      for (int f = 0; f < kFieldCount; ++f) {
        if (!has_list(f)) continue;
        uint32_t l = ix.list_of(id, static_cast<Field>(f));
        const PostingList &pl = ix.lists[l];
        lists.var(pl.count);
        lists.var(pl.last_doc);
        lists.var(pl.len);
        post.append(ix.pool, pl.off, pl.len);
      }
    }
  }
  {
    ByteWriter w{sec[s_doclen]};
    for (uint32_t v : ix.field_len) w.var(v);
  }
  const uint32_t ids[] = {s_options,  s_store,  s_terms,       s_lists,
                          s_postings, s_doclen, s_store_extras};
  const size_t nsec = sizeof ids / sizeof ids[0];
  size_t total_size = kHeaderSize + nsec * kSectionEntry;
  for (uint32_t id : ids) total_size += sec[id].size();
  out.reserve(out.size() + total_size);
  put_header_start(out, kV2, kV2, nsec);  // length and checksum patched below
  uint64_t offset = kHeaderSize + nsec * kSectionEntry;
  for (uint32_t id : ids) {
    put_u32le(out, id);
    put_u32le(out, 0);
    put_u64le(out, offset);
    put_u64le(out, sec[id].size());
    offset += sec[id].size();
  }
  for (uint32_t id : ids) out += sec[id];
  const uint64_t total = out.size() - base;
  std::string len_bytes, sum_bytes;
  put_u64le(len_bytes, total);
  out.replace(base + 16, 8, len_bytes);
  put_u64le(sum_bytes,
            index_file_checksum(reinterpret_cast<const uint8_t *>(out.data()) + base, total));
  out.replace(base + 24, 8, sum_bytes);
  return Status::ok;
}

Status load_v2(std::string_view bytes, std::unique_ptr<IndexImpl> &out, std::string *err) {
  return enomem_on_alloc_failure(
      [&] {
        // The dispatcher (index_file.cpp) checked the magic and the versions.
        const auto *b = reinterpret_cast<const uint8_t *>(bytes.data());
        const uint64_t total = get_u64le(b + 16);
        if (total != bytes.size())
          return corrupt(err, "file is " + std::to_string(bytes.size()) + " bytes, header says " +
                                  std::to_string(total));
        if (index_file_checksum(b, bytes.size()) != get_u64le(b + 24))
          return corrupt(err, "checksum mismatch");
        std::string unicode(reinterpret_cast<const char *>(b + 32), 16);
        unicode.resize(std::strlen(unicode.c_str()));
        const uint32_t nsec = get_u32le(b + 48);
        if (nsec > (bytes.size() - kHeaderSize) / kSectionEntry)
          return corrupt(err, "bad section count");
        std::string_view sec[s_count];
        bool have[s_count] = {};
        for (uint32_t i = 0; i < nsec; ++i) {
          const uint8_t *e = b + kHeaderSize + i * kSectionEntry;
          uint32_t id = get_u32le(e);
          uint64_t off = get_u64le(e + 8), len = get_u64le(e + 16);
          if (off < kHeaderSize + nsec * kSectionEntry || off > bytes.size() ||
              len > bytes.size() - off)
            return corrupt(err, "section out of range");
          if (id < s_count) {
            if (have[id]) return corrupt(err, "duplicate section");
            have[id] = true;
            sec[id] = bytes.substr(static_cast<size_t>(off), static_cast<size_t>(len));
          }
        }
        for (uint32_t id = s_options; id <= s_doclen; ++id)
          if (!have[id]) return corrupt(err, "missing section " + std::to_string(id));
        auto reader = [](std::string_view s) {
          const auto *p = reinterpret_cast<const uint8_t *>(s.data());
          return ByteReader(p, p + s.size());
        };

        IndexOptions opts;
        {
          ByteReader r = reader(sec[s_options]);
          opts.k1 = r.f32();
          opts.b = r.f32();
          for (float &f : opts.field_weights) f = r.f32();
          if (!r.ok) return corrupt(err, "options truncated");
          bool sane = opts.k1 >= 0 && opts.k1 < 1e6f && opts.b >= 0 && opts.b <= 1;
          for (float f : opts.field_weights) sane = sane && f >= 0 && f < 1e6f;
          if (!sane) return corrupt(err, "options out of range");
        }
        std::unique_ptr<IndexImpl> ix(new IndexImpl(opts));
        {
          ByteReader r = reader(sec[s_store]);
          std::string why;
          if (!decode_store(r, ix->store, why)) return corrupt(err, why);
          if (r.left()) return corrupt(err, "trailing bytes after the store");
        }
        if (have[s_store_extras]) {
          ByteReader r = reader(sec[s_store_extras]);
          std::string why;
          if (!decode_store_extras(r, ix->store, why)) return corrupt(err, why);
          if (r.left()) return corrupt(err, "trailing bytes after the article extras");
        }
        const uint32_t ndocs = static_cast<uint32_t>(ix->store.articles.size());
        for (uint32_t d = 0; d < ndocs; ++d) {
          const Article &a = ix->store.articles[d];
          if (a.deleted) continue;
          if (!ix->by_id.insert(d, ix->store.articles)) return corrupt(err, "duplicate article id");
          ++ix->live;
        }
        for (uint32_t f = 0; f < ix->store.files.size(); ++f)
          ix->file_ids.emplace(ix->store.files[f], f);

        if (unicode != tokenizer_unicode_version())
          return reindex_for_unicode(*ix, unicode, out, err);

        {
          ByteReader r = reader(sec[s_doclen]);
          ix->field_len.resize(static_cast<size_t>(ndocs) * kFieldCount);
          for (size_t i = 0; i < ix->field_len.size(); ++i) ix->field_len[i] = r.var32();
          if (!r.ok || r.left()) return corrupt(err, "bad document lengths");
          for (uint32_t d = 0; d < ndocs; ++d)
            if (!ix->store.articles[d].deleted)
              for (int f = 0; f < kFieldCount; ++f)
                ix->field_len_total[f] += ix->field_len[static_cast<size_t>(d) * kFieldCount + f];
        }
        ByteReader tr = reader(sec[s_terms]), lr = reader(sec[s_lists]);
        const uint32_t nterms = tr.count(2);
        if (!tr.ok) return corrupt(err, "bad term count");
        ix->term_lists.assign(nterms);
        std::string term, prev;
        uint64_t pool_at = 0;
        const uint64_t pool_size = sec[s_postings].size();
        for (uint32_t i = 0; i < nterms; ++i) {
          uint64_t shared = tr.var();
          std::string_view suffix = tr.bytes();
          if (!tr.ok || shared > prev.size()) return corrupt(err, "bad term dictionary");
          term.assign(prev, 0, static_cast<size_t>(shared));
          term.append(suffix.data(), suffix.size());
          if (i > 0 && !(prev < term)) return corrupt(err, "term dictionary not sorted");
          if (ix->terms.intern(term) != i) return corrupt(err, "bad term dictionary");
          prev = term;
          uint8_t mask = lr.u8();
          if (mask > kAllFieldsMask) return corrupt(err, "bad field mask");
          for (int f = 0; f < kFieldCount; ++f) {
            if (!(mask & (1u << f))) continue;
            PostingList pl;
            pl.count = lr.var32();
            pl.last_doc = lr.var32();
            pl.len = lr.var32();
            if (!lr.ok) return corrupt(err, "posting lists truncated");
            // A block of up to kBlockDocs entries takes at least kMinBlockBytes.
            const uint64_t blocks = (static_cast<uint64_t>(pl.count) + kBlockDocs - 1) / kBlockDocs;
            if (pl.count == 0 || pl.last_doc >= ndocs || pl.len < blocks * kMinBlockBytes ||
                pool_at + pl.len > pool_size)
              return corrupt(err, "bad posting list");
            pl.off = static_cast<uint32_t>(pool_at);
            pool_at += pl.len;
            ix->term_lists.at(i, f) = static_cast<uint32_t>(ix->lists.size());
            ix->lists.push_back(pl);
          }
        }
        if (tr.left() || lr.left() || pool_at != pool_size)
          return corrupt(err, "posting sizes do not add up");
        if (pool_size > 0xffffffffu) return corrupt(err, "postings too large");
        ix->pool.assign(sec[s_postings].data(), sec[s_postings].size());
        ix->list_count = static_cast<uint32_t>(ix->lists.size());
        out = std::move(ix);
        return Status::ok;
      },
      [] {});
}

}  // namespace caci::detail
