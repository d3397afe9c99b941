// parse_page: the layout state machine over classified lines.
//
// scan_page() has already split the page into lines (one pass over the bytes), repaired bad bytes
// and classified every line by its first characters. This pass walks the lines once, with a
// one-line lookahead (the next non-blank line) to decide titles, bare author lines and News Digest
// items, and accounts for every byte: article span, boilerplate or unclassified.
//
// Decisions where FORMAT.md leaves a choice:
// - Article span: from the entry's first line (its title when there is one, else the byline; a
//   glued byline's first byte) to the end of its last content line, terminator included. Blank
//   lines inside count as article bytes; blank lines after it, weekday headers, category lines,
//   a page-top section name, the footer and the BOM are boilerplate.
// - photo_credit holds what follows the label ("Photo by ", "Photo Credit:", "Credit:") as written,
//   minus a final full stop ("Ninara", "Pavel Fertikh"); a pipe caption is kept whole
//   ("Outlet | Caption"). Image file names on a line of their own are dropped (not text, not a
//   credit); their bytes stay inside the article span.
// - Honorifics come from the byline only ("Dr." at the start of a bio is bio text).
// - Numeric issue dates: without "the" month-first, with "the" day-first; a reading that falls on
//   a Wednesday (issue day) wins, and flag_date_ambiguous marks a date where both readings are
//   valid and neither is a Wednesday.
// - Mixed-case titles are only taken after a date header or a category line; an ALL CAPS line
//   right before a byline is a title anywhere (and ends the article before it).
// - Kind: digest for News Digest items; teaser when there is a PDF link and no section; excerpt
//   when the only content is one BACKGROUND paragraph (no lead, no bio), flag_truncated when it
//   does not end a sentence ("the U.", "i.e.", "..."); article otherwise.
// - "Published in X": the page's first such line decides its placement for the whole page: before
//   any entry has text, it names the next entry; after, it names the entry it follows.
// - Duplicates (same content id) merge into the first occurrence; the store is rolled back so a
//   repeated entry costs no memory, and a `duplicate` warning names the first occurrence.
#include "caci/core/parse.hpp"

#include "builder.hpp"
#include "byline.hpp"
#include "classify.hpp"
#include "dates.hpp"
#include "page.hpp"

#include <algorithm>
#include <cstring>

namespace caci {

namespace parse {
namespace {

constexpr std::string_view kCloak = "This email address is being protected from spambots.";
constexpr std::string_view kCloakTail = "You need JavaScript enabled to view it.";

class PageParser {
public:
  PageParser(Document &doc, Scratch &s, std::string_view bytes, uint32_t file)
      : doc_(doc), s_(s), bytes_(bytes), b_(doc, s, file) {}

  void run();
  Status status() const { return b_.status(); }

private:
  std::string_view text(size_t i) const { return trim_blanks(line_text(bytes_, s_, s_.lines[i])); }
  size_t next_nonblank(size_t i) const {
    for (size_t j = i + 1; j < s_.lines.size(); ++j)
      if (s_.lines[j].info.kind != LineKind::blank) return j;
    return SIZE_MAX;
  }
  LineKind kind_at(size_t j) const { return j == SIZE_MAX ? LineKind::blank : s_.lines[j].info.kind; }
  DateLineKind date_kind_at(size_t j) const {
    if (kind_at(j) != LineKind::date) return DateLineKind::none;
    return parse_date_line(text(j)).kind;
  }

  void boilerplate(const Line &l) {
    flush_unclassified();
    doc_.stats.bytes_boilerplate += l.next - l.start;
  }
  void unclassified(const Line &l) {
    if (unc_open_ && unc_end_ == l.start) {
      unc_end_ = l.next;
      return;
    }
    flush_unclassified();
    unc_open_ = true;
    unc_start_ = l.start;
    unc_end_ = l.next;
    unc_line_ = l.number;
    unc_col_ = l.column_base + 1;
  }
  void flush_unclassified() {
    if (!unc_open_) return;
    unc_open_ = false;
    doc_.stats.bytes_unclassified += unc_end_ - unc_start_;
    add_diag(s_, DiagCode::unclassified, Severity::warning, unc_line_, unc_col_, unc_start_, unc_end_,
             "text outside any article (no byline before it)");
  }
  void close_article(uint64_t at) {
    if (!b_.is_open()) return;
    doc_.stats.bytes_boilerplate += b_.close(at, header_date_, has_header_date_);
  }
  void open_article(const Line &l, ArticleKind kind) {
    flush_unclassified();
    Category c = page_category_;
    if (pending_category_ != Category::none) {
      c = pending_category_;
      pending_category_ = Category::none;
    }
    b_.open(l.start, l.number, kind, c);
    if (l.glued) b_.add_flags(flag_glued_byline);
    seen_entry_ = true;
  }

