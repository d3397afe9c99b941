// The exception firewall of the C ABI. Every extern "C" entry point runs its body through one of
// these guards, so no C++ exception can cross into C (lesson 11): std::bad_alloc becomes
// CACI_ENOMEM, anything else CACI_EINTERNAL. Getters that cannot report a status return a neutral
// value instead. Under -fno-exceptions (the wasm build) the guards are plain calls.
#pragma once

#include "caci/caci.h"
#include "caci/core/status.hpp"

#include <new>
#include <type_traits>
#include <utility>

#if defined(__cpp_exceptions) || defined(__EXCEPTIONS)
#define CACI_CAPI_HAS_EXCEPTIONS 1
#else
#define CACI_CAPI_HAS_EXCEPTIONS 0
#endif

namespace caci::capi {

inline caci_status to_c(Status s) noexcept {
  return static_cast<caci_status>(s);
}

// Runs `body` (returning caci_status or caci::Status) and maps exceptions to statuses.
template <class Body> caci_status guard(Body &&body) noexcept {
#if CACI_CAPI_HAS_EXCEPTIONS
  try {
#endif
    if constexpr (std::is_same_v<decltype(body()), Status>)
      return to_c(body());
    else
      return body();
#if CACI_CAPI_HAS_EXCEPTIONS
  } catch (const std::bad_alloc &) {
    return CACI_ENOMEM;
  } catch (...) {
    return CACI_EINTERNAL;
  }
#endif
}

// Runs `body` and returns `fallback` if it throws (for getters without a status).
template <class T, class Body> T guard_value(T fallback, Body &&body) noexcept {
#if CACI_CAPI_HAS_EXCEPTIONS
  try {
#endif
    return body();
#if CACI_CAPI_HAS_EXCEPTIONS
  } catch (...) {
    return fallback;
  }
#endif
}

// Runs a void `body`, swallowing exceptions (destructors and clear()).
template <class Body> void guard_void(Body &&body) noexcept {
#if CACI_CAPI_HAS_EXCEPTIONS
  try {
#endif
    body();
#if CACI_CAPI_HAS_EXCEPTIONS
  } catch (...) {
  }
#endif
}

}  // namespace caci::capi
