// Line classification: decided from the first bytes of a line (a switch on the first character),
// with a few cheap suffix checks. No regex, no allocation except the page's byline table.
#include "classify.hpp"

#include "../text/utf8.hpp"
#include "lexicon.hpp"

#include <cstring>

namespace caci {
namespace parse {

namespace {

using lexicon::ends_with_ci;
using lexicon::equals_ci;
using lexicon::starts_with_ci;

bool starts_with(std::string_view s, std::string_view p) {
  return s.size() >= p.size() && s.compare(0, p.size(), p) == 0;
}
bool ends_with(std::string_view s, std::string_view p) {
  return s.size() >= p.size() && s.compare(s.size() - p.size(), p.size(), p) == 0;
}
bool is_digit(char c) {
  return c >= '0' && c <= '9';
}
bool is_lower(char c) {
  return c >= 'a' && c <= 'z';
}
bool is_upper(char c) {
  return c >= 'A' && c <= 'Z';
}

// Offsets of `part` (a view into `raw`) relative to `raw`.
Span span_of(std::string_view raw, std::string_view part) {
  Span s;
  s.offset = uint32_t(part.data() - raw.data());
  s.length = uint32_t(part.size());
  return s;
}

// Letters present, no lowercase letter. Stops at the first lowercase letter, so prose costs a few
// bytes.
bool all_caps(std::string_view t) {
  if (t.size() > 300) return false;
  const auto *p = reinterpret_cast<const unsigned char *>(t.data());
  size_t i = 0, n = t.size();
  int letters = 0;
  while (i < n) {
    unsigned char c = p[i];
    if (c < 0x80) {
      if (c >= 'a' && c <= 'z') return false;
      if (c >= 'A' && c <= 'Z') ++letters;
      ++i;
      continue;
    }
    size_t len = text::utf8_sequence_length(p + i, n - i);
    if (len == 0) {
      ++i;
      continue;
    }
    uint32_t cp = text::decode_valid(p, n, &i);
    if (text::is_lower_letter(cp)) return false;
    if (text::is_letter(cp)) ++letters;
  }
  return letters >= 3;
}

// --- Structure -----------------------------------------------------------------------------------

bool section_head(std::string_view raw, std::string_view t, LineRecord *rec) {
  for (const lexicon::Heading &k : lexicon::kSectionHeadings) {
    if (!starts_with(t, k.word)) continue;
    std::string_view r = t.substr(k.word.size());
    while (!r.empty() && r.front() == ' ') r.remove_prefix(1);  // "BACKGROUND :" happens
    if (r.empty() || r.front() != ':') continue;
    rec->section = k.kind;
    rec->heading = span_of(raw, t.substr(0, k.word.size()));
    rec->payload = span_of(raw, trim_blanks(r.substr(1)));
    return true;
  }
  return false;
}

// AUTHOR BIO / AUTHOR'S BIO / AUTHORS' BIO / AUTHORS BIO, with any of the lexicon's apostrophes.
bool bio_head(std::string_view raw, std::string_view t, LineRecord *rec) {
  if (!starts_with(t, lexicon::kBioAuthor)) return false;
  std::string_view r = t.substr(lexicon::kBioAuthor.size());
  auto apostrophe = [&]() {
    for (std::string_view a : lexicon::kApostrophes)
      if (starts_with(r, a)) {
        r.remove_prefix(a.size());
        return;
      }
  };
  if (starts_with(r, "S")) r.remove_prefix(1);
  apostrophe();
  if (starts_with(r, "S")) r.remove_prefix(1);
  if (!starts_with(r, lexicon::kBioWord)) return false;
  r.remove_prefix(lexicon::kBioWord.size());
  if (starts_with(r, "S")) r.remove_prefix(1);  // "AUTHORS' BIOS:"
  while (!r.empty() && r.front() == ' ') r.remove_prefix(1);
  if (r.empty() || r.front() != ':') return false;
  rec->payload = span_of(raw, trim_blanks(r.substr(1)));
  return true;
}

Category category_name(std::string_view t) {
  for (const lexicon::CategoryName &c : lexicon::kCategoryNames)
    if (t == c.name) return c.category;
  return Category::none;
}

// "29 September 2010 News Digest", "13 May News Digest", "September 29, 2010 News Digest".
bool digest_heading(std::string_view t, LineRecord *rec) {
  if (t.size() > 60 || !ends_with(t, lexicon::kDigestHeadingTail)) return false;
  std::string_view head = trim_blanks(t.substr(0, t.size() - lexicon::kDigestHeadingTail.size()));
  DateLine d = parse_date_line(head);
  if (d.kind != DateLineKind::dateline && d.kind != DateLineKind::day_month) return false;
  rec->date = d.date;
  rec->date_kind = d.kind;
  return true;
}

// "VOL. 15 NO 9, 07 May 2013", "Vol. 15 No. 9 (07 May 2013)".
bool issue_header(std::string_view t, LineRecord *rec) {
  if (t.size() > 60 || !starts_with_ci(t, lexicon::kIssueHeaderPrefix)) return false;
  size_t cut = t.find_first_of(",(");
  if (cut == std::string_view::npos) return false;
  bool digits = false;
  for (size_t i = 0; i < cut; ++i) digits |= is_digit(t[i]);
  if (!digits) return false;
  std::string_view rest = trim_blanks(t.substr(cut + 1));
  if (!rest.empty() && rest.back() == ')') rest = trim_blanks(rest.substr(0, rest.size() - 1));
  DateLine d = parse_date_line(rest);
  if (d.kind != DateLineKind::dateline || d.date.year == 0) return false;
  rec->date = d.date;
  return true;
}

bool masthead(std::string_view t) {
  if (t.size() > 80) return false;
  for (std::string_view m : lexicon::kMastheadLines)
    if (equals_ci(t, m)) return true;
  return false;
}

// --- Images, credits, downloads ------------------------------------------------------------------

bool photo_line(std::string_view raw, std::string_view t, LineRecord *rec) {
  if (t.size() >= 300) return false;
  for (std::string_view p : lexicon::kPhotoPrefixes) {
    if (!starts_with(t, p)) continue;
    std::string_view r = trim_blanks(t.substr(p.size()));
    // "Ninara." -> "Ninara"; keep the dot of a final initial ("J. R. R.").
    if (r.size() > 2 && r.back() == '.' && !(r[r.size() - 3] == ' ' || r[r.size() - 3] == '.'))
      r.remove_suffix(1);
    rec->payload = span_of(raw, r);
    return true;
  }
  return false;
}

// A caption or file name left alone on a line. Decided from the line's shape: a file extension, a
// camera or stock-photo prefix, one token mixing letters and digits ("7fa3c0d21b9e4"), or a short
// caption ending in a pixel size ("Baku Harbour 800").
bool image_line(std::string_view t) {
  if (t.size() > 160 || t.size() < 5) return false;
  const bool spaces = std::memchr(t.data(), ' ', t.size()) != nullptr;
  for (std::string_view ext : lexicon::kImageExtensions)
    if (ends_with_ci(t, ext) && (!spaces || t.size() < 80)) return true;
  for (std::string_view p : lexicon::kImagePrefixes)
    if (starts_with_ci(t, p) && t.size() < 100) return true;
  bool letters = false, digits = false, other = false;
  if (!spaces) {
    for (char c : t) {
      if (is_digit(c))
        digits = true;
      else if (is_lower(c) || is_upper(c))
        letters = true;
      else if (c != '_' && c != '-')
        other = true;
    }
    return letters && digits && !other && t.size() >= 8;
  }
  // "Baku Harbour 800": a few words and a size that is not a year; no sentence punctuation.
  if (t.size() > 80) return false;
  size_t last = t.rfind(' ');
  std::string_view size = t.substr(last + 1);
  if (size.size() < 3 || size.size() > 4) return false;
  int v = 0;
  for (char c : size) {
    if (!is_digit(c)) return false;
    v = v * 10 + (c - '0');
  }
  if (v < 100 || (v >= 1900 && v <= 2100)) return false;
  int words = 1;
  bool lowercase = false;  // "THE TALKS OF 1781" is an ALL CAPS headline, not a caption
  for (char c : t) {
    if (c == '.' || c == ',' || c == ':' || c == ';' || c == '"' || c == '(' || c == '?' ||
        c == '!')
      return false;
    words += c == ' ';
    lowercase |= is_lower(c);
  }
  return words <= 6 && lowercase;
}

bool download_line(std::string_view raw, std::string_view t, LineRecord *rec) {
  if (t.size() > 300) return false;
  if (starts_with(t, lexicon::kReadPrefix)) {
    std::string_view title = t.substr(lexicon::kReadPrefix.size());
    if (ends_with(title, lexicon::kPdfSuffix)) {
      title = trim_blanks(title.substr(0, title.size() - lexicon::kPdfSuffix.size()));
    } else {
      // "Read <Title>" without "(PDF)": a capitalised title and no sentence end; prose such as
      // "Read the report." stays prose.
      if (title.empty() || !(is_upper(title[0]) || is_digit(title[0]) ||
                             uint8_t(title[0]) >= 0xC2 || title[0] == '"'))
        return false;
      if (title.back() == '.' || t.size() > 200) return false;
      title = trim_blanks(title);
    }
    if (title.empty()) return false;
    rec->payload = span_of(raw, title);
    return true;
  }
  std::string_view bare = t;
  while (!bare.empty() && (bare.back() == '.' || bare.back() == ':')) bare.remove_suffix(1);
  if (bare.size() > 40) return false;
  for (std::string_view p : lexicon::kDownloadPhrases)
    if (equals_ci(bare, p)) return true;
  return false;
}

// --- Bylines -------------------------------------------------------------------------------------

uint32_t store_byline(BylineTable &table, const Byline &b, std::string_view raw) {
  table.push_back(ParsedByline{b, raw.data()});
  return uint32_t(table.size() - 1);
}

// "[Hot Topics ]Title By A. Author (4/24/2015 issue of the CACI Analyst) Lead text ...": a whole
// entry on one line. The byline sits near the start, so only the first few hundred bytes are
// looked at, with memchr for the rare 'B'.
bool hot_topic(std::string_view raw, std::string_view t, BylineTable &table, LineRecord *rec) {
  const size_t window = t.size() < 320 ? t.size() : 320;
  const char *p = t.data();
  size_t from = 0;
  while (from + 3 < window) {
    const void *hit = std::memchr(p + from, 'B', window - from);
    if (!hit) return false;
    size_t at = size_t(static_cast<const char *>(hit) - p);
    from = at + 1;
    if (at + 3 >= t.size() || p[at + 1] != 'y' || p[at + 2] != ' ') continue;
    if (at > 0 && p[at - 1] != ' ') continue;
    std::string_view after = t.substr(at);
    size_t paren_end = after.substr(0, 340).find(lexicon::kIssueParenTail);
    if (paren_end == std::string_view::npos) continue;
    paren_end += lexicon::kIssueParenTail.size();
    std::string_view lead = trim_blanks(after.substr(paren_end));
    if (lead.empty()) return false;  // a plain byline, classified as such
    Byline b;
    if (!parse_byline(after.substr(0, paren_end), BylineMode::by_prefix, &b) || !b.has_date)
      continue;
    std::string_view title = trim_blanks(t.substr(0, at));
    if (starts_with(title, lexicon::kHotTopicsPrefix))
      title = trim_blanks(title.substr(lexicon::kHotTopicsPrefix.size()));
    else if (title == trim_blanks(lexicon::kHotTopicsPrefix))
      title = std::string_view();
    rec->payload = title.empty() ? Span{} : span_of(raw, title);
    rec->rest = span_of(raw, lead);
    rec->byline = store_byline(table, b, raw);
    return true;
  }
  return false;
}

// A paragraph that looks like a byline but did not parse as one: short, "By" and a capital, no
// sentence end; or one that holds the dated issue parenthesis. The parser reports it rather than
// let an article absorb it silently.
bool byline_like(std::string_view t) {
  // "CACI Analyst" first: its capital C is rare in prose, so the search skips most bytes.
  for (size_t at = t.find("CACI Analyst"); at != std::string_view::npos;
       at = t.find("CACI Analyst", at + 1))
    if (at >= 13 && t.compare(at - 13, 13, "issue of the ") == 0) return true;
  if (t.size() > 120 || t.size() < 5) return false;
  if (!(starts_with(t, "By ") || starts_with(t, "by ") || starts_with(t, "BY "))) return false;
  if (!is_upper(t[3])) return false;
  if (t.back() == '.' || t.back() == ',' || t.back() == ';' || t.back() == ':') return false;
  size_t sp = t.find_first_of(" ,", 3);
  std::string_view word =
      t.substr(3, sp == std::string_view::npos ? std::string_view::npos : sp - 3);
  return !lexicon::contains(lexicon::kNotNames, word);
}

}  // namespace

std::string_view trim_blanks(std::string_view s) noexcept {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

bool is_blank_line(std::string_view s) noexcept {
  const auto *p = reinterpret_cast<const unsigned char *>(s.data());
  size_t i = 0, n = s.size();
  while (i < n) {
    unsigned char c = p[i];
    if (c == ' ' || c == '\t' || c == '\f' || c == '\v') {
      ++i;
      continue;
    }
    if (c < 0xC2) return false;
    size_t len = text::utf8_sequence_length(p + i, n - i);
    if (len == 0) return false;
    uint32_t cp = text::decode_valid(p, n, &i);
    if (!text::is_unicode_space(cp)) return false;
  }
  return true;
}

bool is_footer_start(std::string_view t) noexcept {
  return starts_with(t, lexicon::kFooterAnalyst) || starts_with(t, lexicon::kFooterSignup);
}

LineRecord classify_line(std::string_view raw, BylineTable &bylines) {
  LineRecord rec;
  std::string_view t = trim_blanks(raw);
  if (t.empty()) {
    rec.kind = LineKind::blank;
    return rec;
  }
  const unsigned char c0 = uint8_t(t[0]);
  if (c0 >= 0xC2 && is_blank_line(t)) {
    rec.kind = LineKind::blank;
    return rec;
  }
  auto is = [&](LineKind k) {
    rec.kind = k;
    return rec;
  };
  Byline bl;
  switch (c0) {
  case 'A':
    if (t.size() > 8 && t[1] == 'U' && bio_head(raw, t, &rec)) return is(LineKind::bio);
    if ((rec.category = category_name(t)) != Category::none) return is(LineKind::page_section);
    break;
  case 'B':
  case 'b':
    if (t.size() > 3 && (t[1] == 'y' || t[1] == 'Y') && t[2] == ' ') {
      if (parse_byline(t, BylineMode::by_prefix, &bl)) {
        rec.byline = store_byline(bylines, bl, raw);
        return is(LineKind::byline);
      }
      if (hot_topic(raw, t, bylines, &rec)) return is(LineKind::hot_topic);
      rec.byline_like = byline_like(t);
      break;
    }
    if (c0 == 'B' && t.size() > 1 && t[1] == 'A' && section_head(raw, t, &rec))
      return is(LineKind::section);
    break;
  case 'I':
  case 'C':
    if (t.size() > 8 && (t[1] == 'M' || t[1] == 'O') && section_head(raw, t, &rec))
      return is(LineKind::section);
    if (photo_line(raw, t, &rec)) return is(LineKind::photo);
    if (c0 == 'C' && download_line(raw, t, &rec)) return is(LineKind::download);
    if (c0 == 'C' && masthead(t)) return is(LineKind::masthead);
    break;
  case 'P':
    if (starts_with(t, lexicon::kCategoryLinePrefix) &&
        (rec.category = category_name(
             trim_blanks(t.substr(lexicon::kCategoryLinePrefix.size())))) != Category::none)
      return is(LineKind::category);
    if (starts_with(t, "Photo") && photo_line(raw, t, &rec)) return is(LineKind::photo);
    break;
  case 'R':
  case 'D':
    if (download_line(raw, t, &rec)) return is(LineKind::download);
    if (c0 == 'R' && masthead(t)) return is(LineKind::masthead);
    break;
  case 'T':
  case 'S':
    if (is_footer_start(t)) return is(LineKind::footer);
    if (masthead(t)) return is(LineKind::masthead);
    break;
  case 'F':
  case 'N':
    if ((rec.category = category_name(t)) != Category::none) return is(LineKind::page_section);
    break;
  case 'H':
  case 'J':
    if (masthead(t)) return is(LineKind::masthead);
    break;
  case 'V':
  case 'v':
    if (issue_header(t, &rec)) return is(LineKind::issue_header);
    break;
  default: break;
  }
  // Dates start with a weekday, a month name or a day number, and are short.
  if (t.size() <= 80 && (is_digit(char(c0)) || is_upper(char(c0)))) {
    DateLine d = parse_date_line(t);
    if (d.kind != DateLineKind::none) {
      rec.date_kind = d.kind;
      rec.date = d.date;
      return is(LineKind::date);
    }
    if (digest_heading(t, &rec)) return is(LineKind::digest_heading);
  }
  if (image_line(t)) return is(LineKind::image);
  if (t.back() == ')' && ends_with_issue_paren(t) && parse_byline(t, BylineMode::dated_only, &bl)) {
    rec.byline = store_byline(bylines, bl, raw);
    return is(LineKind::byline);
  }
  if (c0 != 'B' && c0 != 'b' && hot_topic(raw, t, bylines, &rec)) return is(LineKind::hot_topic);
  if (t.size() < 300) {  // "Outlet | Caption": look for the rare '|' alone, then its spaces
    const void *bar = std::memchr(t.data(), '|', t.size());
    if (bar) {
      size_t at = size_t(static_cast<const char *>(bar) - t.data());
      if (at > 0 && at + 1 < t.size() && t[at - 1] == ' ' && t[at + 1] == ' ')
        return is(LineKind::caption);
    }
  }
  if (!rec.byline_like && t.back() == ')' && t.size() < 400) rec.byline_like = byline_like(t);
  // A bare author line of a 2025 teaser listing ("Farkhad Tolipov" above "January 29, 2025"):
  // short, with lowercase letters ("FARKHAD TOLIPOV" is a headline), every author a first and a
  // last name. Whether it is one depends on the line below it; the parser decides.
  if (t.size() <= 100 && t.back() != '.') {
    bool lower = false;
    for (char c : t) lower |= (c >= 'a' && c <= 'z') || uint8_t(c) >= 0x80;
    Byline names;
    if (lower && parse_byline(t, BylineMode::names_only, &names) && names.count > 0) {
      bool full = true;
      for (int k = 0; k < names.count; ++k)
        full = full && names.authors[k].name.find(' ') != std::string_view::npos;
      if (full) {
        rec.author_line = true;
        rec.byline = store_byline(bylines, names, raw);
      }
    }
  }
  // A title may start with a number or a quote ("919 SILK ROAD ...", "\"PEACE\" IN ...").
  const bool title_start =
      is_upper(char(c0)) || is_digit(char(c0)) || c0 == '"' || c0 == '\'' || c0 >= 0xC2;
  rec.all_caps = title_start && all_caps(t);
  return is(LineKind::paragraph);
}

}  // namespace parse
}  // namespace caci
