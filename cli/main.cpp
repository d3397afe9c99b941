// caci: command-line front end of libcaci (parse, index, search, export, stats). Uses only the C
// ABI.
#include "cli.hpp"

#include <cstring>

namespace {

const char kUsage[] =
    "usage: caci <command> [options]\n"
    "\n"
    "Parses, indexes, searches and exports the scraped text archive of the Central Asia-Caucasus\n"
    "Analyst.\n"
    "\n"
    "commands:\n"
    "  parse   FILE...|-              print the articles as caci-archive/1 JSON (or JSON Lines)\n"
    "  index   -o OUT.caci PAGES...   build a search index file from archive pages\n"
    "  search  INDEX.caci|PAGES... QUERY   search an index file, or pages parsed on the fly\n"
    "  export  --format csv|sqlite|bibtex|ris|csljson -o OUT PAGES...|INDEX.caci\n"
    "                                 tables and citations: CSV, a SQLite database with\n"
    "                                 full-text search, BibTeX, RIS, CSL-JSON\n"
    "  stats   PAGES...|INDEX.caci [--by year|author|kind|category] [--json]\n"
    "                                 articles per year, author, ... and the byte accounting\n"
    "\n"
    "  caci <command> --help    options of one command (search --help: the query language)\n"
    "  caci --version           library and Unicode versions\n"
    "\n"
    "exit status (all commands):\n"
    "  0  success\n"
    "  1  invalid UTF-8 in an input under --strict\n"
    "  2  usage error (unknown option, missing argument, malformed query, unknown export\n"
    "     format or stats --by key, an input file name that is not UTF-8)\n"
    "  3  I/O error: an input could not be read or the output could not be written\n"
    "     (each unreadable file is named on stderr and gets an io_error diagnostic)\n"
    "  4  any other error (out of memory, input over a format limit, an index file that is\n"
    "     corrupt or of another version: rebuild it with caci index, internal error)\n"
    "  When several apply, the highest of 4, 3, 1 wins.\n";

int print_version() {
  std::printf("caci %s (libcaci %s, Unicode %s)\n", CACI_VERSION_STRING, caci_version_string(),
              caci_unicode_version());
  if (caci_version_number() != CACI_VERSION_NUMBER) {
    std::fprintf(stderr, "caci: warning: built against libcaci %s but running with %s\n",
                 CACI_VERSION_STRING, caci_version_string());
  }
  return cli::exit_ok;
}

}  // namespace

int main(int argc, char **argv) {
  if (argc < 2) {
    std::fputs(kUsage, stderr);
    return cli::exit_usage;
  }
  const char *cmd = argv[1];
  if (!std::strcmp(cmd, "--help") || !std::strcmp(cmd, "-h") || !std::strcmp(cmd, "help")) {
    std::fputs(kUsage, stdout);
    return cli::exit_ok;
  }
  if (!std::strcmp(cmd, "--version") || !std::strcmp(cmd, "-V") || !std::strcmp(cmd, "version"))
    return print_version();
  if (!std::strcmp(cmd, "parse")) return cli::cmd_parse(argc - 2, argv + 2);
  if (!std::strcmp(cmd, "index")) return cli::cmd_index(argc - 2, argv + 2);
  if (!std::strcmp(cmd, "search")) return cli::cmd_search(argc - 2, argv + 2);
  if (!std::strcmp(cmd, "export")) return cli::cmd_export(argc - 2, argv + 2);
  if (!std::strcmp(cmd, "stats")) return cli::cmd_stats(argc - 2, argv + 2);
  std::fprintf(stderr, "caci: unknown command '%s'\n\n%s", cmd, kUsage);
  return cli::exit_usage;
}
