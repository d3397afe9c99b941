// The data model shared by the parser, the index, the C ABI and the serializers.
//
// Text lives in two growable byte buffers per store (`body`, `meta`) and is addressed by offsets,
// never by pointers, so a buffer can grow (and be saved to an index file) without invalidating
// anything. The body buffer holds, for every article and in this order, its title, lead paragraphs,
// section paragraphs and bio paragraphs, each followed by '\n'. The span [text.offset,
// text.offset+text.length) of one article is therefore its "article text", the text that search
// snippets and highlight offsets refer to, without any copy.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace caci {

// BEGIN GENERATED: article_kinds (tools/gen_tables.py; edit core/tables, not this)
enum class ArticleKind : uint8_t { article = 0, excerpt = 1, teaser = 2, digest = 3 };
constexpr int kArticleKindCount = 4;  // CACI_KIND_* are 0 .. count - 1
// END GENERATED: article_kinds
// BEGIN GENERATED: categories (tools/gen_tables.py; edit core/tables, not this)
enum class Category : uint8_t {
  none = 0,
  analytical_articles = 1,
  field_reports = 2,
  news_digest = 3,
  feature_articles = 4,
};
constexpr int kCategoryCount = 5;  // none included
// END GENERATED: categories
// BEGIN GENERATED: section_kinds (tools/gen_tables.py; edit core/tables, not this)
enum class SectionKind : uint8_t { background = 0, implications = 1, conclusions = 2 };
constexpr int kSectionKindCount = 3;  // CACI_SECTION_* are 0 .. count - 1
// END GENERATED: section_kinds
enum class LinkKind : uint8_t { pdf = 0 };
enum class Severity : uint8_t { warning = 0, error = 1 };

// Article flags (bit set). Names in flag_name().
// BEGIN GENERATED: flags (tools/gen_tables.py; edit core/tables, not this)
enum ArticleFlag : uint32_t {
  // e-mail cloaking text dropped
  flag_email_redacted = 1u << 0,
  // backslash escapes undone
  flag_unescaped = 1u << 1,
  // the byline was glued to the previous paragraph
  flag_glued_byline = 1u << 2,
  // U+FFFD replaced invalid bytes inside the article
  flag_invalid_utf8 = 1u << 3,
  // the text was not NFC in the input
  flag_nfc_changed = 1u << 4,
  // the date came from a weekday group header
  flag_date_from_header = 1u << 5,
  // the day/month order could not be confirmed
  flag_date_ambiguous = 1u << 6,
  // an excerpt cut off (old listing pages)
  flag_truncated = 1u << 7,
  // typographic quotes folded to ASCII (CACI_PARSE_FOLD_QUOTES)
  flag_quotes_folded = 1u << 8,
  // the article came from an index saved with CACI_SAVE_OMIT_TEXT: it has its metadata, title,
  // authors, links and photo credit, but no lead, sections or bio (counts 0), an empty text and
  // empty snippets
  flag_text_omitted = 1u << 9,
  // "By empty (...)": the site printed this placeholder for unsigned items; the entry has no
  // authors
  flag_placeholder_author = 1u << 10,
  // the category was inferred from the BACKGROUND / IMPLICATIONS structure, not read from a line
  flag_category_inferred = 1u << 11,
  // a lone Windows-1252 byte (0x92 and friends) was decoded as its character
  flag_cp1252_decoded = 1u << 12,
  // UTF-8 that had been read as Windows-1252 and saved again was repaired
  flag_mojibake_repaired = 1u << 13,
  // the title is the title of the entry's PDF link (a teaser with no other title)
  flag_title_from_link = 1u << 14,
};
constexpr int kArticleFlagCount = 15;
constexpr uint32_t kKnownArticleFlags = (1u << kArticleFlagCount) - 1;
// END GENERATED: flags
const char *flag_name(uint32_t single_flag) noexcept;  // "email_redacted", ...; nullptr if unknown

