// caci search: query an index file, or pages parsed on the fly.
#include "author_aliases.hpp"
#include "cli.hpp"
#include "help.hpp"
#include "search_extras.hpp"

#include <cstdlib>
#include <cstring>

namespace cli {

namespace {

const char kMagic[] = "CACIIDX";
constexpr size_t kMagicLen = sizeof kMagic - 1;

// True when the file begins with the index magic. Unreadable files are "not an index" here; the
// page loader then reports them.
bool is_index_file(const std::string &path) {
  if (path == "-") return false;
  std::FILE *f = std::fopen(path.c_str(), "rb");
  if (!f) return false;
  char head[kMagicLen];
  size_t n = std::fread(head, 1, kMagicLen, f);
  std::fclose(f);
  return n == kMagicLen && std::memcmp(head, kMagic, kMagicLen) == 0;
}

const char *sort_name(uint32_t sort) {
  return sort == CACI_SORT_DATE_DESC  ? "date"
         : sort == CACI_SORT_DATE_ASC ? "date-asc"
                                      : "relevance";
}

std::string format_date(caci_date d) {
  char buf[16];
  if (d.month == 0) return "";
  if (d.year == 0) {
    if (d.day)
      std::snprintf(buf, sizeof buf, "--%02d-%02d", d.month, d.day);
    else
      std::snprintf(buf, sizeof buf, "--%02d", d.month);
  } else if (d.day) {
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", d.year, d.month, d.day);
  } else {
    std::snprintf(buf, sizeof buf, "%04d-%02d", d.year, d.month);
  }
  return buf;
}

std::string authors_of(const caci_article *a) {
  std::string out;
  size_t n = caci_article_author_count(a);
  for (size_t i = 0; i < n; ++i) {
    if (i) out += ", ";
    out += view(caci_article_author_name(a, i));
  }
  return out;
}

// Moves `pos` back to the start of a UTF-8 character.
size_t char_boundary(std::string_view s, size_t pos) {
  while (pos > 0 && pos < s.size() && (static_cast<unsigned char>(s[pos]) & 0xC0) == 0x80) --pos;
  return pos;
}

// The title, or the first words of the text (about 80 bytes) when there is none.
std::string heading_of(const caci_article *a) {
  std::string_view title = view(caci_article_title(a));
  if (!title.empty()) return std::string(title);
  std::string_view text = view(caci_article_text(a));
  size_t nl = text.find('\n');
  std::string_view first = text.substr(0, nl);
  if (first.size() <= 80) return std::string(first);
  size_t cut = first.rfind(' ', 80);
  if (cut == std::string_view::npos || cut < 40) cut = char_boundary(first, 80);
  return std::string(first.substr(0, cut)) + "...";
}

// Snippet text with highlights wrapped in `open`/`close`, newlines shown as spaces.
std::string marked_snippet(const caci_results *r, size_t i, const char *open, const char *close) {
  std::string_view text = view(caci_article_text(caci_results_article(r, i)));
  uint64_t s = 0, e = 0;
  if (caci_results_snippet(r, i, &s, &e) != CACI_OK || e > text.size() || s >= e) return "";
  // The title is already on the line above: skip it unless a match is inside it.
  const caci_article *a = caci_results_article(r, i);
  caci_str title = caci_article_title(a);
  if (title.ptr && s == 0 && title.len + 1 < e) {
    uint64_t hs = 0, he = 0;
    bool match_in_title = caci_results_highlight_count(r, i) > 0 &&
                          caci_results_highlight(r, i, 0, &hs, &he) == CACI_OK && hs < title.len;
    if (!match_in_title) s = title.len + 1;
  }
  std::string out;
  if (s > 0 && !(title.ptr && s == title.len + 1)) out += "...";
  uint64_t pos = s;
  size_t nh = caci_results_highlight_count(r, i);
  for (size_t j = 0; j < nh; ++j) {
    uint64_t hs = 0, he = 0;
    if (caci_results_highlight(r, i, j, &hs, &he) != CACI_OK) continue;
    if (hs < pos || he > e || hs >= he) continue;  // outside the snippet (or overlapping)
    out.append(text.substr(pos, hs - pos));
    out += open;
    out.append(text.substr(hs, he - hs));
    out += close;
    pos = he;
  }
  out.append(text.substr(pos, e - pos));
  if (e < text.size() && !(e + 1 == text.size() && text[e] == '\n')) out += "...";
  for (char &c : out)
    if (c == '\n') c = ' ';
  return out;
}

const char *facet_name(int f) {
  switch (f) {
  case CACI_FACET_AUTHOR: return "author";
  case CACI_FACET_YEAR: return "year";
  case CACI_FACET_KIND: return "kind";
  case CACI_FACET_COUNTRY: return "country";
  default: return "category";
  }
}

void print_human(const caci_results *r, uint32_t offset, uint32_t sort, bool facets) {
  bool tty = stdout_is_tty();
  const char *open = tty ? "\x1b[1m" : "[[";
  const char *close = tty ? "\x1b[0m" : "]]";
  size_t n = caci_results_count(r);
  for (size_t i = 0; i < n; ++i) {
    const caci_article *a = caci_results_article(r, i);
    std::string date = format_date(caci_article_date(a));
    int kind = caci_article_kind(a);
    std::printf("%zu. [%.3f] %s%s%s%s%s\n", size_t(offset) + i + 1, caci_results_score(r, i),
                date.empty() ? "(no date)" : date.c_str(), kind != CACI_KIND_ARTICLE ? "  " : "",
                kind != CACI_KIND_ARTICLE ? caci_kind_name(kind) : "",
                caci_article_author_count(a) ? "  " : "", authors_of(a).c_str());
    std::printf("   %s%s%s\n", tty ? open : "", heading_of(a).c_str(), tty ? close : "");
    std::string snippet = marked_snippet(r, i, open, close);
    if (!snippet.empty()) std::printf("   %s\n", snippet.c_str());
    print_explain_text(r, i);
    // An excerpt or teaser names its full article, and a full article its short versions.
    for (size_t v = 0; v < caci_article_version_count(a); ++v) {
      const caci_article *other = caci_article_version(a, v);
      char id[17];
      caci_id_format(caci_article_id(other), id);
      std::printf("   %s %s %s\n", v ? "    and as" : "also in the archive as",
                  caci_kind_name(caci_article_kind(other)), id);
    }
    std::printf("\n");
  }
  unsigned long long total = caci_results_total(r);
  if (n == 0)
    std::printf("%llu hits%s\n", total, total ? " (none on this page)" : "");
  else
    std::printf("%llu hit%s, showing %zu-%zu, sorted by %s\n", total, total == 1 ? "" : "s",
                size_t(offset) + 1, size_t(offset) + n, sort_name(sort));
  print_suggestions_text(r);
  if (!facets) return;
  for (int f = CACI_FACET_AUTHOR; f < CACI_FACET_COUNT; ++f) {
    size_t nf = caci_results_facet_count(r, f);
    std::printf("%-8s ", facet_name(f));
    if (nf == 0) std::printf("-");
    for (size_t j = 0; j < nf && j < 10; ++j) {
      caci_str v{};
      uint64_t count = 0;
      if (caci_results_facet(r, f, j, &v, &count) != CACI_OK) continue;
      std::printf("%s%.*s (%llu)", j ? ", " : "", int(v.len), v.ptr,
                  static_cast<unsigned long long>(count));
    }
    if (nf > 10) std::printf(", ... (%zu values)", nf);
    std::printf("\n");
  }
}

bool print_json(caci_index *index, const caci_results *r, std::string_view query,
                const caci_search_options &so, bool facets) {
  std::string out;
  out += "{\"query\":";
  append_json_string(out, query);
  char num[64];
  std::snprintf(num, sizeof num, ",\"total\":%llu,\"offset\":%u,\"limit\":%u,\"sort\":\"",
                static_cast<unsigned long long>(caci_results_total(r)), so.offset, so.limit);
  out += num;
  out += sort_name(so.sort);
  out += "\",\"hits\":[";
  size_t n = caci_results_count(r);
  for (size_t i = 0; i < n; ++i) {
    const caci_article *a = caci_results_article(r, i);
    char id[17];
    caci_id_format(caci_article_id(a), id);
    uint64_t s = 0, e = 0;
    caci_results_snippet(r, i, &s, &e);
    std::string_view text = view(caci_article_text(a));
    std::snprintf(num, sizeof num, "%s\n{\"rank\":%zu,\"score\":%.6g,\"id\":\"", i ? "," : "",
                  size_t(so.offset) + i + 1, caci_results_score(r, i));
    out += num;
    out += id;
    out += "\",\"snippet\":";
    append_json_string(out,
                       e <= text.size() && s <= e ? text.substr(s, e - s) : std::string_view());
    std::snprintf(num, sizeof num, ",\"snippet_start\":%llu,\"snippet_end\":%llu,\"highlights\":[",
                  static_cast<unsigned long long>(s), static_cast<unsigned long long>(e));
    out += num;
    size_t nh = caci_results_highlight_count(r, i);
    for (size_t j = 0; j < nh; ++j) {
      uint64_t hs = 0, he = 0;
      caci_results_highlight(r, i, j, &hs, &he);
      std::snprintf(num, sizeof num, "%s[%llu,%llu]", j ? "," : "",
                    static_cast<unsigned long long>(hs), static_cast<unsigned long long>(he));
      out += num;
    }
    out += "]";
    append_explain_json(out, r, i);
    out += ",\"article\":";
    caci_str json{};
    if (caci_index_article_json(index, caci_article_id(a), &json) == CACI_OK)
      out.append(json.ptr, json.len);
    else
      out += "null";
    out += "}";
  }
  out += "]";
  append_suggestions_json(out, r);
  if (facets) {
    out += ",\n\"facets\":{";
    for (int f = CACI_FACET_AUTHOR; f < CACI_FACET_COUNT; ++f) {
      if (f) out += ",";
      out += "\"";
      out += facet_name(f);
      out += "\":[";
      size_t nf = caci_results_facet_count(r, f);
      for (size_t j = 0; j < nf; ++j) {
        caci_str v{};
        uint64_t count = 0;
        caci_results_facet(r, f, j, &v, &count);
        out += j ? ",{\"value\":" : "{\"value\":";
        append_json_string(out, view(v));
        std::snprintf(num, sizeof num, ",\"count\":%llu}", static_cast<unsigned long long>(count));
        out += num;
      }
      out += "]";
    }
    out += "}";
  }
  out += "}\n";
  std::string error;
  if (!write_file("-", out, error)) {
    std::fprintf(stderr, "caci: cannot write the results: %s\n", error.c_str());
    return false;
  }
  return true;
}

void print_query_error(const caci_index *index, std::string_view query) {
  caci_str message{};
  size_t offset = 0;
  caci_index_error(index, &message, &offset);
  std::fprintf(stderr, "caci search: malformed query at byte %zu: %.*s\n", offset, int(message.len),
               message.ptr ? message.ptr : "");
  if (query.find('\n') == std::string_view::npos && offset <= query.size()) {
    std::fprintf(stderr, "  %.*s\n  %*s^\n", int(query.size()), query.data(), int(offset), "");
  }
}

}  // namespace

int cmd_search(int argc, char **argv) {
  caci_search_options so = CACI_SEARCH_OPTIONS_INIT;
  so.flags |= CACI_SEARCH_SUGGEST;  // costs a lookup only when a query word is rare
  uint32_t parse_flags = 0;
  bool json = false;
  std::string aliases_path;
  // "-word" is a query (NOT word), not an option.
  ArgWalker args(argc, argv, "search", true);
  while (args.next()) {
    const std::string_view a = args.arg();
    const Option &o = args.option();
    std::string_view v;
    if (o.name == "--limit" || o.name == "--offset" || o.name == "--snippet-bytes") {
      uint32_t n = 0;
      if (!args.value(v) || !parse_uint(v, 1000000000u, n))
        return usage_error("search", "%s needs a number", std::string(o.name).c_str());
      (o.name == "--limit" ? so.limit : o.name == "--offset" ? so.offset : so.snippet_bytes) = n;
    } else if (o.name == "--sort") {
      if (!args.value(v)) return usage_error("search", "%s needs a value", "--sort");
      if (v == "relevance")
        so.sort = CACI_SORT_RELEVANCE;
      else if (v == "date" || v == "date-desc")
        so.sort = CACI_SORT_DATE_DESC;
      else if (v == "date-asc")
        so.sort = CACI_SORT_DATE_ASC;
      else
        return usage_error("search", "unknown sort '%s' (relevance, date, date-asc)",
                           std::string(v).c_str());
    } else if (a == "--facets") {
      so.flags |= CACI_SEARCH_FACETS;
    } else if (a == "--collapse-versions") {
      so.flags |= CACI_SEARCH_COLLAPSE_VERSIONS;
    } else if (a == "--explain") {
      so.flags |= CACI_SEARCH_EXPLAIN;
    } else if (a == "--json") {
      json = true;
    } else if (o.name == "--aliases") {
      if (!args.value(v)) return usage_error("search", "%s needs a file name", "--aliases");
      aliases_path = std::string(v);
    } else if (parse_flag_option(a, parse_flags)) {
      // --strict / --fold-quotes
    } else {
      return usage_error("search", "unknown option '%s'", args.arg_cstr());
    }
  }
  if (args.help_shown()) return exit_ok;
  std::vector<std::string> &positional = args.operands();
  if (positional.size() < 2)
    return usage_error("search", "%s", "need an index file or pages, then a query");
  std::string query = positional.back();
  positional.pop_back();

  std::string index_path;
  std::vector<std::string> pages;
  for (const std::string &p : positional) {
    if (is_index_file(p)) {
      if (!index_path.empty())
        return usage_error("search", "%s", "only one index file can be searched");
      index_path = p;
    } else {
      pages.push_back(p);
    }
  }

  int exit_status = exit_ok;
  caci_index *index = nullptr;
  caci_status st = CACI_OK;
  if (!index_path.empty()) {
    // Opened in place (mapped): a search touches the term table, its posting lists and the text
    // of the hits it shows, not the whole file.
    st = caci_index_open_file(index_path.c_str(), nullptr, &index);
    if (st == CACI_ENOTFOUND || st == CACI_EIO) {
      std::fprintf(stderr, "caci: %s\n", caci_last_load_error());
      return exit_io;
    }
    if (st != CACI_OK) {
      std::fprintf(stderr, "caci: cannot load index '%s': %s (%s)\n", index_path.c_str(),
                   caci_last_load_error(), caci_status_str(st));
      return st == CACI_ENOMEM ? exit_other : st == CACI_EIO ? exit_io : exit_other;
    }
  } else {
    st = caci_index_new(nullptr, &index);
    if (st != CACI_OK) return report_status("cannot create an index", st);
  }
  if (!pages.empty()) {
    PageSet ps;
    if (!load_pages(pages, parse_flags, ps)) {
      caci_index_free(index);
      return ps.exit_status;
    }
    exit_status = ps.exit_status;
    if (!ps.invalid_utf8) {
      st = caci_index_add_doc(index, ps.doc, nullptr);
      if (st != CACI_OK)
        exit_status = worse_exit(exit_status, report_status("cannot index the pages", st));
    }
    caci_doc_free(ps.doc);
    if (ps.invalid_utf8) {
      caci_index_free(index);
      return exit_status;
    }
  }

  if (!aliases_path.empty()) {
    if (int bad = apply_author_aliases(index, aliases_path); bad != exit_ok) {
      caci_index_free(index);
      return bad;
    }
  }
  caci_results *results = nullptr;
  st = caci_index_search(index, query.data(), query.size(), &so, &results);
  if (st == CACI_EQUERY) {
    print_query_error(index, query);
    caci_index_free(index);
    return exit_usage;
  }
  if (st != CACI_OK) {
    exit_status = worse_exit(exit_status, report_status("search failed", st));
    caci_index_free(index);
    return exit_status;
  }
  bool facets = (so.flags & CACI_SEARCH_FACETS) != 0;
  if (json) {
    if (!print_json(index, results, query, so, facets))
      exit_status = worse_exit(exit_status, exit_io);
  } else {
    print_human(results, so.offset, so.sort, facets);
    if (std::fflush(stdout) != 0) exit_status = worse_exit(exit_status, exit_io);
  }
  if (!index_path.empty()) {
    // A process about to exit need not take apart an index of tens of thousands of articles (and
    // the codec contexts of its threads): the system reclaims the memory at once. Both printers
    // flushed standard output and checked it.
    std::fflush(nullptr);
    std::_Exit(exit_status);
  }
  caci_results_free(results);
  caci_index_free(index);
  return exit_status;
}

}  // namespace cli
