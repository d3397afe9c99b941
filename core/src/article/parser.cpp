// parse_page: the layout state machine over classified lines.
//
// scan_page() has already split the page into lines (one pass over the bytes), repaired bad bytes
// and classified every line once into a LineRecord (classify.hpp). This pass walks the records
// once, with a short lookahead (the next non-blank lines) to decide titles, outlets, bare author
// lines and News Digest items, and accounts for every byte: article span, boilerplate or
// unclassified.
//
// Entry states (EntryState) and what moves between them (kTransitions, one row per LineKind, one
// column per EntryState; the action then looks at the state it was called in):
//
//   outside  no entry open (page top, between entries, after a footer)
//   head     an entry opened by its first line (a title, an outlet), waiting for its byline
//   byline   right after the byline: the slots for a date line, a photo credit, an outlet's title
//   lead     lead paragraphs (a digest item's text, a teaser's lead, a hot topic's lead)
//   section  inside BACKGROUND / IMPLICATIONS / CONCLUSIONS
//   bio      inside AUTHOR BIO
//   digest   a News Digest opened by its heading: headlines, item days and texts until the next
//            heading or entry; its byline, if any, attaches to it
//
//   line kind        outside          head / byline      lead / section / bio    digest
//   blank            boilerplate      hold               hold                    hold
//   paragraph        text: title, outlet, author line, digest item, or unclassified
//                                     text (title slot)  text (new-entry lookahead)  text
//   byline           new entry        attach             new entry               attach if unsigned
//   hot_topic        new entry (title, byline and lead on one line)
//   date             group date       date slot          text (a header ends the entry)  item day
//   issue_header     ends the entry, dates the entries below it
//   digest_heading   new digest entry
//   category         names the next entry, or the entry it follows (decided once per page)
//   page_section     page category    like a category line (a section name is never text)
//   section, bio     unclassified     open the part      open the part           open the part
//   photo, caption   boilerplate      photo credit       credit or text          text
//   image, masthead  boilerplate      dropped inside the entry's span
//   download         boilerplate      a pdf link
//   footer           ends the entry; boilerplate
//
// Decisions where FORMAT.md leaves a choice:
// - Article span: from the entry's first line (its title when there is one, else the byline; a
//   glued byline's first byte) to the end of its last content line, terminator included. Blank
//   lines inside count as article bytes; blank lines after it, weekday and issue headers,
//   category lines, a page-top section name, the footer and the BOM are boilerplate.
// - photo_credit holds what follows the label ("Photo by ", "Photo Credit:", "Credit:",
//   "Image:") as written, minus a final full stop; a pipe caption is kept whole. Image lines
//   (file names, captions with a pixel size, stock-photo names) are never text: inside an entry
//   they stay in its span, between entries they are boilerplate.
// - Honorifics come from the byline only ("Dr." at the start of a bio is bio text).
// - Numeric issue dates: without "the" month-first, with "the" day-first; a reading that falls on
//   a Wednesday (issue day) wins, and flag_date_ambiguous marks a date where both readings are
//   valid and neither is a Wednesday. A day over 12 decides.
// - Titles: an ALL CAPS line before a byline anywhere (it ends the article before it); a
//   mixed-case line only after a date/time header or a category line.
//   A category line may stand between a title and its byline.
// - Kind: digest for News Digest items and digests; teaser when there is a PDF link and no
//   section (its title is the link's when it has none); excerpt when the only content is one
//   BACKGROUND paragraph; article otherwise. Category inferred (and flagged) from a BACKGROUND
//   section when no line names it.
// - "Published in X" (or a section name alone): a page puts them all before or all after the entry
//   they name; after when its last one has no entry below it, before otherwise. Right after a
//   title or a digest heading it names that entry.
// - Guard: a line that looks like a byline never disappears into an article silently: it starts
//   an entry (a damaged byline starts one without an author) or gets a suspicious_byline
//   diagnostic.
// - Duplicates (same content id) merge into the first occurrence; the store is rolled back so a
//   repeated entry costs no memory, and a `duplicate` warning names the first occurrence.
#include "caci/core/parse.hpp"

#include "builder.hpp"
#include "byline.hpp"
#include "classify.hpp"
#include "dates.hpp"
#include "email_cloak.hpp"
#include "lexicon.hpp"
#include "page.hpp"
#include "page_parser.hpp"

#include <algorithm>
#include <cstring>

