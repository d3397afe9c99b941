// Date grammar of the archive: month names, weekday group headers, numeric issue dates.
#pragma once

#include "caci/core/article.hpp"

#include <string_view>

namespace caci {
namespace parse {

enum class DateLineKind : uint8_t {
  none = 0,
  header,     // "Wednesday, 14 August 2002[ 00:00]": applies to the entries that follow
  dateline,   // "January 29, 2025", "October 12th, 2015, The CACI Analyst", "December 2nd, the CACI
              // Analyst"
  day_month,  // "14 August" / "August 14": a News Digest item date (year from the page heading)
};

struct DateLine {
  DateLineKind kind = DateLineKind::none;
  Date date;                    // year 0 when the line has none
  bool analyst_suffix = false;  // ", the CACI Analyst"
};

// Parses a whole (trimmed) line as a date; kind none when the line is anything else.
DateLine parse_date_line(std::string_view line) noexcept;

// Month from an English month name or its abbreviation ("Jan", "Sept."); 0 if none.
int month_from_name(std::string_view word) noexcept;

// 0 = Sunday .. 6 = Saturday (proleptic Gregorian).
int weekday(int year, int month, int day) noexcept;
int days_in_month(int year, int month) noexcept;

// Resolves a numeric issue date "a/b/y". `day_first` is the reading the layout implies. Issues came
// out on Wednesdays: a reading that falls on a Wednesday is confirmed; if only the other reading
// does, it wins. `ambiguous` is set when both readings are valid dates and neither is confirmed.
bool resolve_numeric_date(int a, int b, int y, bool day_first, Date *out, bool *ambiguous) noexcept;

}  // namespace parse
}  // namespace caci
