#include "store_codec.hpp"

#include "lazy_text.hpp"
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

struct Decoder {
  ByteReader &r;
  ArticleStore &s;
  std::string &why;
  uint64_t lazy_body_size = 0;  // the body is decoded on demand: refs are checked against its size

  bool bad(const char *what) {
    if (why.empty()) why = what;
    r.fail();
    return false;
  }
  // A text reference into `buffer` (valid UTF-8): in range, and not cutting a character in two, so
  // that every view the API hands out is valid UTF-8 even from a forged file.
  TextRef ref_at(std::string_view buffer, TextRef t, const char *what) {
    const uint64_t end = static_cast<uint64_t>(t.offset) + t.length;
    auto continuation = [&](uint64_t i) {
      return (static_cast<unsigned char>(buffer[i]) & 0xc0) == 0x80;
    };
    if (end > buffer.size() ||
        (t.length && (continuation(t.offset) || (end < buffer.size() && continuation(end)))))
      bad(what);
    return t;
  }
  TextRef ref(std::string_view buffer, const char *what) {
    TextRef t;
    t.offset = r.var32();
    t.length = r.var32();
    if (!r.ok) return t;
    return ref_at(buffer, t, what);
  }
  // A reference into the body: as ref(), or only in range when the body is decoded on demand (the
  // lazy text then checks each view it hands out).
  TextRef body_ref_at(TextRef t, const char *what) {
    if (!s.lazy_body) return ref_at(s.body, t, what);
    if (static_cast<uint64_t>(t.offset) + t.length > lazy_body_size) bad(what);
    return t;
  }
  TextRef body_ref(const char *what) {
    TextRef t;
    t.offset = r.var32();
    t.length = r.var32();
    if (!r.ok) return t;
    return body_ref_at(t, what);
  }
  Range range_at(Range x, size_t array_size, const char *what) {
    if (static_cast<uint64_t>(x.begin) + x.count > array_size) bad(what);
    return x;
  }
  Range range(size_t array_size, const char *what) {
    Range x;
    x.begin = r.var32();
    x.count = r.var32();
    if (!r.ok) return x;
    return range_at(x, array_size, what);
  }
  SourceRef source_at(SourceRef x) {
    if (x.file >= s.files.size() && !(x.file == 0 && s.files.empty()))
      bad("source file out of range");
    if (x.byte_start > x.byte_end) bad("bad source byte range");
    return x;
  }
  SourceRef source() {
    SourceRef x;
    x.file = r.var32();
    x.line = r.var32();
    x.byte_start = r.var();
    x.byte_end = r.var();
    if (!r.ok) return x;
    return source_at(x);
  }
};

// Format 3 stores its arrays as tables of fixed-size little-endian records, read in place with
// one bounds check per table instead of one per varint. Each column of a table has one width for
// all its rows, the fewest of 1, 2, 4 or 8 bytes that hold its largest value:
//   table  u32 rows, u8 columns, u8 width per column, then the rows
// After the text size, the meta bytes and the file names come the tables (columns in order)
//   paragraphs, honorifics  offset, length
//   authors                 name offset, length, honorifics begin, count, affiliation offset,
//                           length
//   sections                kind, heading offset, length, paragraphs begin, count
//   links                   kind, title offset, length
//   articles                the kArticleColumns of put_article
//   duplicates              file, line, byte start, byte end: every article's duplicates in
//                           article order (the article table has each one's count)
constexpr size_t kMaxColumns = 32;

uint8_t width_of(uint64_t v) {
  return v < 0x100 ? 1 : v < 0x10000 ? 2 : v <= 0xffffffffu ? 4 : 8;
}

