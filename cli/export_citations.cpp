// caci export --format bibtex|ris|csljson: citations of the articles in the journal "Central
// Asia-Caucasus Analyst".
//
// - Dates are never invented: BibTeX year/month and RIS PY only when known, RIS DA and CSL
//   date-parts with only the known parts ([[2024, 3]] for a month-only date). A date without a
//   year cannot be CSL date-parts (they start with the year): it is a literal ("December 2") and
//   the note says the year is not given.
// - Provenance in a note (BibTeX note, RIS N1, CSL note): source page, line, byte range, content
//   id, and the kind when it is not a full article.
// - Untitled articles are titled "[Untitled] " + the first words of the lead.
// - Keys (BibTeX key, RIS ID, CSL id): first author's family name + year + first title word,
//   lowercase ASCII ("vasstrand2002kyrgyzstan", "caci" without an author, "nd" without a year);
//   keys shared by several articles get a, b, c... in export order.
#include "article_fields.hpp"
#include "export.hpp"

#include <map>
#include <set>

namespace cli {

namespace {

const char *const kMonthName[] = {"January",   "February", "March",    "April",
                                  "May",       "June",     "July",     "August",
                                  "September", "October",  "November", "December"};

bool valid_month(caci_date d) {
  return d.month >= 1 && d.month <= 12;
}

struct Name {
  std::string family, given;
};

// "Firstname Middle Lastname" -> family "Lastname", given "Firstname Middle" (the archive prints
// names given-name first; one word is a family name).
Name split_name(std::string_view name) {
  while (!name.empty() && name.back() == ' ') name.remove_suffix(1);
  size_t space = name.rfind(' ');
  if (space == std::string_view::npos) return {std::string(name), ""};
  std::string_view given = name.substr(0, space);
  while (!given.empty() && given.back() == ' ') given.remove_suffix(1);
  return {std::string(name.substr(space + 1)), std::string(given)};
}

// Lowercase ASCII letters and digits of `s` (diacritics folded, everything else dropped).
std::string key_part(std::string_view s) {
  std::string folded = canonical_author_key(s), out;
  for (char c : folded)
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) out += c;
  return out;
}

std::string first_title_word(const caci_article *a) {
  std::string title(view(caci_article_title(a)));
  if (title.empty()) {
    title = display_title(a);
    if (title.rfind("[Untitled] ", 0) == 0) title.erase(0, 11);
  }
  static const char *const kSkip[] = {"a", "an", "the", "on", "of", "in", "and"};
  size_t pos = 0;
  while (pos < title.size()) {
    size_t end = title.find_first_of(" :", pos);
    if (end == std::string::npos) end = title.size();
    std::string word = key_part(title.substr(pos, end - pos));
    bool skip = false;
    for (const char *w : kSkip) skip = skip || word == w;
    if (!word.empty() && !skip) return word;
    pos = end + 1;
  }
  return "";
}

std::string base_key(const caci_article *a) {
  std::string key;
  if (caci_article_author_count(a))
    key = key_part(split_name(view(caci_article_author_name(a, 0))).family);
  if (key.empty()) key = "caci";
  caci_date d = caci_article_date(a);
  key += d.year ? std::to_string(d.year) : "nd";
  key += first_title_word(a);
  return key;
}

// Keys for every article of the set, unique, in export order.
std::vector<std::string> citation_keys(const ArticleSet &set) {
  std::vector<std::string> keys;
  std::map<std::string, size_t> uses;
  keys.reserve(set.articles.size());
  for (const caci_article *a : set.articles) {
    keys.push_back(base_key(a));
    ++uses[keys.back()];
  }
  std::set<std::string> taken;
  for (const auto &kv : uses)
    if (kv.second == 1) taken.insert(kv.first);
  std::map<std::string, size_t> next_suffix;
  for (std::string &key : keys) {
    if (uses[key] == 1) continue;
    std::string candidate;
    do {
      size_t n = next_suffix[key]++;
      std::string suffix;
      do {
        suffix.insert(suffix.begin(), char('a' + n % 26));
        n = n / 26;
      } while (n-- > 0);
      candidate = key + suffix;
    } while (taken.count(candidate));
    taken.insert(candidate);
    key = candidate;
  }
  return keys;
}

// "December 2" or "December" for a date without a year.
std::string literal_date(caci_date d) {
  if (!valid_month(d)) return "";
  std::string s = kMonthName[d.month - 1];
  if (d.day) s += " " + std::to_string(d.day);
  return s;
}

// The provenance note shared by the three formats.
std::string provenance(const caci_article *a) {
  caci_source src = caci_article_source(a);
  std::string note = "Source: " + std::string(view(src.file)) + ", line " +
                     std::to_string(src.line) + ", bytes " + std::to_string(src.byte_start) + "-" +
                     std::to_string(src.byte_end) + "; caci content id " + article_id_hex(a);
  int kind = caci_article_kind(a);
  if (kind != CACI_KIND_ARTICLE) {
    const char *name = caci_kind_name(kind);
    note += std::string("; kind: ") + (name ? name : "unknown");
  }
  caci_date d = caci_article_date(a);
  if (d.month != 0 && d.year == 0) note += "; dated " + literal_date(d) + ", without a year";
  if (!view(caci_article_title(a)).size()) note += "; untitled in the archive";
  return note;
}

// ------------------------------------------------------------------------------------ BibTeX

// LaTeX special characters escaped; newlines become spaces; non-ASCII stays UTF-8.
std::string latex(std::string_view s) {
  std::string out;
  for (char c : s) {
    switch (c) {
    case '\\': out += "\\textbackslash{}"; break;
    case '{': out += "\\{"; break;
    case '}': out += "\\}"; break;
    case '&': out += "\\&"; break;
    case '%': out += "\\%"; break;
    case '$': out += "\\$"; break;
    case '#': out += "\\#"; break;
    case '_': out += "\\_"; break;
    case '~': out += "\\textasciitilde{}"; break;
    case '^': out += "\\textasciicircum{}"; break;
    case '\n':
    case '\r':
    case '\t': out += ' '; break;
    default: out += c;
    }
  }
  return out;
}

void bib_field(std::string &out, const char *name, std::string_view value) {
  out += "  ";
  out += name;
  out += " = {";
  out += value;
  out += "},\n";
}

// ------------------------------------------------------------------------------------- RIS

// One RIS line: "TAG  - value", the value on one line.
void ris_line(std::string &out, const char *tag, std::string_view value) {
  out += tag;
  out += "  - ";
  for (char c : value) out += c == '\n' || c == '\r' ? ' ' : c;
  out += "\r\n";
}

std::string two_digits(int v) {
  char buf[8];
  std::snprintf(buf, sizeof buf, "%02d", v);
  return buf;
}

}  // namespace

