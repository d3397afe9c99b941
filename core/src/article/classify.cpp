// Line classification by first character. No regex, no allocation.
#include "classify.hpp"

#include "../text/utf8.hpp"
#include "byline.hpp"
#include "dates.hpp"

#include <cstring>

namespace caci {
namespace parse {

const std::string_view kFooterAnalyst = "The Central Asia-Caucasus Analyst is a biweekly publication";
const std::string_view kFooterSignup = "Sign up for upcoming events";

namespace {

bool starts_with(std::string_view s, std::string_view p) { return s.size() >= p.size() && s.compare(0, p.size(), p) == 0; }
bool ends_with(std::string_view s, std::string_view p) {
  return s.size() >= p.size() && s.compare(s.size() - p.size(), p.size(), p) == 0;
}
char lower(char c) { return (c >= 'A' && c <= 'Z') ? char(c | 0x20) : c; }
bool ends_with_ci(std::string_view s, std::string_view p) {
  if (s.size() < p.size()) return false;
  for (size_t i = 0; i < p.size(); ++i)
    if (lower(s[s.size() - p.size() + i]) != p[i]) return false;
  return true;
}

bool image_name(std::string_view t) {
  if (t.size() > 160 || t.size() < 5) return false;
  // The extension first: it rules out almost every line without reading it.
  bool ext = ends_with_ci(t, ".jpg") || ends_with_ci(t, ".jpeg") || ends_with_ci(t, ".png") || ends_with_ci(t, ".gif") ||
             ends_with_ci(t, ".webp");
  return ext && t.find(' ') == std::string_view::npos;
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

} // namespace

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

bool parse_section_head(std::string_view t, SectionHead *out) noexcept {
  t = trim_blanks(t);
  struct K {
    std::string_view word;
    SectionKind kind;
  };
  static const K keys[] = {{"BACKGROUND", SectionKind::background}, {"BACKROUND", SectionKind::background},
                           {"IMPLICATIONS", SectionKind::implications}, {"CONCLUSIONS", SectionKind::conclusions},
                           {"CONCLUSION", SectionKind::conclusions}};
  for (const K &k : keys) {
    if (starts_with(t, k.word)) {
      std::string_view r = t.substr(k.word.size());
      while (!r.empty() && r.front() == ' ') r.remove_prefix(1);  // "BACKGROUND :" happens
      if (r.empty() || r.front() != ':') continue;
      out->kind = k.kind;
      out->heading = t.substr(0, k.word.size());
      out->rest = trim_blanks(r.substr(1));
      return true;
    }
  }
  return false;
}

bool parse_bio_head(std::string_view t, std::string_view *rest) noexcept {
  t = trim_blanks(t);
  if (!starts_with(t, "AUTHOR")) return false;
  std::string_view r = t.substr(6);
  // AUTHOR BIO / AUTHOR'S BIO / AUTHORS' BIO / AUTHORS BIO, straight or curly apostrophe
  if (starts_with(r, "S")) r.remove_prefix(1);
  if (starts_with(r, "'")) r.remove_prefix(1);
  else if (starts_with(r, "\xE2\x80\x99")) r.remove_prefix(3);
  if (starts_with(r, "S")) r.remove_prefix(1);
  if (!starts_with(r, " BIO")) return false;
  r.remove_prefix(4);
  while (!r.empty() && r.front() == ' ') r.remove_prefix(1);
  if (r.empty() || r.front() != ':') return false;
  *rest = trim_blanks(r.substr(1));
  return true;
}

bool is_footer_start(std::string_view t) noexcept { return starts_with(t, kFooterAnalyst) || starts_with(t, kFooterSignup); }

Category parse_page_section(std::string_view t) noexcept {
  t = trim_blanks(t);
  if (t == "Analytical Articles" || t == "Analytical Article") return Category::analytical_articles;
  if (t == "Field Reports" || t == "Field Report") return Category::field_reports;
  if (t == "News Digest") return Category::news_digest;
  return Category::none;
}

Category parse_category_line(std::string_view t) noexcept {
  t = trim_blanks(t);
  if (!starts_with(t, "Published in ")) return Category::none;
  return parse_page_section(t.substr(13));
}

std::string_view photo_credit_text(std::string_view t) noexcept {
  t = trim_blanks(t);
  static const std::string_view prefixes[] = {"Photo by ", "Photo By ", "Photo Credit:", "Photo credit:", "Photo credits:",
                                              "Photo Credits:", "Photo:", "Credit:", "Credits:", "Image:", "Image by "};
  for (std::string_view p : prefixes) {
    if (starts_with(t, p)) {
      std::string_view r = trim_blanks(t.substr(p.size()));
      // "Ninara." -> "Ninara"; keep the dot of a final initial ("J. R. R.").
      if (r.size() > 2 && r.back() == '.' && !(r[r.size() - 3] == ' ' || r[r.size() - 3] == '.')) r.remove_suffix(1);
      return r;
    }
  }
  return t;
}

std::string_view read_link_title(std::string_view t) noexcept {
  t = trim_blanks(t);
  if (!starts_with(t, "Read ")) return {};
  t.remove_prefix(5);
  if (ends_with(t, "(PDF)")) t.remove_suffix(5);
  return trim_blanks(t);
}

LineInfo classify_line(std::string_view raw) noexcept {
  LineInfo info;
  std::string_view t = trim_blanks(raw);
  if (t.empty()) {
    info.kind = LineKind::blank;
    return info;
  }
  unsigned char c0 = uint8_t(t[0]);
  if (c0 >= 0xC2 && is_blank_line(t)) {
    info.kind = LineKind::blank;
    return info;
  }
  Byline bl;
  switch (c0) {
  case 'A':
    if (t.size() > 8 && t[1] == 'U') {
      std::string_view rest;
      if (parse_bio_head(t, &rest)) {
        info.kind = LineKind::bio;
        return info;
      }
    }
    if (parse_page_section(t) != Category::none) {
      info.kind = LineKind::page_section;
      return info;
    }
    break;
  case 'B':
  case 'b':
    if (t.size() > 3 && (t[1] == 'y' || t[1] == 'Y') && t[2] == ' ') {
      if (parse_byline(t, BylineMode::by_prefix, &bl)) {
        info.kind = LineKind::byline;
        return info;
      }
      break;
    }
    if (c0 == 'B') {
      SectionHead h;
      if (t.size() > 1 && t[1] == 'A' && parse_section_head(t, &h)) {
        info.kind = LineKind::section;
        return info;
      }
    }
    break;
  case 'I':
  case 'C': {
    SectionHead h;
    if (t.size() > 8 && (t[1] == 'M' || t[1] == 'O') && parse_section_head(t, &h)) {
      info.kind = LineKind::section;
      return info;
    }
    if (c0 == 'C' && starts_with(t, "Credit")) {
      info.kind = LineKind::photo;
      return info;
    }
    break;
  }
  case 'P':
    if (starts_with(t, "Published in ") && parse_category_line(t) != Category::none) {
      info.kind = LineKind::category;
      return info;
    }
    if (starts_with(t, "Photo") && t.size() < 300 &&
        (starts_with(t, "Photo by ") || starts_with(t, "Photo By ") || starts_with(t, "Photo Credit") ||
         starts_with(t, "Photo credit") || starts_with(t, "Photo:"))) {
      info.kind = LineKind::photo;
      return info;
    }
    break;
  case 'R':
    if (starts_with(t, "Read ") && ends_with(t, "(PDF)")) {
      info.kind = LineKind::read_link;
      return info;
    }
    break;
  case 'T':
  case 'S':
    if (is_footer_start(t)) {
      info.kind = LineKind::footer;
      return info;
    }
    break;
  case 'F':
  case 'N':
    if (parse_page_section(t) != Category::none) {
      info.kind = LineKind::page_section;
      return info;
    }
    break;
  default:
    break;
  }
  // Dates start with a weekday, a month name or a day number, and are short.
  if (t.size() <= 80 && ((c0 >= '0' && c0 <= '9') || (c0 >= 'A' && c0 <= 'Z'))) {
    DateLine d = parse_date_line(t);
    if (d.kind != DateLineKind::none) {
      info.kind = LineKind::date;
      return info;
    }
  }
  if (image_name(t)) {
    info.kind = LineKind::image;
    return info;
  }
  if (t.back() == ')' && ends_with_issue_paren(t) && parse_byline(t, BylineMode::dated_only, &bl)) {
    info.kind = LineKind::byline;
    return info;
  }
  if (t.size() < 300) {  // "Outlet | Caption": look for the rare '|' alone, then its spaces
    const void *bar = std::memchr(t.data(), '|', t.size());
    if (bar) {
      size_t at = size_t(static_cast<const char *>(bar) - t.data());
      if (at > 0 && at + 1 < t.size() && t[at - 1] == ' ' && t[at + 1] == ' ') info.kind = LineKind::caption;
    }
  }
  // A title may start with a number or a quote ("919 SILK ROAD ...", "\"PEACE\" IN ..."): left out, such
  // a title before a byline was read as the last paragraph of the entry above it.
  const bool title_start = (c0 >= 'A' && c0 <= 'Z') || (c0 >= '0' && c0 <= '9') || c0 == '"' || c0 == '\'' || c0 >= 0xC2;
  info.all_caps = title_start && all_caps(t);
  return info;
}

} // namespace parse
} // namespace caci