class TableOut {
public:
  explicit TableOut(size_t columns) : columns_(columns) {}
  void add(uint64_t v) { values_.push_back(v); }
  void add(TextRef r) {
    add(r.offset);
    add(r.length);
  }
  void add(Range r) {
    add(r.begin);
    add(r.count);
  }
  void add(const SourceRef &x) {
    add(x.file);
    add(x.line);
    add(x.byte_start);
    add(x.byte_end);
  }
  void write(std::string &out) const {
    const size_t rows = values_.size() / columns_;
    uint8_t w[kMaxColumns];
    for (size_t c = 0; c < columns_; ++c) w[c] = 1;
    for (size_t i = 0; i < values_.size(); ++i)
      w[i % columns_] = std::max(w[i % columns_], width_of(values_[i]));
    put_u32le(out, static_cast<uint32_t>(rows));
    out.push_back(static_cast<char>(columns_));
    for (size_t c = 0; c < columns_; ++c) out.push_back(static_cast<char>(w[c]));
    out.reserve(out.size() + values_.size() * 4);
    for (size_t i = 0; i < values_.size(); ++i) {
      const uint64_t v = values_[i];
      for (uint8_t k = 0; k < w[i % columns_]; ++k) out.push_back(static_cast<char>(v >> (8 * k)));
    }
  }

private:
  size_t columns_;
  std::vector<uint64_t> values_;
};

// A table read in place (Decoder::table checked that its rows lie inside the section).
struct TableIn {
  const uint8_t *p = nullptr;
  uint32_t rows = 0;
  size_t row_bytes = 0;
  uint8_t width[kMaxColumns] = {};
  uint8_t at[kMaxColumns] = {};

  // Calls f(row, value) for every row of `column`, choosing the width once per column (a switch per
  // value would cost more than the rest of the decoding).
  template <class F> void each(size_t column, F &&f) const {
    const uint8_t *q = p + at[column];
    switch (width[column]) {
    case 1:
      for (uint32_t i = 0; i < rows; ++i, q += row_bytes) f(i, uint64_t(q[0]));
      break;
    case 2:
      for (uint32_t i = 0; i < rows; ++i, q += row_bytes)
        f(i, uint64_t(q[0]) | uint64_t(q[1]) << 8);
      break;
    case 4:
      for (uint32_t i = 0; i < rows; ++i, q += row_bytes) f(i, uint64_t(get_u32le(q)));
      break;
    default:
      for (uint32_t i = 0; i < rows; ++i, q += row_bytes) f(i, get_u64le(q));
      break;
    }
  }
  uint64_t get(uint32_t row, size_t column) const {
    const uint8_t *q = p + row_bytes * row + at[column];
    switch (width[column]) {
    case 1: return q[0];
    case 2: return static_cast<uint64_t>(q[0]) | static_cast<uint64_t>(q[1]) << 8;
    case 4: return get_u32le(q);
    default: return get_u64le(q);
    }
  }
  uint32_t u32(uint32_t row, size_t column) const {
    return static_cast<uint32_t>(get(row, column));
  }
  TextRef ref(uint32_t row, size_t column) const {
    return TextRef{u32(row, column), u32(row, column + 1)};
  }
  Range range(uint32_t row, size_t column) const {
    return Range{u32(row, column), u32(row, column + 1)};
  }
  SourceRef source(uint32_t row, size_t column) const {
    SourceRef x;
    x.file = u32(row, column);
    x.line = u32(row, column + 1);
    x.byte_start = get(row, column + 2);
    x.byte_end = get(row, column + 3);
    return x;
  }
};

// Reads a table header: `columns` columns, column c at most max_width[c] bytes wide (4 for 32-bit
// values, 8 for 64-bit ones). false (the reader failed) if it does not fit in the input.
bool read_table(Decoder &d, size_t columns, const uint8_t *max_width, TableIn &t) {
  ByteReader &r = d.r;
  t.rows = r.u32();
  if (r.u8() != columns || !r.ok) return d.bad("bad store table");
  size_t bytes = 0;
  for (size_t c = 0; c < columns; ++c) {
    const uint8_t w = r.u8();
    if ((w != 1 && w != 2 && w != 4 && w != 8) || w > max_width[c]) return d.bad("bad store table");
    t.width[c] = w;
    t.at[c] = static_cast<uint8_t>(bytes);
    bytes += w;
  }
  t.row_bytes = bytes;
  if (!r.ok || t.rows > r.left() / bytes) return d.bad("store table truncated");
  t.p = r.p;
  r.p += static_cast<size_t>(t.rows) * bytes;
  return true;
}

