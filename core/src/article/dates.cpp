// Date grammar: a small hand-written tokenizer; no regex, no allocation.
#include "dates.hpp"

#include "lexicon.hpp"

namespace caci {
namespace parse {

namespace {

inline char lower(char c) {
  return (c >= 'A' && c <= 'Z') ? char(c | 0x20) : c;
}

bool ieq(std::string_view a, std::string_view lower_b) {
  return lexicon::equals_ci(a, lower_b);
}

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

int weekday_from_name(std::string_view w) {
  if (w.size() < 6 || w.size() > 9) return -1;
  for (int i = 0; i < 7; ++i)
    if (ieq(w, lexicon::kWeekdayNames[i])) return i;
  return -1;
}

// Splits on spaces and commas; records whether a comma followed the token.
struct Tok {
  std::string_view s;
  bool comma = false;
};

int tokenize(std::string_view line, Tok *toks, int max) {
  int n = 0;
  size_t i = 0;
  while (i < line.size()) {
    while (i < line.size() && (line[i] == ' ' || line[i] == '\t')) ++i;
    if (i >= line.size()) break;
    if (line[i] == ',') {
      if (n > 0) toks[n - 1].comma = true;
      ++i;
      continue;
    }
    size_t j = i;
    while (j < line.size() && line[j] != ' ' && line[j] != '\t' && line[j] != ',') ++j;
    if (n == max) return -1;
    toks[n].s = line.substr(i, j - i);
    toks[n].comma = false;
    ++n;
    i = j;
  }
  return n;
}

// "12", "12th", "1st", "2nd", "3rd" -> 12; 0 if not a day number.
int day_number(std::string_view s) {
  size_t i = 0;
  int v = 0;
  while (i < s.size() && is_digit(s[i]) && i < 2) v = v * 10 + (s[i++] - '0');
  if (i == 0) return 0;
  std::string_view suf = s.substr(i);
  bool ordinal = suf.empty();
  for (std::string_view o : lexicon::kOrdinalSuffixes) ordinal = ordinal || ieq(suf, o);
  if (!ordinal) return 0;
  return (v >= 1 && v <= 31) ? v : 0;
}

int year_number(std::string_view s) {
  if (s.size() != 4) return 0;
  int v = 0;
  for (char c : s) {
    if (!is_digit(c)) return 0;
    v = v * 10 + (c - '0');
  }
  return (v >= 1900 && v <= 2100) ? v : 0;
}

bool time_token(std::string_view s) {  // "00:00"
  return s.size() == 5 && is_digit(s[0]) && is_digit(s[1]) && s[2] == ':' && is_digit(s[3]) &&
         is_digit(s[4]);
}

}  // namespace

int month_from_name(std::string_view w) noexcept {
  if (!w.empty() && w.back() == '.') w.remove_suffix(1);
  if (w.size() < 3 || w.size() > 9) return 0;
  switch (lower(w[0])) {  // J F M A S O N D start every month name
  case 'j':
  case 'f':
  case 'm':
  case 'a':
  case 's':
  case 'o':
  case 'n':
  case 'd': break;
  default: return 0;
  }
  for (int i = 0; i < 12; ++i)
    if (ieq(w, lexicon::kMonthNames[i]) || ieq(w, lexicon::kMonthAbbrevs[i])) return i + 1;
  if (ieq(w, lexicon::kSeptemberAbbrev)) return 9;
  return 0;
}

int days_in_month(int y, int m) noexcept {
  static const int d[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (m < 1 || m > 12) return 0;
  if (m == 2 && (y == 0 || ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0)))
    return 29;  // year 0: unknown
  return d[m - 1];
}

int weekday(int y, int m, int d) noexcept {
  static const int t[] = {0, 3, 2, 5, 0, 3, 5, 1, 4, 6, 2, 4};
  if (m < 3) y -= 1;
  return (y + y / 4 - y / 100 + y / 400 + t[m - 1] + d) % 7;
}

bool resolve_numeric_date(int a, int b, int y, bool day_first, Date *out,
                          bool *ambiguous) noexcept {
  if (y < 100) y += (y < 50) ? 2000 : 1900;
  auto valid = [&](int m, int d) {
    return m >= 1 && m <= 12 && d >= 1 && d <= days_in_month(y, m);
  };
  int pm = day_first ? b : a, pd = day_first ? a : b;  // preferred reading
  int om = day_first ? a : b, od = day_first ? b : a;  // other reading
  bool pv = valid(pm, pd), ov = valid(om, od) && (om != pm || od != pd);
  *ambiguous = false;
  if (!pv && !ov) return false;
  bool pw = pv && weekday(y, pm, pd) == 3, ow = ov && weekday(y, om, od) == 3;
  int m, d;
  if (pw || (pv && !ow)) {
    m = pm;
    d = pd;
    *ambiguous = !pw && ov;
  } else {
    m = om;
    d = od;
    *ambiguous = !ow && pv;
  }
  out->year = int16_t(y);
  out->month = uint8_t(m);
  out->day = uint8_t(d);
  return true;
}

DateLine parse_date_line(std::string_view line) noexcept {
  DateLine r;
  if (line.size() < 3 || line.size() > 80) return r;
  Tok t[10];
  int n = tokenize(line, t, 10);
  if (n < 2) return r;
  int i = 0;
  bool has_weekday = false;
  if (weekday_from_name(t[0].s) >= 0) {
    has_weekday = true;
    i = 1;
  }
  if (i >= n) return r;
  int month = 0, day = 0, year = 0;
  if ((month = month_from_name(t[i].s)) != 0) {
    ++i;
    if (i < n && (day = day_number(t[i].s)) != 0) ++i;
  } else if ((day = day_number(t[i].s)) != 0) {
    ++i;
    if (i < n && (month = month_from_name(t[i].s)) != 0)
      ++i;
    else
      return r;
  } else {
    return r;
  }
  if (i < n && (year = year_number(t[i].s)) != 0) ++i;
  if (i < n && time_token(t[i].s)) ++i;
  // ", the CACI Analyst" / ", The Central Asia-Caucasus Analyst"
  if (i < n && ieq(t[i].s, "the") && i + 1 < n) {
    int j = i + 1;
    while (j < n && !ieq(t[j].s, "analyst")) ++j;
    if (j == n - 1) {
      r.analyst_suffix = true;
      i = n;
    }
  }
  if (i != n) return r;
  if (day == 0 && year == 0) return r;  // "March" alone is a word, not a date
  if (day > days_in_month(year, month)) return r;
  r.date.year = int16_t(year);
  r.date.month = uint8_t(month);
  r.date.day = uint8_t(day);
  if (has_weekday)
    r.kind = DateLineKind::header;
  else if (year || r.analyst_suffix)
    r.kind = DateLineKind::dateline;
  else
    r.kind = DateLineKind::day_month;
  return r;
}

}  // namespace parse
}  // namespace caci
