// Status codes shared by the core and the C ABI. The numeric values are pinned:
// capi/include/caci/caci.h exposes the same numbers as CACI_* constants.
#pragma once

namespace caci {

// BEGIN GENERATED: status (tools/gen_tables.py; edit core/tables, not this)
enum class Status : int {
  ok = 0,
  done = 1,         // nothing (more) to do; not an error
  einval = -1,      // invalid argument: NULL handle, index out of range, bad version
  enomem = -2,      // out of memory; the handle is left in its previous valid state
  eio = -3,         // a file could not be read or written
  eutf8 = -4,       // invalid UTF-8 under CACI_PARSE_STRICT
  ecorrupt = -5,    // index bytes truncated, checksum mismatch or invalid structure
  eversion = -6,    // unsupported index format or options version
  equery = -7,      // malformed query; see caci_index_error()
  ebufs = -8,       // caller buffer too small
  enotfound = -9,   // no such article
  erange = -10,     // input exceeds a format limit (e.g. 4 GiB of text)
  einternal = -11,  // internal error (a bug); the handle stays usable
};
// END GENERATED: status

const char *status_str(Status s) noexcept;

inline bool failed(Status s) noexcept {
  return static_cast<int>(s) < 0;
}

}  // namespace caci
