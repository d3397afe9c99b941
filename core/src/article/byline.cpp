// Byline recognition. A byline is a short list of personal names; everything about it is decided
// from its tokens: capitalised name tokens, known honorifics, particles, no sentence punctuation.
#include "byline.hpp"

#include "../text/utf8.hpp"
#include "dates.hpp"
#include "lexicon.hpp"

#include <cstring>

namespace caci {
namespace parse {

namespace {

bool starts_with(std::string_view s, std::string_view p) {
  return s.size() >= p.size() && s.compare(0, p.size(), p) == 0;
}
bool ends_with(std::string_view s, std::string_view p) {
  return s.size() >= p.size() && s.compare(s.size() - p.size(), p.size(), p) == 0;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

template <size_t N> bool in_list(std::string_view w, const std::string_view (&list)[N]) {
  return lexicon::contains(list, w);
}

using lexicon::kHonorificsAfter;
using lexicon::kHonorificsBefore;
using lexicon::kInstitutionWords;
using lexicon::kNameParticles;
using lexicon::kNotNames;

uint32_t first_cp(std::string_view w) {
  size_t i = 0;
  if (w.empty()) return 0;
  return text::decode_valid(reinterpret_cast<const unsigned char *>(w.data()), w.size(), &i);
}

// A token of a personal name: capitalised ("Fazl-e-Haider", "O'Brien", "A.", "Swanstr\u00f6m"), or
// a particle, or "al-"/"el-" prefixed.
bool name_token(std::string_view w, bool *is_particle) {
  *is_particle = false;
  if (w.empty()) return false;
  for (char c : w)
    if ((c >= '0' && c <= '9') || c == ':' || c == ';' || c == '?' || c == '!' || c == '"' ||
        c == '(' || c == ')')
      return false;
  if (w[0] >= 'a' && w[0] <= 'z' && in_list(w, kNameParticles)) {  // particles are lowercase
    *is_particle = true;
    return true;
  }
  if ((w[0] == 'a' || w[0] == 'e' || w[0] == 'd') &&
      (starts_with(w, "al-") || starts_with(w, "el-") || starts_with(w, "d'") ||
       starts_with(w, "d\xE2\x80\x99")))
    return w.size() > 3;
  return text::is_upper_letter(first_cp(w));
}

// One author: [honorifics] name tokens [honorifics]. Writes into `a`.
bool parse_person(std::string_view s, BylineAuthor *a) {
  s = trim(s);
  if (s.empty()) return false;
  std::string_view toks[16];
  int n = 0;
  size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && s[i] == ' ') ++i;
    if (i >= s.size()) break;
    size_t j = i;
    while (j < s.size() && s[j] != ' ') ++j;
    if (n == 16) return false;
    toks[n++] = s.substr(i, j - i);
    i = j;
  }
  int b = 0, e = n;
  a->honorific_count = 0;
  while (b < e && in_list(toks[b], kHonorificsBefore) && a->honorific_count < kMaxHonorifics)
    a->honorifics[a->honorific_count++] = toks[b++];
  int after_start = e;
  while (after_start > b && in_list(toks[after_start - 1], kHonorificsAfter)) --after_start;
  int names = after_start - b;
  if (names < 1 || names > 6) return false;
  bool particle = false;
  for (int k = b; k < after_start; ++k) {
    if (!name_token(toks[k], &particle)) return false;
    if (particle && (k == b || k == after_start - 1)) return false;
  }
  if (names == 1 && toks[b].size() < 3) return false;
  if (names <= 2 && in_list(toks[b], kNotNames)) return false;  // "By Then, ...", "By March 2003"
  for (int k = after_start; k < e && a->honorific_count < kMaxHonorifics; ++k)
    a->honorifics[a->honorific_count++] = toks[k];
  const char *begin = toks[b].data();
  const char *end = toks[after_start - 1].data() + toks[after_start - 1].size();
  a->name = std::string_view(begin, size_t(end - begin));
  a->affiliation = std::string_view();
  return true;
}

// Splits "A and B & C" into authors appended to `out`. All parts must be names.
bool parse_people(std::string_view s, Byline *out) {
  int start_count = out->count;
  while (!s.empty()) {
    size_t cut = std::string_view::npos, skip = 0;
    size_t p_and = s.find(" and ");
    size_t p_amp = s.find(" & ");
    if (p_and != std::string_view::npos) cut = p_and, skip = 5;
    if (p_amp != std::string_view::npos && p_amp < cut) cut = p_amp, skip = 3;
    std::string_view part = s.substr(0, cut);
    if (out->count == kMaxAuthors) return false;
    if (!parse_person(part, &out->authors[out->count])) {
      out->count = start_count;
      return false;
    }
    ++out->count;
    if (cut == std::string_view::npos) break;
    s = s.substr(cut + skip);
  }
  return out->count > start_count;
}

bool has_institution_word(std::string_view s) {
  size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && s[i] == ' ') ++i;
    size_t j = i;
    while (j < s.size() && s[j] != ' ') ++j;
    if (j > i && in_list(s.substr(i, j - i), kInstitutionWords)) return true;
    i = j;
  }
  return false;
}

