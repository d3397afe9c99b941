// Out of memory is a status (caci/core/status.hpp), never an exception leaving the core. The
// standard containers report a failed allocation by throwing std::bad_alloc, or std::length_error
// for a size past max_size(); this is the one place the core turns either into Status::enomem.
#pragma once

#include "caci/core/status.hpp"

#include <new>
#include <stdexcept>

namespace caci {

// Runs body() and returns its status. When an allocation fails inside it, runs undo(), which must
// not allocate, to leave the caller's objects in a valid state, and returns Status::enomem.
template <class Body, class Undo> Status enomem_on_alloc_failure(Body &&body, Undo &&undo) {
  try {
    return body();
  } catch (const std::bad_alloc &) {
  } catch (const std::length_error &) {
  }
  undo();
  return Status::enomem;
}

}  // namespace caci
