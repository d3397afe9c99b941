// The page parser's state: which entry is open and in which part (EntryState), what the page
// has said so far (its category, the placement of its category lines, the date of the header
// above), and the actions the transition table in parser.cpp calls for each line record.
#pragma once

#include "builder.hpp"
#include "byline.hpp"
#include "classify.hpp"
#include "page.hpp"

#include "caci/core/article.hpp"

#include <string_view>

namespace caci {
namespace parse {

// Where the parser is inside the current entry (see the table at the top of parser.cpp).
enum class EntryState : uint8_t { outside, head, byline, lead, section, bio, digest, count };

enum class CategoryPlacement : uint8_t { before_entry, after_entry };

class PageParser {
public:
  PageParser(Document &doc, Scratch &s, std::string_view bytes, uint32_t file)
      : doc_(doc), s_(s), bytes_(bytes), b_(doc, s, file) {}

  void run();
  Status status() const { return b_.status(); }

private:
  // --- Lines -------------------------------------------------------------------------------------
  const Line &line(size_t i) const { return s_.lines[i]; }
  const LineRecord &rec(size_t i) const { return s_.lines[i].rec; }
  std::string_view raw(size_t i) const { return line_text(bytes_, s_, s_.lines[i]); }
  std::string_view text(size_t i) const { return trim_blanks(raw(i)); }
  std::string_view payload(size_t i) const { return rec(i).payload.of(raw(i)); }
  // The line's byline, its views on the line's current text.
  Byline byline(size_t i) const {
    const ParsedByline &p = s_.bylines[rec(i).byline];
    return rebased(p.byline, p.text, raw(i).data());
  }
  size_t next_nonblank(size_t i) const {
    for (size_t j = i + 1; j < s_.lines.size(); ++j)
      if (s_.lines[j].rec.kind != LineKind::blank) return j;
    return SIZE_MAX;
  }
  // The next line that can carry an entry's byline: category lines may stand in between.
  size_t next_entry_line(size_t i) const {
    size_t j = next_nonblank(i);
    while (j != SIZE_MAX && rec(j).kind == LineKind::category) j = next_nonblank(j);
    return j;
  }
  LineKind kind_at(size_t j) const { return j == SIZE_MAX ? LineKind::blank : rec(j).kind; }
  DateLineKind date_kind_at(size_t j) const {
    return kind_at(j) == LineKind::date ? rec(j).date_kind : DateLineKind::none;
  }

  // --- Accounting --------------------------------------------------------------------------------
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
    add_diag(s_, DiagCode::unclassified, Severity::warning, unc_line_, unc_col_, unc_start_,
             unc_end_, "text outside any article (no byline before it)");
  }
  // A line becomes part of the open entry's span; what the byte repair did marks the article.
  void consume(const Line &l) {
    if (l.repairs & repair_invalid) b_.add_flags(flag_invalid_utf8);
    if (l.repairs & repair_cp1252) b_.add_flags(flag_cp1252_decoded);
    if (l.repairs & repair_mojibake) b_.add_flags(flag_mojibake_repaired);
    b_.extend(l.next);
  }

  // --- Entries -----------------------------------------------------------------------------------
  void close_entry(uint64_t at) {
    if (b_.is_open()) doc_.stats.bytes_boilerplate += b_.close(at, header_date_, header_source_);
    state_ = EntryState::outside;
    digest_heading_entry_ = false;
  }
  void open_entry(const Line &l, ArticleKind kind, EntryState state) {
    close_entry(l.start);
    flush_unclassified();
    Category c = page_category_;
    if (pending_category_ != Category::none) {
      c = pending_category_;
      pending_category_ = Category::none;
    }
    b_.open(l.start, l.number, kind, c);
    if (l.glued) b_.add_flags(flag_glued_byline);
    state_ = state;
  }
  void suspicious(const Line &l, const char *why) {
    add_diag(s_, DiagCode::suspicious_byline, Severity::warning, l.number, l.column_base + 1,
             l.start, l.end, why);
  }

  // --- Actions -----------------------------------------------------------------------------------
  void on_text(size_t i);
  void on_text_outside(size_t i);
  void on_byline(size_t i);
  void on_hot_topic(size_t i);
  void on_date(size_t i);
  void on_digest_heading(size_t i);
  void on_category(size_t i);
  void decide_category_placement();
  void on_part(size_t i);
  void on_credit(size_t i);
  void paragraph(size_t i, std::string_view t);
  void bio_paragraph(size_t i, std::string_view t);
  bool names_line(size_t i) const;
  bool digest_context() const {
    return page_category_ == Category::news_digest || pending_category_ == Category::news_digest ||
           b_.is_digest();
  }
  bool title_candidate(size_t i) const;
  bool headline_before_dated_byline(size_t i) const;
  bool outlet_candidate(size_t i) const;

  Document &doc_;
  Scratch &s_;
  std::string_view bytes_;
  Builder b_;
  EntryState state_ = EntryState::outside;
  Category page_category_ = Category::none;
  Category pending_category_ = Category::none;
  CategoryPlacement placement_ = CategoryPlacement::before_entry;
  Date header_date_;
  DateSource header_source_ = DateSource::none;
  bool digest_heading_entry_ = false;  // the open entry is a digest opened by its heading
  // The previous non-blank line was a header, date, category, download or masthead line: a line
  // that ends an entry's head or the entry itself, so a short line after it may be a title.
  bool after_header_ = false;
  bool unc_open_ = false;
  uint64_t unc_start_ = 0, unc_end_ = 0;
  uint32_t unc_line_ = 0, unc_col_ = 1;
};

}  // namespace parse
}  // namespace caci
