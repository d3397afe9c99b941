// Names, ids and housekeeping of the shared data model.
#include "caci/core/append.hpp"
#include "caci/core/article.hpp"
#include "caci/core/status.hpp"

#include <cstring>

namespace caci {

// BEGIN GENERATED: names (tools/gen_tables.py; edit core/tables, not this)
const char *status_str(Status s) noexcept {
  switch (s) {
  case Status::ok: return "CACI_OK";
  case Status::done: return "CACI_DONE";
  case Status::einval: return "CACI_EINVAL";
  case Status::enomem: return "CACI_ENOMEM";
  case Status::eio: return "CACI_EIO";
  case Status::eutf8: return "CACI_EUTF8";
  case Status::ecorrupt: return "CACI_ECORRUPT";
  case Status::eversion: return "CACI_EVERSION";
  case Status::equery: return "CACI_EQUERY";
  case Status::ebufs: return "CACI_EBUFS";
  case Status::enotfound: return "CACI_ENOTFOUND";
  case Status::erange: return "CACI_ERANGE";
  case Status::einternal: return "CACI_EINTERNAL";
  }
  return "CACI_UNKNOWN";
}

const char *flag_name(uint32_t flag) noexcept {
  switch (flag) {
  case flag_email_redacted: return "email_redacted";
  case flag_unescaped: return "unescaped";
  case flag_glued_byline: return "glued_byline";
  case flag_invalid_utf8: return "invalid_utf8";
  case flag_nfc_changed: return "nfc_changed";
  case flag_date_from_header: return "date_from_header";
  case flag_date_ambiguous: return "date_ambiguous";
  case flag_truncated: return "truncated";
  case flag_quotes_folded: return "quotes_folded";
  case flag_text_omitted: return "text_omitted";
  case flag_placeholder_author: return "placeholder_author";
  case flag_category_inferred: return "category_inferred";
  case flag_cp1252_decoded: return "cp1252_decoded";
  case flag_mojibake_repaired: return "mojibake_repaired";
  case flag_title_from_link: return "title_from_link";
  default: return nullptr;
  }
}

const char *diag_code_name(DiagCode s) noexcept {
  switch (s) {
  case DiagCode::invalid_utf8: return "invalid_utf8";
  case DiagCode::unclassified: return "unclassified";
  case DiagCode::bom: return "bom";
  case DiagCode::crlf: return "crlf";
  case DiagCode::io_error: return "io_error";
  case DiagCode::nul_byte: return "nul_byte";
  case DiagCode::year_less_date: return "year_less_date";
  case DiagCode::email_redacted: return "email_redacted";
  case DiagCode::duplicate: return "duplicate";
  case DiagCode::empty_article: return "empty_article";
  case DiagCode::control_char: return "control_char";
  case DiagCode::suspicious_byline: return "suspicious_byline";
  case DiagCode::cp1252_decoded: return "cp1252_decoded";
  case DiagCode::mojibake_repaired: return "mojibake_repaired";
  }
  return "unknown";
}

const char *kind_name(ArticleKind s) noexcept {
  switch (s) {
  case ArticleKind::article: return "article";
  case ArticleKind::excerpt: return "excerpt";
  case ArticleKind::teaser: return "teaser";
  case ArticleKind::digest: return "digest";
  }
  return nullptr;
}

const char *category_name(Category s) noexcept {
  switch (s) {
  case Category::none: return nullptr;
  case Category::analytical_articles: return "Analytical Articles";
  case Category::field_reports: return "Field Reports";
  case Category::news_digest: return "News Digest";
  case Category::feature_articles: return "Feature Articles";
  }
  return nullptr;
}

const char *date_source_name(DateSource s) noexcept {
  switch (s) {
  case DateSource::none: return nullptr;
  case DateSource::byline: return "byline";
  case DateSource::date_line: return "date_line";
  case DateSource::header: return "header";
  case DateSource::issue_header: return "issue_header";
  case DateSource::digest_heading: return "digest_heading";
  }
  return nullptr;
}

const char *section_kind_name(SectionKind s) noexcept {
  switch (s) {
  case SectionKind::background: return "background";
  case SectionKind::implications: return "implications";
  case SectionKind::conclusions: return "conclusions";
  }
  return nullptr;
}
// END GENERATED: names

void ArticleStore::clear() {
  lazy_body.reset();
  body.clear();
  meta.clear();
  files.clear();
  articles.clear();
  paragraphs.clear();
  authors.clear();
  honorifics.clear();
  sections.clear();
  links.clear();
}

void Document::clear() {
  store.clear();
  diagnostics.clear();
  stats = Stats{};
  id_table.clear();
  version_linker.reset();
  if (append_log) {  // keeps capacity, like the rest
    append_log->dup_slot.clear();
    append_log->dup_refs.clear();
  }
}

namespace {

// A word-at-a-time 64-bit hash (multiply-rotate per 8 bytes, splitmix64 finish). Words are read
// as little-endian regardless of the host, so ids are identical on every machine. It was a
// byte-at-a-time FNV-1a before: a third of the parser's time went there.
struct Hasher {
  static constexpr uint64_t kMul1 = 0x9e3779b97f4a7c15ull;
  static constexpr uint64_t kMul2 = 0xc2b2ae3d27d4eb4full;
  uint64_t h = 0x27d4eb2f165667c5ull;

