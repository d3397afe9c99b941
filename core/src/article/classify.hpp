// Line classification: decided from the first bytes of a line (a switch on the first character),
// with a few cheap suffix checks. Context (what comes before or after) is the parser's business.
#pragma once

#include "caci/core/article.hpp"

#include <string_view>

namespace caci {
namespace parse {

enum class LineKind : uint8_t {
  blank,         // empty, or only spaces, tabs, NBSP and other Unicode spaces
  paragraph,     // anything else
  byline,        // "By X", "by X", "X (4/24/2002 issue of the CACI Analyst)"
  date,          // a date line (see DateLineKind): header, dateline or day_month
  category,      // "Published in Analytical Articles"
  page_section,  // "Analytical Articles" / "Field Reports" / "News Digest" alone
  section,       // "BACKGROUND: ..." and friends
  bio,           // "AUTHOR BIO: ..." and friends
  photo,         // "Photo by X.", "Photo Credit: X", "Credit: X"
  caption,       // "Outlet | Caption" (a photo credit only in an article's lead area)
  image,         // "picture.jpg" alone on a line
  read_link,     // "Read <Title> (PDF)"
  footer,        // site footer paragraph or the "Sign up ..." line
};

struct LineInfo {
  LineKind kind = LineKind::paragraph;
  bool all_caps = false;  // letters present and none lowercase (title candidate)
};

// `t` is the line without its terminator; leading/trailing blanks are allowed.
LineInfo classify_line(std::string_view t) noexcept;

// Leading and trailing ASCII blanks removed.
std::string_view trim_blanks(std::string_view s) noexcept;
// True when the line holds only ASCII blanks and Unicode spaces.
bool is_blank_line(std::string_view s) noexcept;

struct SectionHead {
  SectionKind kind = SectionKind::background;
  std::string_view heading;  // "BACKGROUND", as written
  std::string_view rest;     // the first paragraph's text after the colon
};
bool parse_section_head(std::string_view t, SectionHead *out) noexcept;
// "AUTHOR BIO:" etc.; `rest` receives the text after the colon.
bool parse_bio_head(std::string_view t, std::string_view *rest) noexcept;
// Footer detection at a given position ("The Central Asia-Caucasus Analyst is a biweekly ...").
bool is_footer_start(std::string_view t) noexcept;
// "Published in X" -> category.
Category parse_category_line(std::string_view t) noexcept;
Category parse_page_section(std::string_view t) noexcept;
// Photo credit text ("Ninara" from "Photo by Ninara.").
std::string_view photo_credit_text(std::string_view t) noexcept;
// Link title from "Read <Title> (PDF)".
std::string_view read_link_title(std::string_view t) noexcept;

// Footer markers, searched for near the end of a page (also when glued to the last paragraph).
extern const std::string_view kFooterAnalyst;
extern const std::string_view kFooterSignup;

} // namespace parse
} // namespace caci
