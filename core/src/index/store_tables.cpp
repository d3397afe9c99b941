#include "store_tables.hpp"
#include "../reserve_more.hpp"

#include "huge_pages.hpp"
#include "lazy_text.hpp"
#include "meta_strings.hpp"

#include <algorithm>
#include <new>
#include <system_error>
#ifndef __EMSCRIPTEN__
#include <thread>
#endif
#include <vector>

namespace caci::detail {

namespace {

// Format 3 stores its arrays as tables of fixed-size little-endian records, read in place with
// one bounds check per table instead of one per varint. Each column of a table has one width for
// all its rows, the fewest of 1, 2, 4 or 8 bytes that hold its largest value (or, reader version
// 6, its differences: kDeltaMode, kAfterMode below):
//   table  u32 rows, u8 columns, u8 width (| mode) per column, then the rows
// After the text size, the meta bytes (each distinct string once, meta_strings.hpp) and the file
// names come the tables (columns in order)
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

// A column may be stored as differences instead (format 3, reader version 6): its width byte
// carries the mode in its top bits, and each row stores what is added to the previous row's
// decoded value (0 before the first row):
//   kDeltaMode  value = previous value + stored  (a column that never decreases: ids of ranges)
//   kAfterMode  value = previous value + previous value of the next column + stored  (an offset
//               followed by its length: the next text starts where the last one ended, + 0 or 1)
// whichever makes the column narrowest (plain when none does). The widths count the stored bytes.
constexpr uint8_t kDeltaMode = 0x80, kAfterMode = 0x40, kModeBits = 0xc0;

class TableOut {
public:
  // may_delta false: every column plain (a table that is read by row number, not in order).
  explicit TableOut(size_t columns, bool may_delta = true)
      : columns_(columns), may_delta_(may_delta) {}
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
    uint8_t w[kMaxColumns], mode[kMaxColumns];
    for (size_t c = 0; c < columns_; ++c) {
      w[c] = 1;
      mode[c] = 0;
      uint64_t widest = 0;
      for (size_t r = 0; r < rows; ++r) widest |= value(r, c);
      w[c] = width_of(widest);
      if (!may_delta_) continue;
      for (const uint8_t m : {kDeltaMode, kAfterMode}) {
        if (m == kAfterMode && c + 1 == columns_) continue;
        bool fits = true;
        uint64_t stored = 0;
        for (size_t r = 0; r < rows && fits; ++r) {
          const uint64_t base = r == 0 ? 0 : predicted(m, r - 1, c);
          fits = value(r, c) >= base && base >= (r == 0 ? 0 : value(r - 1, c));  // no wrap
          stored |= value(r, c) - base;
        }
        if (fits && width_of(stored) < w[c]) {
          w[c] = width_of(stored);
          mode[c] = m;
        }
      }
    }
    put_u32le(out, static_cast<uint32_t>(rows));
    out.push_back(static_cast<char>(columns_));
    for (size_t c = 0; c < columns_; ++c) out.push_back(static_cast<char>(w[c] | mode[c]));
    reserve_more(out, values_.size() * 4);
    for (size_t r = 0; r < rows; ++r)
      for (size_t c = 0; c < columns_; ++c) {
        const uint64_t v = value(r, c) - (mode[c] && r > 0 ? predicted(mode[c], r - 1, c) : 0);
        for (uint8_t k = 0; k < w[c]; ++k) out.push_back(static_cast<char>(v >> (8 * k)));
      }
  }

private:
  uint64_t value(size_t row, size_t column) const { return values_[row * columns_ + column]; }
  // What row + 1 of `column` is coded against in `mode`.
  uint64_t predicted(uint8_t mode, size_t row, size_t column) const {
    return mode == kDeltaMode ? value(row, column) : value(row, column) + value(row, column + 1);
  }

