// The caci-archive/1 JSON writer (FORMAT.md section 3).
//
// Everything is appended to one caller-owned std::string that the caller reuses between calls, so a
// steady-state serialisation allocates nothing. Strings are copied in runs: only bytes that need
// escaping (or validation, for non-ASCII) break a run. Output is always valid JSON and valid UTF-8
// even when a string is not (file names come from the user): invalid bytes become U+FFFD.
//
// Fields beyond the contract (allowed by FORMAT.md: "add fields freely"):
//   article.date_parts  {"year": n|null, "month": n, "day": n|null} whenever any date is known, so
//   a
//                       month-precision date ("March 2003") or a year-less one is not lost: the
//                       contract's "date" is only a full YYYY-MM-DD and "date_partial" only
//                       --MM-DD.
//   article.date_source where the date came from, or null (core/tables/date_sources.tsv)
//   article.outlet      where a sister-site publication appeared ("The National Interest"), or null
//   article.text_bytes  length of the article text (the span snippet offsets refer to)
//   duplicates[].byte_end, diagnostics[].byte_start/byte_end, stats.bytes_articles
#include "caci/core/json.hpp"

#include "caci/core/normalize.hpp"

#include <algorithm>
#include <charconv>
#include <cstdint>
#include <cstring>

#include "../text/simd16.hpp"

namespace caci {

namespace {

// 0: copy as is; 1: needs an escape (", \, C0 controls, DEL); 2: start of a multi-byte sequence or
// an invalid byte (validated on the slow path).
struct ByteClass {
  unsigned char v[256];
  constexpr ByteClass() : v() {
    for (int c = 0; c < 256; ++c) {
      if (c < 0x20 || c == '"' || c == '\\' || c == 0x7f)
        v[c] = 1;
      else if (c >= 0x80)
        v[c] = 2;
      else
        v[c] = 0;
    }
  }
};
constexpr ByteClass kByteClass;

constexpr char kHex[] = "0123456789abcdef";
constexpr char kReplacement[] = "\xEF\xBF\xBD";  // U+FFFD

// Length of the valid UTF-8 sequence starting at s[i] (a byte >= 0x80), or 0 if invalid.
// Follows the Unicode well-formed table (no overlongs, no surrogates, max U+10FFFF).
size_t utf8_sequence_length(const unsigned char *s, size_t i, size_t n) {
  unsigned char c = s[i];
  auto cont = [&](size_t k, unsigned char lo, unsigned char hi) {
    return i + k < n && s[i + k] >= lo && s[i + k] <= hi;
  };
  if (c >= 0xC2 && c <= 0xDF) return cont(1, 0x80, 0xBF) ? 2 : 0;
  if (c == 0xE0) return cont(1, 0xA0, 0xBF) && cont(2, 0x80, 0xBF) ? 3 : 0;
  if ((c >= 0xE1 && c <= 0xEC) || c == 0xEE || c == 0xEF)
    return cont(1, 0x80, 0xBF) && cont(2, 0x80, 0xBF) ? 3 : 0;
  if (c == 0xED) return cont(1, 0x80, 0x9F) && cont(2, 0x80, 0xBF) ? 3 : 0;
  if (c == 0xF0) return cont(1, 0x90, 0xBF) && cont(2, 0x80, 0xBF) && cont(3, 0x80, 0xBF) ? 4 : 0;
  if (c >= 0xF1 && c <= 0xF3)
    return cont(1, 0x80, 0xBF) && cont(2, 0x80, 0xBF) && cont(3, 0x80, 0xBF) ? 4 : 0;
  if (c == 0xF4) return cont(1, 0x80, 0x8F) && cont(2, 0x80, 0xBF) && cont(3, 0x80, 0xBF) ? 4 : 0;
  return 0;
}

// SWAR test: does any byte of `w` need escaping or UTF-8 validation (< 0x20, '"', '\\', 0x7f,
// >= 0x80)? Exact for presence (the classic has-zero-byte / has-less-than bit tricks).
inline bool needs_attention(uint64_t w) {
  constexpr uint64_t ones = 0x0101010101010101ull, highs = 0x8080808080808080ull;
  auto has_zero = [&](uint64_t v) { return (v - ones) & ~v & highs; };
  uint64_t control = (w - ones * 0x20) & ~w & highs;
  uint64_t quote = has_zero(w ^ (ones * '"'));
  uint64_t backslash = has_zero(w ^ (ones * '\\'));
  uint64_t del = has_zero(w ^ (ones * 0x7f));
  return ((w & highs) | control | quote | backslash | del) != 0;
}

void append_uint(std::string &out, uint64_t v) {
  char buf[24];
  auto r = std::to_chars(buf, buf + sizeof buf, v);
  out.append(buf, static_cast<size_t>(r.ptr - buf));
}

// Zero-padded decimal of fixed width.
void append_padded(std::string &out, unsigned v, int width) {
  char buf[8];
  for (int i = width - 1; i >= 0; --i) {
    buf[i] = static_cast<char>('0' + v % 10);
    v /= 10;
  }
  out.append(buf, static_cast<size_t>(width));
}

// The small writer every object and array below goes through: it puts the commas between members
// and the brackets around them (closed when it goes out of scope), so each member is one line.
class JsonObject {
public:
  explicit JsonObject(std::string &out) : out_(out) { out_.push_back('{'); }
  ~JsonObject() { out_.push_back('}'); }
  JsonObject(const JsonObject &) = delete;
  JsonObject &operator=(const JsonObject &) = delete;

