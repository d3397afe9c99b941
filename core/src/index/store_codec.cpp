#include "store_codec.hpp"

#include "huge_pages.hpp"
#include "lazy_text.hpp"
#include "meta_strings.hpp"
#include "store_tables.hpp"
#include "text_codec.hpp"

#include "caci/core/normalize.hpp"

#include "../text/utf8.hpp"

#include <algorithm>
#include <vector>

namespace caci::detail {

namespace {

// File names are whatever the caller passed to the parser (paths need not be UTF-8); the API hands
// them out as text, so invalid bytes become U+FFFD here.
std::string valid_utf8(std::string_view in) {
  if (utf8_valid(in)) return std::string(in);
  std::string out;
  const auto *p = reinterpret_cast<const unsigned char *>(in.data());
  for (size_t i = 0, n = in.size(); i < n;) {
    const size_t len = text::utf8_sequence_length(p + i, n - i);
    if (len) {
      out.append(in.data() + i, len);
      i += len;
    } else {
      out += "\xEF\xBF\xBD";
      i += text::utf8_invalid_length(p + i, n - i);
    }
  }
  return out;
}

void ref(ByteWriter &w, TextRef r) {
  w.var(r.offset);
  w.var(r.length);
}
void range(ByteWriter &w, Range r) {
  w.var(r.begin);
  w.var(r.count);
}
void source(ByteWriter &w, const SourceRef &s) {
  w.var(s.file);
  w.var(s.line);
  w.var(s.byte_start);
  w.var(s.byte_end);
}

}  // namespace

void encode_store(const ArticleStore &s, std::string &out, StoreText text,
                  const uint64_t *text_size, const MetaStrings *meta) {
  ByteWriter w{out};
  if (text == StoreText::inline_lz) {
    // The article text, LZ-compressed: size, compressed size, compressed bytes.
    std::string packed;
    lz_compress(s.body, packed);
    w.var(s.body.size());
    w.bytes(packed);
  } else {
    w.var(text_size ? *text_size
                    : s.body_size());  // the text itself is in its own sections (lazy_text.hpp)
  }
  w.bytes(meta && text == StoreText::separate ? meta->bytes() : s.meta);
  w.var(s.files.size());
  for (const auto &f : s.files) w.bytes(f);
  if (text == StoreText::separate) {
    encode_tables(s, out, meta);
    return;
  }
  w.var(s.paragraphs.size());
  for (TextRef p : s.paragraphs) ref(w, p);
  w.var(s.honorifics.size());
  for (TextRef h : s.honorifics) ref(w, h);
  w.var(s.authors.size());
  for (const Author &a : s.authors) {
    ref(w, a.name);
    range(w, a.honorifics);
    ref(w, a.affiliation);
  }
  w.var(s.sections.size());
  for (const Section &x : s.sections) {
    w.u8(static_cast<uint8_t>(x.kind));
    ref(w, x.heading);
    range(w, x.paragraphs);
  }
  w.var(s.links.size());
  for (const Link &l : s.links) {
    w.u8(static_cast<uint8_t>(l.kind));
    ref(w, l.title);
  }
  w.var(s.articles.size());
  for (const Article &a : s.articles) {
    w.u64(a.id);
    w.u8(static_cast<uint8_t>(a.kind));
    w.u8(static_cast<uint8_t>(a.category));
    w.var(a.flags);
    w.var(static_cast<uint16_t>(a.date.year));
    w.u8(a.date.month);
    w.u8(a.date.day);
    ref(w, a.title);
    ref(w, a.text);
    range(w, a.authors);
    range(w, a.lead);
    ref(w, a.photo_credit);
    range(w, a.sections);
    range(w, a.bio);
    range(w, a.links);
    source(w, a.source);
    w.var(a.duplicates.size());
    for (const SourceRef &d : a.duplicates) source(w, d);
    w.u8(a.deleted ? 1 : 0);
  }
}

void strip_text(const ArticleStore &src, ArticleStore &dst, const TextPieces *pieces) {
  dst.clear();
  dst.meta = src.meta;  // authors, affiliations, honorifics, link titles, photo credits
  dst.files = src.files;
  dst.honorifics = src.honorifics;
  dst.authors = src.authors;
  dst.links = src.links;
  dst.articles.reserve(src.articles.size());
  for (const Article &a : src.articles) {
    Article t = a;
    t.store = &dst;
    const std::string_view title = pieces ? pieces->view(a.title) : src.body_text(a.title);
    t.title = TextRef{static_cast<uint32_t>(dst.body.size()), static_cast<uint32_t>(title.size())};
    dst.body.append(title.data(), title.size());
    t.text = TextRef{t.title.offset, 0};
    t.lead = Range{};
    t.sections = Range{};
    t.bio = Range{};
    t.flags |= flag_text_omitted;
    dst.articles.push_back(std::move(t));
  }
}

bool decode_store(ByteReader &r, ArticleStore &s, std::string &why) {
  Decoder d{r, s, why};
  const uint64_t body_size = r.var();
  std::string_view packed;
  if (!s.lazy_body) packed = r.bytes();
  std::string_view meta = r.bytes();
  if (!r.ok) return d.bad("store text truncated");
  if (body_size > 0xffffffffu || meta.size() > 0xffffffffu) return d.bad("store text too large");
  if (s.lazy_body) {
    if (body_size != s.lazy_body->size()) return d.bad("stored text size does not match");
    d.lazy_body_size = body_size;
  } else {
    if (body_size > lz_max_output(packed.size())) return d.bad("bad stored text size");
    if (!lz_decompress(packed, static_cast<size_t>(body_size), s.body))
      return d.bad("stored text does not decompress");
    if (!utf8_valid(s.body)) return d.bad("stored text is not valid UTF-8");
  }
  // Hundreds of kilobytes of fresh memory: faulted in by one call, not one fault per page.
  s.meta.reserve(meta.size());
  populate_pages(s.meta.data(), s.meta.capacity());
  s.meta.assign(meta.data(), meta.size());
  if (!utf8_valid(s.meta)) return d.bad("stored text is not valid UTF-8");
  uint32_t n = r.count(1);
  s.files.reserve(std::min<uint32_t>(n, 1u << 16));  // a forged count reserves no more
  for (uint32_t i = 0; i < n && r.ok; ++i) {
    std::string_view f = r.bytes();
    s.files.push_back(valid_utf8(f));
  }
  if (s.lazy_body) return r.ok ? decode_tables(d) : d.bad("store truncated");
  n = r.count(2);
  s.paragraphs.reserve(n);
  for (uint32_t i = 0; i < n && r.ok; ++i)
    s.paragraphs.push_back(d.body_ref("paragraph out of range"));
  n = r.count(2);
  s.honorifics.reserve(n);
  for (uint32_t i = 0; i < n && r.ok; ++i)
    s.honorifics.push_back(d.ref(s.meta, "honorific out of range"));
  n = r.count(6);
  s.authors.reserve(n);
  for (uint32_t i = 0; i < n && r.ok; ++i) {
    Author a;
    a.name = d.ref(s.meta, "author name out of range");
    a.honorifics = d.range(s.honorifics.size(), "honorifics out of range");
    a.affiliation = d.ref(s.meta, "affiliation out of range");
    s.authors.push_back(a);
  }
  n = r.count(5);
  s.sections.reserve(n);
  for (uint32_t i = 0; i < n && r.ok; ++i) {
    Section x;
    uint8_t k = r.u8();
    if (k > 2) return d.bad("bad section kind");
    x.kind = static_cast<SectionKind>(k);
    x.heading = d.ref(s.meta, "section heading out of range");
    x.paragraphs = d.range(s.paragraphs.size(), "section paragraphs out of range");
    s.sections.push_back(x);
  }
  n = r.count(3);
  s.links.reserve(n);
  for (uint32_t i = 0; i < n && r.ok; ++i) {
    Link l;
    if (r.u8() != 0) return d.bad("bad link kind");
    l.title = d.ref(s.meta, "link title out of range");
    s.links.push_back(l);
  }
  n = r.count(36);  // the smallest encoded article
  s.articles.reserve(n);
  for (uint32_t i = 0; i < n && r.ok; ++i) {
    Article a;
    a.store = &s;
    a.id = r.u64();
    uint8_t kind = r.u8(), cat = r.u8();
    if (kind > 3 || cat >= kCategoryCount) return d.bad("bad article kind or category");
    a.kind = static_cast<ArticleKind>(kind);
    a.category = static_cast<Category>(cat);
    a.flags = r.var32();
    if (a.flags & ~kKnownArticleFlags) return d.bad("unknown article flags");
    uint32_t year = r.var32();
    if (year > 0xffff) return d.bad("bad year");
    a.date.year = static_cast<int16_t>(static_cast<uint16_t>(year));
    a.date.month = r.u8();
    a.date.day = r.u8();
    if (a.date.month > 12 || a.date.day > 31) return d.bad("bad date");
    a.title = d.body_ref("title out of range");
    a.text = d.body_ref("article text out of range");
    a.authors = d.range(s.authors.size(), "authors out of range");
    a.lead = d.range(s.paragraphs.size(), "lead out of range");
    a.photo_credit = d.ref(s.meta, "photo credit out of range");
    a.sections = d.range(s.sections.size(), "sections out of range");
    a.bio = d.range(s.paragraphs.size(), "bio out of range");
    a.links = d.range(s.links.size(), "links out of range");
    a.source = d.source();
    uint32_t dups = r.count(4);
    for (uint32_t k = 0; k < dups && r.ok; ++k) a.duplicates.push_back(d.source());
    uint8_t del = r.u8();
    if (del > 1) return d.bad("bad tombstone");
    a.deleted = del == 1;
    s.articles.push_back(std::move(a));
  }
  if (!r.ok) return d.bad("store truncated");
  return true;
}

void encode_store_extras(const ArticleStore &s, std::string &out, const MetaStrings *meta) {
  ByteWriter w{out};
  w.var(s.articles.size());
  for (const Article &a : s.articles) {
    w.u8(static_cast<uint8_t>(a.date_source));
    ref(w, meta ? meta->at(a.outlet) : a.outlet);
  }
}

bool decode_store_extras(ByteReader &r, ArticleStore &s, std::string &why) {
  Decoder d{r, s, why};
  const uint64_t n = r.var();
  if (!r.ok || n != s.articles.size()) return d.bad("article extras do not match the store");
  for (Article &a : s.articles) {
    const uint8_t source = r.u8();
    if (source >= kDateSourceCount) return d.bad("bad date source");
    a.date_source = static_cast<DateSource>(source);
    a.outlet = d.ref(s.meta, "outlet out of range");
    if (!r.ok) break;
  }
  if (!r.ok) return d.bad("article extras truncated");
  return true;
}

}  // namespace caci::detail
