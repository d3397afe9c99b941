// The caci documentation as data, and its two renderings: --help text and the man page. See
// help.hpp.
#include "help.hpp"

#include "caci/caci.h"
#include "cli.hpp"

#include <cstdio>

namespace cli {

namespace {

using B = HelpBlock;

const char kDescription[] =
    "Parses, indexes, searches and exports the scraped text archive of the Central Asia-Caucasus\n"
    "Analyst.\n";

// The query-language reference of the search library (core/src/search/QUERY.md), embedded at build
// time and rendered as plain text.
const char kQueryMarkdown[] =
#include "query_md.inc"
    ;

// The query-language reference, ending in one newline.
std::string query_reference() {
  std::string text = markdown_to_text(kQueryMarkdown);
  while (!text.empty() && text.back() == '\n') text.pop_back();
  return text + "\n";
}

// --aliases of caci index and caci search (format in caci.h, "People").
const char *const kAliasesNote =
    "author alias file: lines `Name = Other Name` (same person), `#` comments; a\n"
    "malformed line is a usage error naming the line";
const char kProgressNote[] = "no progress line (shown only on a terminal, after a second: files,\n"
                             "MB, MB/s, ETA) and no report line on stderr";

}  // namespace

const std::vector<HelpCommand> &help_commands() {
  static const std::vector<HelpCommand> commands = {
      {"parse",
       "[options] FILE...|-",
       "FILE...|-",
       "print the articles as caci-archive/1 JSON (or JSON Lines)",
       24,
       {
           {B::text, nullptr,
            "Parses archive pages into one document (duplicates are merged across all files) and "
            "prints it\n"
            "as caci-archive/1 JSON: {\"schema\", \"articles\", \"diagnostics\", \"stats\"}.\n"
            "'-' reads standard input (named \"<stdin>\" in the output).\n"},
           {B::options,
            nullptr,
            nullptr,
            {
                {"--format json|jsonl", "json (default): one document; jsonl: one article object "
                                        "per line\n(no diagnostics or stats; use --summary to see "
                                        "them)"},
                {"-o, --output FILE", "write the JSON to FILE instead of standard output"},
                {"--strict", "reject invalid UTF-8: report it and exit 1 without output"},
                {"--fold-quotes", "fold typographic quotes and apostrophes to ASCII"},
                {"--threads N", "parse, and produce the JSON, on N threads: 1 or 2 (more count as "
                                "2);\nthe output is the same. Default: 2 where the machine has two "
                                "cores or more"},
                {"--summary", "print a readable summary on stderr (files, bytes, articles by "
                              "kind,\nduplicates, diagnostics by code, throughput)"},
                {"-q, --quiet", "no progress line on stderr (shown only on a terminal, after a\n"
                                "second: files, MB, MB/s, ETA)"},
                {"-h, --help", "this help"},
            }},
           {B::text, nullptr,
            "exit status: 0 ok, 1 invalid UTF-8 under --strict, 2 usage error, 3 unreadable input "
            "or\n"
            "unwritable output (JSON is still written, with an io_error diagnostic per unreadable "
            "file),\n"
            "4 other error.\n"},
       }},
      {"index",
       "-o OUT.caci [options] PAGES...",
       "-o OUT.caci PAGES...",
       "build a search index file from archive pages",
       22,
       {
           {B::text, nullptr,
            "Parses archive pages ('-' = standard input), merges duplicates, and writes a search "
            "index\n"
            "file (versioned, checksummed) for `caci search`.\n"},
           {B::options,
            nullptr,
            nullptr,
            {
                {"-o, --output FILE", "the index file to write (required)"},
                {"--strict", "reject invalid UTF-8 (exit 1, no index written)"},
                {"--fold-quotes", "fold typographic quotes and apostrophes to ASCII"},
                {"--no-text", "search-only file: no article paragraphs (much smaller; same "
                              "hits,\ntotals and scores; `caci search` then shows no snippets)"},
                {"--aliases FILE", kAliasesNote},
                {"--summary", "print the parse summary on stderr"},
                {"-q, --quiet", kProgressNote},
                {"-h, --help", "this help"},
            }},
           {B::text, nullptr,
            "exit status: 0 ok, 1 invalid UTF-8 under --strict, 2 usage error, 3 unreadable input "
            "or\n"
            "unwritable output (the readable pages are still indexed; when no page can be read, "
            "OUT is\nnot written), 4 other error.\n"},
       }},
      {"search",
       "[options] INDEX.caci|PAGES... QUERY",
       "INDEX.caci|PAGES... QUERY",
       "search an index file, or pages parsed on the fly",
       19,
       {
           {B::text, nullptr,
            "Searches a saved index (a file starting with the CACIIDX magic, written by `caci "
            "index`), or\n"
            "archive pages parsed on the fly when the inputs are not an index. Pages given after "
            "an index\n"
            "file are added to it for this search. The last argument is the query.\n"},
           {B::options,
            nullptr,
            nullptr,
            {
                {"--limit N", "hits per page (default 10)"},
                {"--offset N", "hits to skip, for paging (default 0)"},
                {"--sort ORDER",
                 "relevance (default), date (newest first) or date-asc (oldest first)"},
                {"--facets", "also count hits by author (people), year, kind, category and "
                             "country"},
                {"--aliases FILE", kAliasesNote},
                {"--collapse-versions",
                 "one hit for an excerpt or teaser and its full article (the best ranked)"},
                {"--json", "machine-readable output (offsets are bytes into the article text)"},
                {"--explain", "break each hit's score down by query element and field (tf, idf,\n"
                              "length norm, weight, contribution; the parts add up to the score)"},
                {"--snippet-bytes N", "target snippet length (default 200)"},
                {"--strict, --fold-quotes", "as for `caci parse`, when pages are given"},
                {"-h, --help", "this help"},
            }},
           {B::preformatted, "examples",
            "  caci search archive.caci 'pipeline* (azerbaijan OR georgia) -russia' --sort date\n"
            "  caci search archive.caci 'author:\"svante cornell\" year:2003..2005' --facets\n"
            "  caci search pages/*.txt 'tbilsi~1 NEAR/5 protest' --json\n"},
           {B::query},
           {B::text, nullptr,
            "output: rank, score, date, authors, title (or the first words), and a snippet with "
            "the\n"
            "matches marked [[like this]] (bold on a terminal); then the total and, with "
            "--facets, the\n"
            "facet counts.\n"},
           {B::text, nullptr,
            "exit status: 0 ok (also when nothing matches), 1 invalid UTF-8 under --strict, 2 "
            "usage error\n"
            "or malformed query, 3 unreadable input, 4 other error (including a corrupt index "
            "file).\n"},
       }},
      {"export",
       "--format FORMAT -o OUT [options] PAGES...|INDEX.caci",
       "--format csv|sqlite|bibtex|ris|csljson -o OUT PAGES...|INDEX.caci",
       "tables and citations: CSV, a SQLite database with\n"
       "full-text search, BibTeX, RIS, CSL-JSON",
       22,
       {
           {B::text, nullptr,
            "Exports the articles of archive pages (parsed as by `caci parse`, duplicates merged) "
            "or of\n"
            "one index file (recognised by its CACIIDX magic) for spreadsheets, SQL and "
            "reference\n"
            "managers. The output file is replaced atomically: it is written to a temporary file "
            "in the\n"
            "same directory, synced, then renamed over OUT, so a failure leaves the old file (or "
            "none).\n"},
           {B::preformatted, "formats",
            "  csv      one row per article, RFC 4180 (CRLF record ends, quotes doubled), UTF-8, a "
            "header\n"
            "           row. Columns, in this order (stable; new ones are only appended):\n"
            "             id            16 hex digits, the content id\n"
            // BEGIN GENERATED: help kind category (tools/gen_tables.py; edit core/tables)
            "             kind          article, excerpt, teaser or digest\n"
            "             category      Analytical Articles, Field Reports, News Digest, Feature\n"
            "                           Articles, or empty\n"
            // END GENERATED: help kind category
            "             title         the title as printed, or empty\n"
            "             authors       names joined with \"; \"\n"
            "             date          YYYY-MM-DD when year, month and day are known, else empty\n"
            "             year          the year when known\n"
            "             date_partial  an incomplete date: YYYY-MM (month only), --MM-DD (no "
            "year)\n"
            // BEGIN GENERATED: help date_source (tools/gen_tables.py; edit core/tables)
            "             date_source   byline, date_line, header, issue_header, digest_heading\n"
            // END GENERATED: help date_source
            "             lead          lead paragraphs separated by a blank line\n"
            "             text          title, lead, sections and bio, one paragraph per line\n"
            "             source_file, source_line, byte_start, byte_end   where the article is\n"
            "             duplicates    how many copies were merged into it\n"
            "  sqlite   a SQLite database: articles (the CSV columns, typed, plus sections and "
            "bio),\n"
            "           authors (article_id, position, name, honorifics, affiliation, "
            "canonical_key),\n"
            "           links (article_id, position, kind, title), diagnostics (file, line, "
            "column,\n"
            "           severity, code, message, byte_start, byte_end), export_info, and the FTS5 "
            "table\n"
            "           articles_fts over title, authors, lead, sections, bio (porter unicode61\n"
            "           remove_diacritics 2; rowid = articles.rowid). canonical_key is "
            "provisional: the\n"
            "           name lowercased, diacritics, initials and honorifics removed.\n"
            "  bibtex   @article entries; keys: first author's family name + year + first title "
            "word\n"
            "           (a, b, c... when shared); LaTeX special characters escaped, UTF-8 kept\n"
            "  ris      RIS records (TY  - JOUR ... ER  - ), CRLF line ends\n"
            "  csljson  a CSL-JSON array of \"article-journal\" items (Zotero, Pandoc, citeproc)\n"
            "  Citations name the journal \"Central Asia-Caucasus Analyst\". Dates are never "
            "invented:\n"
            "  only the known parts are given (CSL date-parts [[2024, 3]] for a month-only date; a "
            "date\n"
            "  without a year is a CSL literal, and BibTeX/RIS leave the year out). The source "
            "page,\n"
            "  line and content id go in a note (BibTeX note, RIS N1, CSL note). An untitled "
            "article is\n"
            "  titled \"[Untitled] \" and the first words of its lead.\n"},
           {B::options,
            nullptr,
            nullptr,
            {
                {"--format FORMAT", "csv, sqlite, bibtex, ris or csljson (required)"},
                {"-o, --output OUT", "the file to write (required; '-' = standard output)"},
                {"--strict", "reject invalid UTF-8 (exit 1, nothing written)"},
                {"--fold-quotes", "fold typographic quotes and apostrophes to ASCII"},
                {"-q, --quiet", kProgressNote},
                {"-h, --help", "this help"},
            }},
           {B::text, nullptr,
            "Input file names must be valid UTF-8 (they are written into the output). An index "
            "file\n"
            "keeps no diagnostics, so the sqlite diagnostics table is empty for one; an index "
            "built\n"
            "with --no-text has no lead or text to export.\n"},
           {B::preformatted, "examples",
            "  caci export --format csv -o articles.csv samples/*.txt\n"
            "  caci export --format sqlite -o archive.sqlite archive.caci\n"
            "  sqlite3 archive.sqlite \"SELECT a.date, a.title FROM articles_fts JOIN articles a\n"
            "    ON a.rowid = articles_fts.rowid WHERE articles_fts MATCH 'pipeline' ORDER BY "
            "rank\"\n"},
           {B::text, nullptr,
            "exit status: 0 ok, 1 invalid UTF-8 under --strict, 2 usage error (unknown format, "
            "missing\n"
            "-o, a file name that is not UTF-8, an index mixed with pages), 3 unreadable input "
            "(the\n"
            "readable pages are still exported) or unwritable output (nothing is written), 4 "
            "other error\n"
            "(an index that cannot be loaded: corrupt, or written by another version - rebuild it "
            "with\n"
            "`caci index -o OUT.caci PAGES...`).\n"},
       }},
      {"complete",
       "[options] INDEX.caci PREFIX",
       "INDEX.caci PREFIX",
       "complete the last word of PREFIX from the index's terms",
       17,
       {
           {B::text, nullptr,
            "Prints the indexed terms starting with the last word of PREFIX, most frequent "
            "first, each\n"
            "with the number of articles containing it (a tab between).\n"},
           {B::options,
            nullptr,
            nullptr,
            {
                {"--limit N", "at most N terms (default 10, at most 1000)"},
                {"--json", "machine-readable output"},
                {"-h, --help", "this help"},
            }},
       }},
      {"related",
       "[options] INDEX.caci ID",
       "INDEX.caci ID",
       "articles related to one (more like this)",
       17,
       {
           {B::text, nullptr,
            "Lists the articles sharing the top tf-idf terms of article ID (16 hex digits), best "
            "first,\n"
            "never the article itself nor another copy of it. An unknown ID exits with status "
            "2.\n"},
           {B::options,
            nullptr,
            nullptr,
            {
                {"--limit N", "at most N articles (default 10, at most 1000)"},
                {"--json", "machine-readable output"},
                {"-h, --help", "this help"},
            }},
       }},
      {"verify",
       "INDEX.caci",
       "INDEX.caci",
       "check every checksum of an index file",
       17,
       {
           {B::text, nullptr,
            "Opening an index checks its header and small sections only, so that a search starts "
            "at once;\n"
            "the postings and the stored text are checked as they are read. This reads them all "
            "and\n"
            "reports the first damaged piece (exit status 4), or prints ok (exit status 0).\n"},
           {B::options,
            nullptr,
            nullptr,
            {
                {"-h, --help", "this help"},
            }},
       }},
      {"stats",
       "[options] PAGES...|INDEX.caci",
       "PAGES...|INDEX.caci [--by year|author|kind|category|country] [--json]",
       "articles per year, author, ... and the byte accounting",
       17,
       {
           {B::text, nullptr,
            "Counts the articles of archive pages (duplicates merged) or of one index file, "
            "grouped by\n"
            "one key, and prints the byte accounting of the pages: bytes = articles + "
            "boilerplate +\n"
            "unclassified (an index file keeps no byte accounting).\n"},
           {B::options,
            nullptr,
            nullptr,
            {
                {"--by KEY",
                 "year (default), author, kind, category or country. Every article is\n"
                 "counted once: undated articles are an \"undated\" row, articles without a\n"
                 "category a \"(none)\" row, so the rows add up to the total. By author or\n"
                 "country, an article counts once for each of its authors (\"(no author)\"\n"
                 "for none) or countries (\"(no country)\": none of the region's countries,\n"
                 "capitals or cities named in its title, or often in its text), so the rows\n"
                 "may add up to more. Authors are people, not spellings, as in the search's\n"
                 "author facet (case, accents, honorifics and initials folded: `Dr. S.\n"
                 "Frederick Starr` = `Frederick Starr`), each shown as its most frequent\n"
                 "spelling."},
                {"--aliases FILE", kAliasesNote},
                {"--json", "machine-readable output"},
                {"--strict, --fold-quotes", "as for `caci parse`"},
                {"-h, --help", "this help"},
            }},
           {B::preformatted, "examples",
            "  caci stats samples/*.txt\n"
            "  caci stats --by author --json archive.caci\n"},
           {B::text, nullptr,
            "exit status: 0 ok, 1 invalid UTF-8 under --strict, 2 usage error (an unknown --by "
            "key,\n"
            "a file name that is not UTF-8), 3 unreadable input (the readable pages "
            "are\n"
            "still counted) or unwritable output, 4 other error (an index that cannot be "
            "loaded).\n"},
       }},
  };
  return commands;
}

const std::vector<HelpEntry> &help_exit_statuses() {
  static const std::vector<HelpEntry> codes = {
      {"0", "success"},
      {"1", "invalid UTF-8 in an input under --strict"},
      {"2", "usage error (unknown option, missing argument, malformed query, unknown export\n"
            "format or stats --by key, an input file name that is not UTF-8)"},
      {"3", "I/O error: an input could not be read or the output could not be written\n"
            "(each unreadable file is named on stderr and gets an io_error diagnostic)"},
      {"4", "any other error (out of memory, input over a format limit, an index file that is\n"
            "corrupt or of another version: rebuild it with caci index, internal error)"},
  };
  return codes;
}

static const char kExitNote[] = "When several apply, the highest of 4, 3, 1 wins.";

const std::vector<HelpEntry> &help_environment() {
  static const std::vector<HelpEntry> vars = {
      {"CACI_PROGRESS_AFTER_MS",
       "milliseconds a parse, index or export job runs before its progress line\n"
       "may appear (default 1000; for tests)"},
  };
  return vars;
}

namespace {

void append_lines(std::string &out, const char *text, size_t indent) {
  std::string_view t = text;
  bool first = true;
  while (!t.empty()) {
    size_t nl = t.find('\n');
    std::string_view line = t.substr(0, nl);
    if (!first) out.append(indent, ' ');
    out.append(line);
    out += '\n';
    first = false;
    if (nl == std::string_view::npos) break;
    t.remove_prefix(nl + 1);
  }
}

// "  NAME<pad>TEXT": the text starts at `column`, or two spaces after a longer name.
void append_item(std::string &out, std::string_view name, const char *text, size_t column,
                 size_t indent = 2, size_t min_gap = 2) {
  out.append(indent, ' ');
  out.append(name);
  size_t used = indent + name.size();
  out.append(used + min_gap <= column ? column - used : min_gap, ' ');
  append_lines(out, text, column);
}

}  // namespace

std::string main_help() {
  // The longest command name ("complete") and a space.
  constexpr size_t kListColumn = 34, kNameWidth = 9;
  std::string out = "usage: caci <command> [options]\n\n";
  out += kDescription;
  out += "\ncommands:\n";
  for (const HelpCommand &c : help_commands()) {
    std::string head = "  " + std::string(c.name);
    head.append(kNameWidth - std::string_view(c.name).size(), ' ');
    head += c.list_args;
    std::string_view summary = c.summary;
    std::string_view first_line = summary.substr(0, summary.find('\n'));
    if (head.size() + 3 + first_line.size() <= 100) {
      out += head;
      out.append(head.size() + 3 <= kListColumn ? kListColumn - head.size() : 3, ' ');
    } else {
      out += head + "\n";
      out.append(kListColumn, ' ');
    }
    append_lines(out, c.summary, kListColumn);
  }
  out += "\n";
  append_item(out, "caci <command> --help",
              "options of one command (search --help: the query "
              "language)",
              27);
  append_item(out, "caci --version", "library and Unicode versions", 27);
  out += "\nexit status (all commands):\n";
  for (const HelpEntry &e : help_exit_statuses()) append_item(out, e.key, e.text, 5);
  out += std::string("  ") + kExitNote + "\n";
  out += "\nenvironment:\n";
  for (const HelpEntry &e : help_environment()) append_item(out, e.key, e.text, 26);
  return out;
}

std::string command_help(std::string_view name) {
  const HelpCommand *cmd = nullptr;
  for (const HelpCommand &c : help_commands())
    if (name == c.name) cmd = &c;
  if (!cmd) return "";
  std::string out = std::string("usage: caci ") + cmd->name + " " + cmd->synopsis + "\n";
  for (const HelpBlock &b : cmd->blocks) {
    out += "\n";
    switch (b.kind) {
    case HelpBlock::text: out += b.body; break;
    case HelpBlock::preformatted:
      out += std::string(b.title) + ":\n";
      out += b.body;
      break;
    case HelpBlock::options:
      out += "options:\n";
      for (const HelpOption &o : b.items) append_item(out, o.names, o.text, cmd->option_column);
      break;
    case HelpBlock::query: out += query_reference(); break;
    }
  }
  return out;
}

// ---- The man page ----

namespace {

// One line of text for troff: backslashes and non-ASCII characters escaped, a leading control
// character neutralised, and a '-' that starts a word (options: --strict, -o) made a minus sign so
// that it can be copied.
std::string troff_line(std::string_view line) {
  std::string out;
  if (!line.empty() && (line[0] == '.' || line[0] == '\'')) out += "\\&";
  bool dash_run = false;
  for (size_t i = 0; i < line.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(line[i]);
    if (c == '\\') {
      out += "\\e";
    } else if (c == '-') {
      char prev = i ? line[i - 1] : ' ';
      bool starts = dash_run || prev == ' ' || prev == '(' || prev == '[' || prev == '|' ||
                    prev == ',' || prev == '"' || prev == '\'' || prev == '`';
      out += starts ? "\\-" : "-";
      dash_run = starts;
      continue;
    } else if (c >= 0x80) {
      size_t len = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
      uint32_t cp = len == 4 ? c & 0x07 : len == 3 ? c & 0x0F : c & 0x1F;
      bool ok = len > 1 && i + len <= line.size();
      for (size_t k = 1; ok && k < len; ++k) {
        unsigned char cc = static_cast<unsigned char>(line[i + k]);
        ok = (cc & 0xC0) == 0x80;
        cp = (cp << 6) | (cc & 0x3F);
      }
      if (!ok) {
        out += "?";
      } else {
        char buf[16];
        std::snprintf(buf, sizeof buf, "\\[u%04X]", static_cast<unsigned>(cp));
        out += buf;
        i += len - 1;
      }
    } else {
      out += static_cast<char>(c);
    }
    dash_run = false;
  }
  return out;
}

// Every line of `text` through troff_line; blank lines become .sp in fill mode.
void append_troff(std::string &out, std::string_view text, bool fill) {
  while (!text.empty()) {
    size_t nl = text.find('\n');
    std::string_view line = text.substr(0, nl);
    if (fill && line.find_first_not_of(' ') == std::string_view::npos)
      out += ".sp\n";
    else
      out += troff_line(fill ? line.substr(line.find_first_not_of(' ')) : line) + "\n";
    if (nl == std::string_view::npos) break;
    text.remove_prefix(nl + 1);
  }
}

void append_preformatted(std::string &out, std::string_view text) {
  out += ".RS 2\n.nf\n";
  append_troff(out, text, false);
  out += ".fi\n.RE\n";
}

}  // namespace

std::string man_page() {
  std::string out;
  out +=
      ".\\\" caci.1: generated by `caci --man` from cli/help.cpp, the source of `caci --help`.\n";
  out += ".\\\" Do not edit: change cli/help.cpp.\n";
  out += ".TH CACI 1 \"\" \"caci " CACI_VERSION_STRING "\" \"User Commands\"\n";
  out += ".SH NAME\ncaci \\- parse, index, search and export the Central Asia\\-Caucasus "
         "Analyst archive\n";
  out += ".SH SYNOPSIS\n";
  for (const HelpCommand &c : help_commands()) {
    out += ".B caci " + std::string(c.name) + "\n";
    out += troff_line(c.synopsis) + "\n.br\n";
  }
  out += ".B caci\n\\-\\-help | \\-\\-version\n";
  out += ".SH DESCRIPTION\n";
  append_troff(out, kDescription, true);
  out += ".PP\nEvery command takes \\fB\\-h\\fR, \\fB\\-\\-help\\fR for its options; the same "
         "text is below.\n";
  out += ".SH COMMANDS\n";
  for (const HelpCommand &c : help_commands()) {
    out += ".SS \"caci " + std::string(c.name) + "\"\n";
    out += "\\fBcaci " + std::string(c.name) + "\\fR " + troff_line(c.synopsis) + "\n";
    for (const HelpBlock &b : c.blocks) {
      out += ".PP\n";
      switch (b.kind) {
      case HelpBlock::text: append_troff(out, b.body, true); break;
      case HelpBlock::preformatted:
        out += troff_line(b.title) + ":\n";
        append_preformatted(out, b.body);
        break;
      case HelpBlock::options:
        out += "Options:\n";
        for (const HelpOption &o : b.items) {
          out += ".TP\n\\fB" + troff_line(o.names) + "\\fR\n";
          append_troff(out, o.text, true);
        }
        break;
      case HelpBlock::query:
        out += "The query language:\n";
        append_preformatted(out, query_reference());
        break;
      }
    }
  }
  out += ".SH EXIT STATUS\n";
  for (const HelpEntry &e : help_exit_statuses()) {
    out += ".TP\n.B " + std::string(e.key) + "\n";
    append_troff(out, e.text, true);
  }
  out += ".PP\n";
  append_troff(out, kExitNote, true);
  out += ".SH ENVIRONMENT\n";
  for (const HelpEntry &e : help_environment()) {
    out += ".TP\n.B " + std::string(e.key) + "\n";
    append_troff(out, e.text, true);
  }
  out += ".SH SEE ALSO\n";
  out += "The README of libcaci: the C library (caci.h), the Python package, the WebAssembly "
         "build and the JSON contract caci\\-archive/1.\n";
  return out;
}

}  // namespace cli
