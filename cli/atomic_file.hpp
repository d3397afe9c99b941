// Atomic replacement of an output file: readers, a crash or a full disk see either the old file
// or the complete new one, never a truncated mix.
#pragma once

#include <string>
#include <string_view>

namespace cli {

// Writes all of `data` to `path` through a temporary file in the same directory
// (`.<name>.tmp-XXXXXX`): written, fsync'ed, closed, then rename()d over `path`. On any failure the
// temporary file is removed, an existing `path` is left byte for byte as it was, and `error` says
// which step failed and why. The new file keeps the mode of the file it replaces (a new one gets
// 0666 minus the umask); a symbolic link is followed, so the link stays and its target is replaced.
// A `path` that exists but is not a regular file (/dev/null, a FIFO) is written in place: there is
// nothing to keep, and renaming over a device node would replace it.
bool write_file_atomically(const std::string &path, std::string_view data, std::string &error);

}  // namespace cli