bool parse_int(std::string_view s, int *v) {
  if (s.empty() || s.size() > 4) return false;
  int r = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
    r = r * 10 + (c - '0');
  }
  *v = r;
  return true;
}

// "(4/24/2002 issue of the CACI Analyst)" or "(the 05/02/2014 issue of the CACI Analyst)".
bool parse_issue_paren(std::string_view p, Byline *out) {
  if (p.size() < 10 || p.front() != '(' || p.back() != ')') return false;
  p = trim(p.substr(1, p.size() - 2));
  bool day_first = false;
  if (starts_with(p, "the ") || starts_with(p, "The ")) {
    day_first = true;
    p = trim(p.substr(4));
  }
  size_t sp = p.find(' ');
  if (sp == std::string_view::npos) return false;
  std::string_view num = p.substr(0, sp), rest = trim(p.substr(sp));
  if (!starts_with(rest, lexicon::kIssueWord) || !ends_with(rest, lexicon::kAnalystWord))
    return false;
  size_t s1 = num.find('/');
  if (s1 == std::string_view::npos) return false;
  size_t s2 = num.find('/', s1 + 1);
  if (s2 == std::string_view::npos) return false;
  int a, b, y;
  if (!parse_int(num.substr(0, s1), &a) || !parse_int(num.substr(s1 + 1, s2 - s1 - 1), &b) ||
      !parse_int(num.substr(s2 + 1), &y))
    return false;
  if (!resolve_numeric_date(a, b, y, day_first, &out->date, &out->date_ambiguous)) return false;
  out->has_date = true;
  return true;
}

bool ends_abbreviation(std::string_view s) {
  // "A." "Jr." "Ph.D." are fine at the end of a byline; a sentence end is not.
  size_t sp = s.rfind(' ');
  std::string_view last = sp == std::string_view::npos ? s : s.substr(sp + 1);
  if (in_list(last, kHonorificsBefore) || in_list(last, kHonorificsAfter) || last == "Jr." ||
      last == "Sr.")
    return true;
  return last.size() == 2 && text::is_upper_letter(uint8_t(last[0]));
}

}  // namespace

bool ends_with_issue_paren(std::string_view line) noexcept {
  line = trim(line);
  return ends_with(line, lexicon::kIssueParenTail);
}

