// Article fields for the export formats and `caci stats` (see article_fields.hpp).
#include "article_fields.hpp"

#include <cstdio>
#include <vector>

namespace cli {

namespace {

// U+00C0..U+00FF folded to lowercase ASCII ("" for the multiplication and division signs).
const char *const kLatin1[64] = {
    "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i",  "i",
    "d", "n", "o", "o", "o", "o", "o",  "",  "o", "u", "u", "u", "u", "y", "th", "ss",
    "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i",  "i",
    "d", "n", "o", "o", "o", "o", "o",  "",  "o", "u", "u", "u", "u", "y", "th", "y"};

// U+0100..U+017F (Latin Extended-A) as runs of one folded form.
struct Run {
  unsigned last;  // last code point of the run
  const char *folded;
};
const Run kLatinExtA[] = {{0x105, "a"}, {0x10D, "c"}, {0x111, "d"},  {0x11B, "e"},  {0x123, "g"},
                          {0x127, "h"}, {0x131, "i"}, {0x133, "ij"}, {0x135, "j"},  {0x138, "k"},
                          {0x142, "l"}, {0x14B, "n"}, {0x151, "o"},  {0x153, "oe"}, {0x159, "r"},
                          {0x161, "s"}, {0x167, "t"}, {0x173, "u"},  {0x175, "w"},  {0x178, "y"},
                          {0x17E, "z"}, {0x17F, "s"}};

void append_utf8(std::string &out, unsigned cp) {
  if (cp < 0x80) {
    out += char(cp);
  } else if (cp < 0x800) {
    out += char(0xC0 | (cp >> 6));
    out += char(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += char(0xE0 | (cp >> 12));
    out += char(0x80 | ((cp >> 6) & 0x3F));
    out += char(0x80 | (cp & 0x3F));
  } else {
    out += char(0xF0 | (cp >> 18));
    out += char(0x80 | ((cp >> 12) & 0x3F));
    out += char(0x80 | ((cp >> 6) & 0x3F));
    out += char(0x80 | (cp & 0x3F));
  }
}

// Decodes the code point at s[i] and advances i; invalid bytes decode as U+FFFD.
unsigned next_code_point(std::string_view s, size_t &i) {
  auto c = static_cast<unsigned char>(s[i]);
  size_t len = c < 0x80 ? 1 : c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 0;
  if (len == 0 || i + len > s.size()) {
    ++i;
    return 0xFFFD;
  }
  unsigned cp = len == 1 ? c : len == 2 ? (c & 0x1Fu) : len == 3 ? (c & 0x0Fu) : (c & 0x07u);
  for (size_t k = 1; k < len; ++k) {
    auto d = static_cast<unsigned char>(s[i + k]);
    if ((d & 0xC0) != 0x80) {
      ++i;
      return 0xFFFD;
    }
    cp = (cp << 6) | (d & 0x3Fu);
  }
  i += len;
  return cp;
}

// Lowercased, diacritic-free form of one code point (appended to out).
void fold_code_point(std::string &out, unsigned cp) {
  if (cp < 0x80) {
    out += char(cp >= 'A' && cp <= 'Z' ? cp + 32 : cp);
  } else if (cp >= 0xC0 && cp <= 0xFF) {
    out += kLatin1[cp - 0xC0];
  } else if (cp >= 0x100 && cp <= 0x17F) {
    for (const Run &r : kLatinExtA)
      if (cp <= r.last) {
        out += r.folded;
        break;
      }
  } else if (cp == 0x18F || cp == 0x259) {  // capital and small schwa (Azerbaijani)
    out += 'e';
  } else if (cp >= 0x218 && cp <= 0x21B) {  // S and T with comma below (Romanian)
    out += cp < 0x21A ? 's' : 't';
  } else if (cp >= 0x300 && cp <= 0x36F) {  // combining marks (decomposed text)
  } else if (cp >= 0x410 && cp <= 0x42F) {  // Cyrillic capitals
    append_utf8(out, cp + 0x20);
  } else if (cp >= 0x400 && cp <= 0x40F) {
    append_utf8(out, cp + 0x50);
  } else if (cp == 0x2019 || cp == 0x2018 || cp == 0x2BC) {  // typographic apostrophes
    out += '\'';
  } else if (cp == 0x2010 || cp == 0x2011 || cp == 0x2013) {  // hyphens, en dash
    out += '-';
  } else if (cp == 0xA0) {
    out += ' ';
  } else {
    append_utf8(out, cp);
  }
}

bool is_honorific(std::string_view w) {
  static const char *const kHonorifics[] = {
      "dr",  "prof", "professor", "mr",   "mrs", "ms",  "mme", "sir", "amb",   "ambassador",
      "gen", "col",  "maj",       "capt", "lt",  "hon", "rev", "phd", "dphil", "md"};
  for (const char *h : kHonorifics)
    if (w == h) return true;
  return false;
}

template <typename Getter> std::string join(size_t n, std::string_view sep, Getter get) {
  std::string out;
  for (size_t i = 0; i < n; ++i) {
    if (i) out += sep;
    out += view(get(i));
  }
  return out;
}

}  // namespace

std::string article_id_hex(const caci_article *a) {
  char id[17];
  caci_id_format(caci_article_id(a), id);
  return id;
}

std::string complete_date(caci_date d) {
  if (d.year == 0 || d.month == 0 || d.day == 0) return "";
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", d.year, d.month, d.day);
  return buf;
}

std::string partial_date(caci_date d) {
  char buf[32];
  if (d.month == 0 || (d.year != 0 && d.day != 0)) return "";
  if (d.year != 0)
    std::snprintf(buf, sizeof buf, "%04d-%02d", d.year, d.month);
  else if (d.day != 0)
    std::snprintf(buf, sizeof buf, "--%02d-%02d", d.month, d.day);
  else
    std::snprintf(buf, sizeof buf, "--%02d", d.month);
  return buf;
}

std::string joined_authors(const caci_article *a, std::string_view sep) {
  return join(caci_article_author_count(a), sep,
              [a](size_t i) { return caci_article_author_name(a, i); });
}

std::string joined_lead(const caci_article *a, std::string_view sep) {
  return join(caci_article_lead_count(a), sep, [a](size_t i) { return caci_article_lead(a, i); });
}

std::string joined_sections(const caci_article *a, std::string_view sep) {
  std::string out;
  size_t ns = caci_article_section_count(a);
  for (size_t s = 0; s < ns; ++s) {
    size_t np = caci_article_section_paragraph_count(a, s);
    for (size_t p = 0; p < np; ++p) {
      if (!out.empty()) out += sep;
      out += view(caci_article_section_paragraph(a, s, p));
    }
  }
  return out;
}

std::string joined_bio(const caci_article *a, std::string_view sep) {
  return join(caci_article_bio_count(a), sep, [a](size_t i) { return caci_article_bio(a, i); });
}

std::string_view article_text(const caci_article *a) {
  std::string_view text = view(caci_article_text(a));
  while (!text.empty() && text.back() == '\n') text.remove_suffix(1);
  return text;
}

std::string display_title(const caci_article *a) {
  std::string_view title = view(caci_article_title(a));
  if (!title.empty()) return std::string(title);
  std::string_view source = caci_article_lead_count(a) ? view(caci_article_lead(a, 0)) : "";
  if (source.empty()) {
    source = article_text(a);
    source = source.substr(0, source.find('\n'));
  }
  if (source.empty()) return "[Untitled]";
  // The first eight words (at most about 80 bytes).
  constexpr size_t kWords = 8, kBytes = 80;
  size_t end = 0, words = 0;
  while (end < source.size() && words < kWords) {
    size_t space = source.find(' ', end);
    size_t next = space == std::string_view::npos ? source.size() : space;
    if (next > kBytes && words > 0) break;
    end = next;
    ++words;
    if (end < source.size()) ++end;  // past the space
  }
  std::string_view first = source.substr(0, end);
  while (!first.empty() && first.back() == ' ') first.remove_suffix(1);
  bool cut = first.size() < source.size();
  return "[Untitled] " + std::string(first) + (cut ? " \xE2\x80\xA6" : "");
}

std::string canonical_author_key(std::string_view name) {
  std::string folded;
  for (size_t i = 0; i < name.size();) fold_code_point(folded, next_code_point(name, i));
  // Words: letters, digits, non-ASCII, hyphens and apostrophes; everything else separates.
  std::vector<std::string> words;
  std::string word;
  auto flush = [&]() {
    while (!word.empty() && (word.back() == '-' || word.back() == '\'')) word.pop_back();
    while (!word.empty() && (word.front() == '-' || word.front() == '\'')) word.erase(0, 1);
    if (!word.empty()) words.push_back(word);
    word.clear();
  };
  for (char ch : folded) {
    auto c = static_cast<unsigned char>(ch);
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c >= 0x80 || c == '-' || c == '\'')
      word += ch;
    else
      flush();
  }
  flush();
  std::string key;
  for (const std::string &w : words) {
    bool initial = w.size() == 1;  // "S." lost its dot above
    if (initial || is_honorific(w)) continue;
    if (!key.empty()) key += ' ';
    key += w;
  }
  return key;
}

}  // namespace cli
