// The line classifier (cmark's `scanners`): every line is classified once, from its own bytes, into
// a LineRecord that carries what was parsed from it (byline, date and its kind, category, section
// heading, link title, credit, ...). The parser's state machine consumes these records and never
// parses a line again. Context (what comes before or after) is the state machine's business.
#pragma once

#include "byline.hpp"
#include "caci/core/article.hpp"
#include "dates.hpp"

#include <string_view>
#include <vector>

namespace caci {
namespace parse {

enum class LineKind : uint8_t {
  blank,      // empty, or only spaces, tabs, NBSP and other Unicode spaces
  paragraph,  // anything else
  byline,     // "By X", "by X", "X (4/24/2002 issue of the CACI Analyst)", "By empty (...)"
  hot_topic,  // "[Hot Topics ]Title By X (... issue of the CACI Analyst) lead ...": a whole entry
  date,       // a date line (see DateLineKind): header, dateline or day_month
  issue_header,    // "VOL. 15 NO 9, 07 May 2013": boilerplate that dates the entries under it
  digest_heading,  // "29 September 2010 News Digest", "13 May News Digest": a digest starts here
  category,        // "Published in Analytical Articles"
  page_section,    // "Analytical Articles" / "Field Reports" / "News Digest" alone
  section,         // "BACKGROUND: ..." and friends
  bio,             // "AUTHOR BIO: ..." and friends
  photo,           // "Photo by X.", "Photo Credit: X", "Credit: X", "Image: X"
  caption,         // "Outlet | Caption" (a photo credit only in an article's lead area)
  image,           // "picture.jpg", "Baku Harbour 800", "7fa3c0d21b9e4", "shutterstock Borderpost"
  download,        // "Read <Title> (PDF)", "Read <Title>", "Click here to download PDF"
  masthead,        // sister-site publisher and publication-type lines ("Silk Road Paper")
  footer,          // site footer paragraph or the "Sign up ..." line
};

// A part of the line's text: offsets into the line's text as line_text() returns it.
struct Span {
  uint32_t offset = 0;
  uint32_t length = 0;
  bool empty() const { return length == 0; }
  std::string_view of(std::string_view text) const { return text.substr(offset, length); }
};

constexpr uint32_t kNoByline = UINT32_MAX;

struct LineRecord {
  LineKind kind = LineKind::paragraph;
  bool all_caps = false;     // letters present and none lowercase (title candidate)
  bool byline_like = false;  // a paragraph that looks like a byline but is not one (guard)
  bool author_line = false;  // a paragraph of names only ("Farkhad Tolipov"); byline holds them
  DateLineKind date_kind = DateLineKind::none;  // date lines; day_month/dateline of digest headings
  Category category = Category::none;           // category, page_section
  SectionKind section = SectionKind::background;
  Date date;     // date, issue_header, digest_heading
  Span heading;  // section heading as written ("BACKROUND")
  Span payload;  // section/bio first paragraph, photo credit, link title, hot-topic title
  Span rest;     // hot-topic lead
  uint32_t byline = kNoByline;  // byline, hot_topic, author_line: index into the byline table
};

// A byline parsed from a line, with the start of the text it was parsed from: its views are
// rebased onto the line's text when the parser uses it (see rebased()).
struct ParsedByline {
  Byline byline;
  const char *text = nullptr;
};
// Parsed bylines of one page, indexed by LineRecord::byline. Reused across pages.
using BylineTable = std::vector<ParsedByline>;

// `raw` is the line without its terminator; leading/trailing blanks are allowed.
LineRecord classify_line(std::string_view raw, BylineTable &bylines);

// Leading and trailing ASCII blanks removed.
std::string_view trim_blanks(std::string_view s) noexcept;
// True when the line holds only ASCII blanks and Unicode spaces.
bool is_blank_line(std::string_view s) noexcept;
// Footer detection at a given position ("The Central Asia-Caucasus Analyst is a biweekly ...").
bool is_footer_start(std::string_view t) noexcept;

}  // namespace parse
}  // namespace caci