  // Writes `"k":` (after a comma unless first) and returns the output for the value.
  std::string &key(const char *k) {
    if (members_++) out_.push_back(',');
    out_.push_back('"');
    out_.append(k);
    out_.append("\":", 2);
    return out_;
  }
  void number(const char *k, uint64_t v) { append_uint(key(k), v); }
  void string(const char *k, std::string_view v) { write_json_string(key(k), v); }
  void null(const char *k) { key(k).append("null", 4); }
  // A string, or null when absent (an empty TextRef, a name function's nullptr).
  void string_or_null(const char *k, std::string_view v, bool present) {
    if (present)
      string(k, v);
    else
      null(k);
  }
  void name_or_null(const char *k, const char *name) {
    string_or_null(k, name ? name : "", name != nullptr);
  }

private:
  std::string &out_;
  uint32_t members_ = 0;
};

class JsonArray {
public:
  explicit JsonArray(std::string &out) : out_(out) { out_.push_back('['); }
  ~JsonArray() { out_.push_back(']'); }
  JsonArray(const JsonArray &) = delete;
  JsonArray &operator=(const JsonArray &) = delete;

  // Starts the next element (a comma unless first) and returns the output for it.
  std::string &next() {
    if (elements_++) out_.push_back(',');
    return out_;
  }

private:
  std::string &out_;
  uint32_t elements_ = 0;
};

void write_source(std::string &out, const ArticleStore &store, const SourceRef &src) {
  JsonObject o(out);
  o.string("file", store.file_name(src.file));
  o.number("line", src.line);
  o.number("byte_start", src.byte_start);
  o.number("byte_end", src.byte_end);
}

void write_paragraphs(std::string &out, const ArticleStore &store, Range r) {
  JsonArray a(out);
  for (uint32_t i = 0; i < r.count; ++i)
    write_json_string(a.next(), store.body_text(store.paragraphs[r.begin + i]));
}

// "date" (YYYY-MM-DD when complete), "date_partial" (--MM-DD without a year) and "date_parts".
void write_date(JsonObject &o, const Date &d) {
  if (d.year != 0 && d.month != 0 && d.day != 0) {
    std::string &out = o.key("date");
    out.push_back('"');
    append_padded(out, static_cast<unsigned>(d.year), 4);
    out.push_back('-');
    append_padded(out, d.month, 2);
    out.push_back('-');
    append_padded(out, d.day, 2);
    out.push_back('"');
  } else {
    o.null("date");
  }
  if (d.year == 0 && d.month != 0 && d.day != 0) {
    std::string &out = o.key("date_partial");
    out.append("\"--", 3);
    append_padded(out, d.month, 2);
    out.push_back('-');
    append_padded(out, d.day, 2);
    out.push_back('"');
  } else {
    o.null("date_partial");
  }
  if (d.month == 0) {
    o.null("date_parts");
    return;
  }
  JsonObject parts(o.key("date_parts"));
  if (d.year != 0)
    parts.number("year", static_cast<uint64_t>(d.year));
  else
    parts.null("year");
  parts.number("month", d.month);
  if (d.day != 0)
    parts.number("day", d.day);
  else
    parts.null("day");
}

void write_diagnostic(std::string &out, const Document &doc, const Diagnostic &d) {
  const ArticleStore &store = doc.store;
  JsonObject o(out);
  o.string("file", store.file_name(d.file));
  o.number("line", d.line);
  o.number("column", d.column);
  o.string("severity", d.severity == Severity::error ? "error" : "warning");
  o.string("code", diag_code_name(d.code));
  o.string("message", store.meta_text(d.message));
  o.number("byte_start", d.byte_start);
  o.number("byte_end", d.byte_end);
}

void write_stats(std::string &out, const Stats &s) {
  JsonObject o(out);
  o.number("bytes", s.bytes);
  o.number("articles", s.articles);
  o.number("duplicates", s.duplicates);
  o.number("bytes_articles", s.bytes_articles);
  o.number("bytes_boilerplate", s.bytes_boilerplate);
  o.number("bytes_unclassified", s.bytes_unclassified);
}

void write_id(std::string &out, uint64_t id) {
  char text[18];
  text[0] = '"';
  format_id(id, text + 1);
  text[17] = '"';
  out.append(text, 18);
}

// The escape of an ASCII byte a JSON string cannot hold as is ('"', '\\', C0 controls, DEL).
void append_escaped(std::string &out, unsigned char c) {
  switch (c) {
  case '"': out.append("\\\"", 2); break;
  case '\\': out.append("\\\\", 2); break;
  case '\n': out.append("\\n", 2); break;
  case '\r': out.append("\\r", 2); break;
  case '\t': out.append("\\t", 2); break;
  default: {
    char esc[6] = {'\\', 'u', '0', '0', kHex[c >> 4], kHex[c & 0xf]};
    out.append(esc, 6);
  }
  }
}

// In valid UTF-8, the first byte at or after p[i] (i < n) that a JSON string cannot hold as is:
// '"', '\\', C0 controls, DEL, and 0xE2 (which starts U+2028/U+2029, escaped for JavaScript);
// n if none. Sixteen bytes a step where the target has SIMD: a paragraph of Cyrillic or of curly
// quotes would stop the eight-byte ASCII test at every character.
size_t next_in_valid(const unsigned char *p, size_t i, size_t n) {
#if CACI_SIMD16
  using namespace simd16;
  for (; i + 16 <= n; i += 16) {
    const Bytes c = load(p + i);
    const Bytes hit = or_(or_(le_unsigned(c, splat(0x1f)), eq(c, splat('"'))),
                          or_(or_(eq(c, splat('\\')), eq(c, splat(0x7f))), eq(c, splat(0xE2))));
    const unsigned bits = mask(hit);
    if (bits != 0) return i + static_cast<unsigned>(__builtin_ctz(bits));
  }
#endif
  for (; i < n; ++i) {
    const unsigned char c = p[i];
    if (c < 0x20 || c == '"' || c == '\\' || c == 0x7f || c == 0xE2) return i;
  }
  return n;
}

// write_json_string() for a string known to be valid UTF-8 (nothing to replace): runs between the
// bytes next_in_valid() finds are copied whole.
void write_valid_json_string(std::string &out, std::string_view s) {
  const auto *p = reinterpret_cast<const unsigned char *>(s.data());
  const size_t n = s.size();
  out.push_back('"');
  size_t run = 0;
  for (size_t i = next_in_valid(p, 0, n); i < n; i = next_in_valid(p, i, n)) {
    const unsigned char c = p[i];
    if (c == 0xE2) {  // valid: two continuation bytes follow
      if (p[i + 1] == 0x80 && (p[i + 2] & 0xFE) == 0xA8) {
        out.append(s.data() + run, i - run);
        out.append(p[i + 2] == 0xA8 ? "\\u2028" : "\\u2029", 6);
        run = i + 3;
      }
      i += 3;
      continue;
    }
    out.append(s.data() + run, i - run);
    append_escaped(out, c);
    run = ++i;
  }
  out.append(s.data() + run, n - run);
  out.push_back('"');
}

// Below this length a string is escaped in one pass, validating as it goes: a separate validation
// pass costs more than it saves on a name or a date.
constexpr size_t kValidateFirstBytes = 48;

}  // namespace

void write_json_string(std::string &out, std::string_view s) {
  if (s.size() >= kValidateFirstBytes && utf8_valid(s)) {
    write_valid_json_string(out, s);
    return;
  }
  const auto *p = reinterpret_cast<const unsigned char *>(s.data());
  const size_t n = s.size();
  out.push_back('"');
  size_t run = 0;  // start of the pending run of bytes copied verbatim
  size_t i = 0;
  while (i < n) {
    // Plain ASCII (the bulk of the archive) is skipped eight bytes at a time.
    while (i + 8 <= n) {
      uint64_t w;
      std::memcpy(&w, p + i, 8);
      if (needs_attention(w)) break;
      i += 8;
    }
    if (i >= n) break;
    unsigned char c = p[i];
    unsigned char cls = kByteClass.v[c];
    if (cls == 0) {
      ++i;
      continue;
    }
    if (cls == 2) {
      size_t len = utf8_sequence_length(p, i, n);
      // U+2028/U+2029 are valid JSON but end a line in JavaScript source: escape them.
      bool js_separator = len == 3 && c == 0xE2 && p[i + 1] == 0x80 && (p[i + 2] & 0xFE) == 0xA8;
      if (len != 0 && !js_separator) {
        i += len;
        continue;
      }
      out.append(s.data() + run, i - run);
      if (js_separator) {
        out.append(p[i + 2] == 0xA8 ? "\\u2028" : "\\u2029", 6);
        i += 3;
      } else {
        out.append(kReplacement, 3);
        ++i;  // one U+FFFD per invalid byte, like the parser's own replacement
      }
      run = i;
      continue;
    }
    out.append(s.data() + run, i - run);
    append_escaped(out, c);
    ++i;
    run = i;
  }
  out.append(s.data() + run, n - run);
  out.push_back('"');
}

void write_article_json(const ArticleStore &store, const Article &a, std::string &out) {
  JsonObject o(out);
  write_id(o.key("id"), a.id);
  o.name_or_null("kind", kind_name(a.kind));
  o.name_or_null("category", category_name(a.category));
  o.string_or_null("title", store.body_text(a.title), !a.title.empty());
  {
    JsonArray authors(o.key("authors"));
    for (uint32_t i = 0; i < a.authors.count; ++i) {
      const Author &au = store.authors[a.authors.begin + i];
      JsonObject author(authors.next());
      author.string("name", store.meta_text(au.name));
      {
        JsonArray honorifics(author.key("honorifics"));
        for (uint32_t j = 0; j < au.honorifics.count; ++j)
          write_json_string(honorifics.next(),
                            store.meta_text(store.honorifics[au.honorifics.begin + j]));
      }
      author.string_or_null("affiliation", store.meta_text(au.affiliation),
                            !au.affiliation.empty());
    }
  }
  write_date(o, a.date);
  o.name_or_null("date_source", date_source_name(a.date_source));
  write_paragraphs(o.key("lead"), store, a.lead);
  o.string_or_null("photo_credit", store.meta_text(a.photo_credit), !a.photo_credit.empty());
  o.string_or_null("outlet", store.meta_text(a.outlet), !a.outlet.empty());
  {
    JsonArray sections(o.key("sections"));
    for (uint32_t i = 0; i < a.sections.count; ++i) {
      const Section &sec = store.sections[a.sections.begin + i];
      JsonObject section(sections.next());
      section.name_or_null("kind", section_kind_name(sec.kind));
      section.string("heading", store.meta_text(sec.heading));
      write_paragraphs(section.key("paragraphs"), store, sec.paragraphs);
    }
  }
  write_paragraphs(o.key("bio"), store, a.bio);
  {
    JsonArray links(o.key("links"));
    for (uint32_t i = 0; i < a.links.count; ++i) {
      JsonObject link(links.next());
      link.string("kind", "pdf");
      link.string("title", store.meta_text(store.links[a.links.begin + i].title));
    }
  }
  {
    JsonArray flags(o.key("flags"));
    for (int bit = 0; bit < 32; ++bit) {
      const uint32_t f = 1u << bit;
      if (!(a.flags & f)) continue;
      const char *name = flag_name(f);
      if (name) write_json_string(flags.next(), name);  // unknown bits are not in the contract
    }
  }
  write_source(o.key("source"), store, a.source);
  {
    JsonArray duplicates(o.key("duplicates"));
    for (const SourceRef &d : a.duplicates) write_source(duplicates.next(), store, d);
  }
  {
    // The other versions of the article (versions.hpp): id and kind of each.
    JsonArray versions(o.key("versions"));
    for (uint32_t v : a.versions) {
      if (v >= store.articles.size()) continue;
      const Article &other = store.articles[v];
      JsonObject version(versions.next());
      write_id(version.key("id"), other.id);
      version.string("kind", kind_name(other.kind));
    }
  }
  o.number("text_bytes", a.text.length);
}

// The serialisation is a sequence of steps: the header, one step per stored article (a deleted one
// writes nothing), the diagnostics header, one step per diagnostic, the trailer. A cursor is the
// next step, plus a bit recording whether an article was written already (the next one needs a
// comma): resuming needs nothing else, so a caller can write the output out piece by piece.
namespace {

constexpr uint64_t kArticleWritten = uint64_t(1) << 63;

uint64_t json_part_end(const Document &doc, JsonFormat format) {
  const uint64_t articles = doc.store.articles.size();
  if (format == JsonFormat::jsonl) return articles;
  return articles + doc.diagnostics.size() + 3;
}

}  // namespace

bool json_part_done(const Document &doc, JsonFormat format, uint64_t cursor) {
  return (cursor & ~kArticleWritten) >= json_part_end(doc, format);
}

bool write_document_json_part(const Document &doc, JsonFormat format, uint64_t &cursor,
                              size_t min_bytes, std::string &out) {
  return write_document_json_range(doc, format, cursor, json_part_end(doc, format), min_bytes, out);
}

namespace {

// floor(total * part / parts) without the product's overflow (part <= parts).
uint64_t share_end(uint64_t total, uint64_t part, uint64_t parts) {
  return total / parts * part + total % parts * part / parts;
}

}  // namespace

void split_document_json(const Document &doc, JsonFormat format, size_t parts, uint64_t *cursors) {
  const ArticleStore &store = doc.store;
  const uint64_t end = json_part_end(doc, format);
  // An article's JSON is about its text plus ~600 bytes of keys, numbers and metadata.
  constexpr uint64_t kArticleOverhead = 600;
  uint64_t total = 0;
  for (const Article &a : store.articles)
    if (!a.deleted) total += a.text.length + kArticleOverhead;
  // In `json` the articles are steps 1..n (step 0 is the header), in `jsonl` steps 0..n-1.
  const uint64_t first_article_step = format == JsonFormat::json ? 1 : 0;
  // A `json` cursor records whether an article was written before it (the next one needs a comma).
  const uint64_t written_bit = format == JsonFormat::json ? kArticleWritten : 0;
  cursors[0] = 0;
  size_t part = 1;
  uint64_t so_far = 0;
  bool written = false;
  for (size_t i = 0; i < store.articles.size() && part < parts; ++i) {
    const Article &a = store.articles[i];
    // Range `part` starts at the first article past its share of the total.
    while (part < parts && so_far >= share_end(total, part, parts))
      cursors[part++] = (first_article_step + i) | (written ? written_bit : 0);
    if (a.deleted) continue;
    so_far += a.text.length + kArticleOverhead;
    written = true;
  }
  // The rest (ranges past the last article, and `json`'s diagnostics and trailer) end at the end.
  const uint64_t last = std::min(end, first_article_step + store.articles.size());
  for (; part < parts; ++part) cursors[part] = last | (written ? written_bit : 0);
  cursors[parts] = end | (written ? written_bit : 0);
}

bool write_document_json_range(const Document &doc, JsonFormat format, uint64_t &cursor,
                               uint64_t end_cursor, size_t min_bytes, std::string &out) {
  const ArticleStore &store = doc.store;
  const uint64_t end = end_cursor & ~kArticleWritten;
  const uint64_t doc_end = json_part_end(doc, format);
  uint64_t step = cursor & ~kArticleWritten;
  bool written = (cursor & kArticleWritten) != 0;
  if (step > end || end > doc_end) return false;
  const size_t start_size = out.size();
  if (format == JsonFormat::jsonl) {
    for (; step < end && out.size() - start_size < min_bytes; ++step) {
      const Article &a = store.articles[step];
      if (a.deleted) continue;
      write_article_json(store, a, out);
      out.push_back('\n');
    }
    cursor = step;
    return true;
  }
  // One article / diagnostic per line: diff-friendly and still cheap to produce.
  const uint64_t articles = store.articles.size();
  const uint64_t diagnostics_begin = articles + 2;  // step of the first diagnostic
  for (; step < end && out.size() - start_size < min_bytes; ++step) {
    if (step == 0) {
      out.append("{\"schema\":\"caci-archive/1\",\n\"articles\":[");
    } else if (step <= articles) {
      const Article &a = store.articles[step - 1];
      if (a.deleted) continue;
      out.append(written ? ",\n" : "\n", written ? 2 : 1);
      written = true;
      write_article_json(store, a, out);
    } else if (step == articles + 1) {
      out.append("],\n\"diagnostics\":[");
    } else if (step < doc_end - 1) {
      const uint64_t i = step - diagnostics_begin;
      out.append(i ? ",\n" : "\n", i ? 2 : 1);
      write_diagnostic(out, doc, doc.diagnostics[i]);
    } else {
      out.append("],\n\"stats\":");
      write_stats(out, doc.stats);
      out.append("}\n");
    }
  }
  cursor = step | (written ? kArticleWritten : 0);
  return true;
}

void write_document_json(const Document &doc, JsonFormat format, std::string &out) {
  const ArticleStore &store = doc.store;
  // One growth up front instead of a doubling series: the text plus ~600 bytes of keys and numbers
  // per article and ~200 per diagnostic (a no-op when a reused buffer is already large enough).
  out.reserve(out.size() + store.body.size() + store.meta.size() + store.articles.size() * 600 +
              doc.diagnostics.size() * 200 + 256);
  uint64_t cursor = 0;
  write_document_json_part(doc, format, cursor, SIZE_MAX, out);
}

}  // namespace caci
