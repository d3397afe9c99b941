#include "store_tables.hpp"

#include "huge_pages.hpp"
#include "lazy_text.hpp"

#include <algorithm>
#include <vector>

namespace caci::detail {

namespace {

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

}  // namespace

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
  reserve_populated(s.paragraphs, t.rows);
  s.paragraphs.resize(t.rows);
  refs(t, 0, [&](uint32_t i) -> TextRef & { return s.paragraphs[i]; });
  for (TextRef &r : s.paragraphs) r = d.body_ref_at(r, "paragraph out of range");
  if (!read_table(d, 2, k32, t)) return false;
  reserve_populated(s.honorifics, t.rows);
  s.honorifics.resize(t.rows);
  refs(t, 0, [&](uint32_t i) -> TextRef & { return s.honorifics[i]; });
  for (TextRef &r : s.honorifics) r = d.ref_at(s.meta, r, "honorific out of range");
  if (!read_table(d, 6, k32, t)) return false;
  reserve_populated(s.authors, t.rows);
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
  reserve_populated(s.sections, t.rows);
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
  reserve_populated(s.links, t.rows);
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
  reserve_populated(s.articles, at.rows);
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

}  // namespace caci::detail