void render_bibtex(const ArticleSet &set, std::string &out) {
  std::vector<std::string> keys = citation_keys(set);
  for (size_t k = 0; k < set.articles.size(); ++k) {
    const caci_article *a = set.articles[k];
    if (k) out += '\n';
    out += "@article{" + keys[k] + ",\n";
    bib_field(out, "title", latex(display_title(a)));
    size_t na = caci_article_author_count(a);
    if (na) {
      std::string authors;
      for (size_t i = 0; i < na; ++i) {
        Name n = split_name(view(caci_article_author_name(a, i)));
        if (i) authors += " and ";
        // "Family, Given"; a given part holding the word "and" is braced so it stays one name.
        std::string given = latex(n.given);
        if (given.find(" and ") != std::string::npos) given = "{" + given + "}";
        authors += given.empty() ? latex(n.family) : latex(n.family) + ", " + given;
      }
      bib_field(out, "author", authors);
    }
    bib_field(out, "journal", kJournal);
    caci_date d = caci_article_date(a);
    if (d.year) bib_field(out, "year", std::to_string(d.year));
    // A number, as biblatex wants it (the month macros, jan..dec, are undefined for parsers
    // that read a file alone).
    if (valid_month(d)) bib_field(out, "month", std::to_string(d.month));
    if (d.year && d.month) {  // biblatex: an ISO date with the known parts
      std::string date = complete_date(d);
      bib_field(out, "date", date.empty() ? partial_date(d) : date);
    }
    std::string lead = joined_lead(a, " ");
    if (!lead.empty()) bib_field(out, "abstract", latex(lead));
    bib_field(out, "note", latex(provenance(a)));
    out += "}\n";
  }
}