// BEGIN GENERATED: diag_codes (tools/gen_tables.py; edit core/tables, not this)
enum class DiagCode : uint8_t {
  // warning: bytes replaced by U+FFFD (error under strict)
  invalid_utf8 = 0,
  // warning: bytes that are neither article nor boilerplate
  unclassified = 1,
  // warning: UTF-8 byte-order mark skipped (counted as boilerplate)
  bom = 2,
  // warning: CRLF line ends (once per file)
  crlf = 3,
  // error: file unreadable (produced by callers that read files)
  io_error = 4,
  // warning: NUL byte in text, replaced by U+FFFD
  nul_byte = 5,
  // warning: date without a year kept partial
  year_less_date = 6,
  // warning: e-mail cloaking text dropped
  email_redacted = 7,
  // warning: entry merged into an earlier one with the same id
  duplicate = 8,
  // warning: byline with no body
  empty_article = 9,
  // warning: C0 control character removed
  control_char = 10,
  // warning: a byline-like line that did not start an entry, or a damaged byline
  suspicious_byline = 11,
  // warning: a lone Windows-1252 byte decoded as its character
  cp1252_decoded = 12,
  // warning: double-encoded UTF-8 repaired
  mojibake_repaired = 13,
};
constexpr int kDiagCodeCount = 14;
// END GENERATED: diag_codes
const char *diag_code_name(DiagCode c) noexcept;  // "invalid_utf8", ...

struct TextRef {
  uint32_t offset = 0;
  uint32_t length = 0;
  bool empty() const { return length == 0; }
};

// [begin, begin+count) into one of the store's flat arrays.
struct Range {
  uint32_t begin = 0;
  uint32_t count = 0;
};

// Where an article's date came from, so a researcher can weigh it.
// BEGIN GENERATED: date_sources (tools/gen_tables.py; edit core/tables, not this)
enum class DateSource : uint8_t {
  none = 0,            // no date
  byline = 1,          // "(4/24/2002 issue of the CACI Analyst)"
  date_line = 2,       // a date line under the byline ("January 29, 2025")
  header = 3,          // a weekday group header above the entry ("Wednesday, 14 August 2002")
  issue_header = 4,    // a front page's issue header ("VOL. 15 NO 9, 07 May 2013")
  digest_heading = 5,  // a News Digest heading ("29 September 2010 News Digest")
};
constexpr int kDateSourceCount = 6;
// END GENERATED: date_sources
const char *date_source_name(DateSource s) noexcept;  // "byline", ...; nullptr for none

struct Date {
  int16_t year = 0;   // 0: unknown year (partial date when month != 0)
  uint8_t month = 0;  // 0: no date at all
  uint8_t day = 0;    // 0: month precision only
  bool known() const { return month != 0; }
  bool partial() const { return month != 0 && year == 0; }
};

struct SourceRef {
  uint32_t file = 0;        // index into ArticleStore::files
  uint32_t line = 0;        // 1-based line of byte_start
  uint64_t byte_start = 0;  // byte offsets into that file's original input
  uint64_t byte_end = 0;
};

struct Author {
  TextRef name;         // meta buffer
  Range honorifics;     // into ArticleStore::honorifics
  TextRef affiliation;  // meta buffer; empty = null
};

struct Section {
  SectionKind kind = SectionKind::background;
  TextRef heading;   // meta buffer: the heading as written, normalised ("BACKGROUND", "BACKROUND")
  Range paragraphs;  // into ArticleStore::paragraphs (body buffer)
};

struct Link {
  LinkKind kind = LinkKind::pdf;
  TextRef title;  // meta buffer
};

struct ArticleStore;
class VersionLinker;  // versions.hpp
struct AppendLog;     // append.hpp

namespace detail {
class LazyText;  // an opened index file's article text, decoded on demand (lazy_text.hpp)
}

struct Article {
  const ArticleStore *store = nullptr;  // owner; lets the C ABI hand out a bare article pointer
  uint64_t id = 0;                      // content hash (see content_id())
  ArticleKind kind = ArticleKind::article;
  Category category = Category::none;
  uint32_t flags = 0;
  Date date;
  DateSource date_source = DateSource::none;
  TextRef title;         // body buffer; empty = null
  TextRef outlet;        // meta buffer: where a sister-site publication appeared; empty = null
  TextRef text;          // body buffer: the whole article text (title, lead, sections, bio)
  Range authors;         // into ArticleStore::authors
  Range lead;            // into ArticleStore::paragraphs
  TextRef photo_credit;  // meta buffer; empty = null
  Range sections;        // into ArticleStore::sections
  Range bio;             // into ArticleStore::paragraphs
  Range links;           // into ArticleStore::links
  SourceRef source;
  std::vector<SourceRef> duplicates;  // later occurrences merged into this one
  bool deleted = false;               // tombstone (index removal)
  // The other versions of this article in its store (indexes into ArticleStore::articles): the
  // full article and the excerpts or teasers cut from it. Derived (caci/core/versions.hpp).
  std::vector<uint32_t> versions;
};

