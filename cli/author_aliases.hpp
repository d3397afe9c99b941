// `--aliases FILE` of caci index and caci search: the author alias table (format in caci.h,
// "People") read from a file and set on an index.
#pragma once

#include "caci/caci.h"

#include <string>

namespace cli {

// Reads `path` and sets it as the index's alias table. Returns exit_ok, or prints the reason
// ("caci: aliases.txt: aliases line 3: expected ...") and returns exit_io (unreadable) or
// exit_usage (malformed).
int apply_author_aliases(caci_index *index, const std::string &path);

}  // namespace cli