bool parse_byline(std::string_view line, BylineMode mode, Byline *out) noexcept {
  out->count = 0;  // authors are written whole by parse_person(); no need to clear them
  out->had_by = out->has_date = out->date_ambiguous = out->placeholder = out->damaged = false;
  out->date = Date();
  std::string_view s = trim(line);
  if (s.size() > 300) return false;
  if (starts_with(s, "By ") || starts_with(s, "by ") || starts_with(s, "BY ")) {
    out->had_by = true;
    s = trim(s.substr(3));
  } else if (mode == BylineMode::by_prefix) {
    return false;
  }
  if (!s.empty() && s.back() == ')') {
    size_t open = s.rfind('(');
    if (open != std::string_view::npos && parse_issue_paren(s.substr(open), out))
      s = trim(s.substr(0, open));
  }
  if (mode == BylineMode::dated_only && !out->has_date && !out->had_by) return false;
  while (!s.empty() && s.back() == ',') s = trim(s.substr(0, s.size() - 1));
  if (mode != BylineMode::names_only && (out->had_by || out->has_date) &&
      in_list(s, lexicon::kPlaceholderNames)) {
    out->placeholder = true;  // "By empty (...)": an unsigned item, never a person called Empty
    return true;
  }
  // A dated byline whose name slot holds no names (damaged scrape, prose): still an entry start,
  // with no author; the parser reports it.
  const bool dated_by = out->had_by && out->has_date && mode != BylineMode::names_only;
  auto damaged = [&]() {
    out->count = 0;
    if (!dated_by) return false;
    out->damaged = true;
    return true;
  };
  if (s.empty() || s.size() > 200) return damaged();
  if (s.back() == '.' && !ends_abbreviation(s)) return damaged();
  // Comma segments: the first holds names; later ones are more names, trailing honorifics, or the
  // start of an affiliation that runs to the end.
  size_t comma = s.find(',');
  std::string_view first = s.substr(0, comma);
  if (!parse_people(first, out)) return damaged();
  while (comma != std::string_view::npos) {
    size_t next = s.find(',', comma + 1);
    std::string_view seg = trim(s.substr(
        comma + 1, next == std::string_view::npos ? std::string_view::npos : next - comma - 1));
    if (starts_with(seg, "and "))
      seg = trim(seg.substr(4));  // "A, B, and C" (serial comma)
    else if (starts_with(seg, "& "))
      seg = trim(seg.substr(2));
    BylineAuthor &last = out->authors[out->count - 1];
    if (seg.empty()) {
      comma = next;
      continue;
    }
    if (in_list(seg, kHonorificsAfter)) {
      if (last.honorific_count < kMaxHonorifics) last.honorifics[last.honorific_count++] = seg;
      comma = next;
      continue;
    }
    std::string_view rest = trim(s.substr(comma + 1));
    // parse_people() leaves `out` as it was when the segment is not a list of names.
    if (!has_institution_word(seg) && seg.find(' ') != std::string_view::npos &&
        parse_people(seg, out)) {
      comma = next;
      continue;
    }
    // The rest is an affiliation or a location. Prose after "By X," is lowercase words: reject.
    // A lowercase affiliation is descriptive ("a Baku-based freelance journalist"): short, with
    // a comma after it or nothing but the dated parenthesis.
    if (!text::is_upper_letter(first_cp(seg)) &&
        !(seg.size() > 1 && seg[0] >= 'a' && seg[0] <= 'z' && rest.size() < 120 &&
          (next != std::string_view::npos || out->has_date)))
      return damaged();
    if (rest.back() == '.' && !ends_abbreviation(rest)) return damaged();
    last.affiliation = rest;
    break;
  }
  if (!out->had_by && !out->has_date && mode != BylineMode::names_only) return false;
  if (!out->has_date && out->count == 1 && out->authors[0].name.find(' ') == std::string_view::npos)
    return false;  // "By Ana": a single word is too weak without the dated parenthesis
  return out->count > 0;
}

Byline rebased(const Byline &b, const char *from, const char *to) noexcept {
  Byline out = b;
  auto move = [&](std::string_view &v) {
    if (!v.empty()) v = std::string_view(to + (v.data() - from), v.size());
  };
  for (int i = 0; i < out.count; ++i) {
    BylineAuthor &a = out.authors[i];
    move(a.name);
    move(a.affiliation);
    for (int k = 0; k < a.honorific_count; ++k) move(a.honorifics[k]);
  }
  return out;
}

size_t find_glued_byline(std::string_view line) noexcept {
  size_t n = line.size();
  if (n < 8) return std::string_view::npos;
  size_t from = n > 240 ? n - 240 : 1;
  for (size_t i = n - 3; i >= from; --i) {
    if (line[i] == 'B' && line[i + 1] == 'y' && line[i + 2] == ' ') {
      // "...sentence.By A. Author": glued with no space. "...sentence. By A. Author (...)": glued
      // with one or two spaces, taken only with the dated issue parenthesis ending the line, since
      // prose has ". By " too ("... was closed. By March the border ...").
      size_t p = i - 1, spaces = 0;
      while (p > 0 && line[p] == ' ' && spaces < 2) --p, ++spaces;
      unsigned char prev = uint8_t(line[p]);
      bool sentence_end =
          prev == '.' || prev == '!' || prev == '?' || prev == '"' || prev == ')' || prev == '\'' ||
          ((prev == 0x9D || prev == 0x99) && p >= 2 && uint8_t(line[p - 2]) == 0xE2);
      if (sentence_end && line[p] != ' ') {
        Byline b;
        if (parse_byline(line.substr(i), BylineMode::by_prefix, &b) && (spaces == 0 || b.has_date))
          return i;
      }
    }
    if (i == from) break;
  }
  return std::string_view::npos;
}

}  // namespace parse
}  // namespace caci
