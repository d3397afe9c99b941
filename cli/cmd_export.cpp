// caci export: pages or an index -> CSV, SQLite, BibTeX, RIS or CSL-JSON.
#include "export.hpp"
#include "progress.hpp"

#include <sys/stat.h>

namespace cli {

namespace {

const char kExportUsage[] =
    "usage: caci export --format FORMAT -o OUT [options] PAGES...|INDEX.caci\n"
    "\n"
    "Exports the articles of archive pages (parsed as by `caci parse`, duplicates merged) or of\n"
    "one index file (recognised by its CACIIDX magic) for spreadsheets, SQL and reference\n"
    "managers. The output file is replaced atomically: it is written to a temporary file in the\n"
    "same directory, synced, then renamed over OUT, so a failure leaves the old file (or none).\n"
    "\n"
    "formats:\n"
    "  csv      one row per article, RFC 4180 (CRLF record ends, quotes doubled), UTF-8, a header\n"
    "           row. Columns, in this order (stable; new ones are only appended):\n"
    "             id            16 hex digits, the content id\n"
    "             kind          article, excerpt, teaser or digest\n"
    "             category      Analytical Articles, Field Reports, News Digest, or empty\n"
    "             title         the title as printed, or empty\n"
    "             authors       names joined with \"; \"\n"
    "             date          YYYY-MM-DD when year, month and day are known, else empty\n"
    "             year          the year when known\n"
    "             date_partial  an incomplete date: YYYY-MM (month only), --MM-DD (no year)\n"
    "             date_source   byline, date_line, header, issue_header, digest_heading\n"
    "             lead          lead paragraphs separated by a blank line\n"
    "             text          title, lead, sections and bio, one paragraph per line\n"
    "             source_file, source_line, byte_start, byte_end   where the article is\n"
    "             duplicates    how many copies were merged into it\n"
    "  sqlite   a SQLite database: articles (the CSV columns, typed, plus sections and bio),\n"
    "           authors (article_id, position, name, honorifics, affiliation, canonical_key),\n"
    "           links (article_id, position, kind, title), diagnostics (file, line, column,\n"
    "           severity, code, message, byte_start, byte_end), export_info, and the FTS5 table\n"
    "           articles_fts over title, authors, lead, sections, bio (porter unicode61\n"
    "           remove_diacritics 2; rowid = articles.rowid). canonical_key is provisional: the\n"
    "           name lowercased, diacritics, initials and honorifics removed.\n"
    "  bibtex   @article entries; keys: first author's family name + year + first title word\n"
    "           (a, b, c... when shared); LaTeX special characters escaped, UTF-8 kept\n"
    "  ris      RIS records (TY  - JOUR ... ER  - ), CRLF line ends\n"
    "  csljson  a CSL-JSON array of \"article-journal\" items (Zotero, Pandoc, citeproc)\n"
    "  Citations name the journal \"Central Asia-Caucasus Analyst\". Dates are never invented:\n"
    "  only the known parts are given (CSL date-parts [[2024, 3]] for a month-only date; a date\n"
    "  without a year is a CSL literal, and BibTeX/RIS leave the year out). The source page,\n"
    "  line and content id go in a note (BibTeX note, RIS N1, CSL note). An untitled article is\n"
    "  titled \"[Untitled] \" and the first words of its lead.\n"
    "\n"
    "options:\n"
    "  --format FORMAT     csv, sqlite, bibtex, ris or csljson (required)\n"
    "  -o, --output OUT    the file to write (required; '-' = standard output)\n"
    "  --strict            reject invalid UTF-8 (exit 1, nothing written)\n"
    "  --fold-quotes       fold typographic quotes and apostrophes to ASCII\n"
    "  -q, --quiet         no progress line (shown only on a terminal, after a second: files,\n"
    "                      MB, MB/s, ETA) and no report line on stderr\n"
    "  -h, --help          this help\n"
    "\n"
    "Input file names must be valid UTF-8 (they are written into the output). An index file\n"
    "keeps no diagnostics, so the sqlite diagnostics table is empty for one; an index built\n"
    "with --no-text has no lead or text to export.\n"
    "\n"
    "examples:\n"
    "  caci export --format csv -o articles.csv samples/*.txt\n"
    "  caci export --format sqlite -o archive.sqlite archive.caci\n"
    "  sqlite3 archive.sqlite \"SELECT a.date, a.title FROM articles_fts JOIN articles a\n"
    "    ON a.rowid = articles_fts.rowid WHERE articles_fts MATCH 'pipeline' ORDER BY rank\"\n"
    "\n"
    "exit status: 0 ok, 1 invalid UTF-8 under --strict, 2 usage error (unknown format, missing\n"
    "-o, a file name that is not UTF-8, an index mixed with pages), 3 unreadable input (the\n"
    "readable pages are still exported) or unwritable output (nothing is written), 4 other error\n"
    "(an index that cannot be loaded: corrupt, or written by another version - rebuild it with\n"
    "`caci index -o OUT.caci PAGES...`).\n";

const char *const kFormats[] = {"csv", "sqlite", "bibtex", "ris", "csljson"};

int usage_error(const char *fmt, const char *arg) {
  std::fprintf(stderr, "caci export: ");
  std::fprintf(stderr, fmt, arg);
  std::fprintf(stderr, "\n(see caci export --help)\n");
  return exit_usage;
}

bool same_file(const std::string &a, const std::string &b) {
  struct stat sa, sb;
  return a != "-" && b != "-" && ::stat(a.c_str(), &sa) == 0 && ::stat(b.c_str(), &sb) == 0 &&
         S_ISREG(sa.st_mode) && sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
}

}  // namespace

int cmd_export(int argc, char **argv) {
  std::string format, output;
  uint32_t flags = 0;
  bool quiet = false, options_done = false, have_output = false;
  std::vector<std::string> inputs;
  for (int i = 0; i < argc; ++i) {
    std::string_view a = argv[i];
    if (options_done || a == "-" || a.empty() || a[0] != '-') {
      inputs.emplace_back(a);
      continue;
    }
    const Option o(a);
    std::string_view v;
    if (a == "--") {
      options_done = true;
    } else if (a == "-h" || a == "--help") {
      std::fputs(kExportUsage, stdout);
      return exit_ok;
    } else if (o.name == "--format" || o.name == "-f") {
      if (!o.value(argc, argv, i, v))
        return usage_error("%s needs a value (csv, sqlite, bibtex, ris or csljson)", "--format");
      bool known = false;
      for (const char *f : kFormats) known = known || v == f;
      if (!known)
        return usage_error("unknown format '%s' (csv, sqlite, bibtex, ris or csljson)",
                           std::string(v).c_str());
      format = std::string(v);
    } else if (o.name == "-o" || o.name == "--output") {
      if (!o.value(argc, argv, i, v) || v.empty()) return usage_error("%s needs a file name", "-o");
      output = std::string(v);
      have_output = true;
    } else if (parse_flag_option(a, flags)) {
      // --strict / --fold-quotes
    } else if (a == "-q" || a == "--quiet") {
      quiet = true;
    } else {
      return usage_error("unknown option '%s'", argv[i]);
    }
  }
  if (format.empty())
    return usage_error("%s", "missing --format (csv, sqlite, bibtex, ris, csljson)");
  if (!have_output) return usage_error("%s", "missing -o OUT (the file to write; '-' = stdout)");
  if (inputs.empty()) return usage_error("%s", "no input pages or index file");
  for (const std::string &in : inputs)
    if (same_file(in, output))
      return usage_error("the output '%s' is one of the inputs; choose another file name",
                         output.c_str());
  if (format == "sqlite" && output == "-" && stdout_is_tty())
    return usage_error("%s", "a SQLite database is binary: give -o FILE.sqlite, not a terminal");

  Progress progress("export", quiet);
  ArticleSet set;
  bool fatal = false;
  int exit_status = load_article_set("export", inputs, flags, set, fatal, &progress);
  if (fatal) return exit_status;
  progress.clear();
  if (set.text_omitted && !quiet)
    std::fprintf(stderr,
                 "caci export: warning: '%s' is a search-only index (caci index "
                 "--no-text): the lead, text, sections and bio are empty\n",
                 set.index_path.c_str());
  progress.phase(format == "sqlite" ? "building the SQLite database" : "formatting");

  std::string out, error;
  if (format == "csv") {
    render_csv(set, out);
  } else if (format == "sqlite") {
    if (!render_sqlite(set, out, error)) {
      progress.finish();
      std::fprintf(stderr, "caci export: cannot build the SQLite database: %s; nothing written\n",
                   error.c_str());
      return worse_exit(exit_status, exit_other);
    }
  } else if (format == "bibtex") {
    render_bibtex(set, out);
  } else if (format == "ris") {
    render_ris(set, out);
  } else {
    render_csljson(set, out);
  }
  // Standard output may be the same terminal: the line goes before the data does.
  if (output == "-")
    progress.finish();
  else
    progress.phase("writing");
  bool written = write_file(output, out, error);
  progress.finish();
  if (!written) {
    std::fprintf(stderr, "caci export: cannot write '%s': %s\n",
                 output == "-" ? "<stdout>" : output.c_str(), error.c_str());
    return worse_exit(exit_status, exit_io);
  }
  if (!quiet && output != "-")
    std::fprintf(stderr, "caci: exported %zu articles from %zu %s to %s (%s, %zu bytes)\n",
                 set.articles.size(), set.files,
                 set.index        ? "index file"
                 : set.files == 1 ? "page"
                                  : "pages",
                 output.c_str(), format.c_str(), out.size());
  return exit_status;
}

}  // namespace cli