  static uint64_t rotl(uint64_t x, int r) { return (x << r) | (x >> (64 - r)); }
  static uint64_t load_le(const unsigned char *p, size_t n) {
    uint64_t v = 0;
    for (size_t i = 0; i < n; ++i) v |= uint64_t(p[i]) << (8 * i);
    return v;
  }
  void mix(uint64_t w) { h = rotl(h ^ (w * kMul2), 31) * kMul1; }
  void bytes(std::string_view s) {
    const auto *p = reinterpret_cast<const unsigned char *>(s.data());
    size_t n = s.size();
    while (n >= 8) {
      uint64_t w;
      std::memcpy(&w, p, 8);
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
      w = __builtin_bswap64(w);
#endif
      mix(w);
      p += 8;
      n -= 8;
    }
    // The tail carries its length so "a" and "a\0" differ.
    mix(load_le(p, n) ^ (uint64_t(n) << 59));
  }
  void sep(unsigned char tag) {
    mix(0xff00ull | tag);
  }  // 0xff never occurs in UTF-8
  void number(uint64_t v) {
    mix(v);
  }
  uint64_t finish() const {
    uint64_t z = h + 0x9e3779b97f4a7c15ull;
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
  }
};

}  // namespace

uint64_t content_id(const ArticleStore &store, const Article &a) noexcept {
  Hasher h;
  h.sep('k');
  h.number(static_cast<uint64_t>(a.kind));
  h.sep('d');
  h.number((uint64_t(uint16_t(a.date.year)) << 16) | (uint64_t(a.date.month) << 8) | a.date.day);
  for (uint32_t i = 0; i < a.authors.count; ++i) {
    h.sep('a');
    h.bytes(store.meta_text(store.authors[a.authors.begin + i].name));
  }
  h.sep('t');
  std::string_view text = store.body_text(a.text);
  // A title taken from the PDF link is already hashed as the link: the id stays what it was
  // before titles were derived, and the same entry keeps its id across versions.
  if ((a.flags & flag_title_from_link) && text.size() > a.title.length)
    text.remove_prefix(a.title.length + 1);
  h.bytes(text);
  for (uint32_t i = 0; i < a.links.count; ++i) {
    h.sep('l');
    h.bytes(store.meta_text(store.links[a.links.begin + i].title));
  }
  return h.finish();
}

void format_id(uint64_t id, char out[16]) noexcept {
  static const char digits[] = "0123456789abcdef";
  for (int i = 15; i >= 0; --i) {
    out[i] = digits[id & 0xf];
    id >>= 4;
  }
}

bool parse_id(std::string_view hex, uint64_t *out) noexcept {
  if (hex.size() != 16 || !out) return false;
  uint64_t v = 0;
  for (char c : hex) {
    int d;
    if (c >= '0' && c <= '9')
      d = c - '0';
    else if (c >= 'a' && c <= 'f')
      d = c - 'a' + 10;
    else if (c >= 'A' && c <= 'F')
      d = c - 'A' + 10;
    else
      return false;
    v = (v << 4) | uint64_t(d);
  }
  *out = v;
  return true;
}

}  // namespace caci