  size_t columns_;
  bool may_delta_;
  std::vector<uint64_t> values_;
};

// A table read in place (Decoder::table checked that its rows lie inside the section).
struct TableIn {
  const uint8_t *p = nullptr;
  uint32_t rows = 0;
  size_t columns = 0;
  size_t row_bytes = 0;
  uint8_t width[kMaxColumns] = {};
  uint8_t at[kMaxColumns] = {};
  uint8_t mode[kMaxColumns] = {};  // 0, kDeltaMode or kAfterMode
  bool any_mode = false;
  uint64_t max[kMaxColumns] = {};  // the largest value a column may decode to
  // Decoding a block of rows (in order): each column's last decoded value, from the block before.
  uint64_t last[kMaxColumns] = {};

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
// delta_ok false: a table read by row number, whose columns must all be plain.
bool read_table(Decoder &d, size_t columns, const uint8_t *max_width, TableIn &t,
                bool delta_ok = true) {
  ByteReader &r = d.r;
  t.rows = r.u32();
  t.columns = columns;
  t.any_mode = false;
  if (r.u8() != columns || !r.ok) return d.bad("bad store table");
  size_t bytes = 0;
  for (size_t c = 0; c < columns; ++c) {
    const uint8_t byte = r.u8(), w = byte & ~kModeBits, mode = byte & kModeBits;
    if ((w != 1 && w != 2 && w != 4 && w != 8) || w > max_width[c]) return d.bad("bad store table");
    if (mode && (!delta_ok || mode == kModeBits || (mode == kAfterMode && c + 1 == columns)))
      return d.bad("bad store table");
    t.mode[c] = mode;
    t.any_mode = t.any_mode || mode;
    t.max[c] = max_width[c] >= 8 ? ~uint64_t(0) : (uint64_t(1) << (8 * max_width[c])) - 1;
    t.last[c] = 0;
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

void put_article(TableOut &t, const Article &a, const MetaStrings *meta) {
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
  t.add(meta ? meta->at(a.photo_credit) : a.photo_credit);
  t.add(a.sections);
  t.add(a.bio);
  t.add(a.links);
  t.add(a.source);
}

}  // namespace

void encode_tables(const ArticleStore &s, std::string &out, const MetaStrings *meta) {
  auto moved = [meta](TextRef r) { return meta ? meta->at(r) : r; };
  {
    TableOut t(2);
    for (TextRef p : s.paragraphs) t.add(p);
    t.write(out);
  }
  {
    TableOut t(2);
    for (TextRef h : s.honorifics) t.add(moved(h));
    t.write(out);
  }
  {
    TableOut t(6);
    for (const Author &a : s.authors) {
      t.add(moved(a.name));
      t.add(a.honorifics);
      t.add(moved(a.affiliation));
    }
    t.write(out);
  }
  {
    TableOut t(5);
    for (const Section &x : s.sections) {
      t.add(static_cast<uint8_t>(x.kind));
      t.add(moved(x.heading));
      t.add(x.paragraphs);
    }
    t.write(out);
  }
  {
    TableOut t(3);
    for (const Link &l : s.links) {
      t.add(static_cast<uint8_t>(l.kind));
      t.add(moved(l.title));
    }
    t.write(out);
  }
  {
    TableOut t(kArticleColumns);
    for (const Article &a : s.articles) put_article(t, a, meta);
    t.write(out);
  }
  TableOut t(4, false);  // read by row number
  for (const Article &a : s.articles)
    for (const SourceRef &d : a.duplicates) t.add(d);
  t.write(out);
}

namespace {

// Values of one column of a table for rows [first, first + n), widened to 64 bits: the width
// switch is taken once per column and block, and each loop body is one fixed-size load.
template <unsigned W> uint64_t load_le(const uint8_t *q) {
  if (W == 1) return q[0];
  if (W == 2) return static_cast<uint64_t>(q[0]) | static_cast<uint64_t>(q[1]) << 8;
  if (W == 4) return get_u32le(q);
  return get_u64le(q);
}
template <unsigned W>
void unpack_width(const uint8_t *q, size_t stride, uint32_t n, uint64_t *out) {
  for (uint32_t k = 0; k < n; ++k, q += stride) out[k] = load_le<W>(q);
}
void unpack_column(const TableIn &t, size_t column, uint32_t first, uint32_t n, uint64_t *out) {
  const uint8_t *q = t.p + t.row_bytes * first + t.at[column];
  switch (t.width[column]) {
  case 1: return unpack_width<1>(q, t.row_bytes, n, out);
  case 2: return unpack_width<2>(q, t.row_bytes, n, out);
  case 4: return unpack_width<4>(q, t.row_bytes, n, out);
  default: return unpack_width<8>(q, t.row_bytes, n, out);
  }
}

constexpr uint32_t kBlockRows = 128;  // rows unpacked at a time

// Turns a block's stored differences into values (the block's columns unpacked in v, blocks in
// order), last column first: a kAfterMode column adds the next column's previous value. false if
// a value would pass its column's largest (a corrupt table).
bool decode_modes(TableIn &t, uint32_t n, uint64_t (*v)[kBlockRows]) {
  if (!t.any_mode || n == 0) return true;
  for (size_t c = t.columns; c-- > 0;) {
    if (!t.mode[c]) continue;
    uint64_t prev = t.last[c];
    const uint64_t max = t.max[c];
    uint64_t *col = v[c];
    if (t.mode[c] == kDeltaMode) {
      for (uint32_t k = 0; k < n; ++k) {
        if (col[k] > max - prev) return false;
        prev += col[k];
        col[k] = prev;
      }
    } else {
      uint64_t next_prev = t.last[c + 1];
      const uint64_t *next = v[c + 1];
      for (uint32_t k = 0; k < n; ++k) {
        if (next_prev > max - prev || col[k] > max - prev - next_prev) return false;
        prev += next_prev + col[k];
        col[k] = prev;
        next_prev = next[k];
      }
    }
  }
  for (size_t c = 0; c < t.columns; ++c) t.last[c] = v[c][n - 1];
  return true;
}

// Rows of a table handed to `row(i, Values)` in order, a block at a time: the columns of a block
// are unpacked first (a tight loop per column), then each row is checked and copied from them
// with no width switch. The checks therefore run in the same order as row by row, and the first
// inconsistency found is the same.
struct BlockValues {
  const uint64_t (*v)[kBlockRows];
  uint32_t k;
  uint64_t get(size_t column) const { return v[column][k]; }
  uint32_t u32(size_t column) const { return static_cast<uint32_t>(v[column][k]); }
  TextRef ref(size_t column) const { return TextRef{u32(column), u32(column + 1)}; }
  Range range(size_t column) const { return Range{u32(column), u32(column + 1)}; }
  SourceRef source(size_t column) const {
    SourceRef x;
    x.file = u32(column);
    x.line = u32(column + 1);
    x.byte_start = get(column + 2);
    x.byte_end = get(column + 3);
    return x;
  }
};
template <size_t Columns, class Row> bool for_each_row(Decoder &d, TableIn &t, Row row) {
  uint64_t v[Columns][kBlockRows];
  for (uint32_t first = 0; first < t.rows; first += kBlockRows) {
    const uint32_t n = std::min(kBlockRows, t.rows - first);
    for (size_t c = 0; c < Columns; ++c) unpack_column(t, c, first, n, v[c]);
    if (!decode_modes(t, n, v)) return d.bad("bad store table");
    for (uint32_t k = 0; k < n; ++k)
      if (!row(first + k, BlockValues{v, k})) return false;
  }
  return true;
}

// Reserves a table's vector. The large ones are asked for transparent huge pages before they are
// first touched: on virtual machines every fresh 4 KiB page costs a host fault on its first write
// (about 1.6 us here even after MADV_POPULATE_WRITE: 6 ms for the 3.7 MB article array), while a
// huge page is faulted in once. The kernel only uses them for whole aligned 2 MiB ranges inside
// the buffer, and only where THP is enabled for madvise; elsewhere this is reserve_populated.
template <class Vector> void reserve_table(Vector &v, size_t n) {
  v.reserve(n);
  advise_huge_pages(v.data(), v.capacity() * sizeof(v[0]));
  populate_pages(v.data(), v.capacity() * sizeof(v[0]));
}

}  // namespace

namespace {

// The paragraph table (the largest: one row per paragraph, 1.5 MB decoded for 20,000 articles),
// filled column by column and checked in one branch-free pass. The text of an opened file is
// decoded on demand, so a reference into it is only checked to lie inside it here (LazyText
// checks each view it hands out). Of an opened file it is filled on a second thread while the
// other tables are decoded: they need only its row count, and most of its cost is the first
// write of fresh memory. decode_tables reports its error before any other, as when it came first.
class ParagraphFill {
public:
  ParagraphFill(const TableIn &t, uint64_t limit) : t_(t), limit_(limit) {}
  ParagraphFill(const ParagraphFill &) = delete;
  ParagraphFill &operator=(const ParagraphFill &) = delete;
  ~ParagraphFill() { join(); }

  void start(bool may_thread) {
#ifndef __EMSCRIPTEN__
    if (may_thread && t_.rows >= kThreadRows) {
      try {
        thread_ = std::thread([this] { run(); });
        return;
      } catch (const std::system_error &) {
      }
    }
#else
    (void)may_thread;
#endif
    run();
  }
  void join() {
#ifndef __EMSCRIPTEN__
    if (thread_.joinable()) thread_.join();
#endif
  }
  // After join(): rethrows an allocation failure of the fill; true if a paragraph lies past the
  // text's end.
  bool past_end() const {
    if (no_memory_) throw std::bad_alloc();
    return past_end_ != 0;
  }
  std::vector<TextRef> &paragraphs() {
    return out_;
  }

private:
  static constexpr uint32_t kThreadRows = 1u << 15;
  void run() {
    try {
      fill();
    } catch (...) {  // only std::bad_alloc can reach here; handed to the caller's thread
      no_memory_ = true;
    }
  }
  void fill() {
    reserve_table(out_, t_.rows);
    out_.resize(t_.rows);
    TextRef *out = out_.data();
    uint64_t vw[2][kBlockRows];
    uint64_t *const v = vw[0], *const w = vw[1];
    for (uint32_t first = 0; first < t_.rows; first += kBlockRows) {
      const uint32_t n = std::min(kBlockRows, t_.rows - first);
      unpack_column(t_, 0, first, n, v);
      unpack_column(t_, 1, first, n, w);
      if (!decode_modes(t_, n, vw)) {
        past_end_ = 1;  // a corrupt table: no paragraph is read from it
        return;
      }
      for (uint32_t k = 0; k < n; ++k) {
        past_end_ |= (v[k] + w[k] > limit_) ? 1 : 0;
        out[first + k] = TextRef{static_cast<uint32_t>(v[k]), static_cast<uint32_t>(w[k])};
      }
    }
  }

  TableIn t_;
  const uint64_t limit_;
  std::vector<TextRef> out_;
  uint64_t past_end_ = 0;   // written by run(), read after join()
  bool no_memory_ = false;  // likewise
#ifndef __EMSCRIPTEN__
  std::thread thread_;
#endif
};

bool decode_other_tables(Decoder &d, uint32_t paragraph_count);

}  // namespace

// Every value below is checked before the store is used, as it is copied out.
bool decode_tables(Decoder &d) {
  ArticleStore &s = d.s;
  static const uint8_t k32[2] = {4, 4};
  TableIn t;
  if (!read_table(d, 2, k32, t)) return false;
  ParagraphFill paragraphs(t, s.lazy_body ? d.lazy_body_size : s.body.size());
  paragraphs.start(s.lazy_body != nullptr);
  const bool others_ok = decode_other_tables(d, t.rows);
  paragraphs.join();
  if (paragraphs.past_end()) {
    d.why.clear();
    return d.bad("paragraph out of range");
  }
  s.paragraphs.swap(paragraphs.paragraphs());
  if (!s.lazy_body) {  // a stored text in memory: no reference may cut a character
    for (TextRef p : s.paragraphs) {
      d.ref_at(s.body, p, "paragraph out of range");
      if (!d.r.ok) {
        d.why = "paragraph out of range";
        return false;
      }
    }
  }
  return others_ok;
}

namespace {

// The tables after the paragraphs (whose row count the ranges into them are checked against).
bool decode_other_tables(Decoder &d, uint32_t paragraph_count) {
  ArticleStore &s = d.s;
  static const uint8_t k32[kMaxColumns] = {4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4,
                                           4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4};
  // Every table is copied into vectors reserved (and faulted in) once, so that each element is
  // written once, in order, and checked as it is written.
  TableIn t;
  if (!read_table(d, 2, k32, t)) return false;
  reserve_populated(s.honorifics, t.rows);
  for_each_row<2>(d, t, [&](uint32_t, BlockValues x) {
    s.honorifics.push_back(d.ref_at(s.meta, x.ref(0), "honorific out of range"));
    return true;
  });
  if (!read_table(d, 6, k32, t)) return false;
  reserve_populated(s.authors, t.rows);
  for_each_row<6>(d, t, [&](uint32_t, BlockValues x) {
    Author a;
    a.name = d.ref_at(s.meta, x.ref(0), "author name out of range");
    a.honorifics = d.range_at(x.range(2), s.honorifics.size(), "honorifics out of range");
    a.affiliation = d.ref_at(s.meta, x.ref(4), "affiliation out of range");
    s.authors.push_back(a);
    return true;
  });
  if (!read_table(d, 5, k32, t)) return false;
  reserve_populated(s.sections, t.rows);
  if (!for_each_row<5>(d, t, [&](uint32_t, BlockValues x) {
        const uint64_t kind = x.get(0);
        if (kind > 2) return d.bad("bad section kind");
        Section sec;
        sec.kind = static_cast<SectionKind>(kind);
        sec.heading = d.ref_at(s.meta, x.ref(1), "section heading out of range");
        sec.paragraphs = d.range_at(x.range(3), paragraph_count, "section paragraphs out of range");
        s.sections.push_back(sec);
        return true;
      }))
    return false;
  if (!read_table(d, 3, k32, t)) return false;
  reserve_populated(s.links, t.rows);
  if (!for_each_row<3>(d, t, [&](uint32_t, BlockValues x) {
        if (x.get(0) != 0) return d.bad("bad link kind");
        Link l;
        l.title = d.ref_at(s.meta, x.ref(1), "link title out of range");
        s.links.push_back(l);
        return true;
      }))
    return false;
  if (!d.r.ok) return false;

  uint8_t article_widths[kMaxColumns];
  for (size_t c = 0; c < kArticleColumns; ++c) article_widths[c] = 4;
  article_widths[c_id] = article_widths[c_source + 2] = article_widths[c_source + 3] = 8;
  TableIn at;
  if (!read_table(d, kArticleColumns, article_widths, at)) return false;
  // Row by row: each Article is written once, in order, and checked while its row is in cache.
  reserve_table(s.articles, at.rows);
  uint64_t dups = 0;
  std::vector<std::pair<uint32_t, uint32_t>> with_duplicates;  // article, count
  if (!for_each_row<kArticleColumns>(d, at, [&](uint32_t i, BlockValues x) {
        Article &a = s.articles.emplace_back();
        a.store = &s;
        a.id = x.get(c_id);
        const uint64_t kind = x.get(c_kind), category = x.get(c_category);
        if (kind > 3 || category >= kCategoryCount) return d.bad("bad article kind or category");
        a.kind = static_cast<ArticleKind>(kind);
        a.category = static_cast<Category>(category);
        const uint64_t year = x.get(c_year);
        if (year > 0xffff) return d.bad("bad year");
        a.date.year = static_cast<int16_t>(static_cast<uint16_t>(year));
        const uint64_t month = x.get(c_month), day = x.get(c_day);
        if (month > 12 || day > 31) return d.bad("bad date");
        a.date.month = static_cast<uint8_t>(month);
        a.date.day = static_cast<uint8_t>(day);
        const uint64_t deleted = x.get(c_deleted);
        if (deleted > 1) return d.bad("bad tombstone");
        a.deleted = deleted == 1;
        const uint64_t flags = x.get(c_flags);
        if (flags & ~uint64_t(kKnownArticleFlags)) return d.bad("unknown article flags");
        a.flags = static_cast<uint32_t>(flags);
        const uint64_t c = x.get(c_duplicates);
        dups += c;
        if (c) with_duplicates.emplace_back(i, x.u32(c_duplicates));
        a.title = d.body_ref_at(x.ref(c_title), "title out of range");
        a.text = d.body_ref_at(x.ref(c_text), "article text out of range");
        a.authors = d.range_at(x.range(c_authors), s.authors.size(), "authors out of range");
        a.lead = d.range_at(x.range(c_lead), paragraph_count, "lead out of range");
        a.photo_credit = d.ref_at(s.meta, x.ref(c_photo), "photo credit out of range");
        a.sections = d.range_at(x.range(c_sections), s.sections.size(), "sections out of range");
        a.bio = d.range_at(x.range(c_bio), paragraph_count, "bio out of range");
        a.links = d.range_at(x.range(c_links), s.links.size(), "links out of range");
        a.source = d.source_at(x.source(c_source));
        return d.r.ok;
      }))
    return false;
  static const uint8_t source_widths[4] = {4, 4, 8, 8};
  if (!read_table(d, 4, source_widths, t, false)) return false;
  if (t.rows != dups) return d.bad("bad duplicate sources");
  uint32_t k = 0;
  for (const auto &ac : with_duplicates) {
    Article &a = s.articles[ac.first];
    a.duplicates.resize(ac.second);
    for (uint32_t j = 0; j < ac.second; ++j, ++k) a.duplicates[j] = d.source_at(t.source(k, 0));
    if (!d.r.ok) return false;
  }
  return d.r.ok || d.bad("store truncated");
}

}  // namespace

}  // namespace caci::detail
