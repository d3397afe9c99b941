// caci verify INDEX.caci: checks every checksum of an index file. Opening an index checks only
// its small sections (so that a search starts at once); the postings pages and text chunks are
// checked when first read. This reads them all.
#include "cli.hpp"

#include <cstdio>

namespace cli {

int cmd_verify(int argc, char **argv) {
  ArgWalker args(argc, argv, "verify");
  while (args.next()) return usage_error("verify", "unknown option '%s'", args.arg_cstr());
  if (args.help_shown()) return exit_ok;
  if (args.operands().size() != 1) return usage_error("verify", "%s", "needs one index file");
  const std::string &path = args.operands()[0];
  caci_index *index = nullptr;
  caci_status st = caci_index_open_file(path.c_str(), nullptr, &index);
  if (st == CACI_ENOTFOUND || st == CACI_EIO) {
    std::fprintf(stderr, "caci verify: %s\n", caci_last_load_error());
    return exit_io;
  }
  if (st != CACI_OK) {
    std::fprintf(stderr, "caci verify: '%s' is not a usable index: %s (%s)\n", path.c_str(),
                 caci_last_load_error(), caci_status_str(st));
    return exit_other;
  }
  caci_str problem{};
  st = caci_index_verify(index, &problem);
  if (st != CACI_OK) {
    std::fprintf(stderr,
                 "caci verify: '%s' is damaged: %.*s (%s)\n"
                 "  Rebuild it from the pages: caci index -o %s PAGES...\n",
                 path.c_str(), static_cast<int>(problem.len), problem.ptr ? problem.ptr : "",
                 caci_status_str(st), path.c_str());
    caci_index_free(index);
    return exit_other;
  }
  std::printf("%s: ok, %zu articles, every checksum matches\n", path.c_str(),
              caci_index_article_count(index));
  caci_index_free(index);
  return exit_ok;
}

}  // namespace cli
