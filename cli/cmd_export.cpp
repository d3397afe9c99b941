// caci export: pages or an index -> CSV, SQLite, BibTeX, RIS or CSL-JSON.
#include "export.hpp"
#include "help.hpp"
#include "progress.hpp"

#include <sys/stat.h>

namespace cli {

namespace {

const char *const kFormats[] = {"csv", "sqlite", "bibtex", "ris", "csljson"};

bool same_file(const std::string &a, const std::string &b) {
  struct stat sa, sb;
  return a != "-" && b != "-" && ::stat(a.c_str(), &sa) == 0 && ::stat(b.c_str(), &sb) == 0 &&
         S_ISREG(sa.st_mode) && sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
}

}  // namespace

int cmd_export(int argc, char **argv) {
  std::string format, output;
  uint32_t flags = 0;
  bool quiet = false, have_output = false;
  ArgWalker args(argc, argv, "export");
  while (args.next()) {
    const std::string_view a = args.arg();
    const Option &o = args.option();
    std::string_view v;
    if (o.name == "--format" || o.name == "-f") {
      if (!args.value(v))
        return usage_error("export", "%s needs a value (csv, sqlite, bibtex, ris or csljson)",
                           "--format");
      bool known = false;
      for (const char *f : kFormats) known = known || v == f;
      if (!known)
        return usage_error("export", "unknown format '%s' (csv, sqlite, bibtex, ris or csljson)",
                           std::string(v).c_str());
      format = std::string(v);
    } else if (o.name == "-o" || o.name == "--output") {
      if (!args.value(v) || v.empty()) return usage_error("export", "%s needs a file name", "-o");
      output = std::string(v);
      have_output = true;
    } else if (parse_flag_option(a, flags)) {
      // --strict / --fold-quotes
    } else if (a == "-q" || a == "--quiet") {
      quiet = true;
    } else {
      return usage_error("export", "unknown option '%s'", args.arg_cstr());
    }
  }
  if (args.help_shown()) return exit_ok;
  std::vector<std::string> &inputs = args.operands();
  if (format.empty())
    return usage_error("export", "%s", "missing --format (csv, sqlite, bibtex, ris, csljson)");
  if (!have_output)
    return usage_error("export", "%s", "missing -o OUT (the file to write; '-' = stdout)");
  if (inputs.empty()) return usage_error("export", "%s", "no input pages or index file");
  for (const std::string &in : inputs)
    if (same_file(in, output))
      return usage_error("export", "the output '%s' is one of the inputs; choose another file name",
                         output.c_str());
  if (format == "sqlite" && output == "-" && stdout_is_tty())
    return usage_error("export", "%s",
                       "a SQLite database is binary: give -o FILE.sqlite, not a terminal");

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