// Owner of articles and all their text. Used by Document (parse output) and Index (stored
// articles).
struct ArticleStore {
  std::string body;
  std::string meta;
  std::vector<std::string> files;  // source file names as given
  std::vector<Article> articles;
  std::vector<TextRef> paragraphs;
  std::vector<Author> authors;
  std::vector<TextRef> honorifics;
  std::vector<Section> sections;
  std::vector<Link> links;

  // Set on the store of an opened index file: `body` stays empty and the text is decoded from the
  // file the first time a reference into it is read. Every reader goes through body_text() and
  // body_size(), never `body`.
  std::shared_ptr<const detail::LazyText> lazy_body;

  // The referenced text; empty if out of range (or, in an opened file, if it does not decode).
  std::string_view body_text(TextRef r) const noexcept {
    if (lazy_body) return lazy_body_text(r);
    if (static_cast<uint64_t>(r.offset) + r.length > body.size()) return std::string_view();
    return std::string_view(body.data() + r.offset, r.length);
  }
  size_t body_size() const noexcept;
  bool body_in_range(TextRef r) const noexcept {
    return static_cast<uint64_t>(r.offset) + r.length <= body_size();
  }
  std::string_view meta_text(TextRef r) const {
    return std::string_view(meta).substr(r.offset, r.length);
  }
  std::string_view file_name(uint32_t file) const {
    return file < files.size() ? std::string_view(files[file]) : std::string_view();
  }
  // Keeps capacity: a store reused for the next batch does not touch fresh pages.
  void clear();

private:
  std::string_view lazy_body_text(TextRef r) const noexcept;
};

struct Diagnostic {
  uint32_t file = 0;    // index into ArticleStore::files
  uint32_t line = 0;    // 1-based
  uint32_t column = 0;  // 1-based, in bytes
  uint64_t byte_start = 0;
  uint64_t byte_end = 0;
  Severity severity = Severity::warning;
  DiagCode code = DiagCode::unclassified;
  TextRef message;  // meta buffer of the document's store
};

struct Stats {
  uint64_t bytes = 0;           // input bytes
  uint64_t articles = 0;        // distinct articles
  uint64_t duplicates = 0;      // entries merged into an earlier article
  uint64_t bytes_articles = 0;  // bytes inside article spans (duplicates included)
  uint64_t bytes_boilerplate =
      0;  // recognised boilerplate (footers, headers, category lines, BOM, ...)
  uint64_t bytes_unclassified = 0;  // bytes reported by `unclassified` diagnostics
  // Invariant: bytes == bytes_articles + bytes_boilerplate + bytes_unclassified.
};

enum ParseFlag : uint32_t {
  parse_strict = 1u << 0,  // invalid UTF-8 makes parse() return Status::eutf8 (still fully parsed)
  parse_fold_quotes = 1u << 1,  // fold typographic quotes/apostrophes to ASCII
};

struct ParseOptions {
  uint32_t flags = 0;
};

// Parse output. Several files can be parsed into one document; duplicates are merged across them.
struct Document {
  ArticleStore store;
  std::vector<Diagnostic> diagnostics;
  Stats stats;
  ParseOptions options;
  // id -> index into store.articles, for duplicate merging. Open addressing, rebuilt by clear().
  std::vector<uint32_t> id_table;
  // Links the excerpts and teasers of each parsed page to their full articles (versions.hpp).
  std::shared_ptr<VersionLinker> version_linker;
  // What appending this document to another needs (append.hpp); filled by parse_page().
  std::shared_ptr<AppendLog> append_log;

  void clear();  // keeps capacity
};

// 64-bit content hash of an article's normalised content (text, authors, date, kind, links). Stable
// across runs, machines and endianness.
uint64_t content_id(const ArticleStore &store, const Article &a) noexcept;
// Writes the 16 lowercase hex digits of `id` to out[0..16) (no NUL).
void format_id(uint64_t id, char out[16]) noexcept;
bool parse_id(std::string_view hex, uint64_t *out) noexcept;

const char *kind_name(ArticleKind k) noexcept;   // "article", "excerpt", "teaser", "digest"
const char *category_name(Category c) noexcept;  // "Analytical Articles", ...; nullptr for none
const char *
section_kind_name(SectionKind k) noexcept;  // "background", "implications", "conclusions"

}  // namespace caci