void render_ris(const ArticleSet &set, std::string &out) {
  std::vector<std::string> keys = citation_keys(set);
  for (size_t k = 0; k < set.articles.size(); ++k) {
    const caci_article *a = set.articles[k];
    ris_line(out, "TY", "JOUR");
    ris_line(out, "ID", keys[k]);
    ris_line(out, "TI", display_title(a));
    size_t na = caci_article_author_count(a);
    for (size_t i = 0; i < na; ++i) {
      Name n = split_name(view(caci_article_author_name(a, i)));
      ris_line(out, "AU", n.given.empty() ? n.family : n.family + ", " + n.given);
    }
    ris_line(out, "T2", kJournal);
    ris_line(out, "JF", kJournal);
    caci_date d = caci_article_date(a);
    if (d.year) ris_line(out, "PY", std::to_string(d.year));
    if (valid_month(d)) {  // YYYY/MM/DD/ with only the known parts
      std::string da = (d.year ? std::to_string(d.year) : "") + "/" + two_digits(d.month) + "/" +
                       (d.day ? two_digits(d.day) : "") + "/";
      ris_line(out, "DA", da);
    }
    std::string lead = joined_lead(a, " ");
    if (!lead.empty()) ris_line(out, "AB", lead);
    ris_line(out, "N1", provenance(a));
    ris_line(out, "ER", "");
  }
}

void render_csljson(const ArticleSet &set, std::string &out) {
  std::vector<std::string> keys = citation_keys(set);
  out += "[";
  for (size_t k = 0; k < set.articles.size(); ++k) {
    const caci_article *a = set.articles[k];
    out += k ? ",\n  {" : "\n  {";
    out += "\"id\": ";
    append_json_string(out, keys[k]);
    out += ", \"type\": \"article-journal\", \"title\": ";
    append_json_string(out, display_title(a));
    size_t na = caci_article_author_count(a);
    if (na) {
      out += ", \"author\": [";
      for (size_t i = 0; i < na; ++i) {
        Name n = split_name(view(caci_article_author_name(a, i)));
        out += i ? ", {\"family\": " : "{\"family\": ";
        append_json_string(out, n.family);
        if (!n.given.empty()) {
          out += ", \"given\": ";
          append_json_string(out, n.given);
        }
        out += "}";
      }
      out += "]";
    }
    out += ", \"container-title\": ";
    append_json_string(out, kJournal);
    caci_date d = caci_article_date(a);
    if (d.year && valid_month(d)) {
      out += ", \"issued\": {\"date-parts\": [[" + std::to_string(d.year) + ", " +
             std::to_string(d.month);
      if (d.day) out += ", " + std::to_string(d.day);
      out += "]]}";
    } else if (valid_month(d)) {
      out += ", \"issued\": {\"literal\": ";
      append_json_string(out, literal_date(d));
      out += "}";
    }
    std::string lead = joined_lead(a, "\n\n");
    if (!lead.empty()) {
      out += ", \"abstract\": ";
      append_json_string(out, lead);
    }
    out += ", \"note\": ";
    append_json_string(out, provenance(a));
    out += "}";
  }
  out += set.articles.empty() ? "]\n" : "\n]\n";
}

}  // namespace cli
