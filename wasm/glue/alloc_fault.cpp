// Test hook for out-of-memory: caci_wasm_fail_allocation(n) makes the n-th C++ allocation from
// now on throw std::bad_alloc, once. The wasm tests arm it before parse, add, search and save and
// check that each returns CACI_ENOMEM and that the module keeps working afterwards, the way
// tests/capi/capi_oom_test.cpp fails every allocation in turn natively. Unarmed, it costs one
// comparison per allocation.
#include <cstddef>
#include <cstdlib>
#include <new>

#define CACI_WASM_API extern "C" __attribute__((used, visibility("default")))

namespace {
long fail_after = 0;  // 0: off; n > 0: the n-th allocation from now fails
}

CACI_WASM_API void caci_wasm_fail_allocation(long n) {
  fail_after = n > 0 ? n : 0;
}

// Allocations still to go before the armed failure; 0 once it has happened (or when off).
CACI_WASM_API long caci_wasm_allocations_left(void) {
  return fail_after;
}

void *operator new(std::size_t size) {
  if (fail_after > 0 && --fail_after == 0) throw std::bad_alloc();
  void *p = std::malloc(size ? size : 1);
  if (!p) throw std::bad_alloc();
  return p;
}
void *operator new[](std::size_t size) {
  return operator new(size);
}
void *operator new(std::size_t size, const std::nothrow_t &) noexcept {
  try {
    return operator new(size);
  } catch (...) {
    return nullptr;
  }
}
void *operator new[](std::size_t size, const std::nothrow_t &tag) noexcept {
  return operator new(size, tag);
}
void operator delete(void *p) noexcept {
  std::free(p);
}
void operator delete[](void *p) noexcept {
  std::free(p);
}
void operator delete(void *p, std::size_t) noexcept {
  std::free(p);
}
void operator delete[](void *p, std::size_t) noexcept {
  std::free(p);
}
