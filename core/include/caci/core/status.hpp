// Status codes shared by the core and the C ABI. The numeric values are pinned:
// capi/include/caci/caci.h exposes the same numbers as CACI_* constants.
#pragma once

namespace caci {

enum class Status : int {
  ok = 0,
  done = 1,         // iteration finished / nothing more to do (not an error)
  einval = -1,      // invalid argument (NULL pointer, out-of-range index, bad option version)
  enomem = -2,      // out of memory
  eio = -3,         // file could not be read or written
  eutf8 = -4,       // invalid UTF-8 under strict parsing
  ecorrupt = -5,    // index bytes truncated, checksum mismatch or structurally invalid
  eversion = -6,    // index or options version not supported
  equery = -7,      // malformed search query
  ebufs = -8,       // caller-supplied buffer too small
  enotfound = -9,   // no such article / id
  erange = -10,     // input too large for the format's limits
  einternal = -11,  // a bug: an invariant did not hold
};

const char *status_str(Status s) noexcept;

inline bool failed(Status s) noexcept {
  return static_cast<int>(s) < 0;
}

}  // namespace caci