// The article table's columns (put_article writes them in this order).
enum ArticleColumn : size_t {
  c_id,
  c_kind,
  c_category,
  c_year,
  c_month,
  c_day,
  c_deleted,
  c_flags,
  c_duplicates,
  c_title,  // offset, length
  c_text = c_title + 2,
  c_authors = c_text + 2,
  c_lead = c_authors + 2,
  c_photo = c_lead + 2,
  c_sections = c_photo + 2,
  c_bio = c_sections + 2,
  c_links = c_bio + 2,
  c_source = c_links + 2,  // file, line, byte start, byte end
  kArticleColumns = c_source + 4
};
static_assert(kArticleColumns <= kMaxColumns, "too many columns");

void put_article(TableOut &t, const Article &a) {
  t.add(a.id);
  t.add(static_cast<uint8_t>(a.kind));
  t.add(static_cast<uint8_t>(a.category));
  t.add(static_cast<uint16_t>(a.date.year));
  t.add(a.date.month);
  t.add(a.date.day);
  t.add(a.deleted ? 1 : 0);
  t.add(a.flags);
  t.add(a.duplicates.size());
  t.add(a.title);
  t.add(a.text);
  t.add(a.authors);
  t.add(a.lead);
  t.add(a.photo_credit);
  t.add(a.sections);
  t.add(a.bio);
  t.add(a.links);
  t.add(a.source);
}

void encode_tables(const ArticleStore &s, std::string &out) {
  {
    TableOut t(2);
    for (TextRef p : s.paragraphs) t.add(p);
    t.write(out);
  }
  {
    TableOut t(2);
    for (TextRef h : s.honorifics) t.add(h);
    t.write(out);
  }
  {
    TableOut t(6);
    for (const Author &a : s.authors) {
      t.add(a.name);
      t.add(a.honorifics);
      t.add(a.affiliation);
    }
    t.write(out);
  }
  {
    TableOut t(5);
    for (const Section &x : s.sections) {
      t.add(static_cast<uint8_t>(x.kind));
      t.add(x.heading);
      t.add(x.paragraphs);
    }
    t.write(out);
  }
  {
    TableOut t(3);
    for (const Link &l : s.links) {
      t.add(static_cast<uint8_t>(l.kind));
      t.add(l.title);
    }
    t.write(out);
  }
  {
    TableOut t(kArticleColumns);
    for (const Article &a : s.articles) put_article(t, a);
    t.write(out);
  }
  TableOut t(4);
  for (const Article &a : s.articles)
    for (const SourceRef &d : a.duplicates) t.add(d);
  t.write(out);
}

