// caci: command-line front end of libcaci (parse, index, search, export, stats). Uses only the C
// ABI.
#include "cli.hpp"
#include "help.hpp"

#include <cstring>

namespace {

int print_version() {
  std::printf("caci %s (libcaci %s, Unicode %s)\n", CACI_VERSION_STRING, caci_version_string(),
              caci_unicode_version());
  if (caci_version_number() != CACI_VERSION_NUMBER) {
    std::fprintf(stderr, "caci: warning: built against libcaci %s but running with %s\n",
                 CACI_VERSION_STRING, caci_version_string());
  }
  return cli::exit_ok;
}

// `caci --man [FILE]`: caci.1 (troff) to FILE, replaced atomically, or to standard output.
int print_man_page(const char *path) {
  std::string error;
  if (!cli::write_file(path, cli::man_page(), error)) {
    std::fprintf(stderr, "caci: cannot write '%s': %s\n", path, error.c_str());
    return cli::exit_io;
  }
  return cli::exit_ok;
}

}  // namespace

int main(int argc, char **argv) {
  if (argc < 2) {
    std::fputs(cli::main_help().c_str(), stderr);
    return cli::exit_usage;
  }
  const char *cmd = argv[1];
  if (!std::strcmp(cmd, "--help") || !std::strcmp(cmd, "-h") || !std::strcmp(cmd, "help")) {
    std::fputs(cli::main_help().c_str(), stdout);
    return cli::exit_ok;
  }
  // Hidden (not in --help): the man page, for the build (cli/CMakeLists.txt writes caci.1).
  if (!std::strcmp(cmd, "--man")) return print_man_page(argc > 2 ? argv[2] : "-");
  if (!std::strcmp(cmd, "--version") || !std::strcmp(cmd, "-V") || !std::strcmp(cmd, "version"))
    return print_version();
  if (!std::strcmp(cmd, "parse")) return cli::cmd_parse(argc - 2, argv + 2);
  if (!std::strcmp(cmd, "index")) return cli::cmd_index(argc - 2, argv + 2);
  if (!std::strcmp(cmd, "search")) return cli::cmd_search(argc - 2, argv + 2);
  if (!std::strcmp(cmd, "complete")) return cli::cmd_complete(argc - 2, argv + 2);
  if (!std::strcmp(cmd, "related")) return cli::cmd_related(argc - 2, argv + 2);
  if (!std::strcmp(cmd, "export")) return cli::cmd_export(argc - 2, argv + 2);
  if (!std::strcmp(cmd, "stats")) return cli::cmd_stats(argc - 2, argv + 2);
  if (!std::strcmp(cmd, "verify")) return cli::cmd_verify(argc - 2, argv + 2);
  std::fprintf(stderr, "caci: unknown command '%s'\n\n%s", cmd, cli::main_help().c_str());
  return cli::exit_usage;
}