namespace caci {

namespace parse {
namespace {

enum class Action : uint8_t {
  boilerplate,   // counted as boilerplate
  hold,          // a blank line inside an entry: in its span only if more of it follows
  text,          // a paragraph line (see on_text)
  byline,        // attach to the open entry or start a new one (see on_byline)
  hot_topic,     // a whole entry on one line
  date,          // a date line (see on_date)
  issue_header,  // ends the entry; dates the entries below it
  digest,        // a News Digest heading starts a digest entry
  category,      // "Published in X"
  page_section,  // a section name alone on a line
  part,          // BACKGROUND / AUTHOR BIO: a part of the open entry
  credit,        // a photo credit or caption
  drop,          // an image or masthead line inside an entry: in its span, not its text
  link,          // a download line
  footer,        // ends the entry
  unclassified,  // text that belongs to no entry
};

constexpr int kLineKinds = int(LineKind::footer) + 1;
constexpr int kStates = int(EntryState::count);

// Short names for the table below, so that each row fits on one line.
constexpr Action kBoiler = Action::boilerplate, kHold = Action::hold, kText = Action::text,
                 kByline = Action::byline, kHot = Action::hot_topic, kDate = Action::date,
                 kIssue = Action::issue_header, kDigest = Action::digest, kCat = Action::category,
                 kPageSec = Action::page_section, kPart = Action::part, kCredit = Action::credit,
                 kDrop = Action::drop, kLink = Action::link, kFooter = Action::footer,
                 kUnclass = Action::unclassified;

// The transition table: one row per LineKind (classify.hpp order), one column per EntryState.
// clang-format off
constexpr Action kTransitions[kLineKinds][kStates] = {
    //                  outside   head      byline    lead      section   bio       digest
    /* blank        */ {kBoiler,  kHold,    kHold,    kHold,    kHold,    kHold,    kHold},
    /* paragraph    */ {kText,    kText,    kText,    kText,    kText,    kText,    kText},
    /* byline       */ {kByline,  kByline,  kByline,  kByline,  kByline,  kByline,  kByline},
    /* hot_topic    */ {kHot,     kHot,     kHot,     kHot,     kHot,     kHot,     kHot},
    /* date         */ {kDate,    kDate,    kDate,    kDate,    kDate,    kDate,    kDate},
    /* issue_header */ {kIssue,   kIssue,   kIssue,   kIssue,   kIssue,   kIssue,   kIssue},
    /* digest_head. */ {kDigest,  kDigest,  kDigest,  kDigest,  kDigest,  kDigest,  kDigest},
    /* category     */ {kCat,     kCat,     kCat,     kCat,     kCat,     kCat,     kCat},
    /* page_section */ {kPageSec, kCat,     kCat,     kCat,     kCat,     kCat,     kCat},
    /* section      */ {kUnclass, kPart,    kPart,    kPart,    kPart,    kPart,    kPart},
    /* bio          */ {kUnclass, kPart,    kPart,    kPart,    kPart,    kPart,    kPart},
    /* photo        */ {kBoiler,  kCredit,  kCredit,  kCredit,  kCredit,  kCredit,  kCredit},
    /* caption      */ {kBoiler,  kCredit,  kCredit,  kCredit,  kCredit,  kCredit,  kCredit},
    /* image        */ {kBoiler,  kDrop,    kDrop,    kDrop,    kDrop,    kDrop,    kDrop},
    /* download     */ {kBoiler,  kLink,    kLink,    kLink,    kLink,    kLink,    kLink},
    /* masthead     */ {kBoiler,  kDrop,    kDrop,    kDrop,    kDrop,    kDrop,    kDrop},
    /* footer       */ {kFooter,  kFooter,  kFooter,  kFooter,  kFooter,  kFooter,  kFooter},
};
// clang-format on

static_assert(sizeof kTransitions / sizeof kTransitions[0] == kLineKinds, "one row per line kind");

}  // namespace

// A bare author line ("Farkhad Tolipov") as the classifier read it, outside News Digest pages.
bool PageParser::names_line(size_t i) const {
  return rec(i).author_line && rec(i).byline != kNoByline && !digest_context();
}

// A line that may title the entry whose byline follows it.
bool PageParser::title_candidate(size_t i) const {
  if (rec(i).all_caps || headline_before_dated_byline(i)) return true;
  // Mixed-case titles only follow a date/time header or a category line; elsewhere a short line
  // before a byline is page debris ("Home page navigation"), reported as unclassified.
  if (rec(i).kind != LineKind::paragraph || !after_header_) return false;
  std::string_view t = text(i);
  return t.size() <= 200 && t.back() != '.';
}

// Old listings put each item's headline, in any case, right above a dated byline ("By empty
// (3/5/2003 issue ...)"): a short line that does not end like a sentence or a news item.
bool PageParser::headline_before_dated_byline(size_t i) const {
  if (rec(i).kind != LineKind::paragraph) return false;
  const size_t j = next_entry_line(i);
  if (kind_at(j) != LineKind::byline) return false;
  const Byline &b = s_.bylines[rec(j).byline].byline;  // flags only: no views are read
  if (!b.has_date && !b.placeholder) return false;
  std::string_view t = text(i);
  if (t.size() > 200 || t.size() < 4) return false;
  const unsigned char first = uint8_t(t.front()), last = uint8_t(t.back());
  const bool starts = (first >= 'A' && first <= 'Z') || (first >= '0' && first <= '9') ||
                      first == '"' || first == '\'' || first >= 0xC2;
  const bool ends_like_text = last == '.' || last == '!' || last == '?' || last == ':' ||
                              last == ';' || last == ',' || last == ')' || last == '"' ||
                              last == 0x9D;  // 0x9D: closing curly quote
  return starts && !ends_like_text;
}

// "The National Interest" / "March 3, 2020" / "By Author": a sister-site outlet line.
bool PageParser::outlet_candidate(size_t i) const {
  std::string_view t = text(i);
  if (t.size() > 80 || t.back() == '.' || rec(i).kind != LineKind::paragraph) return false;
  size_t j = next_nonblank(i);
  if (date_kind_at(j) != DateLineKind::dateline || rec(j).date.year == 0) return false;
  return kind_at(next_nonblank(j)) == LineKind::byline;
}

// A content line with no entry open: a title, an outlet, a bare author line, a digest headline,
// or text that belongs nowhere.
void PageParser::on_text_outside(size_t i) {
  const Line &l = line(i);
  std::string_view t = text(i);
  if (rec(i).kind == LineKind::paragraph) {
    if (outlet_candidate(i)) {
      open_entry(l, ArticleKind::article, EntryState::head);
      b_.outlet(t);
      consume(l);
      return;
    }
    const DateLineKind dk = date_kind_at(next_nonblank(i));
    if (dk == DateLineKind::dateline && names_line(i)) {
      open_entry(l, ArticleKind::article, EntryState::byline);
      b_.authors(byline(i));
      consume(l);
      return;
    }
    if ((dk == DateLineKind::day_month || (dk == DateLineKind::dateline && digest_context())) &&
        t.size() <= 250) {
      open_entry(l, ArticleKind::digest, EntryState::byline);  // the day line fills the date slot
      b_.title(t);
      consume(l);
      return;
    }
  }
  if (kind_at(next_entry_line(i)) == LineKind::byline && title_candidate(i)) {
    open_entry(l, ArticleKind::article, EntryState::head);
    b_.title(t);
    consume(l);
    return;
  }
  unclassified(l);
}

void PageParser::on_text(size_t i) {
  const Line &l = line(i);
  std::string_view t = text(i);
  switch (state_) {
  case EntryState::outside: on_text_outside(i); return;
  case EntryState::byline:
    // A sister-site publication: outlet, date, byline, then its title.
    if (b_.has_outlet() && !b_.has_title() && t.size() <= 200 && t.back() != '.') {
      b_.title(t);
      consume(l);
      state_ = EntryState::lead;
      return;
    }
    break;
  case EntryState::digest:
    if (rec(i).byline_like) suspicious(l, "byline-like line kept as digest text");
    paragraph(i, t);
    consume(l);
    return;
  default: break;
  }
  // A new entry can start without a byline: a title before a byline, a sister-site outlet before
  // its date and byline, a bare author line before a date line (teaser listings), a digest
  // headline before its day line.
  if (rec(i).kind == LineKind::paragraph) {
    if ((title_candidate(i) && kind_at(next_entry_line(i)) == LineKind::byline) ||
        outlet_candidate(i)) {
      on_text_outside(i);
      return;
    }
    const size_t j = next_nonblank(i);
    if (kind_at(j) == LineKind::date && t.size() <= 250) {
      const DateLineKind dk = date_kind_at(j);
      if ((dk == DateLineKind::dateline && names_line(i)) ||
          (b_.is_digest() && (dk == DateLineKind::day_month || dk == DateLineKind::dateline))) {
        on_text_outside(i);
        return;
      }
    }
  }
  if (rec(i).byline_like) suspicious(l, "byline-like line kept as article text");
  paragraph(i, t);
  consume(l);
  if (state_ == EntryState::head || state_ == EntryState::byline) state_ = EntryState::lead;
}

void PageParser::paragraph(size_t i, std::string_view t) {
  if (state_ == EntryState::bio)
    bio_paragraph(i, t);
  else
    b_.paragraph(t);
}

void PageParser::on_byline(size_t i) {
  const Line &l = line(i);
  const Byline bl = byline(i);
  // A title, an outlet or a digest heading opened this entry: the byline is its own.
  const bool attach =
      b_.is_open() && !b_.has_authors() && !b_.has_body() &&
      !(b_.flags() & flag_placeholder_author) &&
      (state_ == EntryState::head || (state_ == EntryState::digest && digest_heading_entry_));
  if (!attach)
    open_entry(l, ArticleKind::article, EntryState::byline);
  else if (state_ == EntryState::head)
    state_ = EntryState::byline;
  if (l.glued) b_.add_flags(flag_glued_byline);
  b_.authors(bl);
  if (bl.damaged)
    suspicious(l, "byline without a readable name: the entry is kept without an author");
  consume(l);
}

void PageParser::on_hot_topic(size_t i) {
  const Line &l = line(i);
  const LineRecord &r = rec(i);
  open_entry(l, ArticleKind::article, EntryState::lead);
  if (!r.payload.empty()) b_.title(payload(i));
  b_.authors(byline(i));
  b_.paragraph(r.rest.of(raw(i)));
  consume(l);
}

void PageParser::on_digest_heading(size_t i) {
  const Line &l = line(i);
  open_entry(l, ArticleKind::digest, EntryState::digest);
  digest_heading_entry_ = true;
  b_.set_category(Category::news_digest);
  b_.title(text(i));
  Date d = rec(i).date;
  // "13 May News Digest" under "Thursday, 14 May 2009": the header gives the year.
  if (d.year == 0 && header_source_ != DateSource::none && header_date_.year != 0)
    d.year = int16_t(header_date_.year - (d.month > header_date_.month ? 1 : 0));
  b_.date(d, DateSource::digest_heading);
  consume(l);
}

void PageParser::on_date(size_t i) {
  const Line &l = line(i);
  const LineRecord &r = rec(i);
  if (r.date_kind == DateLineKind::header) {
    close_entry(l.start);
    header_date_ = r.date;
    header_source_ = DateSource::header;
    boilerplate(l);
    return;
  }
  switch (state_) {
  case EntryState::outside:
    // A date on its own between entries: a group date for what follows.
    if (r.date.year != 0) {
      header_date_ = r.date;
      header_source_ = DateSource::header;
      boilerplate(l);
    } else {
      unclassified(l);
    }
    return;
  case EntryState::digest:
    consume(l);  // an item's day ("21 September"): the digest's date stands
    return;
  case EntryState::head:
  case EntryState::byline:
    if (b_.is_digest() && r.date_kind == DateLineKind::day_month && !b_.has_date()) {
      // A News Digest item "14 August" under a dated heading takes the heading's year.
      Date dt = r.date;
      if (header_source_ != DateSource::none && header_date_.year != 0) {
        dt.year = int16_t(header_date_.year - (dt.month > header_date_.month ? 1 : 0));
        b_.date(dt, DateSource::header, flag_date_from_header);
      } else {
        add_diag(s_, DiagCode::year_less_date, Severity::warning, l.number, l.column_base + 1,
                 l.start, l.end, "date without a year kept partial");
        b_.date(dt, DateSource::date_line);
      }
      consume(l);
      return;
    }
    if (!b_.has_date()) {
      if (r.date.year == 0)
        add_diag(s_, DiagCode::year_less_date, Severity::warning, l.number, l.column_base + 1,
                 l.start, l.end, "date without a year kept partial");
      b_.date(r.date, DateSource::date_line);
      consume(l);
      return;
    }
    if (b_.date_source() == DateSource::byline && !b_.has_body()) {
      consume(
          l);  // the same date again under a dated byline ("October 12th, 2015, The CACI Analyst")
      return;
    }
    break;
  default: break;
  }
  b_.paragraph(text(i));
  consume(l);
}

void PageParser::on_category(size_t i) {
  const Line &l = line(i);
  const Category c = rec(i).category;
  if (b_.is_open() && !b_.has_body() && state_ != EntryState::outside) {
    b_.set_category(c);  // right after a title, a digest heading or a byline: this entry's
    consume(l);
    return;
  }
  if (placement_ == CategoryPlacement::after_entry && b_.is_open()) {
    if (b_.category() == Category::none || b_.category() == page_category_ ||
        (b_.flags() & flag_category_inferred))
      b_.set_category(c);
    close_entry(l.start);
  } else {
    close_entry(l.start);
    pending_category_ = c;
  }
  boilerplate(l);
}

void PageParser::on_part(size_t i) {
  const Line &l = line(i);
  const LineRecord &r = rec(i);
  if (r.kind == LineKind::section) {
    b_.section(r.section, r.heading.of(raw(i)), payload(i));
    state_ = EntryState::section;
  } else {
    b_.bio(std::string_view());
    state_ = EntryState::bio;
    if (!r.payload.empty()) bio_paragraph(i, payload(i));
  }
  consume(l);
}

void PageParser::on_credit(size_t i) {
  const Line &l = line(i);
  const bool credit_slot =
      state_ == EntryState::head || state_ == EntryState::byline || state_ == EntryState::lead;
  if (rec(i).kind == LineKind::photo) {
    if (!b_.has_photo() && credit_slot) b_.photo(payload(i));  // a second credit is not text either
  } else if (!b_.has_photo() && credit_slot) {
    b_.photo(text(i));  // "Outlet | Caption"
  } else {
    paragraph(i, text(i));
  }
  consume(l);
}

void PageParser::bio_paragraph(size_t i, std::string_view t) {
  EmailCloakCut cut;
  if (!remove_email_cloak(t, s_.text, &cut)) {
    b_.paragraph(t);
    return;
  }
  b_.add_flags(flag_email_redacted);
  // The span of what was dropped, mapped back to the input when the line's bytes were repaired
  // (the repaired text has other lengths).
  const Line &l = line(i);
  const size_t base = size_t(t.data() - line_text(bytes_, s_, l).data());
  const uint64_t from =
      l.fixed ? original_offset(bytes_, l, base + cut.from) : l.start + base + cut.from;
  const uint64_t to = l.fixed ? original_offset(bytes_, l, base + cut.to) : l.start + base + cut.to;
  add_diag(s_, DiagCode::email_redacted, Severity::warning, l.number,
           uint32_t(l.column_base + (from - l.start) + 1), from, to,
           "e-mail cloaking text dropped from the bio");
  b_.paragraph(s_.text);
}

// Where the page puts its category lines, decided once from the whole page: after the entry they
// name when the page's last category line has no entry after it (2015-16 pages end their last
// entry with one); before the entry otherwise (older pages, and most pages: FORMAT.md 2b).
void PageParser::decide_category_placement() {
  size_t last = SIZE_MAX;
  for (size_t i = 0; i < s_.lines.size(); ++i)
    if (rec(i).kind == LineKind::category) last = i;
  if (last == SIZE_MAX) return;
  for (size_t j = last + 1; j < s_.lines.size(); ++j) {
    const LineKind k = rec(j).kind;
    if (k == LineKind::byline || k == LineKind::hot_topic || k == LineKind::digest_heading) return;
  }
  placement_ = CategoryPlacement::after_entry;
}

void PageParser::run() {
  const size_t n = s_.lines.size();
  decide_category_placement();
  for (size_t i = 0; i < n; ++i) {
    const Line &l = s_.lines[i];
    if (b_.status() != Status::ok) {  // text limit reached: account the rest and stop
      close_entry(l.start);
      doc_.stats.bytes_unclassified += bytes_.size() - l.start;
      add_diag(s_, DiagCode::unclassified, Severity::error, l.number, 1, l.start, bytes_.size(),
               "rest of the page not parsed: text limit reached");
      return;
    }
    const LineKind kind = l.rec.kind;
    switch (kTransitions[int(kind)][int(state_)]) {
    case Action::boilerplate: boilerplate(l); break;
    case Action::hold: break;  // part of the span if more of the entry follows
    case Action::text: on_text(i); break;
    case Action::byline: on_byline(i); break;
    case Action::hot_topic: on_hot_topic(i); break;
    case Action::date: on_date(i); break;
    case Action::issue_header:
      close_entry(l.start);
      header_date_ = l.rec.date;
      header_source_ = DateSource::issue_header;
      boilerplate(l);
      break;
    case Action::digest: on_digest_heading(i); break;
    case Action::category: on_category(i); break;
    case Action::page_section:
      page_category_ = l.rec.category;  // a listing's section: names the entries below it
      boilerplate(l);
      break;
    case Action::part: on_part(i); break;
    case Action::credit: on_credit(i); break;
    case Action::drop: consume(l); break;
    case Action::link:
      b_.link(payload(i));
      consume(l);
      break;
    case Action::footer:
      close_entry(l.start);
      boilerplate(l);
      break;
    case Action::unclassified: unclassified(l); break;
    }
    if (kind != LineKind::blank) {
      after_header_ = kind == LineKind::date || kind == LineKind::category ||
                      kind == LineKind::page_section || kind == LineKind::issue_header ||
                      kind == LineKind::download || kind == LineKind::masthead;
    }
  }
  close_entry(bytes_.size());
  flush_unclassified();
}

}  // namespace parse
}  // namespace caci