// Every value below is checked before the store is used: columns are copied out first (one width
// switch per column), then each record is validated as a whole.
bool decode_tables(Decoder &d) {
  ArticleStore &s = d.s;
  static const uint8_t k32[kMaxColumns] = {4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4,
                                           4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4};
  auto u32 = [](uint64_t v) { return static_cast<uint32_t>(v); };
  auto refs = [&](const TableIn &t, size_t c, auto at) {
    t.each(c, [&](uint32_t i, uint64_t v) { at(i).offset = u32(v); });
    t.each(c + 1, [&](uint32_t i, uint64_t v) { at(i).length = u32(v); });
  };
  auto ranges = [&](const TableIn &t, size_t c, auto at) {
    t.each(c, [&](uint32_t i, uint64_t v) { at(i).begin = u32(v); });
    t.each(c + 1, [&](uint32_t i, uint64_t v) { at(i).count = u32(v); });
  };
  TableIn t;
  if (!read_table(d, 2, k32, t)) return false;
  s.paragraphs.resize(t.rows);
  refs(t, 0, [&](uint32_t i) -> TextRef & { return s.paragraphs[i]; });
  for (TextRef &r : s.paragraphs) r = d.body_ref_at(r, "paragraph out of range");
  if (!read_table(d, 2, k32, t)) return false;
  s.honorifics.resize(t.rows);
  refs(t, 0, [&](uint32_t i) -> TextRef & { return s.honorifics[i]; });
  for (TextRef &r : s.honorifics) r = d.ref_at(s.meta, r, "honorific out of range");
  if (!read_table(d, 6, k32, t)) return false;
  s.authors.resize(t.rows);
  refs(t, 0, [&](uint32_t i) -> TextRef & { return s.authors[i].name; });
  ranges(t, 2, [&](uint32_t i) -> Range & { return s.authors[i].honorifics; });
  refs(t, 4, [&](uint32_t i) -> TextRef & { return s.authors[i].affiliation; });
  for (Author &a : s.authors) {
    d.ref_at(s.meta, a.name, "author name out of range");
    d.range_at(a.honorifics, s.honorifics.size(), "honorifics out of range");
    d.ref_at(s.meta, a.affiliation, "affiliation out of range");
  }
  if (!read_table(d, 5, k32, t)) return false;
  s.sections.resize(t.rows);
  bool bad_kind = false;
  t.each(0, [&](uint32_t i, uint64_t v) {
    bad_kind = bad_kind || v > 2;
    s.sections[i].kind = static_cast<SectionKind>(v > 2 ? 0 : v);
  });
  if (bad_kind) return d.bad("bad section kind");
  refs(t, 1, [&](uint32_t i) -> TextRef & { return s.sections[i].heading; });
  ranges(t, 3, [&](uint32_t i) -> Range & { return s.sections[i].paragraphs; });
  for (const Section &x : s.sections) {
    d.ref_at(s.meta, x.heading, "section heading out of range");
    d.range_at(x.paragraphs, s.paragraphs.size(), "section paragraphs out of range");
  }
  if (!read_table(d, 3, k32, t)) return false;
  s.links.resize(t.rows);
  bool bad_link = false;
  t.each(0, [&](uint32_t, uint64_t v) { bad_link = bad_link || v != 0; });
  if (bad_link) return d.bad("bad link kind");
  refs(t, 1, [&](uint32_t i) -> TextRef & { return s.links[i].title; });
  for (const Link &l : s.links) d.ref_at(s.meta, l.title, "link title out of range");
  if (!d.r.ok) return false;

  uint8_t article_widths[kMaxColumns];
  for (size_t c = 0; c < kArticleColumns; ++c) article_widths[c] = 4;
  article_widths[c_id] = article_widths[c_source + 2] = article_widths[c_source + 3] = 8;
  TableIn at;
  if (!read_table(d, kArticleColumns, article_widths, at)) return false;
  s.articles.resize(at.rows);
  auto art = [&](uint32_t i) -> Article & { return s.articles[i]; };
  // Small fields are range-checked as they are copied (`over` collects any that does not fit).
  uint64_t over = 0, dups = 0;
  at.each(c_id, [&](uint32_t i, uint64_t v) { art(i).id = v; });
  at.each(c_kind, [&](uint32_t i, uint64_t v) {
    over |= v > 3;
    art(i).kind = static_cast<ArticleKind>(v & 3);
  });
  at.each(c_category, [&](uint32_t i, uint64_t v) {
    over |= v >= kCategoryCount;
    art(i).category = static_cast<Category>(v >= kCategoryCount ? 0 : v);
  });
  if (over) return d.bad("bad article kind or category");
  at.each(c_year, [&](uint32_t i, uint64_t v) {
    over |= v > 0xffff;
    art(i).date.year = static_cast<int16_t>(static_cast<uint16_t>(v));
  });
  if (over) return d.bad("bad year");
  at.each(c_month, [&](uint32_t i, uint64_t v) {
    over |= v > 12;
    art(i).date.month = static_cast<uint8_t>(v);
  });
  at.each(c_day, [&](uint32_t i, uint64_t v) {
    over |= v > 31;
    art(i).date.day = static_cast<uint8_t>(v);
  });
  if (over) return d.bad("bad date");
  at.each(c_deleted, [&](uint32_t i, uint64_t v) {
    over |= v > 1;
    art(i).deleted = v == 1;
  });
  if (over) return d.bad("bad tombstone");
  at.each(c_flags, [&](uint32_t i, uint64_t v) {
    over |= v & ~uint64_t(kKnownArticleFlags);
    art(i).flags = u32(v);
  });
  if (over) return d.bad("unknown article flags");
  at.each(c_duplicates, [&](uint32_t, uint64_t v) { dups += v; });
  refs(at, c_title, [&](uint32_t i) -> TextRef & { return art(i).title; });
  refs(at, c_text, [&](uint32_t i) -> TextRef & { return art(i).text; });
  ranges(at, c_authors, [&](uint32_t i) -> Range & { return art(i).authors; });
  ranges(at, c_lead, [&](uint32_t i) -> Range & { return art(i).lead; });
  refs(at, c_photo, [&](uint32_t i) -> TextRef & { return art(i).photo_credit; });
  ranges(at, c_sections, [&](uint32_t i) -> Range & { return art(i).sections; });
  ranges(at, c_bio, [&](uint32_t i) -> Range & { return art(i).bio; });
  ranges(at, c_links, [&](uint32_t i) -> Range & { return art(i).links; });
  at.each(c_source, [&](uint32_t i, uint64_t v) { art(i).source.file = u32(v); });
  at.each(c_source + 1, [&](uint32_t i, uint64_t v) { art(i).source.line = u32(v); });
  at.each(c_source + 2, [&](uint32_t i, uint64_t v) { art(i).source.byte_start = v; });
  at.each(c_source + 3, [&](uint32_t i, uint64_t v) { art(i).source.byte_end = v; });
  for (Article &a : s.articles) {
    a.store = &s;
    d.body_ref_at(a.title, "title out of range");
    d.body_ref_at(a.text, "article text out of range");
    d.range_at(a.authors, s.authors.size(), "authors out of range");
    d.range_at(a.lead, s.paragraphs.size(), "lead out of range");
    d.ref_at(s.meta, a.photo_credit, "photo credit out of range");
    d.range_at(a.sections, s.sections.size(), "sections out of range");
    d.range_at(a.bio, s.paragraphs.size(), "bio out of range");
    d.range_at(a.links, s.links.size(), "links out of range");
    d.source_at(a.source);
    if (!d.r.ok) return false;
  }
  static const uint8_t source_widths[4] = {4, 4, 8, 8};
  if (!read_table(d, 4, source_widths, t)) return false;
  if (t.rows != dups) return d.bad("bad duplicate sources");
  for (uint32_t i = 0, k = 0; i < at.rows; ++i) {
    const uint32_t c = at.u32(i, c_duplicates);
    if (c == 0) continue;
    Article &a = s.articles[i];
    a.duplicates.resize(c);
    for (uint32_t j = 0; j < c; ++j, ++k) a.duplicates[j] = d.source_at(t.source(k, 0));
    if (!d.r.ok) return false;
  }
  return d.r.ok || d.bad("store truncated");
}

}  // namespace

void encode_store(const ArticleStore &s, std::string &out, StoreText text,
                  const uint64_t *text_size) {
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
  w.bytes(s.meta);
  w.var(s.files.size());
  for (const auto &f : s.files) w.bytes(f);
  if (text == StoreText::separate) {
    encode_tables(s, out);
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
  s.meta.assign(meta.data(), meta.size());
  if (!utf8_valid(s.meta)) return d.bad("stored text is not valid UTF-8");
  uint32_t n = r.count(1);
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

void encode_store_extras(const ArticleStore &s, std::string &out) {
  ByteWriter w{out};
  w.var(s.articles.size());
  for (const Article &a : s.articles) {
    w.u8(static_cast<uint8_t>(a.date_source));
    ref(w, a.outlet);
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
