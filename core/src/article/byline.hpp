// Bylines: "By A. Author and B. Other, Affiliation (4/24/2002 issue of the CACI Analyst)".
#pragma once

#include "caci/core/article.hpp"

#include <string_view>

namespace caci {
namespace parse {

constexpr int kMaxAuthors = 8;
constexpr int kMaxHonorifics = 4;

struct BylineAuthor {
  std::string_view name;  // tokens as written (the normaliser collapses spaces)
  std::string_view honorifics[kMaxHonorifics];
  int honorific_count = 0;
  std::string_view affiliation;  // empty = none
};

struct Byline {
  BylineAuthor authors[kMaxAuthors];
  int count = 0;
  bool had_by = false;    // started with "By"/"by"
  bool has_date = false;  // "(... issue of the CACI Analyst)"
  bool date_ambiguous = false;
  bool placeholder = false;  // "By empty (...)": no authors, flag_placeholder_author
  bool damaged = false;  // "By <prose> (... issue of the CACI Analyst)": no authors, a diagnostic
  Date date;
};

// The same byline with its views moved from the text at `from` to a copy of that text at `to`.
// A repaired line's text lives in a buffer that grows while later lines are scanned, so a byline
// kept from classification is rebased onto the line's current text before it is used.
Byline rebased(const Byline &b, const char *from, const char *to) noexcept;

enum class BylineMode : uint8_t {
  by_prefix,   // must start with "By "/"by " (a dated parenthesis is optional)
  dated_only,  // no "By": accepted only with the dated parenthesis
  names_only,  // a bare author line (the caller saw a date line below it)
};

// Parses a trimmed line. Returns false for prose ("By mid-October, journalists ...").
bool parse_byline(std::string_view line, BylineMode mode, Byline *out) noexcept;

// Where a byline glued to the end of a paragraph starts ("...sentence.By A. Author (...)"), or
// npos. After a space ("...sentence. By A. Author (...)") only a byline ending in the dated issue
// parenthesis counts. Only the last part of the line is examined.
size_t find_glued_byline(std::string_view line) noexcept;

// True when the line ends like a dated byline: "... issue of the CACI Analyst)".
bool ends_with_issue_paren(std::string_view line) noexcept;

}  // namespace parse
}  // namespace caci