  void on_byline(size_t i);
  void on_date(size_t i);
  void on_category(size_t i);
  void on_outside(size_t i);
  void on_inside(size_t i);
  void bio_paragraph(size_t i, std::string_view t);
  bool names_line(std::string_view t, Byline *b) const;
  bool digest_context() const { return page_category_ == Category::news_digest || pending_category_ == Category::news_digest || b_.is_digest(); }
  bool title_candidate(size_t i) const;

  Document &doc_;
  Scratch &s_;
  std::string_view bytes_;
  Builder b_;
  Category page_category_ = Category::none;
  Category pending_category_ = Category::none;
  int category_mode_ = 0;  // 0 unknown, 1 before the entry, 2 after the entry
  Date header_date_;
  bool has_header_date_ = false;
  bool seen_entry_ = false;
  bool date_slot_ = false;  // right after a byline/headline: a date line belongs to the entry
  bool after_header_ = false;  // the previous non-blank line was a header, date or category line
  bool unc_open_ = false;
  uint64_t unc_start_ = 0, unc_end_ = 0;
  uint32_t unc_line_ = 0, unc_col_ = 1;
};

bool PageParser::names_line(std::string_view t, Byline *b) const {
  if (t.size() > 100 || t.empty() || digest_context()) return false;
  bool lower = false;  // "FARKHAD TOLIPOV" would be a headline, not an author line
  for (char c : t) lower |= (c >= 'a' && c <= 'z') || (unsigned char)c >= 0x80;
  if (!lower) return false;
  if (!parse_byline(t, BylineMode::names_only, b)) return false;
  for (int k = 0; k < b->count; ++k)
    if (b->authors[k].name.find(' ') == std::string_view::npos) return false;  // "Firstname Lastname"
  return true;
}

// A line that may title the entry whose byline follows it.
bool PageParser::title_candidate(size_t i) const {
  const Line &l = s_.lines[i];
  if (l.info.all_caps) return true;
  // Mixed-case titles only follow a date/time header or a category line; elsewhere a short line
  // before a byline is page debris, reported as unclassified.
  if (l.info.kind != LineKind::paragraph || !after_header_) return false;
  std::string_view t = text(i);
  return t.size() <= 200 && t.back() != '.';
}

void PageParser::on_byline(size_t i) {
  const Line &l = s_.lines[i];
  Byline bl;
  if (!parse_byline(text(i), BylineMode::by_prefix, &bl) && !parse_byline(text(i), BylineMode::dated_only, &bl))
    bl = Byline();  // classify_line accepted it, so this cannot happen
  if (b_.is_open() && !b_.has_authors() && !b_.has_body() && !b_.is_digest()) {
    b_.authors(bl);  // the title line opened this entry
  } else {
    close_article(l.start);
    open_article(l, ArticleKind::article);
    b_.authors(bl);
  }
  b_.extend(l.next);
  date_slot_ = true;
}

void PageParser::on_date(size_t i) {
  const Line &l = s_.lines[i];
  std::string_view t = text(i);
  DateLine d = parse_date_line(t);
  if (d.kind == DateLineKind::header) {
    close_article(l.start);
    header_date_ = d.date;
    has_header_date_ = true;
    boilerplate(l);
    return;
  }
  if (b_.is_open() && date_slot_ && !b_.has_body()) {
    Date dt = d.date;
    uint32_t fl = 0;
    if (dt.year == 0 && has_header_date_ && header_date_.year != 0) {
      // A News Digest item "14 August" under a dated heading takes the heading's year.
      dt.year = int16_t(header_date_.year - (dt.month > header_date_.month ? 1 : 0));
      fl = flag_date_from_header;
    } else if (dt.year == 0) {
      add_diag(s_, DiagCode::year_less_date, Severity::warning, l.number, l.column_base + 1, l.start, l.end,
               "date without a year kept partial");
    }
    if (!b_.has_date() || d.kind == DateLineKind::day_month) b_.date(dt, fl);
    b_.extend(l.next);
    date_slot_ = false;
    return;
  }
  if (!b_.is_open()) {
    // A date on its own between entries: a group date for what follows.
    if (d.date.year != 0) {
      header_date_ = d.date;
      has_header_date_ = true;
      boilerplate(l);
    } else {
      unclassified(l);
    }
    return;
  }
  b_.paragraph(t);
  b_.extend(l.next);
}

void PageParser::on_category(size_t i) {
  const Line &l = s_.lines[i];
  Category c = parse_category_line(text(i));
  if (category_mode_ == 0) category_mode_ = (b_.is_open() && b_.has_body()) ? 2 : 1;
  if (category_mode_ == 2) {
    if (b_.is_open()) {
      if (b_.category() == Category::none || b_.category() == page_category_) b_.set_category(c);
      close_article(l.start);
    }
  } else {
    close_article(l.start);
    pending_category_ = c;
  }
  boilerplate(l);
}

void PageParser::bio_paragraph(size_t i, std::string_view t) {
  size_t at = t.find(kCloak);
  if (at == std::string_view::npos) {
    b_.paragraph(t);
    return;
  }
  const Line &l = s_.lines[i];
  std::string &out = s_.text;
  out.clear();
  std::string_view before = t.substr(0, at);
  // "Email, This email address ..." / "E-mail: This email address ...": the label goes too.
  while (!before.empty() && before.back() == ' ') before.remove_suffix(1);
  static const std::string_view labels[] = {"Email,", "Email:", "E-mail:", "E-mail,", "Email", "email:"};
  for (std::string_view lab : labels) {
    if (before.size() >= lab.size() && before.compare(before.size() - lab.size(), lab.size(), lab) == 0) {
      before.remove_suffix(lab.size());
      break;
    }
  }
  std::string_view after = t.substr(at + kCloak.size());
  while (!after.empty() && after.front() == ' ') after.remove_prefix(1);
  if (after.compare(0, kCloakTail.size(), kCloakTail) == 0) after.remove_prefix(kCloakTail.size());
  while (!after.empty() && (after.front() == ' ' || after.front() == '.')) after.remove_prefix(1);
  out.append(before.data(), before.size());
  if (!after.empty()) {
    out.push_back(' ');
    out.append(after.data(), after.size());
  }
  b_.add_flags(flag_email_redacted);
  // Span of what was dropped: positions in the line's text, mapped back to the input when the
  // line's bytes were repaired (the repaired text has other lengths).
  const size_t base = size_t(t.data() - line_text(bytes_, s_, l).data());
  size_t drop_from = base + before.size();
  const size_t drop_to = base + size_t(after.data() - t.data());
  while (drop_from < drop_to && t[drop_from - base] == ' ') ++drop_from;
  const uint64_t from = l.fixed ? original_offset(bytes_, l, drop_from) : l.start + drop_from;
  const uint64_t to = l.fixed ? original_offset(bytes_, l, drop_to) : l.start + drop_to;
  add_diag(s_, DiagCode::email_redacted, Severity::warning, l.number,
           uint32_t(l.column_base + (from - l.start) + 1), from, to,
           "e-mail cloaking text dropped from the bio");
  b_.paragraph(out);
}

// A content line with no article open: a title, a bare author line, a digest headline, or text
// that belongs nowhere.
void PageParser::on_outside(size_t i) {
  const Line &l = s_.lines[i];
  size_t j = next_nonblank(i);
  LineKind nk = kind_at(j);
  if (l.info.kind == LineKind::paragraph) {
    Byline bl;
    DateLineKind dk = date_kind_at(j);
    if (dk == DateLineKind::dateline && names_line(text(i), &bl)) {
      close_article(l.start);
      open_article(l, ArticleKind::article);
      b_.authors(bl);
      b_.extend(l.next);
      date_slot_ = true;
      return;
    }
    if ((dk == DateLineKind::day_month || (dk == DateLineKind::dateline && digest_context())) && text(i).size() <= 250) {
      close_article(l.start);
      open_article(l, ArticleKind::digest);
      b_.title(text(i));
      b_.extend(l.next);
      date_slot_ = true;
      return;
    }
  }
  if (nk == LineKind::byline && title_candidate(i)) {
    close_article(l.start);
    open_article(l, ArticleKind::article);
    b_.title(text(i));
    b_.extend(l.next);
    date_slot_ = false;
    return;
  }
  unclassified(l);
}

void PageParser::on_inside(size_t i) {
  const Line &l = s_.lines[i];
  std::string_view t = text(i);
  switch (l.info.kind) {
  case LineKind::section: {
    SectionHead h;
    parse_section_head(t, &h);
    b_.section(h.kind, h.heading, h.rest);
    break;
  }
  case LineKind::bio: {
    std::string_view rest;
    parse_bio_head(t, &rest);
    b_.bio(std::string_view());
    if (!rest.empty()) bio_paragraph(i, rest);
    break;
  }
  case LineKind::photo:
    if (!b_.has_photo()) b_.photo(photo_credit_text(t));
    else b_.paragraph(t);
    break;
  case LineKind::caption:
    if (!b_.has_photo() && b_.part() == Builder::Part::lead) b_.photo(t);
    else b_.paragraph(t);
    break;
  case LineKind::read_link:
    b_.link(read_link_title(t));
    break;
  case LineKind::image:
    break;  // an image file name is not text and not a credit: dropped, inside the article span
  default: {
    // A new entry can start without a byline here: an ALL CAPS title before a byline, a bare
    // author line before a date line (teaser listings), a digest headline before "14 August".
    size_t j = next_nonblank(i);
    LineKind nk = kind_at(j);
    if (nk == LineKind::byline && l.info.all_caps) {
      on_outside(i);
      return;
    }
    if (nk == LineKind::date && t.size() <= 250) {
      DateLineKind dk = date_kind_at(j);
      Byline bl;
      if ((dk == DateLineKind::dateline && names_line(t, &bl)) ||
          (b_.is_digest() && (dk == DateLineKind::day_month || dk == DateLineKind::dateline))) {
        on_outside(i);
        return;
      }
    }
    if (b_.part() == Builder::Part::bio) bio_paragraph(i, t);
    else b_.paragraph(t);
    break;
  }
  }
  date_slot_ = false;
  b_.extend(l.next);
}

void PageParser::run() {
  const size_t n = s_.lines.size();
  for (size_t i = 0; i < n; ++i) {
    const Line &l = s_.lines[i];
    if (b_.status() != Status::ok) {  // text limit reached: account the rest and stop
      close_article(l.start);
      doc_.stats.bytes_unclassified += bytes_.size() - l.start;
      add_diag(s_, DiagCode::unclassified, Severity::error, l.number, 1, l.start, bytes_.size(),
               "rest of the page not parsed: text limit reached");
      return;
    }
    const LineKind kind = l.info.kind;
    const bool header_like = kind == LineKind::date || kind == LineKind::category || kind == LineKind::page_section;
    switch (kind) {
    case LineKind::blank:
      if (!b_.is_open()) boilerplate(l);
      continue;  // inside an article: part of its span if more text follows
    case LineKind::footer:
      close_article(l.start);
      boilerplate(l);
      break;
    case LineKind::category:
      on_category(i);
      break;
    case LineKind::page_section:
      if (!seen_entry_ && !b_.is_open()) {
        page_category_ = parse_page_section(text(i));
        boilerplate(l);
      } else if (b_.is_open()) {
        on_inside(i);
      } else {
        unclassified(l);
      }
      break;
    case LineKind::date:
      on_date(i);
      break;
    case LineKind::byline:
      on_byline(i);
      break;
    default:
      if (b_.is_open()) on_inside(i);
      else on_outside(i);
      break;
    }
    after_header_ = header_like;
  }
  close_article(bytes_.size());
  flush_unclassified();
}

} // namespace
} // namespace parse

Status parse_page(Document &doc, std::string_view file_name, std::string_view bytes) {
  using namespace parse;
  if (bytes.size() > UINT32_MAX) return Status::erange;
  if (doc.store.files.size() >= UINT32_MAX || doc.store.meta.size() + file_name.size() + 4096 > UINT32_MAX)
    return Status::erange;
  const uint32_t file = uint32_t(doc.store.files.size());
  doc.store.files.emplace_back(file_name);
  Scratch &s = thread_scratch();
  s.clear();
  PageScan scan;
  const bool strict = (doc.options.flags & parse_strict) != 0;
  scan_page(bytes, strict, s, &scan);
  doc.stats.bytes += bytes.size();
  if (scan.bom) doc.stats.bytes_boilerplate += 3;
  PageParser p(doc, s, bytes, file);
  p.run();
  // Diagnostics in input order, messages into the document's meta buffer.
  std::stable_sort(s.diags.begin(), s.diags.end(),
                   [](const PendingDiag &a, const PendingDiag &b) { return a.byte_start < b.byte_start; });
  Status st = p.status();
  for (const PendingDiag &pd : s.diags) {
    Diagnostic d;
    d.file = file;
    d.line = pd.line;
    d.column = pd.column;
    d.byte_start = pd.byte_start;
    d.byte_end = pd.byte_end;
    d.severity = pd.severity;
    d.code = pd.code;
    if (doc.store.meta.size() + pd.message_length > UINT32_MAX) {
      st = Status::erange;
      break;
    }
    d.message.offset = uint32_t(doc.store.meta.size());
    d.message.length = pd.message_length;
    doc.store.meta.append(s.diag_text, pd.message_offset, pd.message_length);
    doc.diagnostics.push_back(d);
  }
  if (st != Status::ok) return st;
  if (strict && scan.invalid) return Status::eutf8;
  return Status::ok;
}

} // namespace caci
