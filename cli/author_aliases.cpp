// Reads an alias file and sets it on an index; see author_aliases.hpp.
#include "author_aliases.hpp"

#include "cli.hpp"

namespace cli {

int apply_author_aliases(caci_index *index, const std::string &path) {
  std::string text, error;
  if (!read_file(path, text, error)) {
    std::fprintf(stderr, "caci: cannot read aliases '%s': %s\n", path.c_str(), error.c_str());
    return exit_io;
  }
  const caci_status st = caci_index_set_author_aliases(index, text.data(), text.size());
  if (st == CACI_EINVAL) {
    caci_str message{};
    caci_index_error(index, &message, nullptr);
    std::fprintf(stderr, "caci: %s: %.*s\n", path.c_str(), static_cast<int>(message.len),
                 message.ptr ? message.ptr : "malformed alias file");
    return exit_usage;
  }
  if (st != CACI_OK) {
    std::fprintf(stderr, "caci: cannot use aliases '%s': %s\n", path.c_str(), caci_status_str(st));
    return exit_other;
  }
  return exit_ok;
}

}  // namespace cli
